"""The services' rules checked where they live: each test calls a service as a caller, in
this process, against the real database (through the transaction-mode pooler), without
HTTP. The end-to-end tests check the same rules once more through the gateway."""

import pytest

from gallery.errors import Conflict, FileTooLarge, Forbidden, NotFound, ValidationFailed
from gallery.models.folders import FolderCreate, FolderDeleteQuery, FolderUpdate
from gallery.models.shares import ShareCreate, ShareUpdate
from gallery.models.uploads import UploadRequest
from gallery.models.workspaces import InvitationAdd, MemberUpdate, WorkspaceCreate
from gallery.services import folders, trash, uploads, workspaces
from gallery.services.shares import links
from gallery.services.workspaces import has_role


def test_roles_rank_viewer_below_downloader_below_editor_below_owner():
    ranks = ["viewer", "downloader", "editor", "owner"]
    for i, role in enumerate(ranks):
        assert [has_role(role, other) for other in ranks] == [j <= i for j in range(4)]


def test_a_folder_name_is_taken_once_per_owner_and_renames_keep_the_rule(caller, stranger):
    first = folders.create_folder(caller, FolderCreate(name="Portraits"))
    second = folders.create_folder(caller, FolderCreate(name="Landscapes"))
    with pytest.raises(Conflict) as taken:
        folders.create_folder(caller, FolderCreate(name="Portraits"))
    assert taken.value.code == "folder_name_taken"
    with pytest.raises(Conflict):
        folders.update_folder(caller, second.folder_id, FolderUpdate(name="Portraits"))
    # another owner's namespace is their own
    assert folders.create_folder(stranger, FolderCreate(name="Portraits")).name == "Portraits"
    mine = {f.folder_id: f.name for f in folders.list_folders(caller)}
    assert mine == {first.folder_id: "Portraits", second.folder_id: "Landscapes"}


def test_a_folder_is_deleted_only_by_its_owner_and_never_into_itself(caller, stranger):
    folder = folders.create_folder(caller, FolderCreate(name="Mine"))
    with pytest.raises(ValidationFailed):
        folders.delete_folder(
            caller, folder.folder_id, FolderDeleteQuery(move_images_to=folder.folder_id)
        )
    with pytest.raises(NotFound):
        folders.delete_folder(stranger, folder.folder_id, FolderDeleteQuery())
    theirs = folders.create_folder(stranger, FolderCreate(name="Theirs"))
    with pytest.raises(NotFound, match="target folder"):
        folders.delete_folder(
            caller, folder.folder_id, FolderDeleteQuery(move_images_to=theirs.folder_id)
        )
    folders.delete_folder(caller, folder.folder_id, FolderDeleteQuery())
    assert folders.list_folders(caller) == []


def test_a_workspace_keeps_one_owner_and_only_owners_manage_members(caller, stranger):
    space = workspaces.create_workspace(caller, WorkspaceCreate(name="Studio"))
    with pytest.raises(Conflict, match="at least one owner"):
        workspaces.remove_member(caller, space.workspace_id, caller.user_id)
    with pytest.raises(Conflict, match="at least one owner"):
        workspaces.update_member(
            caller, space.workspace_id, caller.user_id, MemberUpdate(role="editor")
        )
    # somebody outside the workspace does not learn that it exists
    with pytest.raises(NotFound):
        workspaces.invite(stranger, space.workspace_id, InvitationAdd(email="x@example.com"))
    invitation = workspaces.invite(
        caller, space.workspace_id, InvitationAdd(email=stranger.email, role="viewer")
    )
    mine = [i for i in workspaces.my_invitations(stranger) if i.workspace_id == space.workspace_id]
    assert [i.role for i in mine] == ["viewer"] and invitation.email == stranger.email
    workspaces.accept_invitation(stranger, mine[0].invitation_id)
    # a viewer sees the workspace, and may not invite or change roles
    assert workspaces.get_workspace(stranger, space.workspace_id).role == "viewer"
    with pytest.raises(Forbidden):
        workspaces.invite(stranger, space.workspace_id, InvitationAdd(email="y@example.com"))
    with pytest.raises(Forbidden):
        workspaces.update_member(
            stranger, space.workspace_id, stranger.user_id, MemberUpdate(role="owner")
        )
    # with a second owner, the first may step down
    workspaces.update_member(
        caller, space.workspace_id, stranger.user_id, MemberUpdate(role="owner")
    )
    workspaces.update_member(
        caller, space.workspace_id, caller.user_id, MemberUpdate(role="editor")
    )
    roles = {m.user_id: m.role for m in workspaces.list_members(stranger, space.workspace_id)}
    assert roles == {caller.user_id: "editor", stranger.user_id: "owner"}


def test_links_share_only_what_the_caller_owns_and_a_revoked_link_stays_revoked(
    caller, stranger, add_image
):
    image_id = add_image(caller.user_id)
    with pytest.raises(NotFound):
        links.create_share(stranger, ShareCreate(image_id=image_id))
    folder = folders.create_folder(caller, FolderCreate(name="Shared"))
    with pytest.raises(NotFound):
        links.create_share(stranger, ShareCreate(folder_id=folder.folder_id))
    share = links.create_share(caller, ShareCreate(image_id=image_id, expires_in_hours=1))
    assert share.share_token and share.status == "active"
    with pytest.raises(NotFound):
        links.revoke_share(stranger, share.share_id)
    assert links.revoke_share(caller, share.share_id).status == "revoked"
    with pytest.raises(NotFound, match="revoked"):
        links.update_share(caller, share.share_id, ShareUpdate(permission="download"))


def test_trash_moves_only_the_callers_images_and_restores_only_trashed_ones(
    caller, stranger, add_image
):
    image_id = add_image(caller.user_id)
    with pytest.raises(NotFound):
        trash.trash_images(stranger, [image_id])
    with pytest.raises(NotFound):
        trash.restore_images(caller, [image_id])
    trash.trash_images(caller, [image_id])
    with pytest.raises(NotFound):
        trash.purge_images(stranger, [image_id])
    trash.restore_images(caller, [image_id])
    # all or none: one image not in the trash refuses the whole purge
    with pytest.raises(NotFound):
        trash.purge_images(caller, [image_id])


def test_an_upload_larger_than_a_file_may_be_is_refused_before_any_reservation(caller, owner_db):
    from gallery.config import get_settings

    too_big = get_settings().upload_max_bytes + 1
    with pytest.raises(FileTooLarge):
        uploads.create_upload(caller, UploadRequest(content_type="image/png", size_bytes=too_big))
    reserved = owner_db.execute(
        "select count(*) as n from images where user_id = %s", [caller.user_id]
    ).fetchone()["n"]
    assert reserved == 0
