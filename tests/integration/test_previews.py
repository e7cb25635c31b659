"""The preview rendition: made at ingest (AVIF and WebP, long side 1536 or the original's),
faithful to the original, counted in storage and deleted with the image."""

import io

import httpx
from PIL import Image, ImageDraw, ImageFilter

from tests.support import object_exists


def _picture(width: int, height: int) -> bytes:
    """Soft shapes on a gradient, like a generated image (not noise)."""
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for n in range(6):
        x, y = (n * 331) % width, (n * 197) % height
        draw.ellipse((x, y, x + width // 4, y + height // 4), fill=(40 * n, 255 - 30 * n, 120))
    out = io.BytesIO()
    image.filter(ImageFilter.GaussianBlur(3)).save(out, "PNG")
    return out.getvalue()


def _mean_error(a: Image.Image, b: Image.Image) -> float:
    pa, pb = a.convert("RGB").tobytes(), b.convert("RGB").tobytes()
    return sum(abs(x - y) for x, y in zip(pa, pb, strict=True)) / len(pa)


def test_a_large_image_gets_a_faithful_1536_px_preview_in_avif_and_webp(user, add_image, owner_db):
    data = _picture(2048, 1024)
    image_id = add_image(user.user_id, data=data, width=2048, height=1024)
    image = user.get(f"/api/v1/files/images/{image_id}").json()
    avif = httpx.get(image["preview_url"]).content
    webp = httpx.get(image["preview_fallback_url"]).content
    original = Image.open(io.BytesIO(data)).convert("RGB")
    for body, kind in ((avif, "AVIF"), (webp, "WEBP")):
        preview = Image.open(io.BytesIO(body))
        assert preview.format == kind
        assert preview.size == (1536, 768)
        expected = original.resize(preview.size, Image.Resampling.LANCZOS)
        assert _mean_error(preview, expected) < 4.0, kind  # of 255
        assert not preview.info.get("exif") and not getattr(preview, "text", {})
    assert len(avif) < len(data) / 4  # far lighter than the original
    row = owner_db.execute(
        "select file_size_bytes, thumbnails_size_bytes from images where image_id = %s", [image_id]
    ).fetchone()
    assert row["thumbnails_size_bytes"] > len(avif) + len(webp)  # counted with the thumbnails


def test_a_small_image_keeps_its_size_and_purging_removes_the_previews(user, add_image, owner_db):
    image_id = add_image(user.user_id, data=_picture(640, 480), width=640, height=480)
    image = user.get(f"/api/v1/files/images/{image_id}").json()
    assert Image.open(io.BytesIO(httpx.get(image["preview_url"]).content)).size == (640, 480)
    keys = owner_db.execute(
        "select preview_avif_key, preview_webp_key from images where image_id = %s", [image_id]
    ).fetchone()
    assert all(object_exists(key) for key in keys.values())
    user.delete(f"/api/v1/files/images/{image_id}")
    user.delete("/api/v1/files/trash")
    assert not any(object_exists(key) for key in keys.values())
    assert user.get("/api/v1/files/storage-usage").json()["used_bytes"] == 0
