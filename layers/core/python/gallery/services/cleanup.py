"""Background clean-up, as the worker role."""

from gallery import db
from gallery.observability import logger
from gallery.repositories import object_deletions
from gallery.storage import s3


def purge_deleted_objects(batch: int = 1000) -> int:
    """Deletes from S3 the objects of deleted images that the request could not delete;
    returns how many went. Safe to run concurrently and repeatedly."""
    purged = 0
    while True:
        with db.worker_transaction() as conn:
            keys = object_deletions.claim(conn, batch)
            if not keys:
                return purged
            deleted = s3.delete_objects(keys)
            object_deletions.remove(conn, deleted)
        purged += len(deleted)
        logger.info("purged objects of deleted images", extra={"count": len(deleted)})
        if len(deleted) < len(keys):
            return purged  # S3 refused some: leave them for the next run
