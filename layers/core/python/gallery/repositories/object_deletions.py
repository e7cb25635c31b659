"""S3 objects whose rows are gone: recorded in the deleting transaction, removed after it."""

from uuid import UUID

from psycopg import Connection

ENQUEUE = """
insert into object_deletions (s3_key, user_id)
select key, %(user_id)s from unnest(%(keys)s::text[]) as key
on conflict (s3_key) do nothing
"""

DONE = "delete from object_deletions where user_id = %(user_id)s and s3_key = any(%(keys)s)"

# Worker: the oldest queued keys of any user, skipping those another sweeper holds.
CLAIM = """
update object_deletions set attempts = attempts + 1
 where s3_key in (select s3_key from object_deletions
                   order by enqueued_at limit %(limit)s
                     for update skip locked)
returning s3_key
"""

REMOVE = "delete from object_deletions where s3_key = any(%(keys)s)"


def enqueue(conn: Connection, user_id: UUID, keys: list[str]) -> None:
    if keys:
        conn.execute(ENQUEUE, {"user_id": user_id, "keys": keys})


def done(conn: Connection, user_id: UUID, keys: list[str]) -> None:
    if keys:
        conn.execute(DONE, {"user_id": user_id, "keys": keys})


def claim(conn: Connection, limit: int) -> list[str]:
    return [row["s3_key"] for row in conn.execute(CLAIM, {"limit": limit})]


def remove(conn: Connection, keys: list[str]) -> None:
    if keys:
        conn.execute(REMOVE, {"keys": keys})


FORGET_ALL = "delete from object_deletions where user_id = %(user_id)s"


def forget_all(conn: Connection, user_id: UUID) -> None:
    conn.execute(FORGET_ALL, {"user_id": user_id})
