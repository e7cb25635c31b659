"""Search: the query and its filters, results and facets."""

from datetime import UTC, datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import (
    AfterValidator,
    BaseModel,
    Field,
    PrivateAttr,
    StringConstraints,
    field_validator,
    model_validator,
)

from gallery.generation.samplers import sampler_ids, scheduler_id
from gallery.models.common import SEARCH_RESULT_WINDOW, TagName, no_control_characters
from gallery.models.generation import Generator
from gallery.models.images import ImageOut, Stacks
from gallery.search import inline_filters
from gallery.search.inline_filters import InlineFilterError, LoraFilter

SearchText = Annotated[
    str, StringConstraints(max_length=500), AfterValidator(str.strip),
    StringConstraints(min_length=1), AfterValidator(no_control_characters),
]  # fmt: skip


Pixels = Annotated[int, Field(ge=1, le=100_000)]
Steps = Annotated[int, Field(ge=1, le=10_000)]
Cfg = Annotated[float, Field(ge=0, le=100)]
Weight = Annotated[float, Field(ge=-100, le=100)]
Label = Annotated[str, StringConstraints(min_length=1, max_length=64),
                  AfterValidator(no_control_characters)]  # fmt: skip
LoraName = Annotated[str, StringConstraints(min_length=1, max_length=255),
                     AfterValidator(no_control_characters)]  # fmt: skip
ModelHash = Annotated[str, StringConstraints(pattern=inline_filters.HASH.pattern)]


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
    include_subfolders: bool = False
    """With ``folder_id``: the images of its subfolders too, at every depth."""
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
    # How it was made (gallery.generation); also written inline in q: "steps:20-30 cfg:<7"
    steps_min: Steps | None = None
    steps_max: Steps | None = None
    cfg_min: Cfg | None = None
    cfg_max: Cfg | None = None
    sampler: Label | None = None
    """Any tool's spelling: "DPM++ 2M Karras" filters sampler dpmpp_2m and scheduler karras."""
    scheduler: Label | None = None
    seed: Annotated[int, Field(ge=-(2**63), lt=2**64)] | None = None
    generator: Generator | None = None
    model_hash: ModelHash | None = None
    """The hash or its start (A1111's short hash finds the full one)."""
    lora: Annotated[list[LoraName], Field(max_length=10)] = Field(default_factory=list)
    """Images made with every one of these LoRAs."""
    lora_weight_min: Weight | None = None
    """With one ``lora``: its weight at least this."""
    lora_weight_max: Weight | None = None
    rating_min: Annotated[int, Field(ge=1, le=5)] | None = None
    """My rating at least this (not in a workspace: ratings are each member's own)."""
    stacks: Stacks = "expand"
    """``collapse``: one image per variation stack, its head (the newest of the owner's),
    with ``stack_size``."""
    _tokens: list[tuple[str, str, str]] = PrivateAttr(default_factory=list)
    _inline_loras: list[LoraFilter] = PrivateAttr(default_factory=list)

    @field_validator("q")
    @classmethod
    def _inline_filters_parse(cls, q: str | None) -> str | None:
        try:
            inline_filters.parse(q)
        except InlineFilterError as error:
            raise ValueError(f"a filter in the query does not parse: {error}") from None
        return q

    @model_validator(mode="after")
    def _one_set_of_filters(self) -> "SearchFilters":
        """Inline filters join the parameters (the same one twice is an error); samplers
        and schedulers become canonical ids."""
        for low, high in (("steps_min", "steps_max"), ("cfg_min", "cfg_max"),
                          ("lora_weight_min", "lora_weight_max")):  # fmt: skip
            if None not in (getattr(self, low), getattr(self, high)) and (
                getattr(self, low) > getattr(self, high)
            ):
                raise ValueError(f"{low} is above {high}")
        if (self.lora_weight_min is not None or self.lora_weight_max is not None) and len(
            self.lora
        ) != 1:
            raise ValueError("lora_weight_min and lora_weight_max go with exactly one lora "
                             "(or write lora:name@0.4-0.8 in q)")  # fmt: skip
        if self.sampler is not None:
            sampler, scheduler = sampler_ids(self.sampler)
            self.sampler = sampler
            if scheduler and self.scheduler is None:
                self.scheduler = scheduler
        if self.scheduler is not None:
            self.scheduler = scheduler_id(self.scheduler) or self.scheduler
        given = [(key, str(getattr(self, key))) for key in _SCALAR_FILTERS
                 if getattr(self, key) is not None]  # fmt: skip
        given += [("lora", inline_filters.lora_text(lora)) for lora in self._named_loras()]
        inline = inline_filters.parse(self.q)
        for name, value in inline.values.items():
            if name == "loras":
                continue
            if getattr(self, name) is not None and getattr(self, name) != value:
                raise ValueError(f"{name} is given both as a parameter and in q")
            setattr(self, name, value)
        if self.seed is not None and self.seed >= 2**63:
            self.seed -= 2**64  # as images store it
        self._tokens = [(k, v, "parameter") for k, v in given] + [
            (k, v, "q") for k, v in inline.tokens
        ]
        self._inline_loras = inline.values.get("loras", [])
        self.q = inline.text
        return self

    @property
    def loras(self) -> tuple[LoraFilter, ...]:
        """Every LoRA filter, the parameters' and the query's."""
        return (*self._named_loras(), *self._inline_loras)

    def _named_loras(self) -> list[LoraFilter]:
        return [inline_filters.lora_filter(name, self.lora_weight_min, self.lora_weight_max)
                for name in self.lora]  # fmt: skip

    @property
    def stacks_collapsed(self) -> bool:
        return self.stacks == "collapse"

    @property
    def model_hash_key(self) -> str | None:
        return inline_filters.hash_key(self.model_hash) if self.model_hash else None

    def active_filters(self) -> list["ActiveFilter"]:
        return [ActiveFilter(key=k, value=v, source=s) for k, v, s in self._tokens]


_SCALAR_FILTERS = ("steps_min", "steps_max", "cfg_min", "cfg_max", "sampler", "scheduler",
                   "seed", "generator", "model_hash")  # fmt: skip


class ActiveFilter(BaseModel):
    """A parameter filter in force: a chip the dashboard shows (and removes)."""

    key: str
    """The parameter's name, or the inline key ("steps", "cfg", "lora")."""
    value: str
    """As normalised ("20-30", "<7", "dpmpp_2m karras", "add_detail@0.4-0.8")."""
    source: Literal["parameter", "q"]
    """Where it was written: remove the parameter, or the token from q."""


SearchSort = Literal["relevance", "newest", "oldest", "rating"]


class SearchQuery(SearchFilters):
    sort: SearchSort | None = None
    """``rating``: my best rated first, the newest first among equals."""
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
    query_text: str | None = None
    """What of ``q`` was searched as text, its filter tokens taken out."""
    filters: list[ActiveFilter] = []
    """The parameter filters in force, from the parameters and from ``q``."""
    catching_up: bool = False
    """Some of the caller's own changes are not searchable yet (the index follows a moment
    behind): the same search asked again shortly may find more."""
    total: int
    total_exact: bool = True
    """Always true: a search counts its matches exactly (ImageList's may stop at a cap)."""
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


class HashedCount(FacetCount):
    """A checkpoint or a LoRA by name, with the hash most of its images give."""

    hash: str | None


class SizeCount(FacetCount):
    """``value`` is ``"{width}x{height}"``."""

    width: int
    height: int


class SearchFacets(BaseModel):
    """How many of the matching images each value has, the most frequent first (ties by
    value): what the dashboard's pickers offer."""

    models: list[FacetCount]
    samplers: list[FacetCount]
    """Canonical ids ("DPM++ 2M Karras" is dpmpp_2m), whichever tool wrote them."""
    sizes: list[SizeCount]
    workspaces: list[FacetCount]
    """The workspaces the caller's matching images are shared into (``value``: the
    workspace's id), whatever ``workspace_id`` says: what a workspace picker offers."""
    checkpoints: list[HashedCount] = []
    loras: list[HashedCount] = []
    """LoRAs by name (lower case): how many images were made with each."""
    generators: list[FacetCount] = []


class TagSuggestions(BaseModel):
    suggestions: list[str]
