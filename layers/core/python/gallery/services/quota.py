"""Quota: the storage a user uses (kept by the database) against their plan's quota."""

from gallery.auth import Caller
from gallery.config import GIB, get_settings
from gallery.db import acting_as
from gallery.models.quota import StorageUsageOut
from gallery.repositories import storage_usage as usage_repo


def storage_usage(caller: Caller) -> StorageUsageOut:
    with acting_as(caller) as conn:
        row = usage_repo.get(conn, caller.user_id)
    quota = get_settings().plan(row["plan"]).quota_bytes
    used = row["used_bytes"]
    return StorageUsageOut(
        plan=row["plan"],
        used_bytes=used,
        reserved_bytes=row["reserved_bytes"],
        quota_bytes=-1 if quota is None else quota,
        unlimited=quota is None,
        used_gb=round(used / GIB, 2),
        quota_gb=-1 if quota is None else round(quota / GIB, 2),
        percentage=0.0 if not quota else round(100 * used / quota, 2),
        image_count=row["image_count"],
        recompression_saved_bytes=row["recompression_saved_bytes"],
    )
