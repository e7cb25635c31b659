"""PostgreSQL access: one pool per container, one transaction per request.

Every transaction starts by naming its caller with a transaction-scoped setting, which the
row-level security policies read. Transaction scope is safe behind RDS Proxy: nothing
lingers on a multiplexed connection. RDS Proxy refuses startup options (``options=-c …``):
the statement timeout is each login's own default (``ALTER ROLE … SET``, by the deploy).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from uuid import UUID

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from gallery.auth import Caller
from gallery.config import get_settings
from gallery.repositories import users as users_repo

_pools: dict[str, ConnectionPool] = {}
# Users this container has already made sure of: one insert per user per container.
_known: set[UUID] = set()


def _configure(conn: psycopg.Connection) -> None:
    # Server-side prepared statements would pin RDS Proxy sessions.
    conn.prepare_threshold = None


def pool(role: str = "app") -> ConnectionPool:
    """The container's pool for the application's login, the worker's or the visitors'."""
    if role not in _pools:
        settings = get_settings()
        url = settings.database_url_for(role)
        if not url:
            raise RuntimeError(f"no database login configured for the {role} role")
        _pools[role] = ConnectionPool(
            url,
            min_size=1,
            max_size=settings.db_pool_max_size,
            kwargs={"row_factory": dict_row},
            configure=_configure,
            open=True,
            name=f"gallery-{role}",
        )
    return _pools[role]


def close_pool() -> None:
    while _pools:
        _pools.popitem()[1].close()


@contextmanager
def transaction(user_id: UUID | str) -> Iterator[psycopg.Connection]:
    """One transaction acting as ``user_id``: commits on success, rolls back on any error."""
    with pool().connection() as conn, conn.transaction():
        conn.execute("select set_config('app.current_user_id', %s, true)", [str(user_id)])
        yield conn


@contextmanager
def acting_as(caller: Caller) -> Iterator[psycopg.Connection]:
    """The request's one transaction, as ``caller``: what every service works in. Their user
    row is created on first sight (in a transaction of its own, so a failing request cannot
    roll it back)."""
    if caller.user_id not in _known:
        with transaction(caller.user_id) as conn:
            users_repo.ensure(conn, caller.user_id, caller.email, get_settings().default_plan)
        _known.add(caller.user_id)
    with transaction(caller.user_id) as conn:
        yield conn


@contextmanager
def worker_transaction() -> Iterator[psycopg.Connection]:
    """One transaction of a background job, as the worker role (its own RLS policies)."""
    with pool("worker").connection() as conn, conn.transaction():
        yield conn


@contextmanager
def visitor_transaction(share_token_hash: bytes | None = None) -> Iterator[psycopg.Connection]:
    """One transaction of a visitor without an account: it sees public images and, when
    ``share_token_hash`` names a link, what that link shares (the visitor role's policies)."""
    with pool("visitor").connection() as conn, conn.transaction():
        token = share_token_hash.hex() if share_token_hash else ""
        conn.execute("select set_config('app.share_token_hash', %s, true)", [token])
        yield conn


@contextmanager
def acting_for(conn: psycopg.Connection, owner_id: UUID) -> Iterator[psycopg.Connection]:
    """Inside the caller's transaction, acts as ``owner_id`` for a change the caller may make
    to the owner's data (an editor tagging a workspace image): the right was checked in this
    same transaction, and the owner's own policies apply to the change."""
    caller = conn.execute("select current_setting('app.current_user_id') as id").fetchone()["id"]
    conn.execute("select set_config('app.current_user_id', %s, true)", [str(owner_id)])
    try:
        yield conn
    finally:
        conn.execute("select set_config('app.current_user_id', %s, true)", [caller])
