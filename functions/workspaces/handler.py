"""Workspaces API: team workspaces, their members and roles, and the images shared into them."""

from typing import Annotated
from uuid import UUID

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from gallery.http import CurrentCaller, api_handler, build_resolver
from gallery.models.common import Deleted
from gallery.models.images import DownloadLink, ImageList, ImageOut, ImageQuery, StackQuery
from gallery.models.workspaces import (
    Email,
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
    WorkspaceUpdate,
)
from gallery.services import workspace_images, workspaces

router = Router()
BASE = "/api/v1/workspaces"
ONE = f"{BASE}/<workspace_id>"


@router.post(BASE, summary="Create a workspace (I am its owner)", tags=["workspaces"])
def create_workspace(caller: CurrentCaller, request: WorkspaceCreate) -> WorkspaceOut:
    return workspaces.create_workspace(caller, request)


@router.get(f"{BASE}/invitations", summary="Invitations addressed to me", tags=["workspaces"])
def my_invitations(caller: CurrentCaller) -> list[MyInvitationOut]:
    return workspaces.my_invitations(caller)


@router.post(
    f"{BASE}/invitations/<invitation_id>/accept",
    summary="Accept an invitation addressed to me: I join with its role",
    tags=["workspaces"],
)
def accept_invitation(caller: CurrentCaller, invitation_id: UUID) -> WorkspaceOut:
    return workspaces.accept_invitation(caller, invitation_id)


@router.post(
    f"{BASE}/invitations/<invitation_id>/decline",
    summary="Decline an invitation addressed to me",
    tags=["workspaces"],
)
def decline_invitation(caller: CurrentCaller, invitation_id: UUID) -> Deleted:
    workspaces.decline_invitation(caller, invitation_id)
    return Deleted()


@router.get(BASE, summary="The workspaces I belong to", tags=["workspaces"])
def list_workspaces(caller: CurrentCaller) -> list[WorkspaceOut]:
    return workspaces.list_workspaces(caller)


@router.get(ONE, summary="One of my workspaces", tags=["workspaces"])
def get_workspace(caller: CurrentCaller, workspace_id: UUID) -> WorkspaceOut:
    return workspaces.get_workspace(caller, workspace_id)


@router.patch(ONE, summary="Rename a workspace (owners)", tags=["workspaces"])
def rename_workspace(
    caller: CurrentCaller, workspace_id: UUID, request: WorkspaceUpdate
) -> WorkspaceOut:
    return workspaces.rename_workspace(caller, workspace_id, request)


@router.delete(ONE, summary="Delete a workspace (owners; the images stay)", tags=["workspaces"])
def delete_workspace(caller: CurrentCaller, workspace_id: UUID) -> Deleted:
    workspaces.delete_workspace(caller, workspace_id)
    return Deleted()


@router.get(f"{ONE}/members", summary="Members and their roles", tags=["workspaces"])
def list_members(caller: CurrentCaller, workspace_id: UUID) -> list[MemberOut]:
    return workspaces.list_members(caller, workspace_id)


@router.get(f"{ONE}/invitations", summary="Pending invitations (owners)", tags=["workspaces"])
def list_invitations(caller: CurrentCaller, workspace_id: UUID) -> list[InvitationOut]:
    return workspaces.list_invitations(caller, workspace_id)


@router.post(
    f"{ONE}/invitations",
    summary="Invite an address (owners): it joins once its invitee accepts; the same answer "
    "whether the address has an account or not",
    tags=["workspaces"],
    status_code=202,
)
def invite(caller: CurrentCaller, workspace_id: UUID, request: InvitationAdd) -> InvitationOut:
    return workspaces.invite(caller, workspace_id, request)


@router.delete(
    f"{ONE}/invitations/<email>", summary="Withdraw an invitation (owners)", tags=["workspaces"]
)
def withdraw_invitation(caller: CurrentCaller, workspace_id: UUID, email: Email) -> Deleted:
    workspaces.withdraw_invitation(caller, workspace_id, email)
    return Deleted()


@router.patch(
    f"{ONE}/members/<user_id>", summary="Change a member's role (owners)", tags=["workspaces"]
)
def update_member(
    caller: CurrentCaller, workspace_id: UUID, user_id: UUID, request: MemberUpdate
) -> MemberOut:
    return workspaces.update_member(caller, workspace_id, user_id, request)


@router.delete(
    f"{ONE}/members/<user_id>",
    summary="Remove a member (owners), or leave (yourself)",
    tags=["workspaces"],
)
def remove_member(caller: CurrentCaller, workspace_id: UUID, user_id: UUID) -> Deleted:
    workspaces.remove_member(caller, workspace_id, user_id)
    return Deleted()


@router.get(
    f"{ONE}/images",
    summary="The workspace's images (the files listing's filters and cursor)",
    tags=["workspaces"],
)
def list_images(
    caller: CurrentCaller, workspace_id: UUID, query: Annotated[ImageQuery, Query()]
) -> ImageList:
    return workspace_images.list_images(caller, workspace_id, query)


@router.post(
    f"{ONE}/images", summary="Share my images into the workspace (editors)", tags=["workspaces"]
)
def add_images(
    caller: CurrentCaller, workspace_id: UUID, request: WorkspaceImagesAdd
) -> WorkspaceItemsAdded:
    return workspace_images.add_images(caller, workspace_id, request)


@router.get(f"{ONE}/images/<image_id>", summary="One image of the workspace", tags=["workspaces"])
def get_image(caller: CurrentCaller, workspace_id: UUID, image_id: UUID) -> ImageOut:
    return workspace_images.get_image(caller, workspace_id, image_id)


@router.get(
    f"{ONE}/images/<image_id>/stack",
    summary="An image's variations that are in the workspace, newest first",
    tags=["workspaces"],
)
def list_stack(
    caller: CurrentCaller, workspace_id: UUID, image_id: UUID,
    query: Annotated[StackQuery, Query()],
) -> ImageList:  # fmt: skip
    return workspace_images.list_stack(caller, workspace_id, image_id, query)


@router.get(
    f"{ONE}/images/<image_id>/download",
    summary="A short-lived URL that downloads the original under a readable name (downloaders)",
    tags=["workspaces"],
)
def download_image(caller: CurrentCaller, workspace_id: UUID, image_id: UUID) -> DownloadLink:
    return workspace_images.download_link(caller, workspace_id, image_id)


@router.patch(
    f"{ONE}/images/<image_id>",
    summary="Star it for myself; tag it (editors)",
    tags=["workspaces"],
)
def update_image(
    caller: CurrentCaller, workspace_id: UUID, image_id: UUID, request: WorkspaceImageUpdate
) -> ImageOut:
    return workspace_images.update_image(caller, workspace_id, image_id, request)


@router.delete(
    f"{ONE}/images/<image_id>",
    summary="Take an image out of the workspace (editors, or its owner)",
    tags=["workspaces"],
)
def remove_image(caller: CurrentCaller, workspace_id: UUID, image_id: UUID) -> Deleted:
    workspace_images.remove_image(caller, workspace_id, image_id)
    return Deleted()


@router.post(
    f"{ONE}/folders", summary="Share my folder into the workspace (editors)", tags=["workspaces"]
)
def add_folder(
    caller: CurrentCaller, workspace_id: UUID, request: WorkspaceFolderAdd
) -> WorkspaceItemsAdded:
    return workspace_images.add_folder(caller, workspace_id, request)


@router.delete(
    f"{ONE}/folders/<folder_id>",
    summary="Take a folder out of the workspace (editors, or its owner)",
    tags=["workspaces"],
)
def remove_folder(caller: CurrentCaller, workspace_id: UUID, folder_id: UUID) -> Deleted:
    workspace_images.remove_folder(caller, workspace_id, folder_id)
    return Deleted()


app = build_resolver()
app.include_router(router)

lambda_handler = api_handler(app, nudges_indexer=True)
