"""Thumbnails and previews are sRGB: an image tagged with another ICC profile is converted
through it, not shown with its numbers taken as sRGB.

No wide-gamut profile file is available here, so the test builds a small ICC v2 matrix
profile itself: sRGB's primaries with a linear tone curve ("linear sRGB", as renderers
write). A mid grey of 128 in it is 50 % light, which sRGB encodes as about 188: a value
computed from the sRGB formula, independently of LittleCMS.
"""

import io
import struct

from PIL import Image

from gallery import imaging

D50 = (0.9642, 1.0, 0.8249)
# sRGB's primaries adapted to D50, as ICC profiles store them
PRIMARIES = {
    b"rXYZ": (0.4361, 0.2225, 0.0139),
    b"gXYZ": (0.3851, 0.7169, 0.0971),
    b"bXYZ": (0.1431, 0.0606, 0.7141),
}


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz(values) -> bytes:
    return b"XYZ " + b"\0" * 4 + b"".join(_s15(v) for v in values)


def _linear_srgb_profile() -> bytes:
    name = b"linear sRGB\0"
    tags = {
        b"desc": b"desc" + b"\0" * 4 + struct.pack(">I", len(name)) + name
        + b"\0" * 8 + b"\0" * 3 + b"\0" * 67,
        b"cprt": b"text" + b"\0" * 4 + b"public domain\0",
        b"wtpt": _xyz(D50),
        **{sig: _xyz(xyz) for sig, xyz in PRIMARIES.items()},
        # one gamma entry, u8Fixed8: 1.0 is a linear curve
        **{sig: b"curv" + b"\0" * 4 + struct.pack(">IH", 1, 0x0100) + b"\0\0"
           for sig in (b"rTRC", b"gTRC", b"bTRC")},
    }  # fmt: skip
    table_size = 4 + 12 * len(tags)
    offset, entries, bodies = 128 + table_size, [], b""
    for signature, body in tags.items():
        body += b"\0" * (-len(body) % 4)  # tags start on 4-byte boundaries
        entries.append(struct.pack(">4sII", signature, offset + len(bodies), len(body)))
        bodies += body
    size = 128 + table_size + len(bodies)
    header = (struct.pack(">I4sI4s4s4s", size, b"lcms", 0x02100000, b"mntr", b"RGB ", b"XYZ ")
              + b"\0" * 12 + b"acsp" + b"\0" * 28 + b"".join(_s15(v) for v in D50)
              + b"\0" * 48)  # fmt: skip
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + b"".join(entries) + bodies


def _grey_png(icc: bytes | None) -> bytes:
    out = io.BytesIO()
    extra = {"icc_profile": icc} if icc else {}
    Image.new("RGB", (600, 400), (128, 128, 128)).save(out, "PNG", **extra)
    return out.getvalue()


def _srgb_encoded(linear: float) -> int:
    return round(255 * (1.055 * linear ** (1 / 2.4) - 0.055))


def _centre(data: bytes) -> tuple:
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("RGB").getpixel((image.width // 2, image.height // 2))


def test_an_image_in_another_profile_is_converted_to_srgb():
    expected = _srgb_encoded(128 / 255)  # 188
    decoded = imaging.decode(_grey_png(_linear_srgb_profile()), 10_000_000)
    made = [*imaging.thumbnails(decoded).values(), *imaging.preview(decoded).values()]
    for data in made:
        assert all(abs(channel - expected) <= 3 for channel in _centre(data)), _centre(data)


def test_an_untagged_image_is_taken_as_srgb():
    decoded = imaging.decode(_grey_png(None), 10_000_000)
    for data in imaging.thumbnails(decoded).values():
        assert all(abs(channel - 128) <= 2 for channel in _centre(data))
