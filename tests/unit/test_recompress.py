"""Lossless recompression of PNG originals: smaller, the same pixels, every metadata chunk
kept; and left alone whenever that cannot be proven."""

import io
import struct
import zlib

import pytest
from PIL import Image, ImageCms, ImageDraw, PngImagePlugin

from gallery.imaging.recompress import identical, recompress_png

SETTINGS = {"level": 2, "min_saving": 0.10, "max_pixels": 16_000_000, "timeout_seconds": 30}
PARAMETERS = "서울의 골목길, 수채화\nNegative prompt: blurry\nSteps: 28, Seed: 42"


def _flat_art(mode: str = "RGB", size=(320, 240)) -> Image.Image:
    """Flat fills and outlines: what a poor encoder (zlib level 1) leaves much room in."""
    image = Image.new("RGB", size, (120, 170, 230))
    draw = ImageDraw.Draw(image)
    for n in range(12):
        x, y = (n * 53) % size[0], (n * 37) % size[1]
        draw.rectangle((x, y, x + 60, y + 40), fill=(20 * n, 200 - 10 * n, 90), outline=(0, 0, 0))
    return image.convert(mode)


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _with_chunk(data: bytes, kind: bytes, body: bytes) -> bytes:
    """Inserts a chunk right after IHDR (8-byte signature + 25-byte IHDR chunk)."""
    return data[:33] + _chunk(kind, body) + data[33:]


def _png(image: Image.Image, **save) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", PARAMETERS)
    info.add_text("workflow", '{"nodes": [1, 2, 3]}' * 20, zip=True)
    info.add_itxt("Description", "여우", lang="ko", tkey="설명")
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1, pnginfo=info, **save)
    return out.getvalue()


def _chunk_types(data: bytes) -> list[bytes]:
    types, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        types.append(data[at + 4 : at + 8])
        at += 12 + length
    return types


def test_a_poorly_compressed_png_gets_smaller_with_the_same_pixels_and_text():
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    original = _with_chunk(_png(_flat_art(), icc_profile=icc), b"prVt", b"private data")
    result = recompress_png(original, **SETTINGS)
    assert result.outcome == "recompressed"
    assert len(result.data) < 0.9 * len(original)
    before, after = Image.open(io.BytesIO(original)), Image.open(io.BytesIO(result.data))
    assert after.convert("RGBA").tobytes() == before.convert("RGBA").tobytes()
    assert after.text == before.text and after.text["parameters"] == PARAMETERS
    assert (after.text["Description"].lang, after.text["Description"].tkey) == ("ko", "설명")
    assert after.info["icc_profile"] == icc
    assert b"prVt" in _chunk_types(result.data)  # an unknown chunk survives too


@pytest.mark.parametrize("mode", ["RGBA", "P", "L", "LA"])
def test_other_colour_types_decode_to_the_same_pixels(mode):
    image = _flat_art(mode)
    if mode == "RGBA":  # some real transparency, some opaque
        image.putalpha(Image.linear_gradient("L").resize(image.size))
    extra = {"transparency": 0} if mode == "P" else {}
    original = _png(image, **extra)
    result = recompress_png(original, **SETTINGS)
    assert result.outcome == "recompressed"  # e.g. L and LA become a palette: same pixels
    assert identical(original, result.data)
    assert Image.open(io.BytesIO(result.data)).text["parameters"] == PARAMETERS


def test_verification_sees_one_changed_pixel_and_one_changed_text():
    image = _flat_art()
    original = _png(image)
    image.putpixel((5, 5), (1, 2, 3))
    assert not identical(original, _png(image))
    other = io.BytesIO()
    _flat_art().save(other, "PNG", pnginfo=PngImagePlugin.PngInfo())
    assert not identical(original, other.getvalue())  # same pixels, text chunks gone
    assert identical(original, _png(_flat_art()))


def test_an_already_tight_png_is_not_worth_replacing():
    tight = recompress_png(_png(_flat_art()), **SETTINGS).data
    assert recompress_png(tight, **SETTINGS).outcome == "not_worth_it"


@pytest.mark.parametrize(
    ("make", "outcome"),
    [
        (lambda png: _with_chunk(png, b"caBX", b"c2pa manifest"), "skipped:signed"),
        (lambda png: _with_chunk(png, b"acTL", struct.pack(">II", 1, 0)), "skipped:animated"),
        (lambda png: png + b"trailing bytes", "skipped:not_png"),
        (lambda png: png[:-20], "skipped:not_png"),
        (lambda png: png[:40] + bytes([png[40] ^ 1]) + png[41:], "skipped:not_png"),  # bad CRC
        (lambda png: b"GIF89a" + png[6:], "skipped:not_png"),
    ],
)
def test_what_cannot_be_proven_harmless_is_left_alone(make, outcome):
    result = recompress_png(make(_png(_flat_art())), **SETTINGS)
    assert (result.outcome, result.data) == (outcome, None)


def test_16_bit_and_oversized_images_are_left_alone():
    deep = io.BytesIO()
    Image.new("I;16", (64, 64), 300).save(deep, "PNG")
    assert recompress_png(deep.getvalue(), **SETTINGS).outcome == "skipped:16_bit"
    big = recompress_png(_png(_flat_art()), **{**SETTINGS, "max_pixels": 1000})
    assert big.outcome == "skipped:too_large"
