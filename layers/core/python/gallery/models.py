"""Inputs and outputs of the HTTP API (pydantic v2). Field names follow the original design."""

import json
import re
import unicodedata
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, ClassVar, Literal
from uuid import UUID

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    computed_field,
    model_validator,
)

from gallery.config import get_settings
from gallery.tag_keys import tag_key

MAX_TAGS_PER_IMAGE = 50
# OpenSearch's index.max_result_window: from + size of a numbered page stay within it
SEARCH_RESULT_WINDOW = 10_000
BULK_LIMIT = 500

_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def purge_after(deleted_at: datetime) -> datetime:
    """When an image deleted at ``deleted_at`` leaves the trash for good."""
    return deleted_at + timedelta(days=get_settings().trash_retention_days)


def normalize_tag(name: str) -> str:
    """One spelling per tag: NFC (Korean typed on macOS arrives decomposed), single spaces."""
    name = _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip()
    if not name:
        raise ValueError("a tag name cannot be empty")
    if _CONTROL.search(name):
        raise ValueError("a tag name cannot contain control characters")
    if "," in name:
        # commas separate tags: in filters (API Gateway joins repeated query parameters with
        # commas) and in the dashboard's inputs; a tag with one could never be filtered by
        raise ValueError("a tag name cannot contain a comma (commas separate tags)")
    if len(name) > 100:
        raise ValueError("a tag name is at most 100 characters")
    return name


def _unique_tags(names: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(tag_key(name), name)
    return list(seen.values())


def _no_control_characters(text: str) -> str:
    if _CONTROL.search(text):
        raise ValueError("control characters are not allowed")
    return text


def _no_nul(text: str) -> str:
    # PostgreSQL text cannot hold NUL; other control characters (newlines) are fine here.
    if "\x00" in text:
        raise ValueError("the NUL character is not allowed")
    return text


def _storable_json(value: dict) -> dict:
    # jsonb cannot hold NUL, and generation parameters are small
    text = json.dumps(value)
    if "\\u0000" in text:
        raise ValueError("the NUL character is not allowed")
    if len(text) > 16_384:
        raise ValueError("at most 16 KB of parameters")
    return value


TagName = Annotated[str, AfterValidator(normalize_tag)]
TagList = Annotated[
    list[TagName], Field(max_length=MAX_TAGS_PER_IMAGE), AfterValidator(_unique_tags)
]
TagText = Annotated[str, StringConstraints(max_length=100), AfterValidator(_no_control_characters)]
# A tag to filter by: bounded as sent, then spelled as stored
TagFilter = Annotated[
    str, StringConstraints(min_length=1, max_length=100), AfterValidator(normalize_tag)
]
Color = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
Icon = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,49}$")]
# Lengths of stripped text are checked before the strip too, as the OpenAPI document says
# (maxLength is of what is sent: 300 characters of which 100 are spaces are too many).
FolderName = Annotated[
    str,
    StringConstraints(max_length=255),
    AfterValidator(str.strip),
    StringConstraints(min_length=1),
    AfterValidator(_no_control_characters),
]
Description = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_no_nul)]
SortBy = Literal["created_at", "view_count", "download_count"]
SortOrder = Literal["asc", "desc"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- images -------------------------------------------------------------------------------


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
    page: int
    page_size: int
    has_more: bool
    next_cursor: str | None


class ImageQuery(BaseModel):
    """The listing's parameters: my files, and a workspace's images."""

    page: int = Field(default=1, ge=1, le=10_000)
    page_size: int = Field(default=20, ge=1, le=100)
    folder_id: UUID | None = None
    is_favorite: bool | None = None
    is_public: bool | None = None
    tag: TagFilter | None = None
    sort_by: SortBy = "created_at"
    sort_order: SortOrder = "desc"
    cursor: str | None = Field(default=None, max_length=512)


class TrashQuery(BaseModel):
    """The trash: by deletion, the last deleted first, without filters."""

    page_size: int = Field(default=20, ge=1, le=100)
    cursor: str | None = Field(default=None, max_length=512)
    page: ClassVar[int] = 1
    folder_id: ClassVar[None] = None
    is_favorite: ClassVar[None] = None
    is_public: ClassVar[None] = None
    tag: ClassVar[None] = None
    sort_by: ClassVar[str] = "deleted_at"
    sort_order: ClassVar[str] = "desc"


class ImageUpdate(Strict):
    """Only the fields sent change; ``folder_id: null`` takes the image out of its folder."""

    is_favorite: bool | None = None
    is_public: bool | None = None
    public_show_metadata: bool | None = None
    folder_id: UUID | None = None
    tags: TagList | None = None


# --- bulk ---------------------------------------------------------------------------------

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


# --- folders ------------------------------------------------------------------------------


class FolderCreate(Strict):
    name: FolderName
    description: Description | None = None
    color: Color | None = None
    icon: Icon | None = None
    sort_order: int | None = Field(default=None, ge=-1_000_000, le=1_000_000)


class FolderUpdate(Strict):
    name: FolderName | None = None
    description: Description | None = None
    color: Color | None = None
    icon: Icon | None = None
    sort_order: int | None = Field(default=None, ge=-1_000_000, le=1_000_000)


class FolderOut(BaseModel):
    folder_id: UUID
    name: str
    description: str | None
    color: str | None
    icon: str | None
    sort_order: int
    image_count: int
    created_at: datetime
    updated_at: datetime


# --- tags and storage ---------------------------------------------------------------------


class TagSuggest(BaseModel):
    query: TagText | None = None
    limit: int = Field(default=20, ge=1, le=100)


class TagOut(BaseModel):
    tag_id: UUID
    name: str
    color: str | None
    usage_count: int


class StorageUsageOut(BaseModel):
    plan: str
    used_bytes: int
    reserved_bytes: int
    quota_bytes: int
    """-1 when the plan is unlimited (as in the original design)."""
    unlimited: bool
    used_gb: float
    quota_gb: float
    percentage: float
    image_count: int
    recompression_saved_bytes: int
    """What lossless recompression of PNG originals has saved (plans that opt in)."""


# --- uploads ------------------------------------------------------------------------------

UploadType = Literal["image/png", "image/jpeg", "image/webp", "image/avif"]
PromptText = Annotated[str, StringConstraints(max_length=20_000), AfterValidator(_no_nul)]


class UploadRequest(Strict):
    content_type: UploadType
    size_bytes: int = Field(gt=0)
    prompt: PromptText | None = None
    negative_prompt: PromptText | None = None
    model: Annotated[str, StringConstraints(max_length=255), AfterValidator(_no_nul)] | None = None
    width: int | None = Field(default=None, gt=0, le=100_000)
    height: int | None = Field(default=None, gt=0, le=100_000)
    seed: int | None = Field(default=None, ge=-(2**63), lt=2**63)
    params: Annotated[dict[str, Any], AfterValidator(_storable_json)] | None = None
    folder_id: UUID | None = None
    tags: TagList | None = None
    filename: (
        Annotated[str, StringConstraints(max_length=255), AfterValidator(_no_control_characters)]
        | None
    ) = None
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F]{64}$")] | None = None


class DownloadLink(BaseModel):
    """A short-lived URL that saves the original under a readable name (Content-Disposition)."""

    url: str
    filename: str


class PresignedPost(BaseModel):
    url: str
    fields: dict[str, str]


class UploadTicket(BaseModel):
    image_id: UUID
    upload: PresignedPost
    expires_at: datetime


class DuplicateUpload(BaseModel):
    duplicate_of: UUID


class UploadStatus(BaseModel):
    image_id: UUID
    status: Literal["pending", "ready", "rejected"]
    reason: str | None = None


# --- search -------------------------------------------------------------------------------

SearchText = Annotated[
    str, StringConstraints(max_length=500), AfterValidator(str.strip),
    StringConstraints(min_length=1), AfterValidator(_no_control_characters),
]  # fmt: skip
Pixels = Annotated[int, Field(ge=1, le=100_000)]


def _in_utc(moment: datetime) -> datetime:
    """Any offset (or none: UTC) becomes UTC, which every backend reads the same way."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValueError("the date is out of range") from None


Moment = Annotated[datetime, AfterValidator(_in_utc)]


class SearchFilters(BaseModel):
    """What narrows a search, and the facets counted over it."""

    q: SearchText | None = None
    workspace_id: UUID | None = None
    """Search a workspace's images (as a member) instead of mine."""
    model: Annotated[str, StringConstraints(max_length=255)] | None = None
    tags: Annotated[list[TagName], Field(max_length=10)] = Field(default_factory=list)
    exclude_tags: Annotated[list[TagName], Field(max_length=10)] = Field(default_factory=list)
    folder_id: UUID | None = None
    is_favorite: bool | None = None
    is_public: bool | None = None
    width: Pixels | None = None
    height: Pixels | None = None
    min_width: Pixels | None = None
    max_width: Pixels | None = None
    min_height: Pixels | None = None
    max_height: Pixels | None = None
    created_from: Moment | None = None
    created_to: Moment | None = None


class SearchQuery(SearchFilters):
    sort: Literal["relevance", "newest", "oldest"] | None = None
    page: int = Field(default=1, ge=1, le=100)
    page_size: int = Field(default=20, ge=1, le=100)
    cursor: str | None = Field(default=None, max_length=1024)

    @model_validator(mode="after")
    def _pages_within_the_result_window(self) -> "SearchQuery":
        # numbered pages reach the first results only (OpenSearch's window); the cursor
        # goes on from there
        if self.page * self.page_size >= SEARCH_RESULT_WINDOW:
            raise ValueError(f"page × page_size must stay under {SEARCH_RESULT_WINDOW:,}: "
                             "follow next_cursor for results further down")  # fmt: skip
        return self

    @property
    def effective_sort(self) -> str:
        """Relevance only means something with a query: newest first otherwise."""
        if self.sort == "relevance" and not self.q:
            return "newest"
        return self.sort or ("relevance" if self.q else "newest")


class SearchResult(ImageOut):
    score: float | None
    highlights: list[str]
    """Prompt fragments that matched, the matches inside <em>…</em>."""


class SearchResults(BaseModel):
    results: list[SearchResult]
    total: int
    page: int
    page_size: int
    has_more: bool
    next_cursor: str | None


class FacetQuery(SearchFilters):
    """The search's filters; each facet ignores its own (the model picker still offers the
    other models while one is chosen)."""

    limit: int = Field(default=20, ge=1, le=100)
    """Values per facet, the most frequent first."""


class FacetCount(BaseModel):
    value: str
    count: int


class SizeCount(FacetCount):
    """``value`` is ``"{width}x{height}"``."""

    width: int
    height: int


class SearchFacets(BaseModel):
    """How many of the matching images each value has, the most frequent first (ties by
    value): what the dashboard's pickers offer."""

    models: list[FacetCount]
    samplers: list[FacetCount]
    """As the generator wrote them ("DPM++ 2M Karras", "euler_ancestral")."""
    sizes: list[SizeCount]
    workspaces: list[FacetCount]
    """The workspaces the caller's matching images are shared into (``value``: the
    workspace's id), whatever ``workspace_id`` says: what a workspace picker offers."""


class TagSuggestions(BaseModel):
    suggestions: list[str]


class Deleted(BaseModel):
    deleted: bool = True


class TrashedImage(BaseModel):
    deleted: bool = True
    in_trash: bool = True
    purge_after: datetime
    """When the scheduled purge removes it for good, unless restored before."""


class TrashEmptied(BaseModel):
    purged: int


class WorkspaceHandedOver(BaseModel):
    workspace_id: UUID
    new_owner_id: UUID


class DataDeleted(BaseModel):
    images: int
    folders: int
    tags: int
    objects: int
    workspaces_deleted: list[UUID] = []
    """Workspaces I owned with no other owner: deleted with what was shared into them."""
    workspaces_handed_over: list[WorkspaceHandedOver] = []
    """Workspaces I owned with another owner: theirs now (the longest-standing one's)."""
    memberships_left: list[UUID] = []
    """Workspaces I belonged to without owning them."""
    invitations_deleted: int = 0
    """Invitations I sent, and those of the workspaces deleted."""
    invitations_declined: int = 0
    """Invitations addressed to me."""
    stars: int = 0
    """My stars on other people's images."""


# --- share links and public images ---------------------------------------------------------

SharePermission = Literal["view", "download"]
SharePassword = Annotated[
    str, StringConstraints(min_length=8, max_length=256), AfterValidator(_no_nul)
]
ExpiresInHours = Annotated[int, Field(ge=1, le=10 * 365 * 24)]
MaxViews = Annotated[int, Field(ge=1, le=1_000_000_000)]


class ShareCreate(Strict):
    """One image or one folder. ``expires_in_hours`` left out: the default expiry; sent as
    null: the link never expires (asked for explicitly)."""

    image_id: UUID | None = None
    folder_id: UUID | None = None
    permission: SharePermission = "view"
    expires_in_hours: ExpiresInHours | None = None
    max_views: MaxViews | None = None
    password: SharePassword | None = None
    show_metadata: bool = False

    @model_validator(mode="after")
    def _one_target(self) -> "ShareCreate":
        if (self.image_id is None) == (self.folder_id is None):
            raise ValueError("share either an image_id or a folder_id")
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
    """Shown once, in the answer that created the link; only its hash is stored."""
    share_url: str | None = None
    image_id: UUID | None
    folder_id: UUID | None
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


class SharedPage(BaseModel):
    kind: Literal["image", "folder"]
    folder_name: str | None
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
    kind: Literal["image", "folder"]
    folder_name: str | None = None
    total: int = 0
    prompt: str | None = None
    """Only when the owner shows metadata."""
    has_image: bool = False


# --- workspaces ------------------------------------------------------------------------------

WorkspaceRole = Literal["viewer", "downloader", "editor", "owner"]
Email = Annotated[
    str,
    StringConstraints(max_length=320, pattern=r"^\s*[^@\s]+@[^@\s]+\s*$"),
    AfterValidator(str.strip),
    AfterValidator(_no_nul),
]


class WorkspaceCreate(Strict):
    name: FolderName


class WorkspaceUpdate(Strict):
    name: FolderName


class WorkspaceOut(BaseModel):
    workspace_id: UUID
    name: str
    owner_id: UUID
    """Who created it; every member with the owner role manages it."""
    role: WorkspaceRole
    """My role in it."""
    member_count: int
    created_at: datetime
    updated_at: datetime


class MemberUpdate(Strict):
    role: WorkspaceRole


class MemberOut(BaseModel):
    user_id: UUID
    email: str | None
    role: WorkspaceRole
    added_at: datetime


class InvitationAdd(Strict):
    email: Email
    role: WorkspaceRole = "viewer"


class InvitationOut(BaseModel):
    """An invitation waiting for its invitee (whether the address has an account or not, the
    answer is the same): whoever signs in with that verified address accepts or declines."""

    invitation_id: UUID
    email: str
    role: WorkspaceRole
    invited_at: datetime


class MyInvitationOut(BaseModel):
    """An invitation addressed to me: accepting makes me a member with ``role``."""

    invitation_id: UUID
    workspace_id: UUID
    workspace_name: str
    role: WorkspaceRole
    invited_by_email: str | None
    invited_at: datetime


class WorkspaceImagesAdd(Strict):
    image_ids: ImageIds


class WorkspaceFolderAdd(Strict):
    folder_id: UUID


class WorkspaceItemsAdded(BaseModel):
    added: int
    """How many were not shared into the workspace already."""


class WorkspaceImageUpdate(Strict):
    """``is_favorite`` is my own star; ``tags`` (editors and owners) replaces the image's tags,
    which stay its owner's."""

    is_favorite: bool | None = None
    tags: TagList | None = None
