"""Images: single-image reads and writes, bulk changes (listings: repositories.listing)."""

from uuid import UUID

from psycopg import Connection, sql

from gallery.repositories.listing import select_images

GET = select_images(
    page=sql.SQL(
        "select * from images where user_id = %(user_id)s and image_id = %(image_id)s"
        " and status = 'ready'"
    ),
    order=sql.SQL("i.image_id"),
)

# Search hits, hydrated: the caller's listed images among ``image_ids`` (RLS applies too).
GET_MANY = select_images(
    page=sql.SQL(
        "select * from images where user_id = %(user_id)s and image_id = any(%(image_ids)s)"
        " and status = 'ready' and deleted_at is null"
    ),
    order=sql.SQL("i.image_id"),
)

# How many listed images each stack has that the caller sees (RLS: theirs, or a workspace's).
STACK_SIZES = """
select stack_id, count(*) as size from images
 where stack_id = any(%(stack_ids)s) and status = 'ready' and deleted_at is null
 group by stack_id
"""

UPDATE = """
update images set
    is_favorite = coalesce(%(is_favorite)s, is_favorite),
    is_public = coalesce(%(is_public)s, is_public),
    public_show_metadata = coalesce(%(public_show_metadata)s, public_show_metadata),
    rating = coalesce(%(rating)s, rating),
    folder_id = case when %(set_folder)s then %(folder_id)s else folder_id end,
    updated_at = now()
 where user_id = %(user_id)s and image_id = %(image_id)s
   and status = 'ready' and deleted_at is null
returning image_id
"""

LOCK_MANY = """
select image_id from images
 where user_id = %(user_id)s and image_id = any(%(image_ids)s::uuid[])
   and status = 'ready' and (deleted_at is not null) = %(in_trash)s
 order by image_id
   for update
"""

TRASH_MANY = """
update images set deleted_at = now()
 where user_id = %(user_id)s and image_id = any(%(image_ids)s::uuid[]) and deleted_at is null
returning deleted_at
"""

RESTORE_MANY = """
update images set deleted_at = null
 where user_id = %(user_id)s and image_id = any(%(image_ids)s::uuid[])
   and deleted_at is not null
"""

TRASHED_IDS = """
select image_id from images
 where user_id = %(user_id)s and status = 'ready' and deleted_at is not null
 order by image_id
 limit %(limit)s
"""

ALL_IDS = "select image_id from images where user_id = %(user_id)s order by image_id"

UPDATE_MANY = """
update images set
    is_favorite = coalesce(%(is_favorite)s, is_favorite),
    folder_id = case when %(set_folder)s then %(folder_id)s else folder_id end,
    updated_at = now()
 where user_id = %(user_id)s and image_id = any(%(image_ids)s::uuid[])
"""

TOUCH_MANY = """
update images set updated_at = now()
 where user_id = %(user_id)s and image_id = any(%(image_ids)s::uuid[])
"""

DELETE_MANY = """
delete from images
 where user_id = %(user_id)s and image_id = any(%(image_ids)s::uuid[])
returning image_id, s3_key, thumbnail_256_key, thumbnail_512_key, preview_avif_key,
          preview_webp_key, mime_type
"""


def get(conn: Connection, user_id: UUID, image_id: UUID) -> dict | None:
    return conn.execute(GET, {"user_id": user_id, "image_id": image_id}).fetchone()


def get_many(conn: Connection, user_id: UUID, image_ids: list[UUID]) -> dict[UUID, dict]:
    rows = conn.execute(GET_MANY, {"user_id": user_id, "image_ids": image_ids})
    return {row["image_id"]: row for row in rows}


def update(conn: Connection, user_id: UUID, image_id: UUID, changes: dict) -> bool:
    params = {
        "user_id": user_id,
        "image_id": image_id,
        "is_favorite": changes.get("is_favorite"),
        "is_public": changes.get("is_public"),
        "public_show_metadata": changes.get("public_show_metadata"),
        "rating": changes.get("rating"),
        "set_folder": "folder_id" in changes,
        "folder_id": changes.get("folder_id"),
    }
    return conn.execute(UPDATE, params).fetchone() is not None


def lock_many(
    conn: Connection, user_id: UUID, image_ids: list[UUID], in_trash: bool = False
) -> set[UUID]:
    """Locks the caller's ready images among ``image_ids`` that are (or are not) in the
    trash, in id order: concurrent bulk changes queue instead of deadlocking."""
    params = {"user_id": user_id, "image_ids": image_ids, "in_trash": in_trash}
    return {row["image_id"] for row in conn.execute(LOCK_MANY, params)}


def trash_many(conn: Connection, user_id: UUID, image_ids: list[UUID]) -> None:
    conn.execute(TRASH_MANY, {"user_id": user_id, "image_ids": image_ids})


def restore_many(conn: Connection, user_id: UUID, image_ids: list[UUID]) -> None:
    conn.execute(RESTORE_MANY, {"user_id": user_id, "image_ids": image_ids})


def trashed_ids(conn: Connection, user_id: UUID, limit: int) -> list[UUID]:
    params = {"user_id": user_id, "limit": limit}
    return [row["image_id"] for row in conn.execute(TRASHED_IDS, params)]


def all_ids(conn: Connection, user_id: UUID) -> list[UUID]:
    return [row["image_id"] for row in conn.execute(ALL_IDS, {"user_id": user_id})]


def update_many(conn: Connection, user_id: UUID, image_ids: list[UUID], changes: dict) -> None:
    params = {
        "user_id": user_id,
        "image_ids": image_ids,
        "is_favorite": changes.get("is_favorite"),
        "set_folder": "folder_id" in changes,
        "folder_id": changes.get("folder_id"),
    }
    conn.execute(UPDATE_MANY, params)


def touch_many(conn: Connection, user_id: UUID, image_ids: list[UUID]) -> None:
    conn.execute(TOUCH_MANY, {"user_id": user_id, "image_ids": image_ids})


def delete_many(conn: Connection, user_id: UUID, image_ids: list[UUID]) -> list[dict]:
    return conn.execute(DELETE_MANY, {"user_id": user_id, "image_ids": image_ids}).fetchall()


def stack_sizes(conn: Connection, stack_ids: list[UUID]) -> dict[UUID, int]:
    rows = conn.execute(STACK_SIZES, {"stack_ids": stack_ids}).fetchall()
    return {row["stack_id"]: row["size"] for row in rows}


# A member's own rating of a workspace's image (0 takes it back).
RATE = """
insert into image_ratings (user_id, image_id, rating) values (%(user_id)s, %(image_id)s, %(rating)s)
on conflict (user_id, image_id) do update set rating = excluded.rating
"""
UNRATE = "delete from image_ratings where user_id = %(user_id)s and image_id = %(image_id)s"


def rate(conn: Connection, user_id: UUID, image_id: UUID, rating: int) -> None:
    params = {"user_id": user_id, "image_id": image_id, "rating": rating}
    conn.execute(RATE if rating else UNRATE, params)


IN_FOLDERS = """
select image_id from images
 where user_id = %(user_id)s and folder_id = any(%(folder_ids)s)
   and status = 'ready' and deleted_at is null
 order by created_at, image_id
"""


def ids_in_folders(conn: Connection, user_id: UUID, folder_ids: list[UUID]) -> list[UUID]:
    """The listed images of these folders, oldest first."""
    rows = conn.execute(IN_FOLDERS, {"user_id": user_id, "folder_ids": folder_ids})
    return [row["image_id"] for row in rows]
