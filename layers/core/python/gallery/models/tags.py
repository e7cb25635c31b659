"""Tags: autocomplete."""

from uuid import UUID

from pydantic import BaseModel, Field

from gallery.models.common import TagText


class TagSuggest(BaseModel):
    query: TagText | None = None
    limit: int = Field(default=20, ge=1, le=100)


class TagOut(BaseModel):
    tag_id: UUID
    name: str
    color: str | None
    usage_count: int
