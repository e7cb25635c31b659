"""Back-fill what ingest now makes for images ingested before it did: placeholders.
Resumable (it walks image ids in order and only takes images still missing one) and
idempotent (a second run finds nothing to do)."""

from uuid import UUID

from gallery import db, imaging
from gallery.auth import Caller
from gallery.observability import logger
from gallery.repositories import images as images_repo
from gallery.repositories import maintenance as maintenance_repo
from gallery.services.users import acting_as
from gallery.storage import s3

_NOTHING_BEFORE = UUID(int=0)


def backfill_placeholders(batch: int = 200) -> dict[str, int]:
    done = {"made": 0, "skipped": 0}
    after = _NOTHING_BEFORE
    while True:
        with db.worker_transaction() as conn:
            work = maintenance_repo.without_placeholder(conn, after, batch)
        if not work:
            logger.info("placeholders back-filled", extra=done)
            return done
        for row in work:
            made = _placeholder_for(Caller(user_id=row["user_id"]), row["image_id"])
            done["made" if made else "skipped"] += 1
        after = work[-1]["image_id"]


def _placeholder_for(caller: Caller, image_id: UUID) -> bool:
    """Made, as the image's owner; False if it got one meanwhile or its thumbnail is gone."""
    with acting_as(caller) as conn:
        key = images_repo.thumbnail_without_placeholder(conn, caller.user_id, image_id)
    thumbnail = s3.get_bytes(key, 2 * 1024 * 1024) if key else None
    if thumbnail is None:
        return False
    with acting_as(caller) as conn:
        return images_repo.set_placeholder(
            conn, caller.user_id, image_id, imaging.placeholder(thumbnail)
        )
