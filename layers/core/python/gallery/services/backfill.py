"""Back-fill what ingest now makes for images ingested before it did: placeholders and
preview renditions, and the recompression queue of the plans that opt in; the tag keys
written before the code folded case (gallery.tag_keys); and generation data
(gallery.services.generation). Resumable (it
walks image ids in order and only takes images still missing something) and idempotent (a
second run finds nothing to do)."""

from collections.abc import Iterator
from uuid import UUID

from gallery import db, imaging
from gallery.auth import Caller
from gallery.config import get_settings
from gallery.db import acting_as
from gallery.generation import for_upload
from gallery.observability import logger
from gallery.repositories import generation as generation_repo
from gallery.repositories import renditions as renditions_repo
from gallery.repositories import tags as tags_repo
from gallery.services import recompression
from gallery.services.ingest import THUMBNAIL_CACHE
from gallery.storage import s3
from gallery.tag_keys import tag_key


def backfill(batch: int = 100) -> dict[str, int]:
    done = {"placeholders": 0, "previews": 0, "skipped": 0, **fold_tag_keys(batch),
            **backfill_generation(batch)}  # fmt: skip
    for row in _walk(renditions_repo.missing_renditions, batch):
        for kind, made in _fill(Caller(user_id=row["user_id"]), row["image_id"]).items():
            done[kind if made else "skipped"] += 1
    done["recompression_queued"] = recompression.queue_older()
    logger.info("renditions back-filled", extra=done)
    return done


def _walk(fetch, batch: int, key: str = "image_id") -> Iterator[dict]:
    """The rows ``fetch(conn, after, batch)`` gives, batch after batch in ``key`` order, read
    as the worker: a walk that can stop and resume anywhere."""
    after = _NOTHING_BEFORE
    while rows := _read_batch(fetch, after, batch):
        yield from rows
        after = rows[-1][key]


def _read_batch(fetch, after: UUID, batch: int) -> list[dict]:
    with db.worker_transaction() as conn:
        return fetch(conn, after, batch)


def fold_tag_keys(batch: int = 100) -> dict[str, int]:
    """Re-keys the tags keyed by ASCII-only lower-casing, merging those that turn out to be
    one tag (``Äpfel`` and ``äpfel``)."""
    done = {"tags_rekeyed": 0, "tags_merged": 0}
    for row in _walk(tags_repo.unfolded, batch, key="tag_id"):
        key = tag_key(row["name"])
        if key != row["name_key"]:
            with acting_as(Caller(user_id=row["user_id"])) as conn:
                merged = tags_repo.rekey(conn, row["user_id"], row["tag_id"], key)
            done["tags_merged" if merged else "tags_rekeyed"] += 1
    return done


def _fill(caller: Caller, image_id: UUID) -> dict[str, bool]:
    """What is missing for one image, made from its objects and written as its owner."""
    with acting_as(caller) as conn:
        source = renditions_repo.rendition_sources(conn, caller.user_id, image_id)
    if source is None:
        return {}
    made: dict[str, bool] = {}
    if source["placeholder"] is None:
        thumbnail = s3.get_bytes(source["thumbnail_256_key"], 2 * 1024 * 1024) \
            if source["thumbnail_256_key"] else None  # fmt: skip
        made["placeholders"] = thumbnail is not None and _write(
            caller, renditions_repo.set_placeholder, image_id, imaging.placeholder(thumbnail)
        )
    if source["preview_avif_key"] is None:
        made["previews"] = _make_preview(caller, image_id, source["s3_key"])
    return made


def _make_preview(caller: Caller, image_id: UUID, original_key: str) -> bool:
    settings = get_settings()
    data = s3.get_bytes(original_key, settings.upload_max_bytes)
    if data is None:
        return False
    previews = imaging.preview(imaging.decode(data, settings.max_image_pixels,
                                              draft_to=imaging.PREVIEW_SIZE))  # fmt: skip
    base = original_key.split("/images/")[0]
    keys = {kind: f"{base}/previews/{image_id}.{kind}" for kind in previews}
    for kind, body in previews.items():
        s3.put_object(keys[kind], body, f"image/{kind}", cache_control=THUMBNAIL_CACHE)
    size = sum(len(body) for body in previews.values())
    return _write(caller, renditions_repo.set_preview, image_id, keys, size)


def _write(caller: Caller, write, image_id: UUID, *args) -> bool:
    with acting_as(caller) as conn:
        return write(conn, caller.user_id, image_id, *args)


_NOTHING_BEFORE = UUID(int=0)


def backfill_generation(batch: int = 100) -> dict[str, int]:
    """Reads the generation data of every ready image that has none yet. Resumable (walks
    ids in order, takes only unread images) and idempotent; an original that is gone or no
    longer decodes is read as having no chunks (its request's fields still count)."""
    done = {"generation_read": 0, "generation_without_file": 0}
    for row in _walk(generation_repo.unread, batch):
        done[_read(Caller(user_id=row["user_id"]), row["image_id"])] += 1
    logger.info("generation data back-filled", extra=done)
    return done


def _read(caller: Caller, image_id: UUID) -> str:
    with acting_as(caller) as conn:
        row = generation_repo.declared(conn, caller.user_id, image_id)
        chunks = generation_repo.sources(conn, caller.user_id, image_id)
    outcome = "generation_read"
    if row is None or row["generation_read_at"] is not None:
        return outcome  # purged or read since
    if not chunks:
        chunks = _chunks_of(row["s3_key"])
        outcome = "generation_read" if chunks is not None else "generation_without_file"
    generation = for_upload(row, chunks or {})
    stack = generation.stack_id(caller.user_id, row["width"], row["height"])
    with acting_as(caller) as conn:
        generation_repo.update(conn, caller.user_id, image_id, generation, stack)
        generation_repo.save_sources(conn, caller.user_id, image_id, generation.raw)
    return outcome


def _chunks_of(key: str | None) -> dict[str, str] | None:
    settings = get_settings()
    data = s3.get_bytes(key, settings.upload_max_bytes) if key else None
    if data is None:
        return None
    try:
        return imaging.decode(data, settings.max_image_pixels).text
    except imaging.Rejected:
        return None
