"""The owner's share links: create, list (each with its URL, to copy again), change, revoke."""

import base64
import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from uuid import UUID, uuid4

from gallery import clock, paging
from gallery.auth import Caller
from gallery.config import get_settings
from gallery.db import acting_as
from gallery.errors import NotFound
from gallery.models.shares import ShareCreate, ShareList, ShareOut, ShareStatus, ShareUpdate
from gallery.repositories import folders as folders_repo
from gallery.repositories import images as images_repo
from gallery.repositories import shares as shares_repo
from gallery.repositories import smart_folders as smart_folders_repo
from gallery.services.shares.grants import token_hash
from gallery.services.shares.passwords import hasher


def _status(row: dict, now: datetime) -> ShareStatus:
    if not row["is_active"]:
        return "revoked"
    if row["expires_at"] is not None and row["expires_at"] <= now:
        return "expired"
    if row["max_views"] is not None and row["current_views"] >= row["max_views"]:
        return "exhausted"
    return "active"


def link_token(share_id: UUID) -> str:
    """A link's token, made again from its id: an HMAC under the link key (256 bits)."""
    digest = hmac.new(get_settings().link_key(), b"share-link:" + share_id.bytes, hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()).decode().rstrip("=")


def _shown_token(row: dict) -> str | None:
    """An active link's token, if it is the one made from its id: not for a link made before
    tokens were (a random one), nor after the key changed (its hash says so)."""
    if not row["is_active"]:
        return None
    token = link_token(row["share_id"])
    return token if hmac.compare_digest(token_hash(token), bytes(row["token_hash"])) else None


def _to_out(row: dict) -> ShareOut:
    token = _shown_token(row)
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
    share_id = uuid4()
    token = link_token(share_id)
    password_hash = hasher().hash(request.password) if request.password else None
    with acting_as(caller) as conn:
        if request.image_id is not None:
            image = images_repo.get(conn, caller.user_id, request.image_id)
            if image is None or image["deleted_at"] is not None:
                raise NotFound("image not found")
        elif request.folder_id is not None:
            if not folders_repo.exists(conn, caller.user_id, request.folder_id):
                raise NotFound("folder not found")
        elif smart_folders_repo.get(conn, caller.user_id, request.smart_folder_id) is None:
            raise NotFound("smart folder not found")
        row = shares_repo.create(
            conn,
            share_id=share_id,
            user_id=caller.user_id,
            image_id=request.image_id,
            folder_id=request.folder_id,
            smart_folder_id=request.smart_folder_id,
            token_hash=token_hash(token),
            permission=request.permission,
            password_hash=password_hash,
            show_metadata=request.show_metadata,
            expires_at=_expires_at(hours),
            max_views=request.max_views,
            grant_key=secrets.token_bytes(32),
        )
    return _to_out(row)


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
        changes["password_hash"] = hasher().hash(request.password) if request.password else None
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
