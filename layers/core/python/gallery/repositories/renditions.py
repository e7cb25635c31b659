"""An image's renditions: what they are made from, and what was made (the back-fill and
the viewer's previews)."""

from uuid import UUID

from psycopg import Connection

# Ready images (trash included) missing a placeholder or a preview, after a position: the
# back-fill walks them in id order and can stop and resume anywhere.
MISSING_RENDITIONS = """
select user_id, image_id from images
 where status = 'ready' and (placeholder is null or preview_avif_key is null)
   and image_id > %(after)s
 order by image_id
 limit %(limit)s
"""


def missing_renditions(conn: Connection, after: UUID, limit: int) -> list[dict]:
    return conn.execute(MISSING_RENDITIONS, {"after": after, "limit": limit}).fetchall()


RENDITION_SOURCES = """
select s3_key, thumbnail_256_key, placeholder, preview_avif_key from images
 where user_id = %(user_id)s and image_id = %(image_id)s and status = 'ready'
"""

# Only fills what is still missing: a back-fill running twice, or beside ingest, is harmless.
SET_PLACEHOLDER = """
update images set placeholder = %(placeholder)s
 where user_id = %(user_id)s and image_id = %(image_id)s and placeholder is null
"""

SET_PREVIEW = """
update images set preview_avif_key = %(avif)s, preview_webp_key = %(webp)s,
       thumbnails_size_bytes = thumbnails_size_bytes + %(bytes)s
 where user_id = %(user_id)s and image_id = %(image_id)s and preview_avif_key is null
"""


def rendition_sources(conn: Connection, user_id: UUID, image_id: UUID) -> dict | None:
    return conn.execute(RENDITION_SOURCES, {"user_id": user_id, "image_id": image_id}).fetchone()


def set_placeholder(conn: Connection, user_id: UUID, image_id: UUID, placeholder: str) -> bool:
    params = {"user_id": user_id, "image_id": image_id, "placeholder": placeholder}
    return conn.execute(SET_PLACEHOLDER, params).rowcount == 1


def set_preview(
    conn: Connection, user_id: UUID, image_id: UUID, keys: dict[str, str], size: int
) -> bool:
    params = {"user_id": user_id, "image_id": image_id, "bytes": size, **keys}
    return conn.execute(SET_PREVIEW, params).rowcount == 1
