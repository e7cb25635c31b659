"""Folders: create, change, and what a listing of them says."""

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, Field

from gallery.models.common import Color, Description, FolderName, Icon, Strict


class FolderCreate(Strict):
    name: FolderName
    description: Description | None = None
    color: Color | None = None
    icon: Icon | None = None
    sort_order: int | None = Field(default=None, ge=-1_000_000, le=1_000_000)


class FolderUpdate(Strict):
    name: FolderName | None = None
    description: Description | None = None
    color: Color | None = None
    icon: Icon | None = None
    sort_order: int | None = Field(default=None, ge=-1_000_000, le=1_000_000)


class FolderOut(BaseModel):
    folder_id: UUID
    name: str
    description: str | None
    color: str | None
    icon: str | None
    sort_order: int
    image_count: int
    created_at: datetime
    updated_at: datetime
