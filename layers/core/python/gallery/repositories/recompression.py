"""Lossless recompression of PNG originals: the queue across users (as the worker) and
each image's job (as its owner)."""

from uuid import UUID

from psycopg import Connection

# The recompression job's queue: one pending image at a time, skipping those another run
# holds, marked started in the same statement (each image is taken once: a run that dies
# leaves it `started`, never half-replaced).
TAKE_RECOMPRESSION = """
update images set recompression = 'started'
 where image_id = (select image_id from images
                    where recompression = 'pending' and status = 'ready' and deleted_at is null
                    order by image_id
                    limit 1
                      for update skip locked)
returning user_id, image_id
"""

# Older PNG originals of the plans that opt in (an unknown plan is the default plan), a
# batch at a time in id order: resumable, and a second pass finds nothing.
QUEUE_RECOMPRESSION = """
with batch as (
    select i.image_id from images i join users u using (user_id)
     where i.status = 'ready' and i.mime_type = 'image/png' and i.recompression is null
       and i.image_id > %(after)s
       and (u.plan = any(%(plans)s) or (%(default_on)s and u.plan <> all(%(known)s)))
     order by i.image_id
     limit %(limit)s
)
update images set recompression = 'pending'
 where image_id in (select image_id from batch)
returning image_id
"""


def take_recompression(conn: Connection) -> dict | None:
    return conn.execute(TAKE_RECOMPRESSION).fetchone()


def queue_recompression(
    conn: Connection, after: UUID, limit: int, plans: list[str], default_on: bool,
    known: list[str],
) -> list[UUID]:  # fmt: skip
    params = {"after": after, "limit": limit, "plans": plans, "default_on": default_on,
              "known": known}  # fmt: skip
    return sorted(row["image_id"] for row in conn.execute(QUEUE_RECOMPRESSION, params))


# The recompression job, as the image's owner: the original it took, then what came of it
# (only while the image is still the one it took: ready and `started`).
RECOMPRESSION_SOURCE = """
select s3_key, file_size_bytes from images
 where user_id = %(user_id)s and image_id = %(image_id)s and status = 'ready'
   and recompression = 'started'
"""

SET_RECOMPRESSED = """
update images set recompression = 'recompressed', uploaded_size_bytes = file_size_bytes,
       file_size_bytes = %(size)s, recompressed_etag = %(etag)s
 where user_id = %(user_id)s and image_id = %(image_id)s and status = 'ready'
   and recompression = 'started' and file_size_bytes = %(was)s
"""

SET_RECOMPRESSION_OUTCOME = """
update images set recompression = %(outcome)s
 where user_id = %(user_id)s and image_id = %(image_id)s and recompression = 'started'
"""


def recompression_source(
    conn: Connection, user_id: UUID, image_id: UUID, lock: bool = False
) -> dict | None:
    query = RECOMPRESSION_SOURCE + (" for update" if lock else "")
    return conn.execute(query, {"user_id": user_id, "image_id": image_id}).fetchone()


def set_recompressed(
    conn: Connection, user_id: UUID, image_id: UUID, was: int, size: int, etag: str
) -> bool:
    params = {"user_id": user_id, "image_id": image_id, "was": was, "size": size, "etag": etag}
    return conn.execute(SET_RECOMPRESSED, params).rowcount == 1


def set_recompression_outcome(conn: Connection, user_id: UUID, image_id: UUID, outcome: str):
    params = {"user_id": user_id, "image_id": image_id, "outcome": outcome}
    conn.execute(SET_RECOMPRESSION_OUTCOME, params)
