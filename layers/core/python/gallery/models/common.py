"""What the API's models share: text rules, tag spelling, the strict base."""

import json
import re
import unicodedata
from datetime import datetime, timedelta
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from gallery.config import get_settings
from gallery.tag_keys import tag_key

MAX_TAGS_PER_IMAGE = 50


# OpenSearch's index.max_result_window: from + size of a numbered page stay within it
SEARCH_RESULT_WINDOW = 10_000


BULK_LIMIT = 500


_SPACES = re.compile(r"\s+")


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def purge_after(deleted_at: datetime) -> datetime:
    """When an image deleted at ``deleted_at`` leaves the trash for good."""
    return deleted_at + timedelta(days=get_settings().trash_retention_days)


def normalize_tag(name: str) -> str:
    """One spelling per tag: NFC (Korean typed on macOS arrives decomposed), single spaces."""
    name = _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip()
    if not name:
        raise ValueError("a tag name cannot be empty")
    if _CONTROL.search(name):
        raise ValueError("a tag name cannot contain control characters")
    if "," in name:
        # commas separate tags: in filters (API Gateway joins repeated query parameters with
        # commas) and in the dashboard's inputs; a tag with one could never be filtered by
        raise ValueError("a tag name cannot contain a comma (commas separate tags)")
    if len(name) > 100:
        raise ValueError("a tag name is at most 100 characters")
    return name


def _unique_tags(names: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(tag_key(name), name)
    return list(seen.values())


def no_control_characters(text: str) -> str:
    if _CONTROL.search(text):
        raise ValueError("control characters are not allowed")
    return text


def no_nul(text: str) -> str:
    # PostgreSQL text cannot hold NUL; other control characters (newlines) are fine here.
    if "\x00" in text:
        raise ValueError("the NUL character is not allowed")
    return text


def storable_json(value: dict) -> dict:
    # jsonb cannot hold NUL, and generation parameters are small
    text = json.dumps(value)
    if "\\u0000" in text:
        raise ValueError("the NUL character is not allowed")
    if len(text) > 16_384:
        raise ValueError("at most 16 KB of parameters")
    return value


TagName = Annotated[str, AfterValidator(normalize_tag)]


TagList = Annotated[
    list[TagName], Field(max_length=MAX_TAGS_PER_IMAGE), AfterValidator(_unique_tags)
]


TagText = Annotated[str, StringConstraints(max_length=100), AfterValidator(no_control_characters)]


# A tag to filter by: bounded as sent, then spelled as stored
TagFilter = Annotated[
    str, StringConstraints(min_length=1, max_length=100), AfterValidator(normalize_tag)
]


Color = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]


Icon = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,49}$")]


# Lengths of stripped text are checked before the strip too, as the OpenAPI document says
# (maxLength is of what is sent: 300 characters of which 100 are spaces are too many).
FolderName = Annotated[
    str,
    StringConstraints(max_length=255),
    AfterValidator(str.strip),
    StringConstraints(min_length=1),
    AfterValidator(no_control_characters),
]


Description = Annotated[str, StringConstraints(max_length=2000), AfterValidator(no_nul)]


SortBy = Literal["created_at", "view_count", "download_count", "rating"]
Rating = Annotated[int, Field(ge=0, le=5)]
"""1 to 5; 0 takes a rating back."""


SortOrder = Literal["asc", "desc"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Deleted(BaseModel):
    deleted: bool = True
