"""A link's password: hashed with argon2id, given for a grant, wrong ones backing off."""

import ipaddress
import math
from datetime import datetime, timedelta
from functools import lru_cache

from gallery import clock, db
from gallery.config import get_settings
from gallery.errors import BadRequest, TooManyRequests, Unauthorized
from gallery.models.shares import ShareAccess
from gallery.repositories import shares as shares_repo
from gallery.services.shares.grants import issue_grant, link_not_found, open_link, token_hash


@lru_cache(maxsize=1)
def hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()  # argon2id, RFC 9106 low-memory profile


def grant_access(token: str, password: str, client_ip: str) -> ShareAccess:
    """Checks a link's password and counts the view; wrong passwords back off (see above)."""
    settings = get_settings()
    now = clock.now()
    address = address_key(client_ip)
    since = now - timedelta(seconds=settings.share_password_window_seconds)
    with db.visitor_transaction(token_hash(token)) as conn:
        share = open_link(conn, token, now)
        if share["password_hash"] is None:
            raise BadRequest("this link has no password: open it directly", code="no_password")
        wait = password_retry_after(shares_repo.password_standing(conn, address, since), now)
        if wait:
            raise TooManyRequests("too many wrong passwords: try again later", retry_after=wait)
        matches = _password_matches(conn, share, password)
        if not matches:
            shares_repo.record_failure(conn, address, now)
        elif not shares_repo.count_view(conn, token_hash(token), now):
            raise link_not_found()  # its last view went to someone else meanwhile
    if not matches:  # raised after the commit: the failure stays recorded
        raise Unauthorized("wrong password", code="invalid_password")
    grant, expires_at = issue_grant(share, now)
    return ShareAccess(access_grant=grant, expires_at=expires_at)


def address_key(client_ip: str) -> str:
    """The address failures count under: IPv6 by its /64 (a host's usual allocation, which it
    could otherwise walk through), IPv4 as it is."""
    try:
        address = ipaddress.ip_address(client_ip)
    except ValueError:
        return client_ip
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def password_retry_after(standing: dict, now: datetime) -> int:
    """Seconds before this address may try this link's password again (0: now)."""
    settings = get_settings()
    attacked = standing["link_failures"] >= settings.share_password_link_free_attempts
    scopes = (
        (standing["pair_failures"], standing["pair_last"],
         0 if attacked else settings.share_password_free_attempts,
         settings.share_password_window_seconds if attacked
         else settings.share_password_max_backoff_seconds),
        (standing["address_failures"], standing["address_last"],
         settings.share_password_address_free_attempts,
         settings.share_password_max_backoff_seconds),
    )  # fmt: skip
    wait = 0.0
    for failures, latest, free, ceiling in scopes:
        if failures == 0 or failures < free:
            continue  # no failure of its own, or within its free attempts
        exponent = min(failures - free, 40)  # 2^40 s is past every ceiling
        delay = min(ceiling, settings.share_password_backoff_seconds * 2**exponent)
        wait = max(wait, (latest + timedelta(seconds=delay) - now).total_seconds())
    return math.ceil(wait) if wait > 0 else 0


def forget_old_password_failures() -> int:
    """The scheduled clean-up: failures older than the window no longer count."""
    window = timedelta(seconds=get_settings().share_password_window_seconds)
    with db.worker_transaction() as conn:
        return shares_repo.forget_failures_before(conn, clock.now() - window)


def _password_matches(conn, share: dict, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        hasher().verify(share["password_hash"], password)
    except (VerificationError, InvalidHashError):
        return False
    if hasher().check_needs_rehash(share["password_hash"]):
        shares_repo.rehash_password(conn, share["share_id"], hasher().hash(password))
    return True
