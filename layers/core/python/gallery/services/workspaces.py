"""Team workspaces. Roles: viewer (sees), downloader (+ originals), editor (+ shares and takes
out images and folders, tags), owner (+ renames, deletes, manages members). Outsiders get 404
for everything; a member without the role gets 403. The database checks the same rights
(row-level security): a removed member loses access with their row, at once.

Members see images through their workspaces only: thumbnails and originals are signed one
object at a time (a member never gets a signature for the owner's whole prefix), and the
original only from the downloader role up. Stars are personal.
"""

from uuid import UUID

from gallery import db
from gallery.auth import Caller
from gallery.config import get_settings
from gallery.db import acting_as
from gallery.errors import Conflict, Forbidden, NotFound, TooManyRequests
from gallery.models.images import DownloadLink, ImageList, ImageOut, ImageQuery
from gallery.models.trash import WorkspaceHandedOver
from gallery.models.workspaces import (
    InvitationAdd,
    InvitationOut,
    MemberOut,
    MemberUpdate,
    MyInvitationOut,
    WorkspaceCreate,
    WorkspaceFolderAdd,
    WorkspaceImagesAdd,
    WorkspaceImageUpdate,
    WorkspaceItemsAdded,
    WorkspaceOut,
    WorkspaceRole,
    WorkspaceUpdate,
)
from gallery.repositories import folders as folders_repo
from gallery.repositories import images as images_repo
from gallery.repositories import listing as listing_repo
from gallery.repositories import tags as tags_repo
from gallery.repositories import workspaces as repo
from gallery.services import images as images_service  # the module: images imports us
from gallery.storage.urls import signer

_RANK = {"viewer": 0, "downloader": 1, "editor": 2, "owner": 3}


def role_in(conn, workspace_id: UUID, at_least: WorkspaceRole = "viewer") -> str:
    """The caller's role; 404 for outsiders (no hint the workspace exists), 403 below
    ``at_least``."""
    role = repo.role(conn, workspace_id)
    if role is None:
        raise NotFound("workspace not found")
    if _RANK[role] < _RANK[at_least]:
        raise Forbidden(f"this needs the {at_least} role in the workspace (yours: {role})")
    return role


def _workspace(conn, caller: Caller, workspace_id: UUID) -> WorkspaceOut:
    row = repo.get(conn, caller.user_id, workspace_id)
    if row is None:
        raise NotFound("workspace not found")
    return WorkspaceOut(**row)


# --- workspaces ---------------------------------------------------------------------------


def create_workspace(caller: Caller, request: WorkspaceCreate) -> WorkspaceOut:
    with acting_as(caller) as conn:
        workspace_id = repo.create(conn, caller.user_id, request.name)
        return _workspace(conn, caller, workspace_id)


def list_workspaces(caller: Caller) -> list[WorkspaceOut]:
    with acting_as(caller) as conn:
        return [WorkspaceOut(**row) for row in repo.list_mine(conn, caller.user_id)]


def get_workspace(caller: Caller, workspace_id: UUID) -> WorkspaceOut:
    with acting_as(caller) as conn:
        return _workspace(conn, caller, workspace_id)


def rename_workspace(caller: Caller, workspace_id: UUID, request: WorkspaceUpdate) -> WorkspaceOut:
    with acting_as(caller) as conn:
        role_in(conn, workspace_id, "owner")
        repo.rename(conn, workspace_id, request.name)
        return _workspace(conn, caller, workspace_id)


def delete_workspace(caller: Caller, workspace_id: UUID) -> None:
    """Members, shared items and the images' place in it go; the images stay their owners'."""
    with acting_as(caller) as conn:
        role_in(conn, workspace_id, "owner")
        repo.delete(conn, workspace_id)


# --- members ------------------------------------------------------------------------------


def list_members(caller: Caller, workspace_id: UUID) -> list[MemberOut]:
    with acting_as(caller) as conn:
        role_in(conn, workspace_id)
        return [MemberOut(**row) for row in repo.members(conn, workspace_id)]


def list_invitations(caller: Caller, workspace_id: UUID) -> list[InvitationOut]:
    with acting_as(caller) as conn:
        role_in(conn, workspace_id, "owner")
        return [InvitationOut(**row) for row in repo.invitations(conn, workspace_id)]


def invite(caller: Caller, workspace_id: UUID, request: InvitationAdd) -> InvitationOut:
    """Invites an address, with or without an account: the answer never tells which, and
    nobody joins until the invitee accepts. Inviting again keeps the invitation (its role
    changes). Each owner sends at most ``invitation_limit`` per window."""
    settings = get_settings()
    with acting_as(caller) as conn:
        role_in(conn, workspace_id, "owner")
        wait = repo.take_invitation_slot(
            conn, caller.user_id, settings.invitation_limit, settings.invitation_window_seconds
        )
        if wait is not None:
            raise TooManyRequests("too many invitations: try again later", retry_after=wait)
        # Members' addresses are on the member list already: saying so leaks nothing.
        if repo.is_member_address(conn, workspace_id, request.email):
            raise Conflict("a member uses that address already", code="already_member")
        return InvitationOut(**repo.invite(conn, workspace_id, request.email, request.role))


def withdraw_invitation(caller: Caller, workspace_id: UUID, email: str) -> None:
    with acting_as(caller) as conn:
        role_in(conn, workspace_id, "owner")
        if not repo.withdraw(conn, workspace_id, email):
            raise NotFound("no invitation for that address")


def my_invitations(caller: Caller) -> list[MyInvitationOut]:
    """The invitations addressed to my verified address (none without one)."""
    with acting_as(caller) as conn:
        return [MyInvitationOut(**row) for row in repo.my_invitations(conn)]


def accept_invitation(caller: Caller, invitation_id: UUID) -> WorkspaceOut:
    """Joins the workspace with the invitation's role; 404 for anybody else's invitation."""
    with acting_as(caller) as conn:
        workspace_id = repo.accept(conn, invitation_id)
        if workspace_id is None:
            raise NotFound("invitation not found")
        return _workspace(conn, caller, workspace_id)


def decline_invitation(caller: Caller, invitation_id: UUID) -> None:
    with acting_as(caller) as conn:
        if not repo.decline(conn, invitation_id):
            raise NotFound("invitation not found")


def leave_all(conn, caller: Caller) -> dict:
    """For "delete everything I own", in its transaction: every workspace the caller owns goes
    to its longest-standing other owner or, without one, is deleted (with what was shared
    into it); the caller leaves the others; the invitations they sent (and those of the
    deleted workspaces) go, and those addressed to them are declined."""
    for workspace in repo.owned(conn, caller.user_id):
        repo.lock(conn, workspace["workspace_id"])
    owned = repo.owned(conn, caller.user_id)  # again, under the locks: the heirs hold
    deleted = [w["workspace_id"] for w in owned if w["heir"] is None]
    invitations_deleted = repo.forget_invitations(conn, caller.user_id, deleted)
    declined = sum(repo.decline(conn, row["invitation_id"]) for row in repo.my_invitations(conn))
    handed_over = []
    for workspace in owned:
        if workspace["heir"] is None:
            repo.delete(conn, workspace["workspace_id"])
        else:
            repo.hand_over(conn, workspace["workspace_id"], caller.user_id, workspace["heir"])
            handed_over.append(
                WorkspaceHandedOver(
                    workspace_id=workspace["workspace_id"], new_owner_id=workspace["heir"]
                )
            )
    left = repo.joined(conn, caller.user_id)
    for workspace_id in left:
        repo.remove_member(conn, workspace_id, caller.user_id)
    return {
        "workspaces_deleted": deleted,
        "workspaces_handed_over": handed_over,
        "memberships_left": left,
        "invitations_deleted": invitations_deleted,
        "invitations_declined": declined,
        "stars": repo.forget_stars(conn, caller.user_id),
    }


def update_member(
    caller: Caller, workspace_id: UUID, user_id: UUID, request: MemberUpdate
) -> MemberOut:
    with acting_as(caller) as conn:
        role_in(conn, workspace_id, "owner")
        repo.lock(conn, workspace_id)
        if request.role != "owner" and not repo.other_owners(conn, workspace_id, user_id):
            _refuse_last_owner(conn, workspace_id, user_id)
        if not repo.set_role(conn, workspace_id, user_id, request.role):
            raise NotFound("member not found")
        return _member(conn, workspace_id, user_id)


def remove_member(caller: Caller, workspace_id: UUID, user_id: UUID) -> None:
    """An owner removes a member; a member may remove themselves (leave)."""
    with acting_as(caller) as conn:
        role_in(conn, workspace_id, "viewer" if user_id == caller.user_id else "owner")
        repo.lock(conn, workspace_id)
        if not repo.other_owners(conn, workspace_id, user_id):
            _refuse_last_owner(conn, workspace_id, user_id)
        if not repo.remove_member(conn, workspace_id, user_id):
            raise NotFound("member not found")


def _refuse_last_owner(conn, workspace_id: UUID, user_id: UUID) -> None:
    if any(
        m["user_id"] == user_id and m["role"] == "owner" for m in repo.members(conn, workspace_id)
    ):
        raise Conflict("a workspace keeps at least one owner: make somebody else owner first")


def _member(conn, workspace_id: UUID, user_id: UUID) -> MemberOut:
    row = next(m for m in repo.members(conn, workspace_id) if m["user_id"] == user_id)
    return MemberOut(**row)


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
        if row["user_id"] != caller.user_id and _RANK[role] < _RANK["editor"]:
            raise Forbidden("this needs the editor role in the workspace")
        if not repo.remove_image(conn, workspace_id, image_id):
            raise Conflict("the image is in the workspace through its folder: take the folder out")


def remove_folder(caller: Caller, workspace_id: UUID, folder_id: UUID) -> None:
    with acting_as(caller) as conn:
        role = role_in(conn, workspace_id)
        own = folders_repo.exists(conn, caller.user_id, folder_id)
        if not own and _RANK[role] < _RANK["editor"]:
            raise Forbidden("this needs the editor role in the workspace")
        if not repo.remove_folder(conn, workspace_id, folder_id):
            raise NotFound("folder not in the workspace")


# --- the workspace's images ------------------------------------------------------------------


def _listed(conn, caller: Caller, workspace_id: UUID, image_id: UUID) -> dict:
    f = images_service.listing_filter(caller, ImageQuery(), workspace_id)
    rows = listing_repo.list_page(conn, f, limit=1, image_id=image_id)
    if not rows:
        raise NotFound("image not found in the workspace")
    return rows[0]


def _gets_originals(role: str, row: dict, caller: Caller) -> bool:
    return _RANK[role] >= _RANK["downloader"] or row["user_id"] == caller.user_id


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
    """The workspace's images with the files listing's filters, sorts and cursors."""
    with acting_as(caller) as conn:
        role = role_in(conn, workspace_id)
        f = images_service.listing_filter(caller, query, workspace_id)
        page, total = images_service.list_page(conn, query, f)
    images = [image_out(row, role, caller) for row in page.items]
    return ImageList(images=images, **page.fields(query, total))


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
        if request.tags is not None:
            with db.acting_for(conn, owner_id):
                tag_ids = tags_repo.resolve(conn, owner_id, request.tags)
                tags_repo.lock(conn, owner_id, tag_ids, of_images=[image_id])
                tags_repo.replace_for_image(conn, owner_id, image_id, tag_ids)
        return image_out(_listed(conn, caller, workspace_id, image_id), role, caller)
