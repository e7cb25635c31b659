"""Uploads: reserve quota and hand out a presigned POST straight to S3."""

import math
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

from gallery import clock, db
from gallery.auth import Caller
from gallery.config import get_settings
from gallery.db import acting_as
from gallery.errors import FileTooLarge, NotFound, QuotaExceeded, TooManyRequests
from gallery.models.uploads import DuplicateUpload, UploadRequest, UploadStatus, UploadTicket
from gallery.rendition_limits import DERIVED_MAX_BYTES
from gallery.repositories import folders as folders_repo
from gallery.repositories import maintenance as maintenance_repo
from gallery.repositories import storage_usage as usage_repo
from gallery.repositories import tags as tags_repo
from gallery.repositories import uploads as uploads_repo
from gallery.storage import s3
from gallery.storage.keys import original_key

# Reservations in use free their place as their files land: a client asked to wait for one
# may try again well before the oldest one expires.
_OPEN_RETRY_SECONDS = 15


def quota_left(usage: dict) -> int | None:
    """Bytes the user may still reserve; None when the plan is unlimited."""
    quota = get_settings().plan(usage["plan"]).quota_bytes
    if quota is None:
        return None
    return quota - usage["used_bytes"] - usage["reserved_bytes"]


def create_upload(caller: Caller, request: UploadRequest) -> UploadTicket | DuplicateUpload:
    """Reserves ``size_bytes`` of the caller's quota and returns where to POST the file; or
    names the image the caller already has with these exact bytes."""
    settings = get_settings()
    if request.size_bytes > settings.upload_max_bytes:
        raise FileTooLarge(f"a file may be at most {settings.upload_max_bytes:,} bytes")
    sha256 = request.sha256.lower() if request.sha256 else None
    image_id = uuid4()
    key = original_key(caller.user_id, image_id, request.content_type)
    now = datetime.now(UTC)
    url_expires_at = now + timedelta(seconds=settings.upload_url_ttl_seconds)
    # The reservation outlives the URL a little: an upload started in time may still land.
    reservation_expires_at = url_expires_at + timedelta(seconds=settings.reservation_grace_seconds)
    with acting_as(caller) as conn:
        if sha256:
            existing = uploads_repo.find_ready_by_sha256(conn, caller.user_id, sha256)
            if existing:
                return DuplicateUpload(duplicate_of=existing)
        if request.folder_id and not folders_repo.exists(conn, caller.user_id, request.folder_id):
            raise NotFound("folder not found")
        usage_repo.lock(conn, caller.user_id)  # one reservation of this user at a time
        usage = usage_repo.get(conn, caller.user_id)
        _within_reservation_limits(conn, caller.user_id, usage)
        left = quota_left(usage)
        # the file and the thumbnails and previews made from it (bounded) are reserved together
        reserved = request.size_bytes + DERIVED_MAX_BYTES
        if left is not None and reserved > left:
            raise QuotaExceeded(
                "this upload does not fit in the storage left on your plan",
                details={"requested_bytes": reserved, "available_bytes": max(left, 0),
                         "file_bytes": request.size_bytes, "plan": usage["plan"]},
            )  # fmt: skip
        uploads_repo.insert_pending(
            conn,
            {
                "image_id": image_id, "user_id": caller.user_id, "folder_id": request.folder_id,
                "prompt": request.prompt, "negative_prompt": request.negative_prompt,
                "model": request.model, "width": request.width, "height": request.height,
                "seed": request.seed, "params": request.params, "s3_key": key,
                "mime_type": request.content_type, "sha256": sha256,
                "declared_bytes": request.size_bytes, "reserved_bytes": reserved,
                "filename": request.filename,
                "expires_at": reservation_expires_at,
            },
        )  # fmt: skip
        if request.tags:
            tag_ids = tags_repo.resolve(conn, caller.user_id, request.tags)
            tags_repo.lock(conn, caller.user_id, tag_ids)
            tags_repo.attach(conn, caller.user_id, [image_id], tag_ids)
    post = s3.presigned_post(
        key, request.content_type, request.size_bytes, settings.upload_url_ttl_seconds
    )
    return UploadTicket(image_id=image_id, upload=post, expires_at=url_expires_at)


def _within_reservation_limits(conn, user_id: UUID, usage: dict) -> None:
    """At most ``upload_open_reservations_max`` open at once, and made no faster than a
    token bucket allows (``upload_burst``, refilled at ``upload_rate_per_minute``): a user
    cannot hold the quota or the table with reservations never used. Under the usage lock,
    so concurrent requests cannot pass either limit."""
    settings = get_settings()
    now = clock.now()
    if usage["open_reservations"] >= settings.upload_open_reservations_max:
        first_free = (usage["first_expiry"] - now).total_seconds()
        raise TooManyRequests(
            f"at most {settings.upload_open_reservations_max} uploads may be under way at once",
            retry_after=max(1, min(_OPEN_RETRY_SECONDS, math.ceil(first_free))),
        )
    per_second = settings.upload_rate_per_minute / 60
    tokens, at = usage["upload_tokens"], usage["upload_tokens_at"]
    if tokens is None or at is None:
        tokens, at = float(settings.upload_burst), now
    tokens = min(settings.upload_burst, tokens + max(0.0, (now - at).total_seconds()) * per_second)
    if tokens < 1:
        raise TooManyRequests(
            "too many uploads started: try again shortly",
            retry_after=max(1, math.ceil((1 - tokens) / per_second)),
        )
    usage_repo.set_upload_tokens(conn, user_id, tokens - 1, now)


def upload_status(caller: Caller, image_id: UUID) -> UploadStatus:
    with acting_as(caller) as conn:
        row = uploads_repo.status(conn, caller.user_id, image_id)
    if row is None:
        raise NotFound("upload not found")
    return UploadStatus(**row)


def expire_reservations() -> int:
    """The scheduled clean-up of reservations whose file never arrived (or never made it
    through ingest): refused with a reason, the quota freed, any stray object deleted."""
    with db.worker_transaction() as conn:
        work = maintenance_repo.expired_reservations(conn, limit=1000)
    expired = 0
    for user_id, image_ids in work.items():
        keys = []
        with acting_as(Caller(user_id=user_id)) as conn:
            for image_id in image_ids:
                row = uploads_repo.lock_for_ingest(conn, user_id, image_id)
                if row is None or row["status"] != "pending":
                    continue  # ingest got there first
                if row["reservation_expires_at"] >= datetime.now(UTC):
                    continue
                uploads_repo.mark_rejected(
                    conn, user_id, image_id, "reservation_expired: no file arrived in time",
                    row["s3_sequencer"],
                )  # fmt: skip
                keys.append(row["s3_key"])
        s3.delete_objects(keys)
        expired += len(keys)
    return expired


def forget_rejected(batch: int = 1000) -> int:
    """The scheduled deletion of refused uploads' rows once their status has been there to
    read for a while (their objects went when they were refused)."""
    before = clock.now() - timedelta(hours=get_settings().rejected_upload_retention_hours)
    forgotten = 0
    while True:
        with db.worker_transaction() as conn:
            work = maintenance_repo.old_rejected(conn, before, limit=batch)
        deleted = 0
        for user_id, image_ids in work.items():
            with acting_as(Caller(user_id=user_id)) as conn:
                deleted += uploads_repo.delete_rejected(conn, user_id, image_ids)
        forgotten += deleted
        if deleted < batch:  # a short batch was the last one
            return forgotten
