"""One interface over the search backends: OpenSearch with nori (production) and PostgreSQL
with mecab-ko terms in a tsvector (small setups, ``make dev`` without Java).

The indexer writes documents (the image's current state, with an external version that
only grows); the search service asks for one page of hits (ids, scores, highlights) and
reads the images themselves from PostgreSQL under row-level security.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol
from uuid import UUID

from psycopg import Connection

from gallery.config import get_settings
from gallery.models.search import FacetQuery, SearchFacets, SearchQuery

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def to_micros(moment: datetime) -> int:
    return (moment - EPOCH) // timedelta(microseconds=1)


def from_micros(micros: int) -> datetime:
    return EPOCH + timedelta(microseconds=micros)


@dataclass(frozen=True)
class Change:
    """One image to (re)index at ``version``; ``document`` None removes it."""

    image_id: str
    version: int
    document: dict | None


@dataclass(frozen=True)
class After:
    """Where the previous page ended, in the sort's terms (the score only for relevance)."""

    score: float | None
    created_us: int
    image_id: UUID


@dataclass(frozen=True)
class Hit:
    image_id: UUID
    score: float | None
    created_us: int
    highlights: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Hits:
    hits: list[Hit]  # up to page_size + 1: one more says there is a next page
    total: int


class BackendUnavailable(Exception):
    """The backend cannot take this batch at all (down, unreachable): retry it later."""


class SearchBackend(Protocol):
    name: str

    def ensure_index(self) -> list[str]:
        """Creates what the backend needs to accept documents, if it is missing; returns
        the fields it had to add to an existing index (its documents need a reindex)."""

    def write(self, conn: Connection, changes: list[Change]) -> dict[str, str]:
        """Applies the changes (a stale version is settled, not an error); returns the
        errors of those it could not apply, by image id. ``conn`` is the indexer's."""

    def search(
        self, conn: Connection, user_id: UUID, query: SearchQuery, after: After | None
    ) -> Hits:
        """One page of the caller's hits; ``conn`` acts as the caller (RLS)."""

    def facets(self, conn: Connection, user_id: UUID, query: FacetQuery) -> SearchFacets:
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
