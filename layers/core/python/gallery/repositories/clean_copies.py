"""The copies without metadata that visitors are served: counted while they exist, expired
by the maintenance."""

from datetime import datetime
from uuid import UUID

from psycopg import Connection

from gallery.repositories import maintenance

# Copies without metadata made before a point in time (the maintenance expires them).
OLD_CLEAN_COPIES = """
select user_id, image_id from images
 where clean_copy_made_at < %(before)s
 order by user_id, image_id
 limit %(limit)s
"""


def old_clean_copies(conn: Connection, before: datetime, limit: int) -> dict[UUID, list[UUID]]:
    return maintenance.by_user(conn.execute(OLD_CLEAN_COPIES, {"before": before, "limit": limit}))


# The copy without metadata that visitors are served: counted while it exists.
SET_CLEAN_COPY = """
update images set clean_copy_bytes = %(bytes)s, clean_copy_made_at = now()
 where user_id = %(user_id)s and image_id = %(image_id)s and status = 'ready'
"""

FORGET_CLEAN_COPIES = """
update images set clean_copy_bytes = null, clean_copy_made_at = null
 where user_id = %(user_id)s and image_id = any(%(image_ids)s)
   and clean_copy_made_at < %(before)s
returning image_id, mime_type
"""


def set_clean_copy(conn: Connection, user_id: UUID, image_id: UUID, size: int) -> None:
    conn.execute(SET_CLEAN_COPY, {"user_id": user_id, "image_id": image_id, "bytes": size})


def forget_clean_copies(
    conn: Connection, user_id: UUID, image_ids: list[UUID], before
) -> list[dict]:
    params = {"user_id": user_id, "image_ids": image_ids, "before": before}
    return conn.execute(FORGET_CLEAN_COPIES, params).fetchall()
