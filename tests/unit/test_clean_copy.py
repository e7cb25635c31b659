"""The copy a share link serves when the owner keeps the prompt: no metadata in any format,
the same picture (PNG and lossless WebP pixel for pixel), upright."""

import io

import pytest
from PIL import Image, PngImagePlugin

from gallery.imaging import clean_copy

PROMPT = "secret prompt 비밀 프롬프트"


def _picture(mode: str = "RGB") -> Image.Image:
    image = Image.new(mode, (80, 48), (30, 90, 160))
    for x in range(80):
        image.putpixel((x, (x * 7) % 48), (250, x * 3, 10))
    return image


def _exif(orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010E] = PROMPT  # ImageDescription
    exif[0x9286] = PROMPT.encode()  # UserComment
    if orientation:
        exif[0x0112] = orientation
    return exif


def _encode(fmt: str, image: Image.Image, **extra) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **extra)
    return out.getvalue()


def _assert_clean(data: bytes) -> Image.Image:
    assert PROMPT.encode() not in data and "비밀".encode() not in data
    image = Image.open(io.BytesIO(data))
    image.load()
    assert not getattr(image, "text", {})
    assert not dict(image.getexif())
    assert not image.info.get("xmp") and not image.info.get("exif")
    return image


def _mean_error(a: Image.Image, b: Image.Image) -> float:
    pa, pb = a.convert("RGB").tobytes(), b.convert("RGB").tobytes()
    return sum(abs(x - y) for x, y in zip(pa, pb, strict=True)) / len(pa)


def test_png_loses_text_and_exif_but_not_a_pixel():
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", PROMPT)
    info.add_itxt("prompt", PROMPT)
    source = _picture("RGBA")
    data, mime = clean_copy(_encode("PNG", source, pnginfo=info, exif=_exif()), 10**7)
    assert mime == "image/png"
    copy = _assert_clean(data)
    assert copy.mode == "RGBA" and copy.tobytes() == source.tobytes()


@pytest.mark.parametrize(("fmt", "mime", "lossless"), [
    ("JPEG", "image/jpeg", False), ("WEBP", "image/webp", True), ("WEBP", "image/webp", False),
])  # fmt: skip
def test_jpeg_and_webp_lose_exif_and_xmp_and_keep_the_picture(fmt, mime, lossless):
    source = _picture()
    extra = {"lossless": True} if lossless else {"quality": 90}
    xmp = f"<x:xmpmeta><rdf:Description dc:description='{PROMPT}'/></x:xmpmeta>".encode()
    if fmt == "JPEG":
        data = _encode(fmt, source, quality=90, exif=_exif(), xmp=xmp)
    else:
        data = _encode(fmt, source, exif=_exif(), xmp=xmp, **extra)
    assert PROMPT.encode() in data  # the source does carry it
    copy_bytes, copy_mime = clean_copy(data, 10**7)
    assert copy_mime == mime
    copy = _assert_clean(copy_bytes)
    original = Image.open(io.BytesIO(data))
    if lossless:
        assert copy.convert("RGB").tobytes() == original.convert("RGB").tobytes()
    else:
        assert _mean_error(copy, original) < 3.0  # of 255: a second encode, same tables


def test_an_exif_rotated_jpeg_comes_out_upright_without_its_exif():
    source = _picture()  # 80 x 48, stored on its side: orientation 6 shows it 48 x 80
    data = _encode("JPEG", source, quality=95, exif=_exif(orientation=6))
    copy = _assert_clean(clean_copy(data, 10**7)[0])
    assert copy.size == (48, 80)
    upright = Image.open(io.BytesIO(data)).transpose(Image.Transpose.ROTATE_270)
    assert _mean_error(copy, upright) < 3.0


MARKER = b"PLANTED-MARKER-7f3a"


def _with_segments(jpeg: bytes, *segments: tuple[int, bytes]) -> bytes:
    """The JPEG with extra marker segments right after SOI (COM, APP13 IPTC, APPn…)."""
    import struct

    extra = b"".join(bytes([0xFF, marker]) + struct.pack(">H", len(body) + 2) + body
                     for marker, body in segments)  # fmt: skip
    return jpeg[:2] + extra + jpeg[2:]


def test_jpeg_comments_iptc_and_application_segments_are_not_copied():
    """Issue 15, finding 3: Pillow carried the COM segment over into the copy."""
    source = _encode("JPEG", _picture(), quality=90, exif=_exif(), comment=MARKER,
                     xmp=b"<x:xmpmeta>" + MARKER + b"</x:xmpmeta>")  # fmt: skip
    planted = _with_segments(
        source,
        (0xFE, b"second comment " + MARKER),  # COM
        (0xED, b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x10" + MARKER),  # IPTC
        (0xEC, b"Ducky" + MARKER),  # APP12
    )
    assert planted.count(MARKER) == 5
    copy_bytes, _ = clean_copy(planted, 10**7)
    assert MARKER not in copy_bytes
    _assert_clean(copy_bytes)
    assert "comment" not in Image.open(io.BytesIO(copy_bytes)).info


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "AVIF"])
def test_markers_in_every_metadata_chunk_of_png_webp_and_avif_are_not_copied(fmt):
    exif = Image.Exif()
    exif[0x010E] = MARKER.decode()
    xmp = b"<x:xmpmeta>" + MARKER + b"</x:xmpmeta>"
    extra = {"exif": exif, "xmp": xmp}
    if fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_text("parameters", MARKER.decode())
        info.add_text("Comment", MARKER.decode(), zip=True)  # zTXt
        info.add_itxt("Description", MARKER.decode(), zip=True)
        extra = {"exif": exif, "pnginfo": info}
    data = _encode(fmt, _picture(), **extra)
    assert MARKER in data  # the source carries it (tEXt, EXIF, XMP)
    copy_bytes, _ = clean_copy(data, 10**7)
    assert MARKER not in copy_bytes
    copy = Image.open(io.BytesIO(copy_bytes))
    assert not dict(copy.getexif()) and not copy.info.get("xmp")
    assert not getattr(copy, "text", {})
