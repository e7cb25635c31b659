"""Test data made the way the product makes it: real image bytes in S3, rows through the
core service (never SQL)."""

import hashlib
import io
import uuid
from datetime import datetime

from botocore.exceptions import ClientError
from PIL import Image

from gallery.config import get_settings
from gallery.imaging import thumbnails
from gallery.models import NewImage
from gallery.services import images
from gallery.storage import s3


def png_bytes(width: int = 64, height: int = 48, colour=(200, 30, 90)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def store_image(
    user_id: uuid.UUID,
    *,
    prompt: str = "a cat in a spacesuit",
    tags: list[str] | None = None,
    folder_id: uuid.UUID | None = None,
    is_favorite: bool = False,
    created_at: datetime | None = None,
    width: int = 64,
    height: int = 48,
) -> uuid.UUID:
    image_id = uuid.uuid4()
    original = png_bytes(width, height)
    thumbs = thumbnails(Image.open(io.BytesIO(original)))
    base = f"users/{user_id}/"
    keys = {
        "s3_key": f"{base}images/{image_id}.png",
        "thumbnail_256_key": f"{base}thumbs/{image_id}_256.webp",
        "thumbnail_512_key": f"{base}thumbs/{image_id}_512.webp",
    }
    s3.put_object(keys["s3_key"], original, "image/png")
    s3.put_object(keys["thumbnail_256_key"], thumbs[256], "image/webp")
    s3.put_object(keys["thumbnail_512_key"], thumbs[512], "image/webp")
    return images.record_image(
        NewImage(
            user_id=user_id, image_id=image_id, prompt=prompt, model="sdxl-base-1.0",
            width=width, height=height, mime_type="image/png", file_size_bytes=len(original),
            thumbnails_size_bytes=len(thumbs[256]) + len(thumbs[512]),
            content_sha256=hashlib.sha256(original).hexdigest(), tags=tags or [],
            folder_id=folder_id, is_favorite=is_favorite, created_at=created_at, **keys,
        )
    )  # fmt: skip


def object_exists(key: str) -> bool:
    try:
        s3.client().head_object(Bucket=get_settings().bucket_name, Key=key)
    except ClientError:
        return False
    return True
