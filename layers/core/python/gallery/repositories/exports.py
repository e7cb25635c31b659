from uuid import UUID

from psycopg import Connection
from psycopg.types.json import Jsonb

_COLUMNS = """export_id, user_id, share_id, source, include_metadata, status, image_count,
    done_count, size_bytes, s3_key, version_id, error, created_at, started_at, finished_at,
    expires_at"""

INSERT = """
insert into exports (user_id, source, include_metadata, share_id)
values (%(user_id)s, %(source)s, %(include_metadata)s, %(share_id)s)
returning export_id, status
"""

# An owner's exports still at work (or a link's): the cap counts them (locked, so two
# requests at once cannot both pass it).
OPEN = """
select count(*) as open from exports
 where user_id = %(user_id)s and status in ('queued', 'running')
   and share_id is not distinct from %(share_id)s
"""
LOCK_OWNER = "select pg_advisory_xact_lock(7340033, hashtext(%(user_id)s::text))"

GET = f"""
select {_COLUMNS} from exports where user_id = %(user_id)s and export_id = %(export_id)s
   and share_id is not distinct from %(share_id)s
"""  # noqa: S608 (no user input in the text)

# The job takes a queued export once (a retried invocation finds it taken).
CLAIM = f"""
update exports set status = 'running', started_at = now()
 where export_id = %(export_id)s and status = 'queued'
returning {_COLUMNS}
"""  # noqa: S608

QUEUED = "select export_id, user_id from exports where status = 'queued' order by created_at"

PROGRESS = """
update exports set image_count = %(image_count)s, done_count = %(done_count)s
 where export_id = %(export_id)s
"""

READY = """
update exports set status = 'ready', size_bytes = %(size_bytes)s, s3_key = %(s3_key)s,
       version_id = %(version_id)s, done_count = image_count, finished_at = now(),
       expires_at = now() + interval '24 hours'
 where export_id = %(export_id)s
"""

FAILED = """
update exports set status = 'failed', error = left(%(error)s, 500), finished_at = now()
 where export_id = %(export_id)s and status in ('queued', 'running')
"""

# For the maintenance: kept archives past their time, and jobs that stopped answering (an
# export runs within the function's timeout; queued ones never started).
DUE = """
select export_id, user_id, status, s3_key, version_id from exports
 where status <> 'expired'
   and (expires_at <= now()
        or (status = 'running' and started_at < now() - %(stalled)s * interval '1 second')
        or (status = 'queued' and created_at < now() - %(stalled)s * interval '1 second'))
 order by expires_at
 limit %(limit)s
"""

EXPIRE = """
update exports set status = case when status = 'ready' or expires_at <= now() then 'expired'
                                 else 'failed' end,
       error = case when status in ('queued', 'running') then 'the export stopped: try again'
                    else error end,
       finished_at = coalesce(finished_at, now())
 where export_id = %(export_id)s
"""

DELETE_ALL = "delete from exports where user_id = %(user_id)s returning s3_key"


def insert(
    conn: Connection, user_id: UUID, source: dict, include_metadata: bool,
    share_id: UUID | None = None,
) -> dict:  # fmt: skip
    params = {"user_id": user_id, "source": Jsonb(source), "include_metadata": include_metadata,
              "share_id": share_id}  # fmt: skip
    return conn.execute(INSERT, params).fetchone()


def lock_owner(conn: Connection, user_id: UUID) -> None:
    conn.execute(LOCK_OWNER, {"user_id": user_id})


def open_count(conn: Connection, user_id: UUID, share_id: UUID | None = None) -> int:
    return conn.execute(OPEN, {"user_id": user_id, "share_id": share_id}).fetchone()["open"]


def get(
    conn: Connection, user_id: UUID, export_id: UUID, share_id: UUID | None = None
) -> dict | None:
    """The owner's export (``share_id``: one made for that link, and only through it)."""
    params = {"user_id": user_id, "export_id": export_id, "share_id": share_id}
    return conn.execute(GET, params).fetchone()


def claim(conn: Connection, export_id: UUID) -> dict | None:
    return conn.execute(CLAIM, {"export_id": export_id}).fetchone()


def queued(conn: Connection) -> list[dict]:
    return conn.execute(QUEUED).fetchall()


def progress(conn: Connection, export_id: UUID, image_count: int, done_count: int) -> None:
    params = {"export_id": export_id, "image_count": image_count, "done_count": done_count}
    conn.execute(PROGRESS, params)


def ready(conn: Connection, export_id: UUID, *, size_bytes: int, s3_key: str, version_id) -> None:
    params = {"export_id": export_id, "size_bytes": size_bytes, "s3_key": s3_key,
              "version_id": version_id}  # fmt: skip
    conn.execute(READY, params)


def failed(conn: Connection, export_id: UUID, error: str) -> None:
    conn.execute(FAILED, {"export_id": export_id, "error": error})


def due(conn: Connection, stalled_seconds: int, limit: int = 100) -> list[dict]:
    return conn.execute(DUE, {"stalled": stalled_seconds, "limit": limit}).fetchall()


def expire(conn: Connection, export_id: UUID) -> None:
    conn.execute(EXPIRE, {"export_id": export_id})


def delete_all(conn: Connection, user_id: UUID) -> int:
    return conn.execute(DELETE_ALL, {"user_id": user_id}).rowcount
