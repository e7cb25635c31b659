"""Users are created on first sight, from the token's claims."""

from collections.abc import Iterator
from contextlib import contextmanager
from uuid import UUID

from psycopg import Connection

from gallery import db
from gallery.auth import Caller
from gallery.config import get_settings
from gallery.repositories import users as users_repo

# Users this container has already made sure of: one insert per user per container.
_known: set[UUID] = set()


@contextmanager
def acting_as(caller: Caller) -> Iterator[Connection]:
    """The request's one transaction, as ``caller``; their user row is created on first sight
    (in a transaction of its own, so a failing request cannot roll it back)."""
    if caller.user_id not in _known:
        with db.transaction(caller.user_id) as conn:
            users_repo.ensure(conn, caller.user_id, caller.email, get_settings().default_plan)
        _known.add(caller.user_id)
    with db.transaction(caller.user_id) as conn:
        yield conn


def register(caller: Caller, plan: str) -> None:
    """Creates the user or changes their plan (local mode and administration only)."""
    if plan not in get_settings().plans:
        raise ValueError(f"unknown plan {plan!r}")
    with db.transaction(caller.user_id) as conn:
        users_repo.ensure(conn, caller.user_id, caller.email, plan)
        users_repo.set_plan(conn, caller.user_id, caller.email, plan)
    _known.add(caller.user_id)
