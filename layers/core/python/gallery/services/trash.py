"""The trash: deleted images wait there (still counting in storage) until restored, purged
on request, or purged by the scheduled job after the retention period. Purging removes the
row, the original, the thumbnails and the shares, and gives the storage back to the byte."""

from datetime import UTC, datetime, timedelta
from uuid import UUID

from gallery import db
from gallery.auth import Caller
from gallery.config import get_settings
from gallery.db import acting_as
from gallery.errors import NotFound
from gallery.models.common import purge_after
from gallery.models.trash import DataDeleted
from gallery.observability import logger
from gallery.repositories import exports as exports_repo
from gallery.repositories import folders as folders_repo
from gallery.repositories import images as images_repo
from gallery.repositories import maintenance as maintenance_repo
from gallery.repositories import object_deletions
from gallery.repositories import smart_folders as smart_folders_repo
from gallery.repositories import tags as tags_repo
from gallery.services import workspaces
from gallery.storage import s3
from gallery.storage.keys import clean_copy_key

_OBJECT_KEYS = (
    "s3_key", "thumbnail_256_key", "thumbnail_512_key", "preview_avif_key", "preview_webp_key",
)  # fmt: skip
_BATCH = 500


def apply(caller: Caller, action: str, image_ids: list[UUID]) -> None:
    """delete (into the trash), restore or purge ``image_ids``: all of them or none."""
    {"delete": trash_images, "restore": restore_images, "purge": purge_images}[action](
        caller, image_ids
    )


def trash_images(caller: Caller, image_ids: list[UUID]) -> datetime:
    """Moves the images into the trash; returns when they will be purged."""
    with acting_as(caller) as conn:
        if len(images_repo.lock_many(conn, caller.user_id, image_ids)) != len(image_ids):
            raise NotFound("one or more images not found")
        tags_repo.lock(conn, caller.user_id, of_images=image_ids)  # their counts go down
        images_repo.trash_many(conn, caller.user_id, image_ids)
    return purge_after(datetime.now(UTC))


def restore_images(caller: Caller, image_ids: list[UUID]) -> None:
    with acting_as(caller) as conn:
        found = images_repo.lock_many(conn, caller.user_id, image_ids, in_trash=True)
        if len(found) != len(image_ids):
            raise NotFound("one or more images are not in the trash")
        tags_repo.lock(conn, caller.user_id, of_images=image_ids)
        images_repo.restore_many(conn, caller.user_id, image_ids)


def purge_images(caller: Caller, image_ids: list[UUID], *, all_or_none: bool = True) -> int:
    """Deletes trashed images for good. With ``all_or_none`` off (the scheduled job), the
    images restored in the meantime are left alone."""
    with acting_as(caller) as conn:
        found = images_repo.lock_many(conn, caller.user_id, image_ids, in_trash=True)
        if all_or_none and len(found) != len(image_ids):
            raise NotFound("one or more images are not in the trash")
        keys = _delete_rows(conn, caller.user_id, sorted(found))
    _delete_objects(caller, keys)
    return len(found)


def empty_trash(caller: Caller) -> int:
    purged = 0
    while True:
        with acting_as(caller) as conn:
            batch = images_repo.trashed_ids(conn, caller.user_id, limit=_BATCH)
        if not batch:
            return purged
        purged += purge_images(caller, batch, all_or_none=False)


def delete_all_data(caller: Caller) -> DataDeleted:
    """Everything the caller owns: images (trash included), folders, tags, shares, and every
    object under their prefix in S3, in batches of 1,000; and their place in workspaces
    (``workspaces.leave_all``: handed over, deleted or left, invitations gone)."""
    with acting_as(caller) as conn:
        image_ids = images_repo.all_ids(conn, caller.user_id)
        _delete_rows(conn, caller.user_id, image_ids)
        folders = folders_repo.delete_all(conn, caller.user_id)
        smart_folders = smart_folders_repo.delete_all(conn, caller.user_id)
        exports_repo.delete_all(conn, caller.user_id)  # their archives: under the prefix
        tags = tags_repo.delete_all(conn, caller.user_id)
        workspaces_done = workspaces.leave_all(conn, caller)
    objects = s3.delete_prefix(f"users/{caller.user_id}/")
    with acting_as(caller) as conn:
        object_deletions.forget_all(conn, caller.user_id)  # the prefix is empty now
    return DataDeleted(
        images=len(image_ids),
        folders=folders,
        smart_folders=smart_folders,
        tags=tags,
        objects=objects,
        **workspaces_done,
    )


def _delete_rows(conn, user_id: UUID, image_ids: list[UUID]) -> list[str]:
    """Deletes the rows (cascading to tags and shares, counted down by triggers) and queues
    their objects for deletion in the same transaction."""
    if not image_ids:
        return []
    tags_repo.lock(conn, user_id, of_images=image_ids)
    rows = images_repo.delete_many(conn, user_id, image_ids)
    keys = [row[k] for row in rows for k in _OBJECT_KEYS if row[k]]
    # the copy made for share links, if one was ever made (deleting nothing is fine)
    keys += [clean_copy_key(user_id, row["image_id"], row["mime_type"]) for row in rows]
    object_deletions.enqueue(conn, user_id, keys)
    return keys


def _delete_objects(caller: Caller, keys: list[str]) -> None:
    """Removes purged images' objects; what fails stays queued for the sweeper."""
    if not keys:
        return
    try:
        deleted = s3.delete_objects(keys)
    except Exception:
        logger.exception("object deletion failed; left queued", extra={"keys": len(keys)})
        return
    with db.transaction(caller.user_id) as conn:
        object_deletions.done(conn, caller.user_id, deleted)


def purge_expired_trash() -> int:
    """The scheduled purge: images in the trash for longer than the retention period."""
    before = datetime.now(UTC) - timedelta(days=get_settings().trash_retention_days)
    purged = 0
    while True:
        with db.worker_transaction() as conn:
            work = maintenance_repo.expired_trash(conn, before, limit=_BATCH)
        if not work:
            return purged
        for user_id, image_ids in work.items():
            purged += purge_images(Caller(user_id=user_id), image_ids, all_or_none=False)
        if sum(len(ids) for ids in work.values()) < _BATCH:
            return purged
