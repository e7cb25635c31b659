"""The dashboard's index.html as the site bucket holds it: share pages are that page with a
link's preview tags in its head."""

import time

from gallery.config import get_settings
from gallery.storage import s3

# A deploy replaces index.html and removes the asset files the old one names: a container
# reads it again after this long rather than keep it for its whole life.
_FRESH_SECONDS = 60
# Until the dashboard is deployed (or in a stack without one): a page that says what it is.
_NO_DASHBOARD = (
    '<!doctype html><html><head><meta charset="utf-8"><title>Pingvas Gallery</title></head>'
    '<body><div id="root"></div></body></html>'
)
_cached: tuple[float, str] | None = None


def index_html() -> str:
    global _cached
    now = time.monotonic()
    if _cached is not None and now - _cached[0] < _FRESH_SECONDS:
        return _cached[1]
    from botocore.exceptions import ClientError

    try:
        answer = s3.client().get_object(Bucket=get_settings().site_bucket_name, Key="index.html")
        text = answer["Body"].read().decode("utf-8")
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") not in ("NoSuchKey", "NoSuchBucket"):
            raise
        text = _NO_DASHBOARD
    _cached = (now, text)
    return text


def forget() -> None:
    """Tests: the next page reads index.html again."""
    global _cached
    _cached = None
