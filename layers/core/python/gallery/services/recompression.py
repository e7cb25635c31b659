"""Lossless recompression of PNG originals, for the plans that opt in: the job behind the
scheduled ``recompress`` function and ``gallery recompress``.

Each pending image is taken once. Its original is re-encoded (``imaging.recompress_png``:
same pixels, same metadata, or nothing) and written back only if the object is still the
version read (a conditional write) and the row still the image taken; the row is locked
around the write, so usage moves by exactly the bytes saved. Ingest recognises the write by
its ETag and leaves the image alone.
"""

import time
from collections import Counter
from uuid import UUID

from gallery import db
from gallery.auth import Caller
from gallery.config import get_settings
from gallery.db import acting_as
from gallery.imaging.recompress import recompress_png
from gallery.observability import logger, metrics
from gallery.repositories import recompression as recompression_repo
from gallery.storage import s3

_NOTHING_BEFORE = UUID(int=0)


def run(budget_seconds: float | None = None, limit: int | None = None) -> dict[str, int]:
    """Recompresses pending images until none is left, ``limit`` are done or the budget is
    spent (checked before each image: give it the time of the slowest image to spare)."""
    started, done = time.monotonic(), Counter()
    while limit is None or done.total() < limit:
        if budget_seconds is not None and time.monotonic() - started >= budget_seconds:
            break
        with db.worker_transaction() as conn:
            taken = recompression_repo.take_recompression(conn)
        if taken is None:
            break
        caller = Caller(user_id=taken["user_id"])
        try:
            outcome = recompress_image(caller, taken["image_id"])
        except Exception:  # one bad image (or a failing call) must not stop the queue
            logger.exception("recompression failed", extra={"image_id": str(taken["image_id"])})
            outcome = _finish(caller, taken["image_id"], "error")
        done[outcome] += 1
    saved = done.get("recompressed", 0)
    metrics.add_metric(name="OriginalsRecompressed", unit="Count", value=saved)
    logger.info("recompression done", extra=dict(done))
    return dict(done)


def recompress_image(caller: Caller, image_id: UUID) -> str:
    """One image taken by ``run``; returns (and records) what came of it."""
    settings = get_settings()
    with acting_as(caller) as conn:
        source = recompression_repo.recompression_source(conn, caller.user_id, image_id)
    if source is None:
        return "gone"  # deleted, trashed or re-uploaded since it was taken
    found = s3.get_object(source["s3_key"], settings.upload_max_bytes)
    if found is None or len(found[0]) != source["file_size_bytes"]:
        return _finish(caller, image_id, "changed")  # a new upload: ingest queues it again
    data, etag = found
    result = recompress_png(
        data, level=settings.recompress_level, min_saving=settings.recompress_min_saving,
        max_pixels=settings.recompress_max_pixels,
        timeout_seconds=settings.recompress_timeout_seconds,
    )  # fmt: skip
    if result.data is None:
        return _finish(caller, image_id, result.outcome)
    with acting_as(caller) as conn:
        # Locked across the write: the row cannot change between the check and the update.
        if (
            recompression_repo.recompression_source(conn, caller.user_id, image_id, lock=True)
            is None
        ):
            return "gone"
        new_etag = s3.replace_object(source["s3_key"], result.data, "image/png", etag)
        if new_etag is None:
            recompression_repo.set_recompression_outcome(conn, caller.user_id, image_id, "changed")
            return "changed"
        recompression_repo.set_recompressed(
            conn, caller.user_id, image_id, len(data), len(result.data), new_etag
        )
    logger.info("original recompressed", extra={
        "image_id": str(image_id), "bytes_before": len(data), "bytes_after": len(result.data),
    })  # fmt: skip
    return "recompressed"


def _finish(caller: Caller, image_id: UUID, outcome: str) -> str:
    with acting_as(caller) as conn:
        recompression_repo.set_recompression_outcome(conn, caller.user_id, image_id, outcome)
    return outcome


def queue_older(batch: int = 1000) -> int:
    """Marks the PNG originals ingested before their plan opted in (or before this job
    existed) pending; resumable and idempotent. Returns how many were queued."""
    settings = get_settings()
    plans = settings.recompressing_plans()
    if not plans:
        return 0
    default_on = settings.plan(settings.default_plan).recompress_originals
    queued, after = 0, _NOTHING_BEFORE
    while True:
        with db.worker_transaction() as conn:
            ids = recompression_repo.queue_recompression(
                conn, after, batch, plans, default_on, sorted(settings.plans)
            )
        if not ids:
            return queued
        queued, after = queued + len(ids), ids[-1]
