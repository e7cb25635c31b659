"""Plain SQL migrations applied in order and recorded in ``schema_migrations``; then the
repeatable scripts (``migrations/repeatable``: the functions that change over time, one
file each, ``create or replace``), each re-applied when its checksum changes and recorded
in ``schema_repeatables``. A function's current body lives in its one file: a change is an
edit there, not another full copy in a new migration."""

import hashlib
from importlib import resources

import psycopg
from psycopg import sql

# Any fixed number: only one runner at a time may apply migrations.
_LOCK_KEY = 0x6761_6C6C_6572_79


def _scripts(folder: str) -> list[tuple[str, str]]:
    path = resources.files("gallery").joinpath(*folder.split("/"))
    files = sorted(f for f in path.iterdir() if f.name.endswith(".sql"))
    return [(f.name.removesuffix(".sql"), f.read_text(encoding="utf-8")) for f in files]


def _migrations() -> list[tuple[str, str]]:
    return _scripts("migrations")


def _repeatables() -> list[tuple[str, str]]:
    return _scripts("migrations/repeatable")


def _checksum(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def migrate(owner_url: str) -> list[str]:
    """Apply pending migrations, then changed repeatable scripts, as the table owner;
    returns what it applied (versions, then ``repeatable/<name>``)."""
    applied_now = []
    with psycopg.connect(owner_url, autocommit=True) as conn:
        conn.execute("select pg_advisory_lock(%s)", [_LOCK_KEY])
        try:
            conn.execute(
                "create table if not exists schema_migrations ("
                " version text primary key, checksum text not null,"
                " applied_at timestamptz not null default now())"
            )
            done = dict(conn.execute("select version, checksum from schema_migrations").fetchall())
            for version, text in _migrations():
                checksum = _checksum(text)
                if version in done:
                    if done[version] != checksum:
                        raise RuntimeError(f"migration {version} changed after it was applied")
                    continue
                with conn.transaction():
                    conn.execute(text)
                    conn.execute(
                        "insert into schema_migrations (version, checksum) values (%s, %s)",
                        [version, checksum],
                    )
                applied_now.append(version)
            applied_now += _apply_repeatables(conn)
        finally:
            conn.execute("select pg_advisory_unlock(%s)", [_LOCK_KEY])
    return applied_now


def _apply_repeatables(conn: psycopg.Connection) -> list[str]:
    conn.execute(
        "create table if not exists schema_repeatables ("
        " name text primary key, checksum text not null,"
        " applied_at timestamptz not null default now())"
    )
    done = dict(conn.execute("select name, checksum from schema_repeatables").fetchall())
    applied = []
    for name, text in _repeatables():
        checksum = _checksum(text)
        if done.get(name) == checksum:
            continue
        with conn.transaction():
            conn.execute(text)
            conn.execute(
                "insert into schema_repeatables (name, checksum) values (%s, %s)"
                " on conflict (name) do update set checksum = excluded.checksum,"
                " applied_at = now()",
                [name, checksum],
            )
        applied.append(f"repeatable/{name}")
    return applied


def ensure_login(
    owner_url: str, user: str, password: str, member_of: str = "gallery_app",
    statement_timeout_ms: int | None = None,
) -> None:  # fmt: skip
    """Create or update a login role that is a member of ``member_of`` and owns nothing;
    with ``statement_timeout_ms``, its sessions' default statement timeout (a role setting:
    behind RDS Proxy a connection can carry no startup options)."""
    if member_of not in ("gallery_app", "gallery_worker", "gallery_visitor"):
        raise ValueError(f"unknown group role {member_of!r}")
    with psycopg.connect(owner_url, autocommit=True) as conn:
        exists = conn.execute("select 1 from pg_roles where rolname = %s", [user]).fetchone()
        verb = "alter" if exists else "create"
        conn.execute(
            sql.SQL("{} role {} login password {}").format(
                sql.SQL(verb), sql.Identifier(user), sql.Literal(password)
            )
        )
        conn.execute(
            sql.SQL("grant {} to {}").format(sql.Identifier(member_of), sql.Identifier(user))
        )
        if statement_timeout_ms is not None:
            conn.execute(
                sql.SQL("alter role {} set statement_timeout = {}").format(
                    sql.Identifier(user), sql.Literal(f"{int(statement_timeout_ms)}ms")
                )
            )
