"""Images as bytes: what they really are, whether they are safe to decode, and thumbnails.

One decode per image: the header is checked (type from the content, pixel count) before
any pixel is decoded; the decode itself proves the file whole; both thumbnails come from it.
"""

import io
import math
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from PIL import Image, ImageCms, ImageMath

from gallery.rendition_limits import PREVIEW_MAX_BYTES, THUMBNAIL_MAX_BYTES

THUMBNAIL_SIZES = (512, 256)  # largest first: each is reduced from the previous one
PREVIEW_SIZE = 1536  # the image view's long side
AVIF_QUALITY, AVIF_SPEED = 60, 8  # Pillow's AVIF encoder at a fast setting
WEBP_QUALITY = 80
_LOWER_QUALITIES = (0.75, 0.5, 0.25)  # of the usual quality, tried in turn
MIME_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "AVIF": "image/avif"}

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class Rejected(Exception):
    """The bytes are not an image we accept; ``code`` says why in a word."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Decoded:
    image: Image.Image  # decoded, as stored (orientation not yet applied)
    mime_type: str
    width: int  # as displayed: EXIF orientation applied
    height: int
    # PNG text chunks, and EXIF UserComment (A1111 writes there in JPEG and WebP)
    text: dict[str, str] = field(default_factory=dict)
    orientation: int = 1  # EXIF orientation, not yet applied to ``image``


def decode(data: bytes, max_pixels: int, draft_to: int | None = None) -> Decoded:
    """Decodes ``data`` once, refusing anything that is not a whole PNG, JPEG, WebP or AVIF
    of at most ``max_pixels``. ``draft_to`` lets JPEG decode at a reduced scale."""
    if not data:
        raise Rejected("empty", "the file is empty")
    Image.MAX_IMAGE_PIXELS = max_pixels  # Pillow's own guard, at our limit
    with warnings.catch_warnings():
        # Pillow only warns between its limit and twice it: make that a refusal too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=list(MIME_TYPES))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise Rejected("too_many_pixels", str(error)) from None
        except Image.UnidentifiedImageError:
            raise Rejected("unsupported_type", "not a PNG, JPEG, WebP or AVIF image") from None
        except (OSError, ValueError, SyntaxError) as error:
            raise Rejected("corrupt", f"the image header is damaged: {error}") from None
        width, height = image.size
        if width * height > max_pixels:
            raise Rejected(
                "too_many_pixels", f"{width}x{height} is more than {max_pixels:,} pixels"
            )
        mime_type = MIME_TYPES[image.format]
        if draft_to and image.format == "JPEG":
            image.draft("RGB", (draft_to, draft_to))
        try:
            image.load()
            # PNG text and EXIF chunks may follow the pixels: read them once the file is whole
            exif = image.getexif()
            orientation = exif.get(0x0112, 1)
            text = {k: v for k, v in getattr(image, "text", {}).items() if isinstance(v, str)}
            comment = user_comment(exif.get_ifd(0x8769).get(0x9286)) if exif else None
            if comment:
                text["UserComment"] = comment
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
            raise Rejected("corrupt", f"the image is truncated or damaged: {error}") from None
    if orientation in (5, 6, 7, 8):  # rotated a quarter turn: width and height swap
        width, height = height, width
    return Decoded(
        image=image, mime_type=mime_type, width=width, height=height, text=text,
        orientation=orientation,
    )  # fmt: skip


def user_comment(value: object) -> str | None:
    """EXIF UserComment as text: an 8-byte charset code, then the text (piexif, which A1111
    uses, writes UNICODE as UTF-16 big-endian; some tools write little-endian)."""
    if isinstance(value, str):
        return value.strip("\x00 ") or None
    if not isinstance(value, bytes) or len(value) < 8:
        return None
    code, body = value[:8], value[8:]
    if code.startswith(b"UNICODE"):
        little = len(body) >= 2 and body[0] != 0 and body[1] == 0
        text = body.decode("utf-16-le" if little else "utf-16-be", errors="replace")
    else:  # ASCII, or undefined: UTF-8 is what the tools mean
        text = body.decode("utf-8", errors="replace")
    return text.strip("\x00 ") or None


def _to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """RGB(A) in sRGB: converted through the embedded ICC profile when there is one."""
    has_alpha = "A" in image.getbands() or "transparency" in image.info
    mode = "RGBA" if has_alpha else "RGB"
    if icc_profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
                image = image.convert(mode)
            converted = ImageCms.profileToProfile(
                image, source, _SRGB, outputMode="RGBA" if image.mode == "RGBA" else "RGB"
            )
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: keep the pixels as they are
    return image if image.mode == mode else image.convert(mode)


# EXIF orientation -> the transposition that shows the image upright (as exif_transpose).
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
# Pillow's resampling and encoders release the GIL: renditions are made side by side.
_encoders = ThreadPoolExecutor(max_workers=2, thread_name_prefix="encode")
_previews = ThreadPoolExecutor(max_workers=1, thread_name_prefix="preview")


def _fitted(image: Image.Image, longest: int, reducing_gap: float) -> Image.Image:
    """A new image within ``longest`` pixels a side, never enlarged: the size and pixels
    ``Image.thumbnail`` gives (box-reduce by the whole factor, then Lanczos) without copying
    the full-size image first. Always a new Image: renditions encode side by side, and
    ``save()`` keeps its options on the Image it is called on, so no two encodes share one."""
    width, height = image.size
    if width <= longest and height <= longest:
        return image.copy()
    aspect = width / height

    def closest(value: float, aspect_of) -> int:  # floor or ceiling: whichever keeps the aspect
        candidates = [n for n in (math.floor(value), math.ceil(value)) if n > 0] or [1]
        return min(candidates, key=lambda n: abs(aspect - aspect_of(n)))

    if aspect <= 1:  # the height is the long side
        size = (closest(longest * aspect, lambda n: n / longest), longest)
    else:
        size = (longest, closest(longest / aspect, lambda n: longest / n))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=reducing_gap)


def _in_mode(image: Image.Image, mode: str) -> Image.Image:
    """``image`` in ``mode`` (RGB or RGBA). 16-bit grey is scaled to 8 bits first: Pillow's
    own conversion clips it (a mid grey would come out white, and so would the alpha of a
    tRNS colour), so its alpha is made here too."""
    if not image.mode.startswith("I"):
        return image if image.mode == mode else image.convert(mode)
    wide = image.convert("I")
    grey = wide.point(lambda v: v / 257).convert("L")
    grey.info.pop("transparency", None)  # a 16-bit value: the alpha is made below
    converted = grey.convert(mode)
    if mode == "RGBA" and "transparency" in image.info:
        clear = image.info["transparency"]
        alpha = ImageMath.lambda_eval(lambda pixels: (pixels["v"] != clear) * 255, v=wide)
        converted.putalpha(alpha.convert("L"))
    return converted


def _encoded(image: Image.Image, kind: str, quality: int, **options) -> bytes:
    out = io.BytesIO()
    # No exif= or icc_profile=: renditions carry pixels only.
    image.save(out, kind, quality=quality, **options)
    return out.getvalue()


def _within(image: Image.Image, max_bytes: int, kind: str, quality: int, **options) -> bytes:
    """``image`` encoded in at most ``max_bytes``: at ``quality``, else at lower ones, else
    at half the size (a few pixels always fit, so this ends)."""
    while True:
        for factor in (1.0, *_LOWER_QUALITIES):
            data = _encoded(image, kind, max(1, round(quality * factor)), **options)
            if len(data) <= max_bytes:
                return data
        half = (max(1, image.width // 2), max(1, image.height // 2))
        image = image.resize(half, Image.Resampling.LANCZOS)


def _webp_thumbnail(size: int, image: Image.Image) -> bytes:
    return _within(image, THUMBNAIL_MAX_BYTES[size], "WEBP", WEBP_QUALITY, method=4)


def thumbnails(decoded: Decoded) -> dict[int, bytes]:
    """WebP thumbnails keyed by their long side: upright, sRGB, no metadata, never enlarged.

    Each size is reduced from the one before (box-reduce by the whole factor, then Lanczos
    for the rest, as libvips does); orientation and colour are fixed on the small image.
    """
    image = decoded.image
    icc_profile = image.info.get("icc_profile")
    working = image
    if image.mode not in ("RGB", "RGBA", "L", "LA", "CMYK"):
        # palette and 16-bit images would be resampled crudely
        alpha = "A" in image.getbands() or "transparency" in image.info
        working = _in_mode(image, "RGBA" if alpha else "RGB")
    sized = {}
    for size in THUMBNAIL_SIZES:
        working = _fitted(working, size, reducing_gap=1.0)
        if not sized:  # the largest: orientation and colour once, on few pixels
            if decoded.orientation in _UPRIGHT:
                working = working.transpose(_UPRIGHT[decoded.orientation])
            working = _to_srgb(working, icc_profile)
        sized[size] = working
    return dict(zip(sized, _encoders.map(_webp_thumbnail, sized, sized.values()), strict=True))


def clean_copy(data: bytes, max_pixels: int) -> tuple[bytes, str]:
    """The image at full size without its metadata (PNG text chunks, EXIF, XMP): what a
    share link serves when the owner keeps the prompt to themselves. Upright, colour profile
    kept; PNG stays lossless, JPEG keeps its quantisation where it was not rotated.
    Returns the bytes and their media type (the original's)."""
    decoded = decode(data, max_pixels)
    image = decoded.image
    icc = {"icc_profile": image.info["icc_profile"]} if image.info.get("icc_profile") else {}
    out = io.BytesIO()
    if decoded.orientation in _UPRIGHT:
        image = image.transpose(_UPRIGHT[decoded.orientation])
    # nothing read with the pixels rides along (Pillow's JPEG writer reuses info["comment"])
    image.info = {}
    if decoded.mime_type == "image/png":
        image.save(out, "PNG", **icc)  # no pnginfo=, no exif=: pixels and colour only
    elif decoded.mime_type == "image/jpeg":
        keep = decoded.orientation not in _UPRIGHT  # a rotated copy has no tables to keep
        quality = {"quality": "keep", "subsampling": "keep"} if keep else {"quality": 95}
        image.save(out, "JPEG", **quality, **icc)
    elif decoded.mime_type == "image/webp":
        lossless = b"VP8L" in data[:64]
        image.save(out, "WEBP", lossless=lossless, quality=100 if lossless else 92, **icc)
    else:
        image.save(out, "AVIF", quality=90, **icc)
    return out.getvalue(), decoded.mime_type


def placeholder(thumbnail: bytes) -> str:
    """A ThumbHash of a thumbnail, base64: a blurred stand-in with the image's aspect ratio
    (and alpha) in about 25 bytes. ThumbHash keeps a handful of coefficients, so 48 pixels a
    side give the same hash shape as its 100 maximum at a quarter of the (pure Python) work."""
    import base64

    from thumbhash import rgba_to_thumb_hash

    with Image.open(io.BytesIO(thumbnail)) as image:
        small = image.convert("RGBA")
    small.thumbnail((48, 48), Image.Resampling.BILINEAR)
    if small.getextrema()[3][0] < 255:
        # thumbhash 0.1.2 fails on any transparency (a slip in its alpha branch): the
        # stand-in of a transparent image is made opaque, over white
        small = Image.alpha_composite(Image.new("RGBA", small.size, "white"), small)
    digest = rgba_to_thumb_hash(small.width, small.height, list(small.tobytes()))
    return base64.b64encode(bytes(digest)).decode()


def preview(decoded: Decoded) -> dict[str, bytes]:
    """The image view's rendition: upright, sRGB, long side at most PREVIEW_SIZE, no
    metadata, within PREVIEW_MAX_BYTES; AVIF (small) and WebP (for browsers without AVIF)."""
    image = decoded.image
    icc_profile = image.info.get("icc_profile")
    mode = "RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB"
    working = _fitted(_in_mode(image, mode), PREVIEW_SIZE, reducing_gap=2.0)
    if decoded.orientation in _UPRIGHT:
        working = working.transpose(_UPRIGHT[decoded.orientation])
    working = _to_srgb(working, icc_profile)
    caps = PREVIEW_MAX_BYTES
    avif = _encoders.submit(_within, working, caps["avif"], "AVIF", AVIF_QUALITY, speed=AVIF_SPEED)
    # the fallback for the few browsers without AVIF: a faster WebP method (~2x, ~10% larger);
    # its own copy, as the two encode at once (see _fitted)
    webp = _encoders.submit(_within, working.copy(), caps["webp"], "WEBP", WEBP_QUALITY, method=2)
    return {"avif": avif.result(), "webp": webp.result()}


@dataclass
class Renditions:
    thumbnails: dict[int, bytes]  # as thumbnails() makes them
    previews: dict[str, bytes]  # as preview() makes them
    placeholder: str  # of the 256 px thumbnail


def renditions(decoded: Decoded) -> Renditions:
    """Everything ingest makes from one decode. The preview is the longest (a resize from
    full size, then AVIF and WebP), so it starts first, on its own thread; the thumbnails and
    the placeholder are made meanwhile."""
    previews = _previews.submit(preview, decoded)
    thumbs = thumbnails(decoded)
    stand_in = placeholder(thumbs[256])
    return Renditions(thumbnails=thumbs, previews=previews.result(), placeholder=stand_in)
