"""Images as visitors read them: the images of the transaction's share link, or public ones
(the visitor role's policies show nothing else), and the counters visits move. Rows come from
the view visitor_visible_images: prompt and generation parameters only where the owner shows
them (public_show_metadata, or the link's show_metadata), null elsewhere."""

from datetime import datetime
from uuid import UUID

from psycopg import Connection, sql

_COLUMNS = sql.SQL("""image_id, user_id, folder_id, prompt, negative_prompt, model, width,
    height, seed, params, s3_key, thumbnail_256_key, thumbnail_512_key, mime_type,
    file_size_bytes, content_sha256, public_show_metadata, placeholder, preview_avif_key,
    preview_webp_key, created_at, metadata_shown, generator, steps, cfg_scale, sampler,
    scheduler, model_hash, vae, loras, clip_skip, denoising_strength, hires_upscaler,
    hires_scale, stack_id""")

# A link's images: its one image, or the listed images of its folder's subtree (newest
# first).
IN_LINK = sql.SQL("""
select {columns} from visitor_visible_images
 where user_id = %(owner_id)s and status = 'ready' and deleted_at is null and {shared}
   and (%(image_id)s::uuid is null or image_id = %(image_id)s)
   and (%(after_at)s::timestamptz is null
        or (created_at, image_id) < (%(after_at)s, %(after_id)s))
 order by created_at desc, image_id desc
 limit %(limit)s
""")

COUNT_IN_LINK = sql.SQL("""
select count(*) as total from visitor_visible_images
 where user_id = %(owner_id)s and status = 'ready' and deleted_at is null and {shared}
""")

PUBLIC = sql.SQL(
    "select {columns} from visitor_visible_images where image_id = %(image_id)s and is_public"
    " and status = 'ready' and deleted_at is null"
).format(columns=_COLUMNS)

COUNT_VIEW = "update images set view_count = view_count + 1 where image_id = any(%(image_ids)s)"
COUNT_DOWNLOAD = "update images set download_count = download_count + 1 where image_id = %(id)s"


def _link(share: dict) -> tuple[sql.Composable, dict]:
    """The condition naming the link's images (one image, or a folder's subtree)."""
    if share["image_id"] is not None:
        shared = sql.SQL("image_id = %(share_image_id)s")
    elif share["smart_folder_id"] is not None:  # what the service found (name_found)
        shared = sql.SQL("image_id = any(app_share_found())")
    else:
        shared = sql.SQL("""folder_id in (select f.folder_id from folders f
                                where f.user_id = %(owner_id)s
                                  and f.lineage @> array[%(share_folder_id)s::uuid])""")
    params = {
        "owner_id": share["user_id"],
        "share_image_id": share["image_id"],
        "share_folder_id": share["folder_id"],
    }
    return shared, params


def in_link(
    conn: Connection,
    share: dict,
    *,
    image_id: UUID | None = None,
    after: tuple[datetime, UUID] | None = None,
    limit: int = 1,
) -> list[dict]:
    after_at, after_id = after or (None, None)
    shared, params = _link(share)
    query = IN_LINK.format(columns=_COLUMNS, shared=shared)
    params |= {"image_id": image_id, "after_at": after_at, "after_id": after_id, "limit": limit}
    return conn.execute(query, params).fetchall()


def count_in_link(conn: Connection, share: dict) -> int:
    shared, params = _link(share)
    return conn.execute(COUNT_IN_LINK.format(shared=shared), params).fetchone()["total"]


def name_found(conn: Connection, image_ids: list[UUID]) -> None:
    """The images a smart folder's search found for this visit (its link's policies read
    them): set by the service, for this transaction only."""
    found = "{" + ",".join(str(i) for i in image_ids) + "}"
    conn.execute("select set_config('app.share_found', %s, true)", [found])


def public(conn: Connection, image_id: UUID) -> dict | None:
    return conn.execute(PUBLIC, {"image_id": image_id}).fetchone()


def generation_sources(conn: Connection, image_id: UUID) -> dict[str, str]:
    """The chunks of an image whose metadata the visitor is shown (else none)."""
    row = conn.execute(
        "select chunks from visitor_generation_sources where image_id = %(id)s", {"id": image_id}
    ).fetchone()
    return row["chunks"] if row else {}


def count_views(conn: Connection, image_ids: list[UUID]) -> None:
    conn.execute(COUNT_VIEW, {"image_ids": image_ids})


def count_download(conn: Connection, image_id: UUID) -> None:
    conn.execute(COUNT_DOWNLOAD, {"id": image_id})
