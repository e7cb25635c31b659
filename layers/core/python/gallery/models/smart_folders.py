"""Smart folders: a named, saved search of my images that lists live."""

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from gallery.models.common import FolderName
from gallery.models.search import SearchFilters, SearchSort


class SmartQuery(SearchFilters):
    """Exactly what ``GET /search/images`` takes, parameter filters and inline ``key:value``
    tokens included, without paging; of my own images (no ``workspace_id``)."""

    model_config = ConfigDict(extra="forbid")
    sort: SearchSort | None = None
    _given: dict[str, Any] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_as_given(cls, data: Any, handler) -> "SmartQuery":
        # kept as written: validation rewrites some fields (q loses its inline filters),
        # and the saved search is read back, and checked again, at every use
        query = handler(data)
        if isinstance(data, dict):
            query._given = dict(data)
        return query

    @model_validator(mode="after")
    def _of_my_images(self) -> "SmartQuery":
        if self.workspace_id is not None:
            raise ValueError("a smart folder searches my own images: no workspace_id")
        return self

    @property
    def given(self) -> dict[str, Any]:
        return self._given


class SmartFolderCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: FolderName
    query: SmartQuery
    sort_order: int | None = Field(default=None, ge=-1_000_000, le=1_000_000)


class SmartFolderUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: FolderName | None = None
    query: SmartQuery | None = None
    sort_order: int | None = Field(default=None, ge=-1_000_000, le=1_000_000)


class SmartFolderOut(BaseModel):
    smart_folder_id: UUID
    name: str
    query: dict[str, Any]
    """The saved search, as written."""
    sort_order: int
    image_count: int | None
    """How many of my images it finds now; null when the saved search no longer reads
    (its images answer 409 until its query is changed)."""
    created_at: datetime
    updated_at: datetime


class SmartFolderPage(BaseModel):
    """A page of a smart folder's images: the search's own paging."""

    page: int = Field(default=1, ge=1, le=100)
    page_size: int = Field(default=20, ge=1, le=100)
    cursor: str | None = Field(default=None, max_length=1024)
