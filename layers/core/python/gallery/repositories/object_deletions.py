"""S3 objects whose rows are gone: recorded in the deleting transaction, removed after it."""

from uuid import UUID

from psycopg import Connection

ENQUEUE = """
insert into object_deletions (s3_key, user_id)
select key, %(user_id)s from unnest(%(keys)s::text[]) as key
on conflict (s3_key) do nothing
"""

DONE = "delete from object_deletions where user_id = %(user_id)s and s3_key = any(%(keys)s)"

PENDING = """
update object_deletions set attempts = attempts + 1
 where user_id = %(user_id)s
returning s3_key
"""


def enqueue(conn: Connection, user_id: UUID, keys: list[str]) -> None:
    if keys:
        conn.execute(ENQUEUE, {"user_id": user_id, "keys": keys})


def done(conn: Connection, user_id: UUID, keys: list[str]) -> None:
    if keys:
        conn.execute(DONE, {"user_id": user_id, "keys": keys})
