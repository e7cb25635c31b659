"""Tag autocomplete by usage."""

from gallery import db
from gallery.auth import Caller
from gallery.models import TagOut, TagSuggest
from gallery.repositories import tags as tags_repo
from gallery.services.users import ensure_user


def suggest_tags(caller: Caller, request: TagSuggest) -> list[TagOut]:
    """The caller's tags containing the query (prefix matches first), most used first."""
    with db.transaction(caller.user_id) as conn:
        ensure_user(conn, caller)
        rows = tags_repo.suggest(conn, caller.user_id, request.query or None, request.limit)
    return [TagOut(**row) for row in rows]
