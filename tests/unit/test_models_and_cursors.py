"""Input rules and cursors, without any service running."""

import base64
import json
import unicodedata
import uuid
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from gallery import paging
from gallery.errors import ValidationFailed
from gallery.models.common import normalize_tag
from gallery.models.images import ImageQuery, ImageUpdate
from gallery.repositories.tags import like_literal


def test_tags_are_stored_composed_with_single_spaces():
    decomposed = unicodedata.normalize("NFD", "고양이  사진")
    assert decomposed != "고양이 사진"
    assert normalize_tag(f"  {decomposed} ") == "고양이 사진"


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("a\x00b", "control"),
        ("x" * 101, "at most 100"),
        ("cat, dog", "comma"),
    ],
)
def test_bad_tag_names_are_refused(bad, reason):
    with pytest.raises(ValueError, match=reason):
        normalize_tag(bad)


def test_a_tag_list_keeps_the_first_spelling_of_each_name():
    assert ImageUpdate(tags=["Cat", "cat", "CAT", "dog"]).tags == ["Cat", "dog"]


def test_more_than_fifty_tags_are_refused():
    with pytest.raises(ValidationError):
        ImageUpdate(tags=[f"t{n}" for n in range(51)])


def test_like_literal_escapes_every_wildcard():
    assert like_literal(r"50%_off\now") == r"50\%\_off\\now"


def test_a_cursor_round_trips_its_position():
    query = ImageQuery(sort_by="created_at", sort_order="desc")
    row = {"created_at": datetime(2026, 5, 1, 12, 30, 1, 123456, tzinfo=UTC),
           "image_id": uuid.uuid4()}  # fmt: skip
    cursor = paging.image_cursor(query.sort_by, query.sort_order, row)
    value, image_id = paging.image_after(cursor, query.sort_by, query.sort_order)
    assert (value, image_id) == (row["created_at"], row["image_id"])


def test_an_image_cursor_of_the_last_release_still_pages():
    issued = "WyJjcmVhdGVkX2F0IiwiZGVzYyIsIjIwMjYtMDUtMDFUMTI6MzA6MDErMDA6MDAiLCIwZjQ5ZWQ3My04Yzg1LTQ2ZjYtYTg0Mi1kN2Q0YTY0NTRlNjIiXQ"  # noqa: E501
    assert paging.image_after(issued, "created_at", "desc") == (
        datetime(2026, 5, 1, 12, 30, 1, tzinfo=UTC),
        uuid.UUID("0f49ed73-8c85-46f6-a842-d7d4a6454e62"),
    )
    with pytest.raises(ValidationFailed, match="another sort order"):
        paging.image_after(issued, "created_at", "asc")


def test_a_page_is_cut_at_its_size_and_its_cursor_names_its_last_row():
    page = paging.cut([1, 2, 3], 2, lambda last: f"after {last}")
    assert (page.items, page.has_more, page.next_cursor) == ([1, 2], True, "after 2")
    page = paging.cut([1, 2], 2, lambda last: f"after {last}")
    assert (page.items, page.has_more, page.next_cursor) == ([1, 2], False, None)
    assert paging.cut([], 2, str).items == []


def test_a_view_count_cursor_round_trips_an_integer():
    query = ImageQuery(sort_by="view_count", sort_order="asc")
    row = {"view_count": 42, "image_id": uuid.uuid4()}
    cursor = paging.image_cursor(query.sort_by, query.sort_order, row)
    assert paging.image_after(cursor, query.sort_by, query.sort_order) == (42, row["image_id"])


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "x",
        "!!!!",
        "WyJ4Il0",
        "bnVsbA",
        "WyJjcmVhdGVkX2F0IiwiZGVzYyIsMSwiMiJd",
        # a view_count cursor holding 10**30, more than a PostgreSQL integer
        "WyJ2aWV3X2NvdW50IiwiZGVzYyIsMTAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwLCIwZjQ5ZWQ3My0"
        "4Yzg1LTQ2ZjYtYTg0Mi1kN2Q0YTY0NTRlNjIiXQ",
    ],
)
def test_garbage_cursors_are_a_validation_error(cursor):
    with pytest.raises(ValidationFailed):
        paging.image_after(cursor or "==", "created_at", "desc")


@pytest.mark.parametrize("count", [-1, 2**31, 10**30])
def test_a_counter_cursor_out_of_the_integer_range_is_a_validation_error(count):
    payload = json.dumps(["view_count", "desc", count, str(uuid.uuid4())]).encode()
    cursor = base64.urlsafe_b64encode(payload).decode()
    with pytest.raises(ValidationFailed):
        paging.image_after(cursor, "view_count", "desc")


@pytest.mark.parametrize(
    ("claims", "email"),
    [
        ({"email": "a@example.com", "email_verified": "true"}, "a@example.com"),
        ({"email": "a@example.com", "email_verified": True}, "a@example.com"),
        ({"email": "a@example.com"}, "a@example.com"),  # the local issuer's tokens
        ({"email": "a@example.com", "email_verified": "false"}, None),
        ({"email": "a@example.com", "email_verified": False}, None),
    ],
)
def test_only_verified_addresses_are_taken_from_the_token(claims, email):
    from gallery.auth import caller_from_claims

    sub = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"
    assert caller_from_claims({"sub": sub, **claims}).email == email
