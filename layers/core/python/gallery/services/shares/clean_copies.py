"""What visitors are served of an original: itself when metadata may be shown, else a
copy without metadata (made once, counted in the quota while it exists, expired later)."""

from datetime import timedelta

from gallery import clock, db
from gallery.auth import Caller
from gallery.config import get_settings
from gallery.db import acting_as
from gallery.errors import NotFound
from gallery.repositories import clean_copies as clean_copies_repo
from gallery.repositories import object_deletions
from gallery.repositories import storage_usage as usage_repo
from gallery.services.uploads import quota_left
from gallery.storage import s3
from gallery.storage.keys import clean_copy_key, file_name
from gallery.storage.urls import signer


def expire_clean_copies(batch: int = 500) -> int:
    """The scheduled expiry of copies without metadata older than their lifetime: their
    objects go through the deletion queue (removed by the same maintenance run) and their
    bytes leave the owners' usage in the same transaction."""
    before = clock.now() - timedelta(days=get_settings().share_clean_copy_days)
    expired = 0
    while True:
        with db.worker_transaction() as conn:
            work = clean_copies_repo.old_clean_copies(conn, before, limit=batch)
        for user_id, image_ids in work.items():
            with acting_as(Caller(user_id=user_id)) as conn:
                rows = clean_copies_repo.forget_clean_copies(conn, user_id, image_ids, before)
                keys = [clean_copy_key(user_id, r["image_id"], r["mime_type"]) for r in rows]
                object_deletions.enqueue(conn, user_id, keys)
            expired += len(keys)
        if sum(len(ids) for ids in work.values()) < batch:
            return expired


def served_url(row: dict, show_metadata: bool, *, attachment: bool) -> str:
    key, mime_type = row["s3_key"], row["mime_type"]
    if not show_metadata:
        key = clean_copy_key(row["user_id"], row["image_id"], row["mime_type"])
        if not s3.exists(key) and not _make_clean_copy(row, key):
            # the copy would pass the owner's quota: the preview is pixels only too
            if not row.get("preview_webp_key"):
                raise NotFound("image not found")
            key, mime_type = row["preview_webp_key"], "image/webp"
    name = file_name(row["image_id"], mime_type)
    ttl = get_settings().share_asset_url_ttl_seconds
    return signer().object_url(key, ttl, attachment=name if attachment else None)


def _make_clean_copy(row: dict, key: str) -> bool:
    """Makes the copy without metadata and counts it in the owner's usage (derived storage,
    until the maintenance expires it), if it fits in their quota; True when made."""
    from gallery import imaging  # Pillow: only when a copy must be made

    settings = get_settings()
    original = s3.get_bytes(row["s3_key"], settings.upload_max_bytes)
    if original is None:
        raise NotFound("image not found")
    data, mime_type = imaging.clean_copy(original, settings.max_image_pixels)
    owner = Caller(user_id=row["user_id"])
    with acting_as(owner) as conn:
        usage_repo.lock(conn, owner.user_id)  # as a reservation: the check and the count at once
        left = quota_left(usage_repo.get(conn, owner.user_id))
        if left is not None and len(data) > left:
            return False
        s3.put_object(key, data, mime_type, tagging="kind=clean-copy")
        clean_copies_repo.set_clean_copy(conn, owner.user_id, row["image_id"], len(data))
    return True
