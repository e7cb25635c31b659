"""Team workspaces: members, invitations and the images shared into them."""

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import AfterValidator, BaseModel, StringConstraints

from gallery.models.common import FolderName, Rating, Strict, TagList, no_nul
from gallery.models.images import ImageIds

WorkspaceRole = Literal["viewer", "downloader", "editor", "owner"]


Email = Annotated[
    str,
    StringConstraints(max_length=320, pattern=r"^\s*[^@\s]+@[^@\s]+\s*$"),
    AfterValidator(str.strip),
    AfterValidator(no_nul),
]


class WorkspaceCreate(Strict):
    name: FolderName


class WorkspaceUpdate(Strict):
    name: FolderName


class WorkspaceOut(BaseModel):
    workspace_id: UUID
    name: str
    owner_id: UUID
    """Who created it; every member with the owner role manages it."""
    role: WorkspaceRole
    """My role in it."""
    member_count: int
    created_at: datetime
    updated_at: datetime


class MemberUpdate(Strict):
    role: WorkspaceRole


class MemberOut(BaseModel):
    user_id: UUID
    email: str | None
    role: WorkspaceRole
    added_at: datetime


class InvitationAdd(Strict):
    email: Email
    role: WorkspaceRole = "viewer"


class InvitationOut(BaseModel):
    """An invitation waiting for its invitee (whether the address has an account or not, the
    answer is the same): whoever signs in with that verified address accepts or declines."""

    invitation_id: UUID
    email: str
    role: WorkspaceRole
    invited_at: datetime


class MyInvitationOut(BaseModel):
    """An invitation addressed to me: accepting makes me a member with ``role``."""

    invitation_id: UUID
    workspace_id: UUID
    workspace_name: str
    role: WorkspaceRole
    invited_by_email: str | None
    invited_at: datetime


class WorkspaceImagesAdd(Strict):
    image_ids: ImageIds


class WorkspaceFolderAdd(Strict):
    folder_id: UUID


class WorkspaceItemsAdded(BaseModel):
    added: int
    """How many were not shared into the workspace already."""


class WorkspaceImageUpdate(Strict):
    """``is_favorite`` is my own star; ``tags`` (editors and owners) replaces the image's tags,
    which stay its owner's."""

    is_favorite: bool | None = None
    rating: Rating | None = None
    """My own rating of it."""
    tags: TagList | None = None
