"""Uploads: reserve quota and hand out a presigned POST straight to S3."""

from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

from gallery import db
from gallery.auth import Caller
from gallery.config import get_settings
from gallery.errors import FileTooLarge, NotFound, QuotaExceeded
from gallery.models import DuplicateUpload, UploadRequest, UploadStatus, UploadTicket
from gallery.repositories import folders as folders_repo
from gallery.repositories import maintenance as maintenance_repo
from gallery.repositories import storage_usage as usage_repo
from gallery.repositories import tags as tags_repo
from gallery.repositories import uploads as uploads_repo
from gallery.services.users import acting_as
from gallery.storage import s3
from gallery.storage.keys import original_key


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
        left = quota_left(usage)
        if left is not None and request.size_bytes > left:
            raise QuotaExceeded(
                "this upload does not fit in the storage left on your plan",
                details={"requested_bytes": request.size_bytes, "available_bytes": max(left, 0),
                         "plan": usage["plan"]},
            )  # fmt: skip
        uploads_repo.insert_pending(
            conn,
            {
                "image_id": image_id, "user_id": caller.user_id, "folder_id": request.folder_id,
                "prompt": request.prompt, "negative_prompt": request.negative_prompt,
                "model": request.model, "width": request.width, "height": request.height,
                "seed": request.seed, "params": request.params, "s3_key": key,
                "mime_type": request.content_type, "sha256": sha256,
                "reserved_bytes": request.size_bytes, "filename": request.filename,
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
