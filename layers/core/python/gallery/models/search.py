"""Search: the query and its filters, results and facets."""

from datetime import UTC, datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import AfterValidator, BaseModel, Field, StringConstraints, model_validator

from gallery.models.common import SEARCH_RESULT_WINDOW, TagName, no_control_characters
from gallery.models.images import ImageOut

SearchText = Annotated[
    str, StringConstraints(max_length=500), AfterValidator(str.strip),
    StringConstraints(min_length=1), AfterValidator(no_control_characters),
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
