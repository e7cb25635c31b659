"""Pending images: reservations made by POST /uploads and finished (or refused) by ingest."""

from uuid import UUID

from psycopg import Connection, sql
from psycopg.types.json import Jsonb

from gallery.generation import Generation
from gallery.repositories import generation as generation_repo

INSERT_PENDING = """
insert into images (image_id, user_id, folder_id, status, prompt, negative_prompt, model,
                    width, height, seed, params, s3_key, mime_type, content_sha256,
                    declared_bytes, reserved_bytes, reservation_expires_at, original_filename)
values (%(image_id)s, %(user_id)s, %(folder_id)s, 'pending', coalesce(%(prompt)s, ''),
        %(negative_prompt)s, %(model)s, %(width)s, %(height)s, %(seed)s,
        coalesce(%(params)s::jsonb, '{}'), %(s3_key)s, %(mime_type)s, %(sha256)s,
        %(declared_bytes)s, %(reserved_bytes)s, %(expires_at)s, %(filename)s)
"""

FIND_READY_BY_SHA256 = """
select image_id from images
 where user_id = %(user_id)s and content_sha256 = %(sha256)s and status = 'ready'
   and deleted_at is null
 order by created_at limit 1
"""

STATUS = """
select image_id, status, rejection_reason as reason from images
 where user_id = %(user_id)s and image_id = %(image_id)s and deleted_at is null
"""

LOCK_FOR_INGEST = """
select image_id, user_id, status, s3_key, s3_sequencer, s3_version_id, reservation_expires_at,
       coalesce(declared_bytes, reserved_bytes) as declared_bytes, reserved_bytes,
       prompt, negative_prompt, model, seed, params, file_size_bytes, thumbnails_size_bytes,
       recompressed_etag, (select plan from users u where u.user_id = images.user_id) as plan
  from images
 where user_id = %(user_id)s and image_id = %(image_id)s
   for update
"""

MARK_READY = sql.SQL("""
update images set
    status = 'ready', rejection_reason = null,
    width = %(width)s, height = %(height)s, mime_type = %(mime_type)s,
    file_size_bytes = %(file_size_bytes)s, thumbnails_size_bytes = %(thumbnails_size_bytes)s,
    content_sha256 = %(sha256)s, thumbnail_256_key = %(thumbnail_256_key)s,
    thumbnail_512_key = %(thumbnail_512_key)s, placeholder = %(placeholder)s,
    preview_avif_key = %(preview_avif_key)s, preview_webp_key = %(preview_webp_key)s,
    s3_sequencer = %(sequencer)s,
    prompt = %(prompt)s, negative_prompt = %(negative_prompt)s, model = %(model)s,
    seed = %(seed)s, params = %(params)s, {typed},
    recompression = %(recompression)s, uploaded_size_bytes = null, recompressed_etag = null,
    declared_bytes = null, reserved_bytes = 0, reservation_expires_at = null,
    ingested_at = now()
 where user_id = %(user_id)s and image_id = %(image_id)s
""").format(typed=generation_repo.SET_TYPED)

# The version a reservation was used by (ingest's claim), or the recompression job's own
# write of a smaller original: nothing to ingest again.
RECORD_VERSION = """
update images set s3_sequencer = %(sequencer)s, s3_version_id = %(version_id)s
 where user_id = %(user_id)s and image_id = %(image_id)s
"""

MARK_REJECTED = """
update images set
    status = 'rejected', rejection_reason = %(reason)s, s3_sequencer = %(sequencer)s,
    file_size_bytes = 0, thumbnails_size_bytes = 0,
    thumbnail_256_key = null, thumbnail_512_key = null,
    recompression = null, uploaded_size_bytes = null, recompressed_etag = null,
    declared_bytes = null, reserved_bytes = 0, reservation_expires_at = null,
    ingested_at = now()
 where user_id = %(user_id)s and image_id = %(image_id)s
"""


def insert_pending(conn: Connection, fields: dict) -> None:
    params = fields.get("params")
    conn.execute(INSERT_PENDING, {**fields, "params": Jsonb(params) if params else None})


def find_ready_by_sha256(conn: Connection, user_id: UUID, sha256: str) -> UUID | None:
    row = conn.execute(FIND_READY_BY_SHA256, {"user_id": user_id, "sha256": sha256}).fetchone()
    return row["image_id"] if row else None


def status(conn: Connection, user_id: UUID, image_id: UUID) -> dict | None:
    return conn.execute(STATUS, {"user_id": user_id, "image_id": image_id}).fetchone()


def lock_for_ingest(conn: Connection, user_id: UUID, image_id: UUID) -> dict | None:
    return conn.execute(LOCK_FOR_INGEST, {"user_id": user_id, "image_id": image_id}).fetchone()


def mark_ready(conn: Connection, fields: dict, generation: Generation, stack_id) -> None:
    """The image ingested, with its generation data (typed; its chunks kept apart)."""
    typed = generation_repo.typed_params(generation, stack_id)
    conn.execute(MARK_READY, {**fields, **typed, "params": Jsonb(fields["params"])})
    generation_repo.save_sources(conn, fields["user_id"], fields["image_id"], generation.raw)


def mark_rejected(conn: Connection, user_id: UUID, image_id: UUID, reason: str, sequencer):
    params = {"user_id": user_id, "image_id": image_id, "reason": reason, "sequencer": sequencer}
    conn.execute(MARK_REJECTED, params)


def record_version(
    conn: Connection, user_id: UUID, image_id: UUID, sequencer: str, version_id: str | None
) -> None:
    params = {"user_id": user_id, "image_id": image_id, "sequencer": sequencer,
              "version_id": version_id}  # fmt: skip
    conn.execute(RECORD_VERSION, params)


DELETE_REJECTED = """
delete from images
 where user_id = %(user_id)s and image_id = any(%(image_ids)s::uuid[]) and status = 'rejected'
"""


def delete_rejected(conn: Connection, user_id: UUID, image_ids: list[UUID]) -> int:
    return conn.execute(DELETE_REJECTED, {"user_id": user_id, "image_ids": image_ids}).rowcount
