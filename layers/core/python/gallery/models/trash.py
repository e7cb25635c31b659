"""The trash, and deleting everything I own."""

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel


class TrashedImage(BaseModel):
    deleted: bool = True
    in_trash: bool = True
    purge_after: datetime
    """When the scheduled purge removes it for good, unless restored before."""


class TrashEmptied(BaseModel):
    purged: int


class WorkspaceHandedOver(BaseModel):
    workspace_id: UUID
    new_owner_id: UUID


class DataDeleted(BaseModel):
    images: int
    folders: int
    tags: int
    objects: int
    smart_folders: int = 0
    workspaces_deleted: list[UUID] = []
    """Workspaces I owned with no other owner: deleted with what was shared into them."""
    workspaces_handed_over: list[WorkspaceHandedOver] = []
    """Workspaces I owned with another owner: theirs now (the longest-standing one's)."""
    memberships_left: list[UUID] = []
    """Workspaces I belonged to without owning them."""
    invitations_deleted: int = 0
    """Invitations I sent, and those of the workspaces deleted."""
    invitations_declined: int = 0
    """Invitations addressed to me."""
    stars: int = 0
    """My stars on other people's images."""
