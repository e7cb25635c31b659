"""Generation data kept up to date: the back-fill of images ingested before it was read
(their originals' chunks read again, once)."""

from uuid import UUID

from gallery import imaging
from gallery.auth import Caller
from gallery.config import get_settings
from gallery.db import acting_as, worker_transaction
from gallery.generation import for_upload
from gallery.observability import logger
from gallery.repositories import generation as generation_repo
from gallery.storage import s3

_NOTHING_BEFORE = UUID(int=0)


def backfill_generation(batch: int = 100) -> dict[str, int]:
    """Reads the generation data of every ready image that has none yet. Resumable (walks
    ids in order, takes only unread images) and idempotent; an original that is gone or no
    longer decodes is read as having no chunks (its request's fields still count)."""
    done = {"generation_read": 0, "generation_without_file": 0}
    after = _NOTHING_BEFORE
    while True:
        with worker_transaction() as conn:
            work = generation_repo.unread(conn, after, batch)
        if not work:
            logger.info("generation data back-filled", extra=done)
            return done
        for row in work:
            done[_read(Caller(user_id=row["user_id"]), row["image_id"])] += 1
        after = work[-1]["image_id"]


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
