"""Images: listing with keyset cursors, reading, organising and deleting."""

from uuid import UUID

from gallery import paging
from gallery.auth import Caller
from gallery.config import get_settings
from gallery.db import acting_as
from gallery.errors import NotFound
from gallery.models.images import (
    BulkFavorite,
    BulkMove,
    BulkRequest,
    BulkResult,
    BulkTag,
    BulkTrash,
    DownloadLink,
    ImageList,
    ImageOut,
    ImageQuery,
    ImageUpdate,
    StackQuery,
    TrashQuery,
)
from gallery.repositories import folders as folders_repo
from gallery.repositories import images as images_repo
from gallery.repositories import listing as listing_repo
from gallery.repositories import tags as tags_repo
from gallery.repositories import workspaces as workspace_repo
from gallery.services import trash
from gallery.storage.keys import readable_name
from gallery.storage.urls import signed_url, signer
from gallery.tag_keys import tag_key


def image_urls(row: dict) -> dict[str, str | None]:
    """Short-lived URLs of an image's original and thumbnails."""
    return {
        "image_url": signed_url(row["s3_key"]),
        "thumbnail_256_url": signed_url(row["thumbnail_256_key"]),
        "thumbnail_512_url": signed_url(row["thumbnail_512_key"]),
        "preview_url": signed_url(row.get("preview_avif_key")),
        "preview_fallback_url": signed_url(row.get("preview_webp_key")),
    }


def _to_out(row: dict) -> ImageOut:
    return ImageOut(**row, **image_urls(row))


def with_paths(conn, user_id: UUID, rows: list[dict]) -> list[dict]:
    """My images' rows with their folders' breadcrumbs (one query for them all)."""
    folder_ids = list({row["folder_id"] for row in rows if row["folder_id"] is not None})
    paths = folders_repo.paths(conn, user_id, folder_ids) if folder_ids else {}
    for row in rows:
        row["path"] = paths.get(row["folder_id"], [])
    return rows


def folder_scope(
    conn,
    caller: Caller,
    folder_id: UUID | None,
    include_subfolders: bool,
    workspace_id: UUID | None = None,
) -> dict:
    """The folder filter of a listing or a search: the folder alone, or (with its
    subfolders) every folder of its subtree the caller sees, mine or (``workspace_id``) the
    workspace's; an unknown folder lists nothing."""
    if folder_id is None or not include_subfolders:
        return {"folder_id": folder_id}
    if workspace_id is None:
        subtree = folders_repo.subtree(conn, caller.user_id, folder_id)
    else:
        subtree = workspace_repo.folder_subtree(conn, workspace_id, folder_id)
    if len(subtree) == 1:
        return {"folder_id": subtree[0]}
    return {"folder_id": None, "folder_ids": tuple(subtree)}


def after_cursor(query: ImageQuery | TrashQuery):
    """Where an image listing's page starts: after its cursor's row, or at the top."""
    if not query.cursor:
        return None
    return paging.image_after(query.cursor, query.sort_by, query.sort_order)


def next_cursor(query: ImageQuery | TrashQuery):
    """The cursor of an image listing's page that ends at ``row``."""
    return lambda row: paging.image_cursor(query.sort_by, query.sort_order, row)


def listing_filter(
    caller: Caller,
    query: ImageQuery | TrashQuery,
    workspace_id: UUID | None = None,
    folders: dict | None = None,
) -> listing_repo.ListFilter:
    """The one translation of a listing's parameters into the repository's filter: my
    images, my trash (a TrashQuery), or (``workspace_id``) a workspace's as I see them;
    ``folders`` is the query's folder_scope (resolved in the listing's transaction)."""
    folders = folders if folders is not None else {"folder_id": query.folder_id}
    return listing_repo.ListFilter(
        user_id=caller.user_id,
        workspace_id=workspace_id,
        is_favorite=query.is_favorite,
        is_public=query.is_public,
        rating_min=query.rating_min,
        tag_key=tag_key(query.tag) if query.tag is not None else None,
        sort_by=query.sort_by,
        descending=query.sort_order == "desc",
        in_trash=isinstance(query, TrashQuery),
        stacks_collapsed=query.stacks == "collapse",
        **folders,
    )


def list_page(
    conn, query: ImageQuery | TrashQuery, f: listing_repo.ListFilter
) -> tuple[paging.Page, listing_repo.Total]:
    """A page of ``f``'s listing: by ``cursor`` (keyset) when given, else by page number."""
    after = after_cursor(query)
    offset = 0 if after else (query.page - 1) * query.page_size
    rows, total = listing_repo.page(conn, f, limit=query.page_size + 1, offset=offset, after=after)
    return paging.cut(rows, query.page_size, next_cursor(query)), total


def list_images(caller: Caller, query: ImageQuery | TrashQuery) -> ImageList:
    """A page of the caller's ready images, or of their trash (a TrashQuery)."""
    with acting_as(caller) as conn:
        folders = folder_scope(conn, caller, query.folder_id, query.include_subfolders)
        page, total = list_page(conn, query, listing_filter(caller, query, folders=folders))
        rows = with_paths(conn, caller.user_id, page.items)
    return ImageList(images=[_to_out(row) for row in rows], **page.fields(query, *total))


def list_stack(caller: Caller, image_id: UUID, query: StackQuery) -> ImageList:
    """The images of my image's variation stack, newest first (the image alone when it
    stacks with nothing)."""
    with acting_as(caller) as conn:
        row = images_repo.get(conn, caller.user_id, image_id)
        if row is None or row["deleted_at"] is not None:  # ready ones only
            raise NotFound("image not found")
        f = listing_repo.ListFilter(user_id=caller.user_id, stack_id=row["stack_id"],
                                    image_id=None if row["stack_id"] else image_id)  # fmt: skip
        page, total = list_page(conn, query, f)
        rows = with_paths(conn, caller.user_id, page.items)
    return ImageList(images=[_to_out(r) for r in rows], **page.fields(query, *total))


def get_image(caller: Caller, image_id: UUID) -> ImageOut:
    with acting_as(caller) as conn:
        row = images_repo.get(conn, caller.user_id, image_id)
        if row is None:
            raise NotFound("image not found")
        with_paths(conn, caller.user_id, [row])
    return _to_out(row)


def download_link(caller: Caller, image_id: UUID) -> DownloadLink:
    """The original as an attachment with a readable name: the browser saves it and the
    dashboard stays open (the listing's URL would open the raw object, named by its uuid)."""
    with acting_as(caller) as conn:
        row = images_repo.get(conn, caller.user_id, image_id)
    if row is None:
        raise NotFound("image not found")
    return attachment(row)


def attachment(row: dict) -> DownloadLink:
    """The image row's original, presigned as a download named for people."""
    name = readable_name(row["image_id"], row["mime_type"], row["created_at"], row["prompt"])
    # one object, for a few minutes: the same lifetime as a link visitor's asset URLs
    ttl = get_settings().share_asset_url_ttl_seconds
    return DownloadLink(url=signer().object_url(row["s3_key"], ttl, attachment=name), filename=name)


def update_image(caller: Caller, image_id: UUID, request: ImageUpdate) -> ImageOut:
    """Changes favourite/public/folder; ``tags`` replaces the image's set of tags."""
    changes = request.model_dump(exclude_unset=True)
    with acting_as(caller) as conn:
        folder_id = changes.get("folder_id")
        if folder_id is not None and not folders_repo.exists(conn, caller.user_id, folder_id):
            raise NotFound("folder not found")
        # The update locks the row, so concurrent tag replacements on one image serialise.
        if not images_repo.update(conn, caller.user_id, image_id, changes):
            raise NotFound("image not found")
        if request.tags is not None:
            tag_ids = tags_repo.resolve(conn, caller.user_id, request.tags)
            tags_repo.lock(conn, caller.user_id, tag_ids, of_images=[image_id])
            tags_repo.replace_for_image(conn, caller.user_id, image_id, tag_ids)
        row = images_repo.get(conn, caller.user_id, image_id)
        with_paths(conn, caller.user_id, [row])
    return _to_out(row)


def bulk(caller: Caller, request: BulkRequest) -> BulkResult:
    """Applies one action to up to 500 of the caller's images, all or nothing."""
    image_ids = list(dict.fromkeys(request.image_ids))
    if isinstance(request, BulkTrash):
        trash.apply(caller, request.action, image_ids)
        return BulkResult(action=request.action, affected=len(image_ids))
    with acting_as(caller) as conn:
        if len(images_repo.lock_many(conn, caller.user_id, image_ids)) != len(image_ids):
            raise NotFound("one or more images not found")
        if isinstance(request, BulkMove):
            if request.folder_id is not None and not folders_repo.exists(
                conn, caller.user_id, request.folder_id
            ):
                raise NotFound("folder not found")
            images_repo.update_many(
                conn, caller.user_id, image_ids, {"folder_id": request.folder_id}
            )
        elif isinstance(request, BulkFavorite):
            favorite = request.action == "favorite"
            images_repo.update_many(conn, caller.user_id, image_ids, {"is_favorite": favorite})
        elif isinstance(request, BulkTag):
            if request.action == "add_tags":
                tag_ids = tags_repo.resolve(conn, caller.user_id, request.tags)
                tags_repo.lock(conn, caller.user_id, tag_ids)
                tags_repo.attach(conn, caller.user_id, image_ids, tag_ids)
            else:
                tag_ids = tags_repo.find_ids(conn, caller.user_id, request.tags)
                tags_repo.lock(conn, caller.user_id, tag_ids)
                tags_repo.detach(conn, caller.user_id, image_ids, tag_ids)
            images_repo.touch_many(conn, caller.user_id, image_ids)
    return BulkResult(action=request.action, affected=len(image_ids))
