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
    return by_user(conn.execute(OLD_REJECTED, {"before": before, "limit": limit}))


def by_user(rows) -> dict[UUID, list[UUID]]:
    grouped: dict[UUID, list[UUID]] = defaultdict(list)
    for row in rows:
        grouped[row["user_id"]].append(row["image_id"])
    return dict(grouped)


def expired_trash(conn: Connection, before: datetime, limit: int) -> dict[UUID, list[UUID]]:
    return by_user(conn.execute(EXPIRED_TRASH, {"before": before, "limit": limit}))


def expired_reservations(conn: Connection, limit: int) -> dict[UUID, list[UUID]]:
    return by_user(conn.execute(EXPIRED_RESERVATIONS, {"limit": limit}))
