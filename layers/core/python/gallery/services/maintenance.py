"""The scheduled maintenance run: what no request is there to do."""

from gallery.observability import logger, metrics
from gallery.services import cleanup, exports, trash, uploads
from gallery.services.shares import clean_copies, passwords


def run_maintenance() -> dict[str, int]:
    """Purges old trash, expires stale reservations and forgets refused ones, expires old
    copies without metadata, retries failed object deletions, forgets wrong share passwords
    older than their window, deletes ZIP exports past their 24 h (and fails stalled ones)."""
    done = {
        "trash_purged": trash.purge_expired_trash(),
        "reservations_expired": uploads.expire_reservations(),
        "rejected_uploads_forgotten": uploads.forget_rejected(),
        "clean_copies_expired": clean_copies.expire_clean_copies(),
        "objects_purged": cleanup.purge_deleted_objects(),
        "password_failures_forgotten": passwords.forget_old_password_failures(),
        "exports_expired": exports.expire_exports(),
    }
    for name, count in done.items():
        metrics.add_metric(name=name, unit="Count", value=count)
    logger.info("maintenance done", extra=done)
    return done
