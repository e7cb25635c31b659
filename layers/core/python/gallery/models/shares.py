"""Share links (the owner's), what visitors see, and public images."""

from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AfterValidator, BaseModel, Field, StringConstraints, model_validator

from gallery.models.common import Strict, no_nul

SharePermission = Literal["view", "download"]


SharePassword = Annotated[
    str, StringConstraints(min_length=8, max_length=256), AfterValidator(no_nul)
]


ExpiresInHours = Annotated[int, Field(ge=1, le=10 * 365 * 24)]


MaxViews = Annotated[int, Field(ge=1, le=1_000_000_000)]


class ShareCreate(Strict):
    """One image, one folder (with its subfolders), or one smart folder (what its search
    finds at each visit). ``expires_in_hours`` left out: the default expiry; sent as null:
    the link never expires (asked for explicitly)."""

    image_id: UUID | None = None
    folder_id: UUID | None = None
    smart_folder_id: UUID | None = None
    permission: SharePermission = "view"
    expires_in_hours: ExpiresInHours | None = None
    max_views: MaxViews | None = None
    password: SharePassword | None = None
    show_metadata: bool = False

    @model_validator(mode="after")
    def _one_target(self) -> "ShareCreate":
        if sum(v is not None for v in (self.image_id, self.folder_id, self.smart_folder_id)) != 1:
            raise ValueError("share exactly one of image_id, folder_id and smart_folder_id")
        return self


class ShareUpdate(Strict):
    """Only the fields sent change. ``expires_in_hours`` counts from now (null: never);
    ``max_views: null`` lifts the limit; ``password: null`` removes the password."""

    permission: SharePermission | None = None
    expires_in_hours: ExpiresInHours | None = None
    max_views: MaxViews | None = None
    password: SharePassword | None = None
    show_metadata: bool | None = None


ShareStatus = Literal["active", "expired", "revoked", "exhausted"]


class ShareOut(BaseModel):
    share_id: UUID
    share_token: str | None = None
    """An active link's token (made again from its id; only its hash is stored). None for a
    revoked link, and for one made before tokens were derived (its random token was shown once)."""
    share_url: str | None = None
    image_id: UUID | None
    folder_id: UUID | None
    smart_folder_id: UUID | None = None
    permission: SharePermission
    expires_at: datetime | None
    max_views: int | None
    current_views: int
    download_count: int
    is_active: bool
    status: ShareStatus
    password_protected: bool
    show_metadata: bool
    created_at: datetime
    last_accessed_at: datetime | None


class ShareList(BaseModel):
    shares: list[ShareOut]
    has_more: bool
    next_cursor: str | None


class ShareAccessRequest(Strict):
    password: Annotated[str, StringConstraints(max_length=256)]


class ShareAccess(BaseModel):
    access_grant: str
    """Send it with every later request for the link (``X-Share-Grant`` or ``?grant=``)."""
    expires_at: datetime


class SharedMetadata(BaseModel):
    prompt: str
    negative_prompt: str | None
    model: str | None
    seed: int | None
    params: dict[str, Any]


class SharedImage(BaseModel):
    """An image as a visitor sees it: no tags, no counters, metadata only if the owner
    chose to show it."""

    image_id: UUID
    width: int | None
    height: int | None
    placeholder: str | None = None
    mime_type: str | None
    file_size_bytes: int
    created_at: datetime
    thumbnail_256_url: str | None
    thumbnail_512_url: str | None
    preview_url: str | None = None
    """The image view's rendition (AVIF, long side 1536 px; pixels only)."""
    preview_fallback_url: str | None = None
    """The same in WebP, for browsers without AVIF."""
    view_url: str
    """The full image (a copy without metadata unless the owner shows it)."""
    download_url: str | None
    """Only on links with the download permission."""
    metadata: SharedMetadata | None


ShareKind = Literal["image", "folder", "smart_folder"]


class SharedPage(BaseModel):
    kind: ShareKind
    folder_name: str | None
    """A folder's or smart folder's name."""
    permission: SharePermission
    show_metadata: bool
    expires_at: datetime | None
    images: list[SharedImage]
    """Empty in a link preview (HEAD, chat unfurlers): previews show and count nothing."""
    total: int
    has_more: bool
    next_cursor: str | None
    access_grant: str | None
    """Given when opening the link counted a view: carry it to page and open images."""
    grant_expires_at: datetime | None
    # The original design's one-image share page reads these at the top level (kept so its
    # clients work): set for a one-image link once it is open, None otherwise.
    image_id: UUID | None = None
    image_url: str | None = None
    """The full image (``images[0].view_url``)."""
    thumbnail_url: str | None = None
    prompt: str | None = None
    """Only when the owner shows metadata."""
    model: str | None = None
    width: int | None = None
    height: int | None = None
    can_download: bool = False


class LinkCard(BaseModel):
    """What a chat app's card may show of a link: for a protected one, only that it is."""

    protected: bool
    kind: ShareKind
    folder_name: str | None = None
    total: int = 0
    prompt: str | None = None
    """Only when the owner shows metadata."""
    has_image: bool = False
