"""Requests that crashed a function (issue 15, finding 4) answer 4xx with the error model:
deep JSON, NUL characters where PostgreSQL refuses them, numbered pages past OpenSearch's
result window, and forged search cursors."""

import base64
import json

import pytest

from gallery.config import get_settings


@pytest.fixture(params=["opensearch", "postgres"])
def backend(request, monkeypatch) -> str:
    monkeypatch.setattr(get_settings(), "search_backend", request.param)
    return request.param


def error_of(answer, status: int) -> str:
    assert answer.status_code == status, answer.text
    body = answer.json()["error"]
    assert set(body) >= {"code", "message"}
    return body["code"]


DEEP = "[" * 1000 + "]" * 1000


@pytest.mark.parametrize("depth", [33, 1000, 100_000])
def test_deeply_nested_json_is_malformed_for_visitors_and_users(client, user, depth):
    body = "[" * depth + "]" * depth
    visitor = client.post("/api/v1/shares/" + "x" * 43 + "/access", content=body,
                          headers={"content-type": "application/json"})  # fmt: skip
    assert error_of(visitor, 400) == "malformed_json"
    nested = '{"name": ' + '{"a": ' * depth + "1" + "}" * depth + "}"
    mine = user.post("/api/v1/files/folders", content=nested,
                     headers={"content-type": "application/json"})  # fmt: skip
    assert error_of(mine, 400) == "malformed_json"


def test_json_as_deep_as_any_real_body_is_still_read(user):
    params = {"a": {"b": {"c": [1, 2, {"d": "e"}]}}}
    answer = user.post("/api/v1/uploads", json={"content_type": "image/png", "size_bytes": 10,
                                                 "params": params})  # fmt: skip
    assert answer.status_code == 200, answer.text


def test_a_nul_in_a_tag_prefix_or_an_address_is_refused(user):
    assert error_of(user.get("/api/v1/search/tags/suggest", params={"prefix": "a\x00"}), 422)
    workspace = user.post("/api/v1/workspaces", json={"name": "team"}).json()["workspace_id"]
    answer = user.post(f"/api/v1/workspaces/{workspace}/invitations",
                       json={"email": "a\x00b@example.com", "role": "viewer"})  # fmt: skip
    assert error_of(answer, 422)


def test_numbered_pages_stop_at_the_result_window_on_both_backends(user, backend):
    answer = user.get("/api/v1/search/images", params={"q": "cat", "page": 100, "page_size": 100})
    assert error_of(answer, 422) == "validation_error"
    last = user.get("/api/v1/search/images", params={"q": "cat", "page": 99, "page_size": 100})
    assert last.status_code == 200, last.text


def forged(values: list, sort: str = "relevance") -> str:
    raw = json.dumps([sort, values]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    "values",
    [
        [float("nan"), 1, "00000000-0000-4000-8000-000000000000"],
        [float("inf"), 1, "00000000-0000-4000-8000-000000000000"],
        [1e30, 1, "00000000-0000-4000-8000-000000000000"],
        [1.0, 10**30, "00000000-0000-4000-8000-000000000000"],
        [1.0, 1e30, "00000000-0000-4000-8000-000000000000"],
    ],
    ids=["nan", "infinity", "huge-score", "huge-time", "float-time"],
)
def test_a_forged_search_cursor_is_refused_on_both_backends(user, backend, values):
    answer = user.get("/api/v1/search/images", params={"q": "cat", "cursor": forged(values)})
    assert error_of(answer, 422) == "validation_error"
