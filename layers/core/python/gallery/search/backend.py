"""One interface over the search backends: OpenSearch with nori (production) and PostgreSQL
with mecab-ko terms in a tsvector (small setups, ``make dev`` without Java).

The indexer writes documents (the image's current state, with an external version that
only grows); the search service asks for one page of hits (ids, scores, highlights) and
reads the images themselves from PostgreSQL under row-level security. A backend takes
requests of its own (never the API's models) and raises BackendUnavailable, never an HTTP
error: the service translates both ways.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Literal, Protocol
from uuid import UUID

from psycopg import Connection

from gallery.config import get_settings
from gallery.search.inline_filters import LoraFilter

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def to_micros(moment: datetime) -> int:
    return (moment - EPOCH) // timedelta(microseconds=1)


def from_micros(micros: int) -> datetime:
    return EPOCH + timedelta(microseconds=micros)


@dataclass(frozen=True)
class Change:
    """One image to (re)index at ``version``; ``document`` None removes it. ``owner``: whose
    image it is (OpenSearch keeps an owner's documents on one shard)."""

    image_id: str
    version: int
    document: dict | None
    owner: str


@dataclass(frozen=True)
class Filters:
    """What narrows a search: tags by name (a backend reads their keys), moments in UTC."""

    q: str | None = None
    workspace_id: UUID | None = None
    """A workspace's images (the caller a member) instead of the caller's own."""
    model: str | None = None
    tags: tuple[str, ...] = ()
    exclude_tags: tuple[str, ...] = ()
    folder_id: UUID | None = None
    folder_ids: tuple[UUID, ...] | None = None
    """Instead of folder_id: any of these folders (a subtree, resolved by the service)."""
    image_ids: tuple[UUID, ...] | None = None
    """Only these images (whether a saved search finds one image)."""
    is_favorite: bool | None = None
    is_public: bool | None = None
    width: int | None = None
    height: int | None = None
    min_width: int | None = None
    max_width: int | None = None
    min_height: int | None = None
    max_height: int | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None
    # generation data (bounds inclusive; sampler and scheduler canonical ids; seed as
    # stored; model_hash a lower-case hex prefix; every LoRA named, within its weights)
    steps_min: int | None = None
    steps_max: int | None = None
    cfg_min: float | None = None
    cfg_max: float | None = None
    sampler: str | None = None
    scheduler: str | None = None
    seed: int | None = None
    generator: str | None = None
    model_hash: str | None = None
    loras: tuple[LoraFilter, ...] = ()
    stacks_collapsed: bool = False
    """One image per variation stack: its head (the newest of the owner's)."""
    rating_min: int | None = None
    """The owner's rating (a workspace's search has none)."""


@dataclass(frozen=True)
class SearchRequest(Filters):
    sort: Literal["relevance", "newest", "oldest", "rating"] = "newest"
    page: int = 1
    page_size: int = 20


@dataclass(frozen=True)
class FacetRequest(Filters):
    """Each facet is counted over what the other filters let through."""

    limit: int = 20
    """Values per facet, the most frequent first (ties by value)."""


@dataclass(frozen=True)
class Facets:
    """(value, count) pairs per facet; sizes as (width, height, count)."""

    models: list[tuple[str, int]]
    samplers: list[tuple[str, int]]
    sizes: list[tuple[int, int, int]]
    workspaces: list[tuple[str, int]]
    checkpoints: list[tuple[str, str | None, int]]
    """(model, its most frequent hash, count)."""
    loras: list[tuple[str, str | None, int]]
    """(LoRA name, its most frequent hash, images made with it)."""
    generators: list[tuple[str, int]]


@dataclass(frozen=True)
class After:
    """Where the previous page ended, in the sort's terms (the score only for relevance)."""

    score: float | None
    created_us: int
    image_id: UUID
    rating: int | None = None  # for the rating sort


@dataclass(frozen=True)
class Hit:
    image_id: UUID
    score: float | None
    created_us: int
    rating: int | None = None
    highlights: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Hits:
    hits: list[Hit]  # up to page_size + 1: one more says there is a next page
    total: int


class BackendUnavailable(Exception):
    """The backend cannot answer or take this batch at all (down, unreachable, overloaded):
    the indexer retries later, a search answers 503."""


class SearchBackend(Protocol):
    name: str

    def ensure_index(self) -> list[str]:
        """Creates what the backend needs to accept documents, if it is missing; returns
        the fields it had to add to an existing index (its documents need a reindex)."""

    def write(self, conn: Connection, changes: list[Change]) -> dict[str, str]:
        """Applies the changes (a stale version is settled, not an error); returns the
        errors of those it could not apply, by image id. ``conn`` is the indexer's."""

    def search(
        self, conn: Connection, user_id: UUID, query: SearchRequest, after: After | None
    ) -> Hits:
        """One page of the caller's hits; ``conn`` acts as the caller (RLS)."""

    def facets(self, conn: Connection, user_id: UUID, query: FacetRequest) -> Facets:
        """Counts of the caller's matching images by model and by size; ``conn`` acts as
        the caller (RLS)."""

    def begin_rebuild(self) -> None:
        """Before a reindex: from now on writes also reach the index being built."""

    def finish_rebuild(self, since_version: int) -> None:
        """After a reindex (every listed image written at ``since_version`` or later):
        searches use the new index, at once, and nothing older remains."""

    def abandon_rebuild(self) -> None:
        """A reindex failed: drop what it built; searches never saw it."""


def get_backend(name: str | None = None) -> SearchBackend:
    name = name or get_settings().search_backend
    if name == "postgres":
        from gallery.search.postgres import PostgresBackend

        return PostgresBackend()
    from gallery.search.opensearch import OpenSearchBackend

    return OpenSearchBackend()
