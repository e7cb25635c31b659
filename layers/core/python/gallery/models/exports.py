"""ZIP exports: what to put in the archive, and how far it has got."""

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field, model_validator

from gallery.models.common import Strict

# One archive holds at most this many images (a bigger library: export it folder by folder).
EXPORT_LIMIT = 10_000

ExportStatus = Literal["queued", "running", "ready", "failed", "expired"]


class ExportCreate(Strict):
    """Exactly one source: some of my images, a folder of mine (with its subfolders unless
    told otherwise), or a smart folder of mine (what it finds now)."""

    image_ids: Annotated[list[UUID], Field(min_length=1, max_length=EXPORT_LIMIT)] | None = None
    folder_id: UUID | None = None
    include_subfolders: bool = True
    """With ``folder_id``: its subfolders too, as folders inside the archive."""
    smart_folder_id: UUID | None = None
    include_metadata: bool = False
    """``metadata.json`` and ``metadata.csv`` beside the images: prompt, model, seed, the
    generation settings, tags, folder and file name of each."""

    @model_validator(mode="after")
    def _one_source(self) -> "ExportCreate":
        given = [self.image_ids, self.folder_id, self.smart_folder_id]
        if sum(value is not None for value in given) != 1:
            raise ValueError("give exactly one of image_ids, folder_id and smart_folder_id")
        return self


class ExportCreated(BaseModel):
    export_id: UUID
    status: ExportStatus


class ExportOut(BaseModel):
    export_id: UUID
    status: ExportStatus
    """queued → running → ready (or failed); expired once the archive is gone (24 h)."""
    image_count: int | None
    """How many images the archive holds (known once it runs)."""
    done_count: int
    progress: float
    """0 to 1."""
    size_bytes: int | None
    """The archive's size, when ready."""
    url: str | None
    """Where to download it, when ready (a short-lived link; ask again for a new one)."""
    filename: str
    error: str | None
    created_at: datetime
    expires_at: datetime
