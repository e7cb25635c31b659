"""What the scheduled jobs look for across users (as the worker role, which may only read
the few columns it needs); the work itself is done as each user."""

from collections import defaultdict
from datetime import datetime
from uuid import UUID

from psycopg import Connection

EXPIRED_TRASH = """
select user_id, image_id from images
 where status = 'ready' and deleted_at < %(before)s
 order by user_id, image_id
 limit %(limit)s
"""

EXPIRED_RESERVATIONS = """
select user_id, image_id from images
 where status = 'pending' and reservation_expires_at < now()
 order by user_id, image_id
 limit %(limit)s
"""


OLD_REJECTED = """
select user_id, image_id from images
 where status = 'rejected' and ingested_at < %(before)s
 order by user_id, image_id
 limit %(limit)s
"""


def old_rejected(conn: Connection, before, limit: int) -> dict[UUID, list[UUID]]:
    return _by_user(conn.execute(OLD_REJECTED, {"before": before, "limit": limit}))


# Ready images (trash included) missing a placeholder or a preview, after a position: the
# back-fill walks them in id order and can stop and resume anywhere.
MISSING_RENDITIONS = """
select user_id, image_id from images
 where status = 'ready' and (placeholder is null or preview_avif_key is null)
   and image_id > %(after)s
 order by image_id
 limit %(limit)s
"""


def _by_user(rows) -> dict[UUID, list[UUID]]:
    grouped: dict[UUID, list[UUID]] = defaultdict(list)
    for row in rows:
        grouped[row["user_id"]].append(row["image_id"])
    return dict(grouped)


def expired_trash(conn: Connection, before: datetime, limit: int) -> dict[UUID, list[UUID]]:
    return _by_user(conn.execute(EXPIRED_TRASH, {"before": before, "limit": limit}))


def expired_reservations(conn: Connection, limit: int) -> dict[UUID, list[UUID]]:
    return _by_user(conn.execute(EXPIRED_RESERVATIONS, {"limit": limit}))


def missing_renditions(conn: Connection, after: UUID, limit: int) -> list[dict]:
    return conn.execute(MISSING_RENDITIONS, {"after": after, "limit": limit}).fetchall()


# Copies without metadata made before a point in time (the maintenance expires them).
OLD_CLEAN_COPIES = """
select user_id, image_id from images
 where clean_copy_made_at < %(before)s
 order by user_id, image_id
 limit %(limit)s
"""


def old_clean_copies(conn: Connection, before: datetime, limit: int) -> dict[UUID, list[UUID]]:
    return _by_user(conn.execute(OLD_CLEAN_COPIES, {"before": before, "limit": limit}))


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
