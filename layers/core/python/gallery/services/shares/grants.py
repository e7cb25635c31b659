"""Opening a link, and the access grants that let a visitor go on without spending views."""

import base64
import hashlib
import hmac
from datetime import datetime

from gallery.config import get_settings
from gallery.errors import NotFound, PasswordRequired, Unauthorized
from gallery.repositories import shares as shares_repo


def link_not_found() -> NotFound:
    # One answer for unknown, revoked, expired and used-up links: no oracle.
    return NotFound("share link not found or no longer available", code="not_found")


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()


def _grant_signature(share: dict, expires: int) -> bytes:
    message = f"{share['share_id']}:{expires}".encode()
    return hmac.new(bytes(share["grant_key"]), message, hashlib.sha256).digest()


def issue_grant(share: dict, now: datetime) -> tuple[str, datetime]:
    expires = int(now.timestamp()) + get_settings().share_grant_ttl_seconds
    signature = base64.urlsafe_b64encode(_grant_signature(share, expires)).decode().rstrip("=")
    return f"{expires}.{signature}", datetime.fromtimestamp(expires, now.tzinfo)


def grant_parts(grant: str | None, now: datetime) -> tuple[int, bytes] | None:
    """A grant's expiry and signature if it is well formed and unexpired (key unchecked)."""
    if not grant or len(grant) > 128:
        return None
    expires_text, _, signature = grant.partition(".")
    if not (expires_text.isascii() and expires_text.isdigit()):
        return None
    if int(expires_text) <= now.timestamp():
        return None
    try:
        given = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
    except ValueError:
        return None
    return int(expires_text), given


def grant_is_valid(share: dict, grant: str | None, now: datetime) -> bool:
    parts = grant_parts(grant, now)
    return parts is not None and hmac.compare_digest(parts[1], _grant_signature(share, parts[0]))


def open_link(conn, token: str, now: datetime, grant: str | None = None) -> dict:
    """The link named by ``token`` if it can still be opened: live, with views left or, for
    the holder of one of its grants, used up. Anything else is not found, in the one query
    an unknown token costs."""
    well_formed = grant_parts(grant, now) is not None
    share = shares_repo.by_token(conn, token_hash(token), now, with_grant=well_formed)
    if share is None or (share["used_up"] and not grant_is_valid(share, grant, now)):
        raise link_not_found()
    return share


def require_grant(share: dict, grant: str | None, now: datetime) -> None:
    if grant_is_valid(share, grant, now):
        return
    if share["password_hash"] is not None:
        raise PasswordRequired("this link is protected by a password")
    raise Unauthorized("open the link first: its access grant is missing or expired",
                       code="access_grant_required")  # fmt: skip
