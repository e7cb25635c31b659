"""Where an image's objects live in the bucket: everything of a user under users/{user_id}/."""

import re
import unicodedata
from datetime import datetime
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


def export_key(user_id: UUID, export_id: UUID) -> str:
    """A ZIP export, kept 24 h (not counted in the quota; ingest ignores it)."""
    return f"users/{user_id}/exports/{export_id}.zip"


# Characters no file system takes in a name (Windows' set, the strictest), and controls.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


def path_part(name: str) -> str:
    """A folder's name as a directory in an archive: what file systems refuse becomes "_"."""
    part = _UNSAFE.sub("_", unicodedata.normalize("NFC", name)).strip(" .")
    return part or "_"


def readable_name(
    image_id: UUID, content_type: str | None, created_at: datetime, prompt: str | None
) -> str:
    """The name an image is saved under, downloaded or in an archive: readable and sortable,
    ``2026-03-05_고양이-우주복_1a2b3c4d.png``, the prompt's first words in any script (a
    download's header carries it encoded: ``storage.urls.content_disposition``)."""
    words = re.findall(r"\w+", unicodedata.normalize("NFC", prompt or "").lower())[:6]
    slug = "-".join(words)[:48].strip("-_")
    parts = [created_at.strftime("%Y-%m-%d"), slug, str(image_id)[:8]]
    extension = EXTENSIONS.get(content_type or "", "bin")
    return "_".join(part for part in parts if part) + f".{extension}"
