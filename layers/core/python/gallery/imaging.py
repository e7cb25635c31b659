"""Thumbnails: 256 and 512 px WebP from one decode, orientation applied, metadata stripped."""

import io

from PIL import Image, ImageOps

THUMBNAIL_SIZES = (512, 256)  # largest first: each is reduced from the previous one
WEBP_QUALITY = 80


def thumbnails(image: Image.Image) -> dict[int, bytes]:
    """WebP thumbnails keyed by their long side; the image is not modified."""
    working = ImageOps.exif_transpose(image)  # always a new image
    if working.mode not in ("RGB", "RGBA"):
        working = working.convert("RGBA" if "A" in working.getbands() else "RGB")
    result = {}
    for size in THUMBNAIL_SIZES:
        working.thumbnail((size, size), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        working.save(out, "WEBP", quality=WEBP_QUALITY, method=4)
        result[size] = out.getvalue()
    return result
