"""PostgreSQL access: one pool per container, one transaction per request.

Every transaction starts by naming its caller with a transaction-scoped setting, which the
row-level security policies read. Transaction scope is safe behind RDS Proxy: nothing
lingers on a multiplexed connection.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from uuid import UUID

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from gallery.config import get_settings

_pool: ConnectionPool | None = None


def _configure(conn: psycopg.Connection) -> None:
    # Server-side prepared statements would pin RDS Proxy sessions.
    conn.prepare_threshold = None


def pool() -> ConnectionPool:
    global _pool
    if _pool is None:
        settings = get_settings()
        _pool = ConnectionPool(
            settings.database_url,
            min_size=1,
            max_size=settings.db_pool_max_size,
            kwargs={
                "row_factory": dict_row,
                "options": f"-c statement_timeout={settings.db_statement_timeout_ms}",
            },
            configure=_configure,
            open=True,
            name="gallery",
        )
    return _pool


def close_pool() -> None:
    global _pool
    if _pool is not None:
        _pool.close()
        _pool = None


@contextmanager
def transaction(user_id: UUID | str) -> Iterator[psycopg.Connection]:
    """One transaction acting as ``user_id``: commits on success, rolls back on any error."""
    with pool().connection() as conn, conn.transaction():
        conn.execute("select set_config('app.current_user_id', %s, true)", [str(user_id)])
        yield conn
