"""My images: what a listing and an image say, the listing's parameters, downloads,
changes and bulk changes."""

from datetime import datetime
from typing import Annotated, Any, ClassVar, Literal
from uuid import UUID

from pydantic import BaseModel, Field, computed_field, model_validator

from gallery.models.common import (
    BULK_LIMIT,
    Rating,
    SortBy,
    SortOrder,
    Strict,
    TagFilter,
    TagList,
    purge_after,
)
from gallery.models.folders import FolderCrumb
from gallery.models.generation import GenerationOut, generation_of

Stacks = Literal["expand", "collapse"]


class ImageOut(BaseModel):
    image_id: UUID
    prompt: str
    negative_prompt: str | None
    model: str | None
    width: int | None
    height: int | None
    seed: int | None
    params: dict[str, Any]
    image_url: str | None
    thumbnail_256_url: str | None
    thumbnail_512_url: str | None
    preview_url: str | None = None
    """The image view's rendition (AVIF, long side 1536): show it instead of the original."""
    preview_fallback_url: str | None = None
    """The same in WebP, for browsers without AVIF."""
    is_favorite: bool
    is_public: bool
    public_show_metadata: bool
    """Whether the public page of the image shows its prompt and parameters."""
    folder_id: UUID | None
    path: list[FolderCrumb] | None = None
    """My image's folder from the root down (empty outside any folder); null in a workspace's
    listing."""
    tags: list[str]
    view_count: int
    download_count: int
    file_size_bytes: int
    mime_type: str | None
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None = None
    """Set while the image is in the trash."""
    owner_id: UUID | None = None
    """In a workspace's listing: whose image it is."""
    placeholder: str | None = None
    """ThumbHash (base64) to paint before the thumbnail arrives; null until made."""
    rating: int = 0
    """My rating, 1 to 5 (0: none); in a workspace, my own."""
    generation: GenerationOut | None = None
    """How it was made, typed and normalised; null until read."""
    stack_size: int | None = None
    """In a listing with ``stacks=collapse``: how many images of its stack the listing
    lists (this one, the newest, among them)."""

    @model_validator(mode="before")
    @classmethod
    def _generation_from_row(cls, data: Any) -> Any:
        if isinstance(data, dict) and "generation" not in data and "generator" in data:
            return {**data, "generation": generation_of(data)}
        return data

    @computed_field
    @property
    def aspect_ratio(self) -> float | None:
        """Width / height as displayed: the grid lays out before anything loads."""
        return round(self.width / self.height, 4) if self.width and self.height else None

    @computed_field
    @property
    def purge_after(self) -> datetime | None:
        """In the trash: when the scheduled purge removes it for good."""
        return purge_after(self.deleted_at) if self.deleted_at else None


class ImageList(BaseModel):
    images: list[ImageOut]
    total: int
    total_exact: bool = True
    """False: the listing holds more than ``total`` (a filtered listing's count stops at
    10,000; shown as "10,000+")."""
    page: int
    page_size: int
    has_more: bool
    next_cursor: str | None


class ImageQuery(BaseModel):
    """The listing's parameters: my files, and a workspace's images."""

    page: int = Field(default=1, ge=1, le=10_000)
    page_size: int = Field(default=20, ge=1, le=100)
    folder_id: UUID | None = None
    include_subfolders: bool = False
    """With ``folder_id``: the images of its subfolders too, at every depth."""
    is_favorite: bool | None = None
    is_public: bool | None = None
    tag: TagFilter | None = None
    sort_by: SortBy = "created_at"
    sort_order: SortOrder = "desc"
    cursor: str | None = Field(default=None, max_length=512)
    rating_min: Annotated[int, Field(ge=1, le=5)] | None = None
    """My rating at least this."""
    stacks: Stacks = "expand"
    """``collapse``: one image per variation stack (its newest that the listing lists),
    with ``stack_size``."""


class StackQuery(BaseModel):
    """A variation stack's images, newest first."""

    page_size: int = Field(default=50, ge=1, le=100)
    cursor: str | None = Field(default=None, max_length=512)
    page: ClassVar[int] = 1
    sort_by: ClassVar[str] = "created_at"
    sort_order: ClassVar[str] = "desc"


class TrashQuery(BaseModel):
    """The trash: by deletion, the last deleted first, without filters."""

    page_size: int = Field(default=20, ge=1, le=100)
    cursor: str | None = Field(default=None, max_length=512)
    page: ClassVar[int] = 1
    folder_id: ClassVar[None] = None
    include_subfolders: ClassVar[bool] = False
    is_favorite: ClassVar[None] = None
    is_public: ClassVar[None] = None
    tag: ClassVar[None] = None
    rating_min: ClassVar[None] = None
    stacks: ClassVar[str] = "expand"
    sort_by: ClassVar[str] = "deleted_at"
    sort_order: ClassVar[str] = "desc"


class ImageUpdate(Strict):
    """Only the fields sent change; ``folder_id: null`` takes the image out of its folder."""

    is_favorite: bool | None = None
    is_public: bool | None = None
    public_show_metadata: bool | None = None
    folder_id: UUID | None = None
    tags: TagList | None = None
    rating: Rating | None = None


ImageIds = Annotated[list[UUID], Field(min_length=1, max_length=BULK_LIMIT)]


class BulkMove(Strict):
    action: Literal["move"]
    image_ids: ImageIds
    folder_id: UUID | None


class BulkTag(Strict):
    action: Literal["add_tags", "remove_tags"]
    image_ids: ImageIds
    tags: Annotated[TagList, Field(min_length=1)]


class BulkFavorite(Strict):
    action: Literal["favorite", "unfavorite"]
    image_ids: ImageIds


class BulkTrash(Strict):
    """delete: into the trash; restore: out of it; purge: out of the trash, for good."""

    action: Literal["delete", "restore", "purge"]
    image_ids: ImageIds


BulkRequest = Annotated[
    BulkMove | BulkTag | BulkFavorite | BulkTrash, Field(discriminator="action")
]


class BulkResult(BaseModel):
    action: str
    affected: int


class DownloadLink(BaseModel):
    """A short-lived URL that saves the original under a readable name (Content-Disposition)."""

    url: str
    filename: str
