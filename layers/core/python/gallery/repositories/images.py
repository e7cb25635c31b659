"""Images: listing with keyset paging, single-image reads and writes, bulk changes."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from psycopg import Connection, sql

_SELECT = sql.SQL("""
select i.image_id, i.user_id, i.prompt, i.negative_prompt, i.model, i.width, i.height, i.seed,
       i.params, i.s3_key, i.thumbnail_256_key, i.thumbnail_512_key, {favorite} as is_favorite,
       i.is_public, i.public_show_metadata, i.folder_id, i.view_count, i.download_count,
       i.file_size_bytes, i.mime_type, i.placeholder, i.preview_avif_key, i.preview_webp_key,
       i.created_at, i.updated_at, i.deleted_at,
       {tags} as tags
  from ({page}) i
 order by {order}
""")

# The owner's own tags and star...
_OWN_TAGS = sql.SQL("""coalesce((select array_agg(t.name order by t.name_key)
                   from image_tags it join tags t on t.tag_id = it.tag_id
                  where it.image_id = i.image_id), '{}')""")
_OWN_FAVORITE = sql.SQL("i.is_favorite")
# ... and what a workspace member sees: the owner's tags (through the membership function),
# and their own star (an owner's star stays theirs).
_MEMBER_TAGS = sql.SQL("app_workspace_image_tags(i.image_id)")
_MEMBER_FAVORITE = sql.SQL("""case when i.user_id = %(viewer_id)s then i.is_favorite
        else exists (select from image_stars s
                      where s.user_id = %(viewer_id)s and s.image_id = i.image_id) end""")


def _select(f: "ListFilter | None" = None, **parts: sql.Composable) -> sql.Composed:
    member = f is not None and f.workspace_id is not None
    return _SELECT.format(
        favorite=_MEMBER_FAVORITE if member else _OWN_FAVORITE,
        tags=_MEMBER_TAGS if member else _OWN_TAGS,
        **parts,
    )


_PAGE = sql.SQL("""
select * from images
 where {conditions}
 order by {order}
 limit %(limit)s offset %(offset)s
""")

_COUNT = sql.SQL("select count(*) as total from images where {conditions}")

_LISTED = sql.SQL("user_id = %(user_id)s and status = 'ready' and deleted_at is null")
_TRASHED = sql.SQL("user_id = %(user_id)s and status = 'ready' and deleted_at is not null")
# A workspace's images: shared one by one, or through their folder.
_IN_WORKSPACE = sql.SQL("""status = 'ready' and deleted_at is null
   and (image_id in (select wi.image_id from workspace_items wi
                      where wi.workspace_id = %(workspace_id)s and wi.image_id is not null)
        or (user_id, folder_id) in (select wi.user_id, wi.folder_id from workspace_items wi
                                     where wi.workspace_id = %(workspace_id)s
                                       and wi.folder_id is not null))""")
_MEMBER_FILTERS = {
    "is_favorite": sql.SQL("""(case when user_id = %(viewer_id)s then is_favorite
        else exists (select from image_stars s where s.user_id = %(viewer_id)s
                                                 and s.image_id = images.image_id) end)
        = %(is_favorite)s"""),
    # tags by name: they belong to each image's owner
    "tag_key": sql.SQL("%(tag_key)s = any(app_workspace_image_tag_keys(images.image_id))"),
}

_FILTERS = {
    "folder_id": sql.SQL("folder_id = %(folder_id)s"),
    "is_favorite": sql.SQL("is_favorite = %(is_favorite)s"),
    "is_public": sql.SQL("is_public = %(is_public)s"),
}

# Two plans for a tag filter, chosen by how common the tag is (the planner misjudges tag
# frequency): a common tag walks the user's images in sort order and probes image_tags by
# primary key per row (a scalar subquery, which the planner cannot turn into a semi-join);
# a rare tag starts from its few images and sorts them.
_TAG_PROBE = sql.SQL(
    "(select true from image_tags it where it.image_id = images.image_id"
    " and it.tag_id = %(tag_id)s)"
)
_TAG_SET = sql.SQL(
    "image_id in (select it.image_id from image_tags it where it.tag_id = %(tag_id)s)"
)

SORT_COLUMNS = ("created_at", "view_count", "download_count", "deleted_at")


@dataclass(frozen=True)
class ListFilter:
    user_id: UUID
    folder_id: UUID | None = None
    is_favorite: bool | None = None
    is_public: bool | None = None
    tag_id: UUID | None = None
    # the probe plan scans about page_size * user_images / tag_usage rows, the set plan
    # tag_usage rows: probe when that is the smaller
    tag_probe: bool = True
    sort_by: str = "created_at"
    descending: bool = True
    in_trash: bool = False
    # A workspace's images, as member ``user_id`` sees them (favourites are theirs)
    workspace_id: UUID | None = None
    tag_key: str | None = None  # gallery.tag_keys

    @property
    def narrowed_beyond_tag(self) -> bool:
        return any(v is not None for v in (self.folder_id, self.is_favorite, self.is_public))


def tag_probe_is_cheaper(tag_usage: int, user_images: int, page_size: int) -> bool:
    return tag_usage * tag_usage >= page_size * user_images


def _conditions(
    f: ListFilter, after: tuple[Any, UUID] | None, for_count: bool = False
) -> tuple[sql.Composable, dict]:
    if f.workspace_id is not None:
        parts = [_IN_WORKSPACE]
        filters = {**_FILTERS, **_MEMBER_FILTERS}
    else:
        parts = [_TRASHED if f.in_trash else _LISTED]
        filters = _FILTERS
    params: dict[str, Any] = {
        "user_id": f.user_id, "viewer_id": f.user_id, "tag_id": f.tag_id,
        "workspace_id": f.workspace_id,
    }  # fmt: skip
    for name, clause in filters.items():
        value = getattr(f, name)
        if value is not None:
            parts.append(clause)
            params[name] = value
    if f.tag_id is not None:
        parts.append(_TAG_PROBE if f.tag_probe and not for_count else _TAG_SET)
    if after is not None:
        op = sql.SQL("<" if f.descending else ">")
        parts.append(
            sql.SQL("({col}, image_id) {op} (%(after_value)s, %(after_id)s)").format(
                col=sql.Identifier(f.sort_by), op=op
            )
        )
        params["after_value"], params["after_id"] = after
    return sql.SQL(" and ").join(parts), params


def _order(f: ListFilter, alias: str | None = None) -> sql.Composable:
    direction = sql.SQL("desc" if f.descending else "asc")
    col = sql.Identifier(alias, f.sort_by) if alias else sql.Identifier(f.sort_by)
    image_id = sql.Identifier(alias, "image_id") if alias else sql.Identifier("image_id")
    return sql.SQL("{} {d}, {} {d}").format(col, image_id, d=direction)


def list_page(
    conn: Connection,
    f: ListFilter,
    *,
    limit: int,
    offset: int = 0,
    after=None,
    image_id: UUID | None = None,
) -> list[dict]:
    """One page in sort order, tags included (one statement, no per-image queries); with
    ``image_id``, that image if it is in the listing."""
    assert f.sort_by in SORT_COLUMNS
    conditions, params = _conditions(f, after)
    if image_id is not None:
        conditions = sql.SQL("{} and image_id = %(image_id)s").format(conditions)
        params["image_id"] = image_id
    page = _PAGE.format(conditions=conditions, order=_order(f))
    query = _select(f, page=page, order=_order(f, "i"))
    return conn.execute(query, {**params, "limit": limit, "offset": offset}).fetchall()


def count(conn: Connection, f: ListFilter) -> int:
    conditions, params = _conditions(f, None, for_count=True)
    return conn.execute(_COUNT.format(conditions=conditions), params).fetchone()["total"]


GET = _select(
    page=sql.SQL(
        "select * from images where user_id = %(user_id)s and image_id = %(image_id)s"
        " and status = 'ready'"
    ),
    order=sql.SQL("i.image_id"),
)

# Search hits, hydrated: the caller's listed images among ``image_ids`` (RLS applies too).
GET_MANY = _select(
    page=sql.SQL(
        "select * from images where user_id = %(user_id)s and image_id = any(%(image_ids)s)"
        " and status = 'ready' and deleted_at is null"
    ),
    order=sql.SQL("i.image_id"),
)

UPDATE = """
update images set
    is_favorite = coalesce(%(is_favorite)s, is_favorite),
    is_public = coalesce(%(is_public)s, is_public),
    public_show_metadata = coalesce(%(public_show_metadata)s, public_show_metadata),
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


def get_many_listed(conn: Connection, f: ListFilter, image_ids: list[UUID]) -> dict[UUID, dict]:
    """Search hits, hydrated: those of ``image_ids`` that ``f`` lists (a workspace's)."""
    conditions, params = _conditions(f, None)
    page = sql.SQL("select * from images where {} and image_id = any(%(image_ids)s)").format(
        conditions
    )
    query = _select(f, page=page, order=sql.SQL("i.image_id"))
    rows = conn.execute(query, {**params, "image_ids": image_ids})
    return {row["image_id"]: row for row in rows}


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
