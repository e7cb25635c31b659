"""Tag autocomplete by usage."""

from gallery.auth import Caller
from gallery.db import acting_as
from gallery.models.tags import TagOut, TagSuggest
from gallery.repositories import tags as tags_repo


def suggest_tags(caller: Caller, request: TagSuggest) -> list[TagOut]:
    """The caller's tags containing the query (prefix matches first), most used first."""
    with acting_as(caller) as conn:
        rows = tags_repo.suggest(conn, caller.user_id, request.query or None, request.limit)
    return [TagOut(**row) for row in rows]
