"""Where an image's objects live in the bucket: everything of a user under users/{user_id}/."""

from uuid import UUID

# Media types we store, and their file extensions (no Pillow here: keys are cheap to import).
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/avif": "avif"}


def original_key(user_id: UUID, image_id: UUID, content_type: str) -> str:
    return f"users/{user_id}/images/{image_id}.{EXTENSIONS[content_type]}"


def clean_copy_key(user_id: UUID, image_id: UUID, content_type: str | None) -> str:
    """The image without its metadata, made when a visitor first needs it (a cache, deleted
    with the image; ingest ignores it)."""
    extension = EXTENSIONS.get(content_type or "", "bin")
    return f"users/{user_id}/derived/{image_id}/clean.{extension}"


def file_name(image_id: UUID, content_type: str | None) -> str:
    """The name a download is saved under."""
    return f"{image_id}.{EXTENSIONS.get(content_type or '', 'bin')}"
