"""Smart folders: saved searches of my images, listed live by the search backend, with
their counts."""

from uuid import UUID

from psycopg import errors as pg_errors
from pydantic import ValidationError

from gallery.auth import Caller
from gallery.db import acting_as
from gallery.errors import Conflict, NotFound
from gallery.models.search import SearchQuery, SearchResults
from gallery.models.smart_folders import (
    SmartFolderCreate,
    SmartFolderOut,
    SmartFolderPage,
    SmartFolderUpdate,
)
from gallery.repositories import smart_folders as repo
from gallery.services import search


def _name_taken(name: str | None) -> Conflict:
    named = f"named {name!r}" if name else "of that name"
    return Conflict(f"a smart folder {named} already exists", code="smart_folder_name_taken")


def _read(saved: dict, **paging) -> SearchQuery | None:
    """The saved search, read (and checked) again as the search endpoint reads it; None
    when it no longer reads."""
    try:
        return SearchQuery.model_validate({**saved, **paging})
    except ValidationError:
        return None


def saved_search(saved: dict, **paging) -> SearchQuery:
    query = _read(saved, **paging)
    if query is None:
        raise Conflict("the saved search no longer reads: change its query",
                       code="smart_folder_query_invalid")  # fmt: skip
    return query


def _out(conn, caller: Caller, row: dict) -> SmartFolderOut:
    query = _read(row["query"])  # None: its images say why (409)
    count = search.count_images(conn, caller, query) if query is not None else None
    return SmartFolderOut(**row, image_count=count)


def list_smart_folders(caller: Caller) -> list[SmartFolderOut]:
    with acting_as(caller) as conn:
        return [_out(conn, caller, row) for row in repo.list_for_user(conn, caller.user_id)]


def get_smart_folder(caller: Caller, smart_folder_id: UUID) -> SmartFolderOut:
    with acting_as(caller) as conn:
        row = repo.get(conn, caller.user_id, smart_folder_id)
        if row is None:
            raise NotFound("smart folder not found")
        return _out(conn, caller, row)


def create_smart_folder(caller: Caller, request: SmartFolderCreate) -> SmartFolderOut:
    try:
        with acting_as(caller) as conn:
            smart_folder_id = repo.insert(
                conn, caller.user_id, request.name, request.query.given, request.sort_order
            )
            return _out(conn, caller, repo.get(conn, caller.user_id, smart_folder_id))
    except pg_errors.UniqueViolation:
        raise _name_taken(request.name) from None


def update_smart_folder(
    caller: Caller, smart_folder_id: UUID, request: SmartFolderUpdate
) -> SmartFolderOut:
    query = request.query.given if request.query is not None else None
    try:
        with acting_as(caller) as conn:
            changed = repo.update(conn, caller.user_id, smart_folder_id, name=request.name,
                                  query=query, sort_order=request.sort_order)  # fmt: skip
            if not changed:
                raise NotFound("smart folder not found")
            return _out(conn, caller, repo.get(conn, caller.user_id, smart_folder_id))
    except pg_errors.UniqueViolation:
        raise _name_taken(request.name) from None


def delete_smart_folder(caller: Caller, smart_folder_id: UUID) -> None:
    with acting_as(caller) as conn:
        if not repo.delete(conn, caller.user_id, smart_folder_id):
            raise NotFound("smart folder not found")


def smart_folder_images(
    caller: Caller, smart_folder_id: UUID, page: SmartFolderPage
) -> SearchResults:
    """A page of what the saved search finds now."""
    with acting_as(caller) as conn:
        row = repo.get(conn, caller.user_id, smart_folder_id)
    if row is None:
        raise NotFound("smart folder not found")
    return search.search_images(
        caller, saved_search(row["query"], **page.model_dump(exclude_none=True))
    )


def found_for_link(
    owner_id: UUID, smart_folder_id: UUID, *, page_size: int, cursor: str | None = None,
    image_id: UUID | None = None,
) -> "search.FoundIds | None":  # fmt: skip
    """What a shared smart folder's search finds now, searched as its owner (of their images
    only): a page, or whether it finds ``image_id``. None when it is gone or no longer
    reads (its link then opens nothing)."""
    owner = Caller(user_id=owner_id)
    with acting_as(owner) as conn:
        row = repo.get(conn, owner_id, smart_folder_id)
        query = _read(row["query"], page_size=page_size, cursor=cursor) if row else None
        if query is None:
            return None
        return search.search_ids(conn, owner, query, only=(image_id,) if image_id else None)
