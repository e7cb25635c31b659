"""Users are created on first sight, from the token's claims."""

from uuid import UUID

from psycopg import Connection

from gallery import db
from gallery.auth import Caller
from gallery.config import get_settings
from gallery.repositories import users as users_repo

# Users this container has already made sure of: one insert per user per container.
_known: set[UUID] = set()


def ensure_user(conn: Connection, caller: Caller) -> None:
    if caller.user_id in _known:
        return
    users_repo.ensure(conn, caller.user_id, caller.email, get_settings().default_plan)
    _known.add(caller.user_id)


def register(caller: Caller, plan: str) -> None:
    """Creates the user or changes their plan (local mode and administration only)."""
    if plan not in get_settings().plans:
        raise ValueError(f"unknown plan {plan!r}")
    with db.transaction(caller.user_id) as conn:
        users_repo.ensure(conn, caller.user_id, caller.email, plan)
        users_repo.set_plan(conn, caller.user_id, caller.email, plan)
    _known.add(caller.user_id)
