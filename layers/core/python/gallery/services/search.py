"""Search: the configured backend finds and ranks the caller's images (or a workspace's);
PostgreSQL, under row-level security, supplies them (so a result is never stale in its
details, nor one the caller may not see)."""

import math
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from uuid import UUID

from gallery import paging
from gallery.auth import Caller
from gallery.db import acting_as
from gallery.errors import SearchUnavailable, ValidationFailed
from gallery.models.images import ImageQuery
from gallery.models.search import (
    FacetCount,
    FacetQuery,
    HashedCount,
    SearchFacets,
    SearchFilters,
    SearchQuery,
    SearchResult,
    SearchResults,
    SizeCount,
    TagSuggestions,
)
from gallery.repositories import images as images_repo
from gallery.repositories import listing as listing_repo
from gallery.repositories import search_outbox
from gallery.repositories import tags as tags_repo
from gallery.search.backend import (
    After,
    BackendUnavailable,
    FacetRequest,
    Filters,
    Hit,
    SearchRequest,
    get_backend,
)
from gallery.services import workspace_images, workspaces
from gallery.services.images import folder_scope, image_urls, listing_filter, with_paths


def _cursor(sort: str):
    def cursor_of(hit: Hit) -> str:
        values = [hit.created_us, str(hit.image_id)]
        if sort == "relevance":
            values.insert(0, hit.score)
        elif sort == "rating":
            values.insert(0, hit.rating)
        return paging.encode([sort, values])

    return cursor_of


def _filters(query: SearchFilters, folders: dict) -> dict:
    """The API's filters in the backends' terms; ``folders`` the query's folder_scope."""
    values = {f.name: tuple(v) if isinstance(v := getattr(query, f.name), list) else v
              for f in fields(Filters) if f.name not in ("folder_ids", "image_ids")}  # fmt: skip
    return values | {"model_hash": query.model_hash_key} | folders


def _folders(conn, caller: Caller, query: SearchFilters) -> dict:
    return folder_scope(conn, caller, query.folder_id, query.include_subfolders, query.workspace_id)


def search_request(query: SearchQuery, folders: dict | None = None) -> SearchRequest:
    folders = folders if folders is not None else {"folder_id": query.folder_id}
    return SearchRequest(
        **_filters(query, folders),
        sort=query.effective_sort, page=query.page, page_size=query.page_size,
    )  # fmt: skip


def facet_request(query: FacetQuery, folders: dict | None = None) -> FacetRequest:
    folders = folders if folders is not None else {"folder_id": query.folder_id}
    return FacetRequest(**_filters(query, folders), limit=query.limit)


@contextmanager
def _answering():
    """A backend that cannot answer is a 503: try again shortly (writes wait in the outbox)."""
    try:
        yield
    except BackendUnavailable as error:
        raise SearchUnavailable("search is unavailable; try again shortly") from error


def _after(query: SearchQuery) -> After | None:
    """A cursor is where a page ended: the same for every backend, checked strictly."""
    if not query.cursor:
        return None
    sort = query.effective_sort

    def read(position: list) -> After:
        cursor_sort, values = position
        if cursor_sort != sort:
            raise ValueError("another sort")
        score = values.pop(0) if sort == "relevance" else None
        rating = values.pop(0) if sort == "rating" else None
        created_us, image_id = values
        if (sort == "relevance" and not _finite(score)) or not _timestamp(created_us):
            raise ValueError("not a position")
        if sort == "rating" and (type(rating) is not int or not 0 <= rating <= 5):
            raise ValueError("not a rating")
        return After(score=score, created_us=created_us, image_id=UUID(image_id), rating=rating)

    return paging.decode(query.cursor, read, msg="not for this search")


def _finite(score) -> bool:
    return type(score) in (int, float) and math.isfinite(score) and abs(score) < 1e12


def _timestamp(created_us) -> bool:
    """Microseconds since the epoch, in the range both backends store (64-bit)."""
    return type(created_us) is int and -(2**62) < created_us < 2**62


def _workspace_role(conn, query: SearchFilters) -> str | None:
    """The caller's role in the workspace searched (404 for outsiders); None for my own."""
    if not query.workspace_id:
        return None
    role = workspaces.role_in(conn, query.workspace_id)
    for name, value in (
        ("is_favorite", query.is_favorite),
        ("rating_min", query.rating_min),
        ("sort", "rating" if getattr(query, "sort", None) == "rating" else None),
    ):
        if value is not None:
            raise ValidationFailed(
                f"{name} is personal (favourites and ratings are each member's own): "
                "not in a workspace search",
                details=[{"loc": ["query", name], "msg": "not with workspace_id"}],
            )  # fmt: skip
    return role


def _find(conn, caller: Caller, query: SearchQuery, after: After | None, **request):
    """The backend's hits for ``query`` (its folder filter resolved in ``conn``);
    ``request`` overrides fields of the backend's request."""
    found_in = replace(search_request(query, _folders(conn, caller, query)), **request)
    with _answering():
        return get_backend().search(conn, caller.user_id, found_in, after)


def count_images(conn, caller: Caller, query: SearchQuery) -> int:
    """How many images the search finds, in the caller's transaction (no page is read)."""
    return _find(conn, caller, query, None, page_size=1).total


@dataclass(frozen=True)
class FoundIds:
    ids: list[UUID]
    next_cursor: str | None
    total: int


def search_ids(
    conn, caller: Caller, query: SearchQuery, only: tuple[UUID, ...] | None = None
) -> FoundIds:
    """A page of what the search finds (of ``only`` these images, if given), as image ids:
    an export and a smart folder's link read the rows themselves."""
    found = _find(conn, caller, query, _after(query), image_ids=only)
    page = paging.cut(found.hits, query.page_size, _cursor(query.effective_sort))
    return FoundIds([hit.image_id for hit in page.items], page.next_cursor, found.total)


def search_images(caller: Caller, query: SearchQuery) -> SearchResults:
    """My images, or (``workspace_id``) a workspace's as a member sees them."""
    after = _after(query)
    with acting_as(caller) as conn:
        role = _workspace_role(conn, query)
        found = _find(conn, caller, query, after)
        page = paging.cut(found.hits, query.page_size, _cursor(query.effective_sort))
        hits = page.items
        ids = [hit.image_id for hit in hits]
        if query.workspace_id:
            listing = listing_filter(caller, ImageQuery(), query.workspace_id)
            rows = listing_repo.get_many_listed(conn, listing, ids)
        else:
            rows = images_repo.get_many(conn, caller.user_id, ids)
            with_paths(conn, caller.user_id, list(rows.values()))
        if query.stacks_collapsed:
            stacks = [r["stack_id"] for r in rows.values() if r["stack_id"] is not None]
            sizes = images_repo.stack_sizes(conn, stacks)
            for row in rows.values():
                row["stack_size"] = sizes.get(row["stack_id"], 1)
        catching_up = search_outbox.catching_up(conn)

    def result(row: dict, hit) -> SearchResult:
        found_by = {"score": hit.score, "highlights": hit.highlights}
        if query.workspace_id:
            return workspace_images.image_out(row, role, caller, SearchResult, **found_by)
        return SearchResult(**row, **image_urls(row), **found_by)

    results = [
        result(row, hit)
        for hit in hits
        # absent: changed since it was indexed, and the indexer is catching up
        if (row := rows.get(hit.image_id)) is not None
    ]
    return SearchResults(results=results, query_text=query.q, filters=query.active_filters(),
                         catching_up=catching_up, **page.fields(query, found.total))  # fmt: skip


def facets(caller: Caller, query: FacetQuery) -> SearchFacets:
    """How many of my matching images (or a workspace's) each model and size has."""
    with acting_as(caller) as conn:
        _workspace_role(conn, query)
        request = facet_request(query, _folders(conn, caller, query))
        with _answering():
            found = get_backend().facets(conn, caller.user_id, request)
    return SearchFacets(
        models=[FacetCount(value=value, count=count) for value, count in found.models],
        samplers=[FacetCount(value=value, count=count) for value, count in found.samplers],
        sizes=[SizeCount(value=f"{width}x{height}", width=width, height=height, count=count)
               for width, height, count in found.sizes],
        workspaces=[FacetCount(value=value, count=count) for value, count in found.workspaces],
        checkpoints=[HashedCount(value=v, hash=h, count=c) for v, h, c in found.checkpoints],
        loras=[HashedCount(value=v, hash=h, count=c) for v, h, c in found.loras],
        generators=[FacetCount(value=value, count=count) for value, count in found.generators],
    )  # fmt: skip


def suggest_tags(caller: Caller, prefix: str, limit: int = 10) -> TagSuggestions:
    """The caller's tags starting with ``prefix`` (taken literally), most used first."""
    with acting_as(caller) as conn:
        rows = tags_repo.with_prefix(conn, caller.user_id, prefix, limit)
    return TagSuggestions(suggestions=[row["name"] for row in rows])
