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
