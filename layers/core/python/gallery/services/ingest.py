"""Ingest: an object landed under users/{user_id}/images/ — make it a ready image or refuse it.

Idempotent: each image remembers the S3 sequencer of the object version it last ingested,
and the row is locked while the result is written, so duplicate, repeated and reordered
events change nothing. The bytes are read once and decoded once.
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from gallery import imaging
from gallery.auth import Caller
from gallery.config import get_settings
from gallery.db import acting_as
from gallery.generation import for_upload
from gallery.observability import logger, metrics
from gallery.repositories import storage_usage as usage_repo
from gallery.repositories import uploads as uploads_repo
from gallery.services.uploads import quota_left
from gallery.storage import s3

ORIGINAL_KEY = re.compile(
    r"^users/(?P<user_id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
    r"/images/(?P<image_id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
    r"\.(?P<ext>png|jpg|jpeg|webp|avif)$"
)
THUMBNAIL_CACHE = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class ObjectCreated:
    key: str
    size: int
    sequencer: str | None = None
    etag: str | None = None
    version_id: str | None = None  # in a versioned bucket (ours), the version it made


def _sequence(sequencer: str | None) -> str:
    """Sequencers of one key compare as hex strings once padded to the same length."""
    return (sequencer or "").upper().ljust(32, "0")


def ingest_object(event: ObjectCreated) -> str:
    """Processes one ObjectCreated event; returns what happened (for logs and tests):
    ``ignored``, ``replay``, ``gone``, ``own_write``, ``unreserved``, ``reused``, ``ready``
    or ``rejected:<reason>``."""
    found = ORIGINAL_KEY.match(event.key)
    if not found:
        return "ignored"  # thumbnails and anything else written under the prefix
    user_id, image_id = UUID(found["user_id"]), UUID(found["image_id"])
    caller = Caller(user_id=user_id)
    settings = get_settings()

    with acting_as(caller) as conn:
        row = uploads_repo.lock_for_ingest(conn, user_id, image_id)
        claim = _claim(conn, row, event)
    if claim in ("unreserved", "reused"):
        # A reservation is used once: bytes from a form used again (or from no form) are
        # removed, exactly their version, so the image keeps the bytes it was made from.
        s3.delete_version(event.key, event.version_id)
        metrics.add_metric(name="UploadsRefusedUnreserved", unit="Count", value=1)
        logger.info("upload without a reservation removed",
                    extra={"image_id": str(image_id), "outcome": claim})  # fmt: skip
        return claim
    if claim != "claimed":
        return claim

    reason = _too_big(event.size, row, settings.upload_max_bytes)
    result = None
    if reason is None:
        data = s3.get_bytes(event.key, settings.upload_max_bytes, event.version_id)
        if data is None:
            return "gone"  # deleted since: a later event (or the deletion) deals with it
        reason = _too_big(len(data), row, settings.upload_max_bytes)
        if reason is None:
            try:
                result = _process(data, event, row, settings.max_image_pixels)
            except imaging.Rejected as rejected:
                reason = f"{rejected.code}: {rejected.message}"

    with acting_as(caller) as conn:
        current = uploads_repo.lock_for_ingest(conn, user_id, image_id)
        if current is None:
            _discard(event, result)  # the image was deleted while we worked
            return "gone"
        if current["status"] != "pending":
            return "replay"  # a concurrent delivery of this same event finished first
        if result is not None:
            reason = _over_quota(conn, user_id, current, result)
        if reason is None:
            ready = {**result, "user_id": user_id, "image_id": image_id,
                     "recompression": _recompression(result, current["plan"])}  # fmt: skip
            generation = ready.pop("generation")
            stack = generation.stack_id(user_id, ready["width"], ready["height"])
            uploads_repo.mark_ready(conn, ready, generation, stack)
        else:
            uploads_repo.mark_rejected(conn, user_id, image_id, reason, event.sequencer)
    if reason is not None:
        _discard(event, result)
        metrics.add_metric(name="UploadsRejected", unit="Count", value=1)
        logger.info("upload rejected", extra={"image_id": str(image_id), "reason": reason})
        return f"rejected:{reason.split(':')[0]}"
    metrics.add_metric(name="UploadsIngested", unit="Count", value=1)
    return "ready"


def _claim(conn, row: dict | None, event: ObjectCreated) -> str:
    """Which version a reservation is for, decided once under the row's lock: the first
    one ingest sees claims it (its sequencer is recorded) and every other is refused.
    ``claimed`` (ingest this version, also when its event is delivered again before the
    image is made), ``replay``, ``own_write``, ``reused`` or ``unreserved``."""
    if row is None:
        return "unreserved"  # no reservation: no form was given for this key, or it is gone
    mine = event.sequencer or ""
    same = row["s3_sequencer"] == mine or (
        event.version_id is not None and row["s3_version_id"] == event.version_id
    )
    if row["status"] == "pending":
        if row["s3_sequencer"] is None:
            uploads_repo.record_version(
                conn, row["user_id"], row["image_id"], mine, event.version_id
            )
            return "claimed"
        return "claimed" if same else "reused"
    if same:
        return "replay"
    if _is_own_write(event, row):
        if _sequence(event.sequencer) > _sequence(row["s3_sequencer"]):
            uploads_repo.record_version(
                conn, row["user_id"], row["image_id"], mine, event.version_id
            )
        return "own_write"
    return "reused"


def _is_own_write(event: ObjectCreated, row: dict) -> bool:
    """The recompression job's smaller copy of an original already ingested: same pixels,
    same metadata, its size already counted."""
    etag = (event.etag or "").strip('"')
    return row["status"] == "ready" and bool(etag) and etag == row["recompressed_etag"]


def _recompression(result: dict, plan: str | None) -> str | None:
    """PNG originals of the plans that opt in wait for the recompression job."""
    wanted = get_settings().plan(plan or "").recompress_originals
    return "pending" if wanted and result["mime_type"] == "image/png" else None


def _too_big(size: int, row: dict, max_bytes: int) -> str | None:
    if size > max_bytes:
        return f"too_large: {size:,} bytes is more than the {max_bytes:,} allowed"
    declared = row["declared_bytes"]
    if size > declared:
        return f"larger_than_declared: {size:,} bytes uploaded, {declared:,} declared"
    return None


def _over_quota(conn, user_id: UUID, row: dict, result: dict) -> str | None:
    """The file and everything derived from it (bounded: imaging.DERIVED_MAX_BYTES) were
    reserved together, so a live reservation always covers them; past it, they must fit in
    what is left. Usage never passes the quota."""
    size = result["file_size_bytes"] + result["thumbnails_size_bytes"]
    expires = row["reservation_expires_at"]
    if expires is not None and expires > datetime.now(UTC) and size <= row["reserved_bytes"]:
        return None
    usage_repo.lock(conn, user_id)
    left = quota_left(usage_repo.get(conn, user_id))
    if left is not None and size > left:
        return f"quota_exceeded: {size:,} bytes do not fit in the {max(left, 0):,} left"
    return None


def _process(data: bytes, event: ObjectCreated, row: dict, max_pixels: int) -> dict:
    decoded = imaging.decode(data, max_pixels, draft_to=imaging.PREVIEW_SIZE)
    made = imaging.renditions(decoded)
    thumbs, previews = made.thumbnails, made.previews
    base = event.key.split("/images/")[0]
    image_id = row["image_id"]
    keys = {size: f"{base}/thumbs/{image_id}_{size}.webp" for size in thumbs}
    for size, body in thumbs.items():
        s3.put_object(keys[size], body, "image/webp", cache_control=THUMBNAIL_CACHE)
    preview_keys = {kind: f"{base}/previews/{image_id}.{kind}" for kind in previews}
    for kind, body in previews.items():
        s3.put_object(preview_keys[kind], body, f"image/{kind}", cache_control=THUMBNAIL_CACHE)
    generation = for_upload(row, decoded.text)
    return {
        "width": decoded.width,
        "height": decoded.height,
        "mime_type": decoded.mime_type,
        "file_size_bytes": len(data),
        # every derived object counts: thumbnails and previews
        "thumbnails_size_bytes": sum(len(b) for b in (*thumbs.values(), *previews.values())),
        "sha256": hashlib.sha256(data).hexdigest(),
        "thumbnail_256_key": keys[256],
        "thumbnail_512_key": keys[512],
        "placeholder": made.placeholder,
        "preview_avif_key": preview_keys["avif"],
        "preview_webp_key": preview_keys["webp"],
        "sequencer": event.sequencer,
        "prompt": generation.prompt,
        "negative_prompt": generation.negative_prompt,
        "model": generation.model,
        "seed": generation.seed,
        "params": generation.params,
        "generation": generation,
    }


def _discard(event: ObjectCreated, result: dict | None) -> None:
    """A refused upload leaves no bytes behind: its version and what was made from it."""
    s3.delete_version(event.key, event.version_id)
    keys = []
    if result:
        keys += [
            result["thumbnail_256_key"],
            result["thumbnail_512_key"],
            result["preview_avif_key"],
            result["preview_webp_key"],
        ]
    s3.delete_objects(keys)
