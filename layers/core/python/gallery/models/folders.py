"""Folders: create, change, and what a listing of them says."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field

from gallery.models.common import Color, Description, FolderName, Icon, Strict


class FolderCreate(Strict):
    name: FolderName
    parent_id: UUID | None = None
    """Under this folder of mine (any depth up to 16); at the root when absent."""
    description: Description | None = None
    color: Color | None = None
    icon: Icon | None = None
    sort_order: int | None = Field(default=None, ge=-1_000_000, le=1_000_000)


class FolderUpdate(Strict):
    name: FolderName | None = None
    parent_id: UUID | None = None
    """Moves the folder, with its subfolders, under this folder of mine; ``null`` moves it to
    the root. Not under itself or its own subfolders (409), nor deeper than 16 (422)."""
    description: Description | None = None
    color: Color | None = None
    icon: Icon | None = None
    sort_order: int | None = Field(default=None, ge=-1_000_000, le=1_000_000)


class FolderCrumb(BaseModel):
    folder_id: UUID
    name: str


class FolderOut(BaseModel):
    folder_id: UUID
    parent_id: UUID | None
    name: str
    description: str | None
    color: str | None
    icon: str | None
    sort_order: int
    image_count: int
    """Ready images directly in the folder."""
    total_image_count: int
    """Ready images in the folder and its subfolders at every depth."""
    path: list[FolderCrumb]
    """The folders from the root down to this one (itself last)."""
    created_at: datetime
    updated_at: datetime


class FolderDeleteQuery(BaseModel):
    """What happens to what a deleted folder holds."""

    move_images_to: UUID | None = None
    """Another folder of mine for its images (outside what is deleted); by default they move
    up to its parent (or out of any folder)."""
    subfolders: Literal["move_up", "delete"] = "move_up"
    """``move_up``: its subfolders move up to its parent; ``delete``: they are deleted too,
    and the images of the whole subtree move."""
