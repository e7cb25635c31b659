"""Renditions (thumbnails, preview, placeholder) made side by side from one decode: the same
bytes as made one by one, the sizes Pillow's thumbnail() gives, and every kind of PNG that
generators write (16-bit, palette, interlaced, with alpha) coming out with its pixels."""

import io
import struct
import zlib

import pytest
from PIL import Image, ImageDraw

from gallery import imaging

MAX_PIXELS = 50_000_000


def _picture(width: int, height: int) -> Image.Image:
    """Soft shapes on a gradient, like a generated image (not noise)."""
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for n in range(6):
        x, y = (n * 331) % width, (n * 197) % height
        draw.ellipse((x, y, x + width // 4, y + height // 4), fill=(40 * n, 255 - 30 * n, 120))
    return image


def _png(image: Image.Image, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", **options)
    return out.getvalue()


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


# Adam7: (first column, first row, column step, row step) of each of the seven passes
ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
         (0, 1, 1, 2))  # fmt: skip


def _hand_written_png(image: Image.Image, bit_depth: int = 8, interlaced: bool = False) -> bytes:
    """An RGB or RGBA PNG written here (Pillow writes neither 16-bit colour nor Adam7):
    16-bit samples are the 8-bit ones times 257, so they stand for the very same colours."""
    channels = len(image.getbands())
    colour_type = {3: 2, 4: 6}[channels]
    sample = (lambda v: bytes([v, v])) if bit_depth == 16 else (lambda v: bytes([v]))
    pixels = image.load()
    passes = ADAM7 if interlaced else ((0, 0, 1, 1),)
    raw = bytearray()
    for x0, y0, dx, dy in passes:
        columns = range(x0, image.width, dx)
        for y in range(y0, image.height, dy) if columns else ():
            raw.append(0)  # filter: none
            for x in columns:
                raw += b"".join(sample(v) for v in pixels[x, y])
    header = struct.pack(">IIBBBBB", image.width, image.height, bit_depth, colour_type, 0, 0,
                         int(interlaced))  # fmt: skip
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(bytes(raw))) + _chunk(b"IEND", b""))  # fmt: skip


def _made(data: bytes) -> imaging.Renditions:
    return imaging.renditions(imaging.decode(data, MAX_PIXELS, draft_to=imaging.PREVIEW_SIZE))


def _opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _mean_error(a: Image.Image, b: Image.Image) -> float:
    pa, pb = a.tobytes(), b.tobytes()
    return sum(abs(x - y) for x, y in zip(pa, pb, strict=True)) / len(pa)


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "P", "LA"])
def test_renditions_made_side_by_side_are_the_bytes_made_one_by_one(mode):
    picture = _picture(2000, 1100)
    if mode == "RGBA":
        picture.putalpha(Image.linear_gradient("L").resize(picture.size))
    data = _png(picture.convert(mode) if mode != "RGBA" else picture)
    decoded = imaging.decode(data, MAX_PIXELS, draft_to=imaging.PREVIEW_SIZE)
    made = imaging.renditions(decoded)
    assert made.thumbnails == imaging.thumbnails(decoded)
    assert made.previews == imaging.preview(decoded)
    assert made.placeholder == imaging.placeholder(made.thumbnails[256])


SIZES = [(2048, 2048), (1999, 777), (600, 2500), (4000, 3), (3, 1700), (1537, 1536), (300, 200)]


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_renditions_have_the_sizes_pillows_thumbnail_gives(width, height):
    made = _made(_png(_picture(width, height)))
    for longest, body in [*made.thumbnails.items(), (imaging.PREVIEW_SIZE, made.previews["avif"])]:
        expected = Image.new("L", (width, height))
        expected.thumbnail((longest, longest))
        assert _opened(body).size == expected.size, longest


def test_an_interlaced_png_gives_the_renditions_of_the_same_pixels_not_interlaced():
    picture = _picture(1800, 1200)
    interlaced = _hand_written_png(picture, interlaced=True)
    assert _opened(interlaced).info.get("interlace") == 1
    assert _opened(interlaced).tobytes() == picture.tobytes()
    made, plain = _made(interlaced), _made(_png(picture))
    assert (made.thumbnails, made.previews) == (plain.thumbnails, plain.previews)


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_a_16_bit_png_gives_the_renditions_of_its_8_bit_colours(mode):
    picture = _picture(1700, 900).convert(mode)
    made = _made(_hand_written_png(picture, bit_depth=16))
    plain = _made(_hand_written_png(picture, bit_depth=8))
    assert (made.thumbnails, made.previews) == (plain.thumbnails, plain.previews)


def test_a_16_bit_grey_png_keeps_its_greys_instead_of_turning_white():
    greys = Image.linear_gradient("L").resize((1600, 1600))  # 0 at the top, 255 at the bottom
    sixteen = greys.point(lambda v: v * 257, "I").convert("I;16")
    made = _made(_png(sixteen))
    assert _opened(_png(sixteen)).mode == "I;16"
    for body in (*made.thumbnails.values(), *made.previews.values()):
        shown = _opened(body).convert("L")
        expected = greys.resize(shown.size, Image.Resampling.LANCZOS)
        assert _mean_error(shown, expected) < 3.0


def test_a_16_bit_grey_png_keeps_the_transparency_of_its_trns_colour():
    sixteen = Image.new("I;16", (600, 600), 20_000)
    sixteen.paste(65535, (0, 0, 300, 600))  # the left half is the transparent colour
    made = _made(_png(sixteen, transparency=65535))
    thumbnail = _opened(made.thumbnails[512]).convert("RGBA")
    assert thumbnail.getpixel((50, 256))[3] == 0
    red, _green, _blue, alpha = thumbnail.getpixel((460, 256))
    assert alpha == 255 and red == pytest.approx(20_000 // 257, abs=3)


def test_a_palette_png_with_a_transparent_entry_keeps_its_colours_and_alpha():
    picture = _picture(1200, 1200).quantize(32)
    transparent = picture.getpixel((0, 0))  # the top-left corner's palette entry
    made = _made(_png(picture, transparency=transparent))
    expected = picture.convert("RGBA").resize((512, 512), Image.Resampling.LANCZOS)
    thumbnail = _opened(made.thumbnails[512]).convert("RGBA")
    assert thumbnail.getpixel((0, 0))[3] == 0
    assert _mean_error(thumbnail, expected) < 4.0
    assert _opened(made.previews["avif"]).size == (1200, 1200)


@pytest.mark.parametrize("mode", ["RGBA", "LA"])
def test_an_alpha_png_keeps_its_alpha_in_every_rendition(mode):
    picture = _picture(2048, 1024).convert(mode[0] if mode == "LA" else "RGB")
    picture.putalpha(Image.linear_gradient("L").rotate(90).resize(picture.size))
    made = _made(_png(picture))
    for body in (*made.thumbnails.values(), *made.previews.values()):
        shown = _opened(body).convert("RGBA")
        expected = picture.convert("RGBA").resize(shown.size, Image.Resampling.LANCZOS)
        assert _mean_error(shown.getchannel("A"), expected.getchannel("A")) < 3.0
    assert made.placeholder  # a transparent image gets its stand-in too


def test_an_exif_rotated_jpeg_comes_out_upright_in_every_rendition():
    picture = _picture(1800, 1000)
    picture.paste((255, 0, 0), (0, 0, 200, 200))  # a red corner, top left as stored
    exif = Image.Exif()
    exif[0x0112] = 6  # shown rotated a quarter turn clockwise: the corner goes top right
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=92, exif=exif)
    made = _made(out.getvalue())
    for body in (*made.thumbnails.values(), *made.previews.values()):
        shown = _opened(body).convert("RGB")
        assert shown.width < shown.height
        red, green, _blue = shown.getpixel((shown.width - 3, 3))
        assert red > 200 and green < 60
