"""Short-lived URLs for private objects; callers do not know how they are signed.

Locally (and until the CDN is wired in) they are S3 presigned GETs.
"""

from gallery.config import get_settings
from gallery.storage import s3


def signed_url(key: str | None) -> str | None:
    if not key:
        return None
    return s3.presigned_get(key, get_settings().signed_url_ttl_seconds)
