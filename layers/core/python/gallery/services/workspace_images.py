"""The images a workspace holds: shared one by one or by folder, and what members see of
them (their own stars; originals for downloaders and the owner)."""

from dataclasses import replace
from uuid import UUID

from gallery import db
from gallery.auth import Caller
from gallery.db import acting_as
from gallery.errors import Conflict, Forbidden, NotFound, ValidationFailed
from gallery.models.images import DownloadLink, ImageList, ImageOut, ImageQuery, StackQuery
from gallery.models.workspaces import (
    WorkspaceFolderAdd,
    WorkspaceImagesAdd,
    WorkspaceImageUpdate,
    WorkspaceItemsAdded,
)
from gallery.repositories import folders as folders_repo
from gallery.repositories import images as images_repo
from gallery.repositories import listing as listing_repo
from gallery.repositories import tags as tags_repo
from gallery.repositories import workspaces as repo
from gallery.services import images as images_service
from gallery.services.workspaces import has_role, role_in
from gallery.storage.urls import signer

# --- shared images and folders -----------------------------------------------------------------


def add_images(
    caller: Caller, workspace_id: UUID, request: WorkspaceImagesAdd
) -> WorkspaceItemsAdded:
    image_ids = list(dict.fromkeys(request.image_ids))
    with acting_as(caller) as conn:
        role_in(conn, workspace_id, "editor")
        if len(images_repo.lock_many(conn, caller.user_id, image_ids)) != len(image_ids):
            raise NotFound("one or more images not found")  # only your own, listed images
        added = repo.add_images(conn, workspace_id, caller.user_id, image_ids)
    return WorkspaceItemsAdded(added=added)


def add_folder(
    caller: Caller, workspace_id: UUID, request: WorkspaceFolderAdd
) -> WorkspaceItemsAdded:
    with acting_as(caller) as conn:
        role_in(conn, workspace_id, "editor")
        if not folders_repo.exists(conn, caller.user_id, request.folder_id):
            raise NotFound("folder not found")
        added = repo.add_folder(conn, workspace_id, caller.user_id, request.folder_id)
    return WorkspaceItemsAdded(added=added)


def remove_image(caller: Caller, workspace_id: UUID, image_id: UUID) -> None:
    """Editors and owners take any image out; an image's owner may always take theirs back."""
    with acting_as(caller) as conn:
        role = role_in(conn, workspace_id)
        row = _listed(conn, caller, workspace_id, image_id)
        if row["user_id"] != caller.user_id and not has_role(role, "editor"):
            raise Forbidden("this needs the editor role in the workspace")
        if not repo.remove_image(conn, workspace_id, image_id):
            raise Conflict("the image is in the workspace through its folder: take the folder out")


def remove_folder(caller: Caller, workspace_id: UUID, folder_id: UUID) -> None:
    with acting_as(caller) as conn:
        role = role_in(conn, workspace_id)
        own = folders_repo.exists(conn, caller.user_id, folder_id)
        if not own and not has_role(role, "editor"):
            raise Forbidden("this needs the editor role in the workspace")
        if not repo.remove_folder(conn, workspace_id, folder_id):
            raise NotFound("folder not in the workspace")


# --- the workspace's images ------------------------------------------------------------------


def _listed(conn, caller: Caller, workspace_id: UUID, image_id: UUID) -> dict:
    f = replace(images_service.listing_filter(caller, ImageQuery(), workspace_id),
                image_id=image_id)  # fmt: skip
    rows = listing_repo.list_page(conn, f, limit=1)
    if not rows:
        raise NotFound("image not found in the workspace")
    return rows[0]


def _gets_originals(role: str, row: dict, caller: Caller) -> bool:
    return has_role(role, "downloader") or row["user_id"] == caller.user_id


def image_out(row: dict, role: str, caller: Caller, out: type[ImageOut] = ImageOut, **extra):
    sign = signer().member_url
    originals = _gets_originals(role, row, caller)
    return out(
        **row,
        **extra,
        owner_id=row["user_id"],
        image_url=sign(row["s3_key"]) if originals and row["s3_key"] else None,
        thumbnail_256_url=sign(row["thumbnail_256_key"]) if row["thumbnail_256_key"] else None,
        thumbnail_512_url=sign(row["thumbnail_512_key"]) if row["thumbnail_512_key"] else None,
        preview_url=sign(row["preview_avif_key"]) if row["preview_avif_key"] else None,
        preview_fallback_url=sign(row["preview_webp_key"]) if row["preview_webp_key"] else None,
    )


def list_images(caller: Caller, workspace_id: UUID, query: ImageQuery) -> ImageList:
    """The workspace's images with the files listing's filters, sorts and cursors (but the
    rating sort: ratings are each member's own)."""
    if query.sort_by == "rating":
        raise ValidationFailed(
            "a workspace cannot be sorted by rating: ratings are each member's own",
            details=[{"loc": ["query", "sort_by"], "msg": "not in a workspace"}],
        )
    with acting_as(caller) as conn:
        role = role_in(conn, workspace_id)
        folders = images_service.folder_scope(
            conn, caller, query.folder_id, query.include_subfolders, workspace_id
        )
        f = images_service.listing_filter(caller, query, workspace_id, folders)
        page, total = images_service.list_page(conn, query, f)
    images = [image_out(row, role, caller) for row in page.items]
    return ImageList(images=images, **page.fields(query, *total))


def list_stack(caller: Caller, workspace_id: UUID, image_id: UUID, query: StackQuery) -> ImageList:
    """The variations of a workspace image that are in the workspace, newest first."""
    with acting_as(caller) as conn:
        role = role_in(conn, workspace_id)
        row = _listed(conn, caller, workspace_id, image_id)
        stack = row["stack_id"]
        f = replace(images_service.listing_filter(caller, ImageQuery(), workspace_id),
                    stack_id=stack, image_id=None if stack else image_id)  # fmt: skip
        page, total = images_service.list_page(conn, query, f)
    images = [image_out(r, role, caller) for r in page.items]
    return ImageList(images=images, **page.fields(query, *total))


def get_image(caller: Caller, workspace_id: UUID, image_id: UUID) -> ImageOut:
    with acting_as(caller) as conn:
        role = role_in(conn, workspace_id)
        return image_out(_listed(conn, caller, workspace_id, image_id), role, caller)


def download_link(caller: Caller, workspace_id: UUID, image_id: UUID) -> DownloadLink:
    """An image's original as a named download: for downloaders and up, and its owner."""
    with acting_as(caller) as conn:
        role = role_in(conn, workspace_id)
        row = _listed(conn, caller, workspace_id, image_id)
    if not _gets_originals(role, row, caller):
        raise Forbidden("your role in the workspace does not include originals")
    return images_service.attachment(row)


def update_image(
    caller: Caller, workspace_id: UUID, image_id: UUID, request: WorkspaceImageUpdate
) -> ImageOut:
    """My star, and (editors, owners) the image's tags, written as its owner's tags."""
    with acting_as(caller) as conn:
        role = role_in(conn, workspace_id, "editor" if request.tags is not None else "viewer")
        row = _listed(conn, caller, workspace_id, image_id)
        owner_id = row["user_id"]
        if request.is_favorite is not None:
            if owner_id == caller.user_id:
                images_repo.update(
                    conn, caller.user_id, image_id, {"is_favorite": request.is_favorite}
                )
            else:
                repo.star(conn, caller.user_id, image_id, request.is_favorite)
        if request.rating is not None:
            if owner_id == caller.user_id:
                images_repo.update(conn, caller.user_id, image_id, {"rating": request.rating})
            else:
                images_repo.rate(conn, caller.user_id, image_id, request.rating)
        if request.tags is not None:
            with db.acting_for(conn, owner_id):
                tag_ids = tags_repo.resolve(conn, owner_id, request.tags)
                tags_repo.lock(conn, owner_id, tag_ids, of_images=[image_id])
                tags_repo.replace_for_image(conn, owner_id, image_id, tag_ids)
        return image_out(_listed(conn, caller, workspace_id, image_id), role, caller)
