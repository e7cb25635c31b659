"""Share links, done safely.

- The token has 256 bits of randomness; only its sha-256 is stored, and it is shown once.
- A password is stored only as an argon2id hash. Opening a protected link takes a POST of
  the password, which returns an access grant (HMAC under the link's own key, short-lived);
  every later request for the link, assets included, carries it. Changing the password
  replaces the key: every grant given under the old one stops working.
- A view is counted when a visitor opens the link (or gives its password) with one atomic
  conditional UPDATE, so max_views is exact under concurrency; the grant it returns lets the
  visitor page through a folder and open images without spending more views. Link previews
  (HEAD, chat unfurlers) neither count nor see anything.
- Wrong passwords back off exponentially, checked before the password is compared (a
  refused attempt tells nothing of the password) and answered 429 with Retry-After. Anyone
  can send wrong passwords, so no failure of other addresses may keep out a visitor who
  knows the password: failures are remembered (for share_password_window_seconds) per link
  and client address, and per address across links; per link only as a ceiling.
  * link and address: share_password_free_attempts free, then each further attempt waits
    share_password_backoff_seconds × 2^(failures − free) after the latest failure, up to
    share_password_max_backoff_seconds;
  * address across links: the same, after share_password_address_free_attempts (more: an
    office or a carrier NAT is one address for many people);
  * link from everyone: past share_password_link_free_attempts the link is under attack,
    and an address that failed on it backs off from its first failure, up to the window. An
    address with no failure of its own on the link and within its address allowance is
    never held back, so its right password always gets in.
  IPv6 addresses count by their /64 (one host's usual allocation). An attacker with many
  addresses gets their number of guesses: hence the 8-character minimum and argon2id.
- Unknown, revoked, expired and used-up links answer the same 404 on every path (GET, HEAD,
  link previews, the password, the images), decided by the one query that looks the link
  up: a link that cannot be opened is no row, like an unknown token, so no answer and no
  timing tells them apart. Whoever spent a link's last view keeps its grant's hour.
- Without show_metadata, visitors get no prompt in JSON and none in the bytes: thumbnails
  carry pixels only, and the full image is a copy without metadata, never the original.
"""

import base64
import hashlib
import hmac
import ipaddress
import math
import re
import secrets
from datetime import datetime, timedelta
from functools import lru_cache
from uuid import UUID

from gallery import clock, db, paging
from gallery.auth import Caller
from gallery.config import get_settings
from gallery.db import acting_as
from gallery.errors import (
    BadRequest,
    Forbidden,
    NotFound,
    PasswordRequired,
    TooManyRequests,
    Unauthorized,
)
from gallery.models.shares import (
    LinkCard,
    ShareAccess,
    ShareCreate,
    SharedImage,
    SharedMetadata,
    SharedPage,
    ShareList,
    ShareOut,
    ShareStatus,
    ShareUpdate,
)
from gallery.repositories import clean_copies as clean_copies_repo
from gallery.repositories import folders as folders_repo
from gallery.repositories import images as images_repo
from gallery.repositories import object_deletions, visitor_images
from gallery.repositories import shares as shares_repo
from gallery.repositories import storage_usage as usage_repo
from gallery.services.uploads import quota_left
from gallery.storage import s3
from gallery.storage.keys import clean_copy_key, file_name
from gallery.storage.urls import signer

# Chat and social apps fetch a link to draw its card: that is not somebody viewing it. Only
# the fetchers' own bot tokens: the apps' in-app browsers (Line/…, DaumApps/…, Snapchat/…,
# Teams/…, KAKAOTALK …) are people, and must see the page.
_LINK_PREVIEW_AGENTS = re.compile(
    r"facebookexternalhit|facebookcatalog|Facebot|Twitterbot|Slackbot|Slack-ImgProxy|"
    r"Discordbot|TelegramBot|WhatsApp/|LinkedInBot|SkypeUriPreview|Pinterestbot|redditbot|"
    r"Embedly|Iframely|kakaotalk-scrap|line-poker|Applebot|Googlebot|bingbot|Yeti/|"
    r"\bDaum/|Daumoa|Mastodon/|Bluesky Cardyb|snapchat_preview|Snap URL Preview|"
    r"Viber/.*\bbot\b|vkShare|Microsoft Office Existence Discovery",
    re.IGNORECASE,
)


def is_link_preview(method: str, user_agent: str | None) -> bool:
    return method == "HEAD" or bool(_LINK_PREVIEW_AGENTS.search(user_agent or ""))


def _link_not_found() -> NotFound:
    # One answer for unknown, revoked, expired and used-up links: no oracle.
    return NotFound("share link not found or no longer available", code="not_found")


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()


@lru_cache(maxsize=1)
def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()  # argon2id, RFC 9106 low-memory profile


# --- the owner ----------------------------------------------------------------------------


def _status(row: dict, now: datetime) -> ShareStatus:
    if not row["is_active"]:
        return "revoked"
    if row["expires_at"] is not None and row["expires_at"] <= now:
        return "expired"
    if row["max_views"] is not None and row["current_views"] >= row["max_views"]:
        return "exhausted"
    return "active"


def _to_out(row: dict, token: str | None = None) -> ShareOut:
    url = f"{get_settings().web_base_url.rstrip('/')}/s/{token}" if token else None
    return ShareOut(
        **{k: v for k, v in row.items() if k in ShareOut.model_fields},
        share_token=token,
        share_url=url,
        status=_status(row, clock.now()),
        password_protected=row["password_hash"] is not None,
    )


def _expires_at(hours: int | None) -> datetime | None:
    return clock.now() + timedelta(hours=hours) if hours is not None else None


def create_share(caller: Caller, request: ShareCreate) -> ShareOut:
    hours = (
        request.expires_in_hours
        if "expires_in_hours" in request.model_fields_set
        else get_settings().share_default_expiry_hours
    )
    token = secrets.token_urlsafe(32)  # 256 bits
    password_hash = _hasher().hash(request.password) if request.password else None
    with acting_as(caller) as conn:
        if request.image_id is not None:
            image = images_repo.get(conn, caller.user_id, request.image_id)
            if image is None or image["deleted_at"] is not None:
                raise NotFound("image not found")
        elif not folders_repo.exists(conn, caller.user_id, request.folder_id):
            raise NotFound("folder not found")
        row = shares_repo.create(
            conn,
            user_id=caller.user_id,
            image_id=request.image_id,
            folder_id=request.folder_id,
            token_hash=token_hash(token),
            permission=request.permission,
            password_hash=password_hash,
            show_metadata=request.show_metadata,
            expires_at=_expires_at(hours),
            max_views=request.max_views,
            grant_key=secrets.token_bytes(32),
        )
    return _to_out(row, token)


def list_shares(
    caller: Caller,
    *,
    image_id: UUID | None = None,
    folder_id: UUID | None = None,
    page_size: int = 50,
    cursor: str | None = None,
) -> ShareList:
    after = paging.decode(cursor, _share_after) if cursor else None
    with acting_as(caller) as conn:
        rows = shares_repo.list_mine(
            conn, caller.user_id, image_id=image_id, folder_id=folder_id, after=after,
            limit=page_size + 1,
        )  # fmt: skip
    page = paging.cut(rows, page_size, _share_cursor)
    return ShareList(
        shares=[_to_out(row) for row in page.items],
        has_more=page.has_more,
        next_cursor=page.next_cursor,
    )


# my links, newest first: (created_at, share_id)
def _share_cursor(row: dict) -> str:
    return paging.encode(["shares", row["created_at"].isoformat(), str(row["share_id"])])


def _share_after(position: list) -> tuple[datetime, UUID]:
    kind, created_at, share_id = position
    if kind != "shares":
        raise ValueError("not a links cursor")
    return datetime.fromisoformat(created_at), UUID(share_id)


def update_share(caller: Caller, share_id: UUID, request: ShareUpdate) -> ShareOut:
    sent = request.model_fields_set
    changes: dict = {}
    for field in ("permission", "show_metadata"):
        if field in sent and getattr(request, field) is not None:
            changes[field] = getattr(request, field)
    if "max_views" in sent:
        changes["max_views"] = request.max_views
    if "expires_in_hours" in sent:
        changes["expires_at"] = _expires_at(request.expires_in_hours)
    grant_key = None
    if "password" in sent:
        changes["password_hash"] = _hasher().hash(request.password) if request.password else None
        grant_key = secrets.token_bytes(32)
    with acting_as(caller) as conn:
        row = shares_repo.update(conn, caller.user_id, share_id, changes, grant_key)
        if row is None:
            raise NotFound("share not found or revoked")
    return _to_out(row)


def revoke_share(caller: Caller, share_id: UUID) -> ShareOut:
    with acting_as(caller) as conn:
        row = shares_repo.revoke(conn, caller.user_id, share_id)
    if row is None:
        raise NotFound("share not found")
    return _to_out(row)


# --- access grants ----------------------------------------------------------------------------


def _grant_signature(share: dict, expires: int) -> bytes:
    message = f"{share['share_id']}:{expires}".encode()
    return hmac.new(bytes(share["grant_key"]), message, hashlib.sha256).digest()


def _issue_grant(share: dict, now: datetime) -> tuple[str, datetime]:
    expires = int(now.timestamp()) + get_settings().share_grant_ttl_seconds
    signature = base64.urlsafe_b64encode(_grant_signature(share, expires)).decode().rstrip("=")
    return f"{expires}.{signature}", datetime.fromtimestamp(expires, now.tzinfo)


def _grant_parts(grant: str | None, now: datetime) -> tuple[int, bytes] | None:
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


def _grant_is_valid(share: dict, grant: str | None, now: datetime) -> bool:
    parts = _grant_parts(grant, now)
    return parts is not None and hmac.compare_digest(parts[1], _grant_signature(share, parts[0]))


# --- the visitor --------------------------------------------------------------------------


def _open_link(conn, token: str, now: datetime, grant: str | None = None) -> dict:
    """The link named by ``token`` if it can still be opened: live, with views left or, for
    the holder of one of its grants, used up. Anything else is not found, in the one query
    an unknown token costs."""
    well_formed = _grant_parts(grant, now) is not None
    share = shares_repo.by_token(conn, token_hash(token), now, with_grant=well_formed)
    if share is None or (share["used_up"] and not _grant_is_valid(share, grant, now)):
        raise _link_not_found()
    return share


def _require_grant(share: dict, grant: str | None, now: datetime) -> None:
    if _grant_is_valid(share, grant, now):
        return
    if share["password_hash"] is not None:
        raise PasswordRequired("this link is protected by a password")
    raise Unauthorized("open the link first: its access grant is missing or expired",
                       code="access_grant_required")  # fmt: skip


def _shared_image(row: dict, *, view_url: str, download_url: str | None, metadata: bool):
    ttl = get_settings().share_asset_url_ttl_seconds

    def sign(column: str) -> str | None:  # pixels only: thumbnails and previews
        return signer().object_url(row[column], ttl) if row[column] else None

    return SharedImage(
        **{k: row[k] for k in ("image_id", "width", "height", "mime_type", "file_size_bytes",
                               "created_at", "placeholder")},
        thumbnail_256_url=sign("thumbnail_256_key"),
        thumbnail_512_url=sign("thumbnail_512_key"),
        preview_url=sign("preview_avif_key"),
        preview_fallback_url=sign("preview_webp_key"),
        view_url=view_url,
        download_url=download_url,
        metadata=SharedMetadata(**row) if metadata else None,
    )  # fmt: skip


def open_share(
    token: str,
    *,
    grant: str | None,
    preview: bool = False,
    page_size: int = 50,
    cursor: str | None = None,
) -> SharedPage:
    """What a link shows. Without a grant, opening it counts a view and gives one (links
    with a password give grants only for the password); a preview shows nothing."""
    now = clock.now()
    after = paging.image_after(cursor, "created_at", "desc") if cursor else None
    with db.visitor_transaction(token_hash(token)) as conn:
        share = _open_link(conn, token, now, None if preview else grant)
        kind = "image" if share["image_id"] else "folder"
        page = SharedPage(
            kind=kind, folder_name=share["folder_name"], permission=share["permission"],
            show_metadata=share["show_metadata"], expires_at=share["expires_at"], images=[],
            total=0, has_more=False, next_cursor=None, access_grant=None,
            grant_expires_at=None,
        )  # fmt: skip
        if kind == "image" and not visitor_images.in_link(conn, share):
            raise _link_not_found()  # its image is gone
        if preview:
            if share["password_hash"] is not None:
                page.folder_name = None  # not even the name without the password
            return page
        if not _grant_is_valid(share, grant, now):
            if share["password_hash"] is not None:
                raise PasswordRequired("this link is protected by a password")
            if not shares_repo.count_view(conn, token_hash(token), now):
                raise _link_not_found()  # its views are used up
            grant, page.grant_expires_at = _issue_grant(share, now)
            page.access_grant = grant
        rows = visitor_images.in_link(conn, share, after=after, limit=page_size + 1)
        page.total = visitor_images.count_in_link(conn, share)
    cut = paging.cut(rows, page_size, lambda row: paging.image_cursor("created_at", "desc", row))
    rows, page.has_more, page.next_cursor = cut.items, cut.has_more, cut.next_cursor
    download = share["permission"] == "download"
    for row in rows:
        base = f"/api/v1/shares/{token}/images/{row['image_id']}"
        page.images.append(
            _shared_image(
                row,
                view_url=f"{base}/view?grant={grant}",
                download_url=f"{base}/download?grant={grant}" if download else None,
                metadata=share["show_metadata"],
            )
        )
    page.can_download = download
    if kind == "image" and page.images:
        _seed_fields(page, page.images[0])
    return page


def _seed_fields(page: SharedPage, image: SharedImage) -> None:
    """The top-level fields of the original design's share page, for its clients."""
    page.image_id, page.width, page.height = image.image_id, image.width, image.height
    page.image_url = image.view_url
    page.thumbnail_url = image.thumbnail_512_url or image.thumbnail_256_url
    if image.metadata is not None:
        page.prompt, page.model = image.metadata.prompt, image.metadata.model


def link_card(token: str) -> LinkCard | None:
    """What a chat app's card shows of a link, counting no view: None for a link that cannot
    be opened (the same for unknown, revoked, expired and used-up ones); for a protected
    link, only that it is protected (no name, no prompt, no image)."""
    now = clock.now()
    with db.visitor_transaction(token_hash(token)) as conn:
        try:
            share = _open_link(conn, token, now)
        except NotFound:
            return None
        kind = "image" if share["image_id"] else "folder"
        first = visitor_images.in_link(conn, share, limit=1)
        if kind == "image" and not first:
            return None  # its image is gone
        if share["password_hash"] is not None:
            return LinkCard(protected=True, kind=kind)
        total = visitor_images.count_in_link(conn, share) if kind == "folder" else 1
    prompt = first[0]["prompt"] if first and share["show_metadata"] else None
    return LinkCard(
        protected=False, kind=kind, folder_name=share["folder_name"], total=total,
        prompt=prompt, has_image=bool(first and _card_key(first[0])),
    )  # fmt: skip


def card_image_url(token: str) -> str:
    """The card's picture: the link's (first) image as its 512 px thumbnail, pixels only,
    for links without a password; counts no view (a chat app drawing a card is nobody)."""
    now = clock.now()
    with db.visitor_transaction(token_hash(token)) as conn:
        share = _open_link(conn, token, now)
        rows = visitor_images.in_link(conn, share, limit=1)
    if share["password_hash"] is not None or not rows or not _card_key(rows[0]):
        raise _link_not_found()
    return signer().object_url(_card_key(rows[0]), get_settings().share_asset_url_ttl_seconds)


def _card_key(row: dict) -> str | None:
    return row["thumbnail_512_key"] or row["thumbnail_256_key"]


def grant_access(token: str, password: str, client_ip: str) -> ShareAccess:
    """Checks a link's password and counts the view; wrong passwords back off (see above)."""
    settings = get_settings()
    now = clock.now()
    address = address_key(client_ip)
    since = now - timedelta(seconds=settings.share_password_window_seconds)
    with db.visitor_transaction(token_hash(token)) as conn:
        share = _open_link(conn, token, now)
        if share["password_hash"] is None:
            raise BadRequest("this link has no password: open it directly", code="no_password")
        wait = password_retry_after(shares_repo.password_standing(conn, address, since), now)
        if wait:
            raise TooManyRequests("too many wrong passwords: try again later", retry_after=wait)
        matches = _password_matches(conn, share, password)
        if not matches:
            shares_repo.record_failure(conn, address, now)
        elif not shares_repo.count_view(conn, token_hash(token), now):
            raise _link_not_found()  # its last view went to someone else meanwhile
    if not matches:  # raised after the commit: the failure stays recorded
        raise Unauthorized("wrong password", code="invalid_password")
    grant, expires_at = _issue_grant(share, now)
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
        _hasher().verify(share["password_hash"], password)
    except (VerificationError, InvalidHashError):
        return False
    if _hasher().check_needs_rehash(share["password_hash"]):
        shares_repo.rehash_password(conn, share["share_id"], _hasher().hash(password))
    return True


def asset_url(token: str, image_id: UUID, kind: str, *, grant: str | None) -> str:
    """Where a visitor's browser fetches a shared image: ``view`` (inline) or ``download``
    (attachment, counted; only on download links). Short-lived, for this object only."""
    now = clock.now()
    with db.visitor_transaction(token_hash(token)) as conn:
        share = _open_link(conn, token, now, grant)
        _require_grant(share, grant, now)
        rows = visitor_images.in_link(conn, share, image_id=image_id)
        if not rows:
            raise NotFound("image not found in this link")
        if kind == "download":
            if share["permission"] != "download":
                raise Forbidden("this link does not allow downloads")
            shares_repo.count_download(conn, share["share_id"], now)
            visitor_images.count_download(conn, image_id)
        else:
            visitor_images.count_views(conn, [image_id])
    return _served_url(rows[0], share["show_metadata"], attachment=kind == "download")


# --- public images ----------------------------------------------------------------------------


def public_image(image_id: UUID) -> SharedImage:
    with db.visitor_transaction() as conn:
        row = visitor_images.public(conn, image_id)
    if row is None:
        raise NotFound("image not found")
    return _shared_image(
        row, view_url=f"/api/v1/public/images/{image_id}/view", download_url=None,
        metadata=row["public_show_metadata"],
    )  # fmt: skip


def public_view_url(image_id: UUID) -> str:
    with db.visitor_transaction() as conn:
        row = visitor_images.public(conn, image_id)
        if row is None:
            raise NotFound("image not found")
        visitor_images.count_views(conn, [image_id])
    return _served_url(row, row["public_show_metadata"], attachment=False)


# --- what is served -------------------------------------------------------------------------


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


def _served_url(row: dict, show_metadata: bool, *, attachment: bool) -> str:
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
