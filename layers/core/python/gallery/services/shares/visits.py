"""A visitor opening a link: the page, its images, the link's card for chat apps."""

import re
from uuid import UUID

from gallery import clock, db, paging
from gallery.config import get_settings
from gallery.errors import Forbidden, NotFound, PasswordRequired, SearchUnavailable
from gallery.models.generation import RecallFormat
from gallery.models.shares import LinkCard, SharedImage, SharedMetadata, SharedPage
from gallery.repositories import shares as shares_repo
from gallery.repositories import visitor_images
from gallery.services import generation
from gallery.services.shares.clean_copies import served_url
from gallery.services.shares.grants import (
    grant_is_valid,
    issue_grant,
    link_not_found,
    open_link,
    require_grant,
    token_hash,
)
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


def shared_image(row: dict, *, view_url: str, download_url: str | None, metadata: bool):
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
    with a password give grants only for the password); a preview shows nothing. A smart
    folder's link shows what its search finds now, in the search's order and paging."""
    now = clock.now()
    with db.visitor_transaction(token_hash(token)) as conn:
        share = open_link(conn, token, now, None if preview else grant)
        kind = _kind(share)
        after = None
        if cursor and kind != "smart_folder":
            after = paging.image_after(cursor, "created_at", "desc")
        page = SharedPage(
            kind=kind, folder_name=share["folder_name"], permission=share["permission"],
            show_metadata=share["show_metadata"], expires_at=share["expires_at"], images=[],
            total=0, has_more=False, next_cursor=None, access_grant=None,
            grant_expires_at=None,
        )  # fmt: skip
        if kind == "image" and not visitor_images.in_link(conn, share):
            raise link_not_found()  # its image is gone
        if preview:
            if share["password_hash"] is not None:
                page.folder_name = None  # not even the name without the password
            return page
        if not grant_is_valid(share, grant, now):
            if share["password_hash"] is not None:
                raise PasswordRequired("this link is protected by a password")
            if not shares_repo.count_view(conn, token_hash(token), now):
                raise link_not_found()  # its views are used up
            grant, page.grant_expires_at = issue_grant(share, now)
            page.access_grant = grant
        if kind == "smart_folder":
            found = _found(conn, share, page_size=page_size, cursor=cursor)
            rows = _in_order(visitor_images.in_link(conn, share, limit=page_size), found.ids)
            page.total, page.next_cursor = found.total, found.next_cursor
            page.has_more = found.next_cursor is not None
        else:
            rows = visitor_images.in_link(conn, share, after=after, limit=page_size + 1)
            page.total = visitor_images.count_in_link(conn, share)
            cut = paging.cut(
                rows, page_size, lambda row: paging.image_cursor("created_at", "desc", row)
            )
            rows, page.has_more, page.next_cursor = cut.items, cut.has_more, cut.next_cursor
    download = share["permission"] == "download"
    for row in rows:
        base = f"/api/v1/shares/{token}/images/{row['image_id']}"
        page.images.append(
            shared_image(
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


def _kind(share: dict) -> str:
    if share["image_id"]:
        return "image"
    return "smart_folder" if share["smart_folder_id"] else "folder"


def _found(conn, share: dict, *, page_size: int = 1, cursor=None, image_id=None):
    """A smart folder link's images for this visit: its owner's search, run now, names them
    in the visitor's transaction (its policies show those only). Nothing when the smart
    folder's search no longer reads."""
    from gallery.services import smart_folders  # the search stack: smart links only

    found = smart_folders.found_for_link(share["user_id"], share["smart_folder_id"],
                                         page_size=page_size, cursor=cursor,
                                         image_id=image_id)  # fmt: skip
    if found is None:
        raise link_not_found()
    visitor_images.name_found(conn, found.ids)
    return found


def _in_order(rows: list[dict], ids: list[UUID]) -> list[dict]:
    by_id = {row["image_id"]: row for row in rows}
    return [by_id[i] for i in ids if i in by_id]


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
            share = open_link(conn, token, now)
        except NotFound:
            return None
        kind = _kind(share)
        if share["password_hash"] is not None:
            if kind == "image" and not visitor_images.in_link(conn, share, limit=1):
                return None  # its image is gone
            return LinkCard(protected=True, kind=kind)
        found = None
        if kind == "smart_folder":
            try:
                found = _found(conn, share)
            except SearchUnavailable:  # a card shows the name, and nothing it cannot know
                visitor_images.name_found(conn, [])
        first = visitor_images.in_link(conn, share, limit=1)
        if kind == "image" and not first:
            return None  # its image is gone
        if kind == "smart_folder":
            total = found.total if found is not None else 0
        else:
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
        share = open_link(conn, token, now)
        if share["password_hash"] is not None:
            raise link_not_found()
        if share["smart_folder_id"]:
            try:
                _found(conn, share)
            except SearchUnavailable:
                raise link_not_found() from None
        rows = visitor_images.in_link(conn, share, limit=1)
    if not rows or not _card_key(rows[0]):
        raise link_not_found()
    return signer().object_url(_card_key(rows[0]), get_settings().share_asset_url_ttl_seconds)


def _card_key(row: dict) -> str | None:
    return row["thumbnail_512_key"] or row["thumbnail_256_key"]


def asset_url(token: str, image_id: UUID, kind: str, *, grant: str | None) -> str:
    """Where a visitor's browser fetches a shared image: ``view`` (inline) or ``download``
    (attachment, counted; only on download links). Short-lived, for this object only."""
    now = clock.now()
    with db.visitor_transaction(token_hash(token)) as conn:
        share = open_link(conn, token, now, grant)
        require_grant(share, grant, now)
        if share["smart_folder_id"]:
            _found(conn, share, image_id=image_id)
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
    return served_url(rows[0], share["show_metadata"], attachment=kind == "download")


def shared_generation(token: str, image_id: UUID, fmt: RecallFormat, *, grant: str | None):
    """A link's image's generation data, where the link shows metadata (404 elsewhere, as
    for an image it does not share)."""
    now = clock.now()
    with db.visitor_transaction(token_hash(token)) as conn:
        share = open_link(conn, token, now, grant)
        require_grant(share, grant, now)
        if share["smart_folder_id"]:
            _found(conn, share, image_id=image_id)
        rows = visitor_images.in_link(conn, share, image_id=image_id)
        if not rows or not rows[0]["metadata_shown"]:
            raise NotFound("image not found in this link, or its link hides how it was made")
        chunks = visitor_images.generation_sources(conn, image_id) if fmt == "comfyui" else {}
    return generation.render(rows[0], chunks, fmt)
