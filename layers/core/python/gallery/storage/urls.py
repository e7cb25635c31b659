"""Short-lived URLs for private objects; callers do not know how they are signed.

In AWS, CloudFront signed URLs: one custom policy per user prefix (``users/{id}/*``) and
time window, so a page of 50 images costs one RSA signature, not 150. Locally, S3
presigned GETs against moto. Both reuse a URL for the whole window: browsers cache
thumbnails across page loads instead of refetching them under a new signature.
"""

import re
import time
from functools import lru_cache
from typing import Protocol
from urllib.parse import quote

from gallery.config import Settings, get_settings
from gallery.storage import s3


class UrlSigner(Protocol):
    def url(self, key: str) -> str:
        """For the owner: reused within a window, cacheable."""
        ...

    def member_url(self, key: str) -> str:
        """For workspace members: valid for this one object only (a member must not reach
        the owner's other objects), reused within a window like ``url``."""
        ...

    def object_url(self, key: str, ttl_seconds: int, attachment: str | None = None) -> str:
        """For link visitors: this one object only, short-lived, optionally as a download
        named ``attachment`` (an S3 presigned GET in every environment)."""
        ...


def content_disposition(attachment: str | None) -> str | None:
    """A download's header, for a name in any script: an ASCII ``filename`` for the old
    clients, the name itself as RFC 6266's ``filename*`` (UTF-8, percent-encoded) for the
    rest, which every current browser prefers."""
    if not attachment:
        return None
    fallback = re.sub(r"[-_]{2,}", "_", re.sub(r'[^\x20-\x7e]|["\\]', "", attachment))
    if fallback == attachment:
        return f'attachment; filename="{attachment}"'
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(attachment, safe='')}"


def _window(settings: Settings, now: float) -> tuple[int, int]:
    """(window start, expiry): every URL signed in a window lives at least the TTL."""
    size = settings.signed_url_window_seconds
    start = int(now) // size * size
    return start, start + size + settings.signed_url_ttl_seconds


class S3PresignedUrls:
    def __init__(self, settings: Settings):
        self.settings = settings

    def url(self, key: str) -> str:
        start, expires_at = _window(self.settings, time.time())
        return self._signed(key, start, expires_at)

    @lru_cache(maxsize=20_000)  # noqa: B019 - one signer per container, on purpose
    def _signed(self, key: str, _window_start: int, expires_at: int) -> str:
        # what CloudFront signs in AWS: signed locally as the distribution's origin access
        ttl = max(1, expires_at - int(time.time()))
        return s3.presigned_get(key, ttl, signer=s3.cdn_standin_client())

    def member_url(self, key: str) -> str:
        return self.url(key)  # a presigned GET names one object already

    def object_url(self, key: str, ttl_seconds: int, attachment: str | None = None) -> str:
        return s3.presigned_get(key, ttl_seconds, content_disposition(attachment))


class CloudFrontSignedUrls:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.base = settings.cdn_base_url.rstrip("/")
        self._signer = None

    def url(self, key: str) -> str:
        start, expires_at = _window(self.settings, time.time())
        prefix = "/".join(key.split("/", 2)[:2])  # users/{user_id}
        return f"{self.base}/{key}?{self._query(prefix, start, expires_at)}"

    @lru_cache(maxsize=4096)  # noqa: B019 - one signer per container, on purpose
    def _query(self, prefix: str, _window_start: int, expires_at: int) -> str:
        from datetime import UTC, datetime

        resource = f"{self.base}/{prefix}/*"
        policy = self.signer.build_policy(resource, datetime.fromtimestamp(expires_at, UTC))
        return self.signer.generate_presigned_url(resource, policy=policy).split("?", 1)[1]

    def member_url(self, key: str) -> str:
        _start, expires_at = _window(self.settings, time.time())
        return self._member_url(key, expires_at)

    @lru_cache(maxsize=20_000)  # noqa: B019 - one signer per container, on purpose
    def _member_url(self, key: str, expires_at: int) -> str:
        return self._canned(f"{self.base}/{key}", expires_at)

    def _canned(self, url: str, expires_at: int) -> str:
        from datetime import UTC, datetime

        expires = datetime.fromtimestamp(expires_at, UTC)
        return self.signer.generate_presigned_url(url, date_less_than=expires)

    def object_url(self, key: str, ttl_seconds: int, attachment: str | None = None) -> str:
        # Straight from S3: a visitor's URL names one object for a few minutes and is never
        # cached, so the CDN adds nothing; and the shares function then needs no RSA signer
        # (it keeps the size budget with Pillow for the copies without metadata).
        return s3.presigned_get(key, ttl_seconds, content_disposition(attachment))

    @property
    def signer(self):
        if self._signer is None:
            from botocore.signers import CloudFrontSigner
            from cryptography.hazmat.primitives import hashes, serialization
            from cryptography.hazmat.primitives.asymmetric import padding

            pem = self.settings.cdn_private_key().encode()
            private_key = serialization.load_pem_private_key(pem, password=None)

            def rsa_sign(message: bytes) -> bytes:
                # CloudFront verifies RSA-SHA1 signatures over the policy.
                return private_key.sign(message, padding.PKCS1v15(), hashes.SHA1())  # noqa: S303

            self._signer = CloudFrontSigner(self.settings.cdn_key_pair_id, rsa_sign)
        return self._signer


@lru_cache(maxsize=1)
def signer() -> UrlSigner:
    settings = get_settings()
    if settings.cdn_base_url:
        return CloudFrontSignedUrls(settings)
    return S3PresignedUrls(settings)


def signed_url(key: str | None) -> str | None:
    return signer().url(key) if key else None
