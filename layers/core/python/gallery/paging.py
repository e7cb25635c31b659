"""Keyset paging for every listing: one cursor codec, one page cut.

A cursor is where a page ended, as the listing's own JSON list (its sort and the last row's
sort values), base64url without padding: opaque to clients, and checked strictly when it
comes back (anything a listing did not issue, or issued for another sort, is a 422)."""

import base64
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar
from uuid import UUID

from gallery.errors import ValidationFailed

T = TypeVar("T")


def encode(position: list) -> str:
    raw = json.dumps(position, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def invalid_cursor(msg: str = "not a cursor we issued") -> ValidationFailed:
    return ValidationFailed("invalid cursor", details=[{"loc": ["query", "cursor"], "msg": msg}])


def decode(cursor: str, read: Callable[[list], T], *, msg: str = "not a cursor we issued") -> T:
    """The position ``read`` makes of a cursor's list; whatever does not fit is a 422
    (``read`` may raise its own ValidationFailed for a cursor of another sort)."""
    try:
        position = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(position, list):
            raise TypeError("not a list")
        return read(position)
    except (ValueError, TypeError, AttributeError, IndexError, KeyError):
        raise invalid_cursor(msg) from None


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    has_more: bool
    next_cursor: str | None

    def fields(self, query: Any, total: int, total_exact: bool = True) -> dict[str, Any]:
        """What a listing's answer says of its page (ImageList, SearchResults): ``query`` is
        the listing's, with its ``page`` and ``page_size``; a total not ``total_exact`` is
        a lower bound (a listing's count stops at a cap, a search's does not)."""
        return {
            "total": total, "total_exact": total_exact, "page": query.page,
            "page_size": query.page_size,
            "has_more": self.has_more, "next_cursor": self.next_cursor,
        }  # fmt: skip


def cut(rows: Sequence[T], size: int, cursor_of: Callable[[T], str]) -> Page[T]:
    """A page of rows fetched with ``limit=size + 1``: the extra row says there is more."""
    has_more = len(rows) > size
    items = list(rows[:size])
    return Page(items, has_more, cursor_of(items[-1]) if has_more else None)


# --- image listings (mine, a workspace's, a folder link's): a sort column, then the id -----

TIMESTAMP_SORTS = ("created_at", "deleted_at")


def image_cursor(sort_by: str, sort_order: str, row: dict[str, Any]) -> str:
    value = row[sort_by]
    value = value.isoformat() if isinstance(value, datetime) else value
    return encode([sort_by, sort_order, value, str(row["image_id"])])


def image_after(cursor: str, sort_by: str, sort_order: str) -> tuple[Any, UUID]:
    """(sort value, image id) after which the next page starts."""

    def read(position: list) -> tuple[Any, UUID]:
        cursor_sort, cursor_order, value, image_id = position
        image_id = UUID(image_id)
        timestamp = cursor_sort in TIMESTAMP_SORTS
        value = datetime.fromisoformat(value) if timestamp else int(value)
        if not timestamp and not 0 <= value < 2**31:  # counters are PostgreSQL integers
            raise ValueError("counter out of range")
        if (cursor_sort, cursor_order) != (sort_by, sort_order):
            raise ValidationFailed(
                "the cursor was issued for another sort order",
                details=[{"loc": ["query", "cursor"], "msg": "sort_by/sort_order differ"}],
            )
        return value, image_id

    return decode(cursor, read)
