"""Lossless recompression of PNG originals (oxipng), kept only when proven harmless.

oxipng re-chooses the filters, the deflate stream and, where no pixel changes, the colour
type and bit depth; every other chunk is kept. Before anything is replaced the result is
decoded and compared with the original: the same pixels, the same text chunks (generation
metadata), ICC profile, EXIF and every other ancillary chunk. Anything unsure is left alone.
"""

import io
import struct
import zlib
from dataclasses import dataclass

import oxipng
from PIL import Image

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Chunks oxipng may legitimately rewrite when it changes the encoding; all others must come
# out byte for byte. Text and the ICC profile may be re-deflated: compared decoded instead.
_REENCODED = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND", b"bKGD", b"sBIT", b"hIST"}
_COMPARED_DECODED = {b"tEXt", b"zTXt", b"iTXt", b"iCCP"}


@dataclass(frozen=True)
class Recompression:
    """``data`` is the smaller file, or None with ``outcome`` saying why not."""

    outcome: str
    data: bytes | None = None


def recompress_png(
    data: bytes, *, level: int, min_saving: float, max_pixels: int, timeout_seconds: int
) -> Recompression:
    try:
        chunks = _chunks(data)
    except ValueError:
        return Recompression("skipped:not_png")
    width, height, bit_depth = struct.unpack(">IIB", chunks[0][1][:9])
    types = {kind for kind, _ in chunks}
    if b"caBX" in types:
        # A C2PA manifest (content credentials) signs these exact bytes: keep them.
        return Recompression("skipped:signed")
    if b"acTL" in types:
        return Recompression("skipped:animated")
    if bit_depth == 16:
        # Pillow reads 16-bit colour as 8-bit: the comparison could not see a change.
        return Recompression("skipped:16_bit")
    if width * height > max_pixels:
        return Recompression("skipped:too_large")
    try:
        smaller = oxipng.optimize_from_memory(
            data, level=level, strip=oxipng.StripChunks.none(), optimize_alpha=False,
            scale_16=False, timeout=timeout_seconds,
        )  # fmt: skip
    except oxipng.PngError:
        return Recompression("skipped:unreadable")
    if len(smaller) > len(data) * (1 - min_saving):
        return Recompression("not_worth_it")
    try:
        same = identical(data, smaller)
    except (OSError, ValueError, SyntaxError):  # what Pillow raises on a file it refuses
        same = False
    if not same:
        return Recompression("failed_verification")
    return Recompression("recompressed", smaller)


def identical(original: bytes, candidate: bytes) -> bool:
    """Same pixels (compared as RGBA, whatever each file's colour type), same metadata."""
    before, after = _decoded(original), _decoded(candidate)
    if before[0].size != after[0].size or before[0].tobytes() != after[0].tobytes():
        return False
    if before[1:] != after[1:]:
        return False
    return _kept_chunks(original) == _kept_chunks(candidate)


def _decoded(data: bytes) -> tuple[Image.Image, dict, bytes | None, bytes | None]:
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        text = {key: (str(value), getattr(value, "lang", None), getattr(value, "tkey", None))
                for key, value in image.text.items()}  # fmt: skip
        icc, exif = image.info.get("icc_profile"), image.info.get("exif")
        return image.convert("RGBA"), text, icc, exif


def _kept_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    skip = _REENCODED | _COMPARED_DECODED
    return [(kind, body) for kind, body in _chunks(data) if kind not in skip]


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """The file's chunks in order, CRCs checked; ValueError unless it is a sound PNG with
    nothing after its end (bytes there would not survive re-encoding)."""
    if not data.startswith(_SIGNATURE):
        raise ValueError("not a PNG")
    found, at = [], len(_SIGNATURE)
    while at < len(data) and (not found or found[-1][0] != b"IEND"):
        if at + 12 > len(data):
            raise ValueError("truncated chunk")
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        end = at + 8 + length
        if end + 4 > len(data):
            raise ValueError("truncated chunk")
        body, (crc,) = data[at + 8 : end], struct.unpack(">I", data[end : end + 4])
        if zlib.crc32(kind + body) != crc:
            raise ValueError("damaged chunk")
        found.append((kind, body))
        at = end + 4
    if not found or found[0][0] != b"IHDR" or found[-1][0] != b"IEND" or at != len(data):
        raise ValueError("not a complete PNG, or bytes after its end")
    return found
