"""The files API over HTTP, through the local gateway and the real handlers."""

import uuid
from urllib.parse import quote

import httpx
import pytest

from tests.support import pair_timestamps

IMAGES = "/api/v1/files/images"
FOLDERS = "/api/v1/files/folders"


def error_code(response) -> str:
    return response.json()["error"]["code"]


# --- the original design's API tests (its section 9.1), against our gateway ---------------


def test_list_images_answers_the_original_fields(user, add_image):
    add_image(user.user_id)
    response = user.get(IMAGES)
    assert response.status_code == 200
    data = response.json()
    assert {"images", "total", "page", "page_size", "has_more", "next_cursor"} <= data.keys()
    image = data["images"][0]
    for field in ("image_id", "prompt", "negative_prompt", "model", "width", "height",
                  "image_url", "thumbnail_256_url", "thumbnail_512_url", "is_favorite",
                  "is_public", "folder_id", "tags", "view_count", "download_count",
                  "file_size_bytes", "created_at"):  # fmt: skip
        assert field in image


def test_update_image_favorite(user, add_image):
    image_id = add_image(user.user_id)
    response = user.patch(f"{IMAGES}/{image_id}", json={"is_favorite": True})
    assert response.status_code == 200
    assert response.json()["is_favorite"] is True
    assert user.get(f"{IMAGES}/{image_id}").json()["is_favorite"] is True


def test_create_folder(user, other_user):
    response = user.post(
        FOLDERS, json={"name": "Test Folder", "description": "Test description", "color": "#FF5733"}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["name"] == "Test Folder"
    assert data["image_count"] == 0
    # kept: the listing reads back what was created, and only its owner sees it
    (listed,) = [f for f in user.get(FOLDERS).json() if f["folder_id"] == data["folder_id"]]
    assert listed == data
    assert listed["description"] == "Test description" and listed["color"] == "#FF5733"
    assert data["folder_id"] not in {f["folder_id"] for f in other_user.get(FOLDERS).json()}


# --- listing --------------------------------------------------------------------------------


def test_a_listing_is_gzipped_for_a_client_that_takes_it(user, add_image):
    for _ in range(12):
        add_image(user.user_id)
    zipped = user.get(IMAGES, params={"page_size": 12}, headers={"Accept-Encoding": "gzip"})
    plain = user.get(IMAGES, params={"page_size": 12}, headers={"Accept-Encoding": "identity"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    # httpx decodes it (the signed URLs may differ: they are signed per answer)
    ids = [[image["image_id"] for image in r.json()["images"]] for r in (zipped, plain)]
    assert ids[0] == ids[1] and len(ids[0]) == 12
    assert zipped.num_bytes_downloaded * 3 < plain.num_bytes_downloaded


def test_listing_pages_by_cursor_through_every_image_exactly_once(user, add_image, owner_db):
    made = {add_image(user.user_id) for _ in range(7)}
    # Pairs of images share a timestamp: the cursor must break ties by id.
    pair_timestamps(owner_db, user.user_id, "2026-01-01")
    seen, cursor, pages = [], None, 0
    while True:
        params = {"page_size": 3, **({"cursor": cursor} if cursor else {})}
        data = user.get(IMAGES, params=params).json()
        seen += [uuid.UUID(i["image_id"]) for i in data["images"]]
        assert data["total"] == 7
        pages += 1
        if not data["has_more"]:
            assert data["next_cursor"] is None
            break
        cursor = data["next_cursor"]
    assert pages == 3
    assert len(seen) == 7
    assert set(seen) == made
    created = [user.get(f"{IMAGES}/{i}").json()["created_at"] for i in seen]
    assert created == sorted(created, reverse=True)


def test_offset_pages_and_cursor_pages_agree(user, add_image):
    for _ in range(5):
        add_image(user.user_id)
    page2 = user.get(IMAGES, params={"page": 2, "page_size": 2, "sort_order": "asc"}).json()
    page1 = user.get(IMAGES, params={"page": 1, "page_size": 2, "sort_order": "asc"}).json()
    after = user.get(
        IMAGES, params={"page_size": 2, "sort_order": "asc", "cursor": page1["next_cursor"]}
    ).json()
    assert [i["image_id"] for i in page2["images"]] == [i["image_id"] for i in after["images"]]
    assert page2["has_more"] is True


def test_listing_filters_by_folder_favourite_and_tag(user, add_image):
    folder = user.post(FOLDERS, json={"name": "고양이들"}).json()["folder_id"]
    in_folder = add_image(user.user_id, folder_id=uuid.UUID(folder), tags=["고양이"])
    favourite = add_image(user.user_id, is_favorite=True, tags=["Cat"])
    add_image(user.user_id, tags=["dog"])

    def ids(**params):
        return {i["image_id"] for i in user.get(IMAGES, params=params).json()["images"]}

    assert ids(folder_id=folder) == {str(in_folder)}
    assert ids(is_favorite="true") == {str(favourite)}
    assert ids(tag="cat") == {str(favourite)}  # tag names match regardless of case
    assert ids(tag="고양이") == {str(in_folder)}
    assert ids(tag="no-such-tag") == set()
    data = user.get(IMAGES, params={"tag": "dog"}).json()
    assert data["total"] == 1 and data["images"][0]["tags"] == ["dog"]


def test_listing_sorts_by_view_count_with_a_stable_cursor(user, add_image):
    for _ in range(4):
        add_image(user.user_id)
    first = user.get(IMAGES, params={"sort_by": "view_count", "page_size": 2}).json()
    second = user.get(
        IMAGES, params={"sort_by": "view_count", "page_size": 2, "cursor": first["next_cursor"]}
    ).json()
    ids = [i["image_id"] for i in first["images"] + second["images"]]
    assert len(set(ids)) == 4


def test_a_cursor_from_another_sort_is_refused(user, add_image):
    add_image(user.user_id)
    add_image(user.user_id)
    cursor = user.get(IMAGES, params={"page_size": 1}).json()["next_cursor"]
    response = user.get(IMAGES, params={"page_size": 1, "sort_order": "asc", "cursor": cursor})
    assert response.status_code == 422


@pytest.mark.parametrize(
    "params",
    [
        {"page_size": 101},
        {"page_size": 0},
        {"page": 0},
        {"sort_by": "prompt"},
        {"sort_order": "sideways"},
        {"folder_id": "not-a-uuid"},
        {"is_favorite": "maybe"},
        {"cursor": "!!!"},
        {"cursor": "WyJ4Il0"},
    ],
)
def test_bad_listing_parameters_answer_422_with_details(user, params):
    response = user.get(IMAGES, params=params)
    assert response.status_code == 422, response.text
    assert error_code(response) == "validation_error"
    assert response.json()["error"]["details"]


# --- one image ------------------------------------------------------------------------------


def test_patch_tags_replaces_the_set_and_keeps_usage_counts_exact(user, add_image):
    first = add_image(user.user_id, tags=["sunset", "바다"])
    add_image(user.user_id, tags=["sunset"])
    answer = user.patch(
        f"{IMAGES}/{first}", json={"tags": ["바다", "  Lighthouse  ", "lighthouse"]}
    )
    assert answer.status_code == 200
    assert answer.json()["tags"] == ["Lighthouse", "바다"]
    counts = {t["name"]: t["usage_count"] for t in user.get("/api/v1/files/tags").json()}
    assert counts == {"sunset": 1, "바다": 1, "Lighthouse": 1}


def test_patch_moves_an_image_into_and_out_of_a_folder(user, add_image):
    image_id = add_image(user.user_id)
    folder = user.post(FOLDERS, json={"name": "Moved"}).json()["folder_id"]
    assert (
        user.patch(f"{IMAGES}/{image_id}", json={"folder_id": folder}).json()["folder_id"] == folder
    )
    assert user.get(FOLDERS).json()[0]["image_count"] == 1
    assert user.patch(f"{IMAGES}/{image_id}", json={"folder_id": None}).json()["folder_id"] is None
    assert user.get(FOLDERS).json()[0]["image_count"] == 0


def test_patch_into_another_users_folder_is_404_and_changes_nothing(user, other_user, add_image):
    image_id = add_image(user.user_id)
    theirs = other_user.post(FOLDERS, json={"name": "Theirs"}).json()["folder_id"]
    response = user.patch(f"{IMAGES}/{image_id}", json={"folder_id": theirs, "is_favorite": True})
    assert response.status_code == 404
    assert user.get(f"{IMAGES}/{image_id}").json()["is_favorite"] is False


@pytest.mark.parametrize(
    "body",
    [
        {"is_favorite": "yes please"},
        {"folder_id": "nope"},
        {"tags": "not-a-list"},
        {"tags": [""]},
        {"tags": ["x" * 101]},
        {"tags": [f"t{n}" for n in range(51)]},
        {"unknown_field": 1},
    ],
)
def test_bad_patch_bodies_answer_422_and_change_nothing(user, add_image, body):
    image_id = add_image(user.user_id, tags=["keep"])
    response = user.patch(f"{IMAGES}/{image_id}", json=body)
    assert response.status_code == 422, response.text
    assert user.get(f"{IMAGES}/{image_id}").json()["tags"] == ["keep"]


def test_malformed_json_answers_400(user, add_image):
    image_id = add_image(user.user_id)
    response = user.patch(
        f"{IMAGES}/{image_id}",
        content=b'{"is_favorite": tru',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 400
    assert error_code(response) == "malformed_json"


def test_a_form_body_answers_415(user):
    response = user.post(FOLDERS, data={"name": "x"})
    assert response.status_code == 415


def test_korean_text_comes_back_as_utf8_not_escapes(user, add_image):
    add_image(user.user_id, prompt="고양이가 우주복을 입고")
    response = user.get(IMAGES)
    assert "고양이가 우주복을 입고".encode() in response.content
    assert b"\\u" not in response.content


def test_the_owner_downloads_the_original_under_a_readable_name(user, other_user, add_image):
    # The URL is presigned by the files function's own role: the S3 gate refuses it unless
    # the policy CDK synthesizes for that function grants s3:GetObject on originals.
    image_id = add_image(user.user_id, prompt="우주복을 입은 고양이")
    link = user.get(f"{IMAGES}/{image_id}/download").json()
    assert link["filename"].endswith(".png") and "우주복을-입은-고양이" in link["filename"]
    served = httpx.get(link["url"], timeout=30)
    assert served.status_code == 200, served.text
    # the Korean name as RFC 6266's filename*, an ASCII one beside it for old clients
    encoded = quote(link["filename"], safe="")
    disposition = served.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="') and disposition.isascii()
    assert disposition.endswith(f"; filename*=UTF-8''{encoded}")
    assert served.content.startswith(b"\x89PNG")
    assert other_user.get(f"{IMAGES}/{image_id}/download").status_code == 404


# --- another user's data: 404, never 403, nothing changes ------------------------------------


def test_another_users_image_is_invisible_through_every_endpoint(user, other_user, add_image):
    image_id = add_image(user.user_id, tags=["mine"])
    path = f"{IMAGES}/{image_id}"
    assert other_user.get(path).status_code == 404
    assert other_user.patch(path, json={"is_favorite": True}).status_code == 404
    assert other_user.delete(path).status_code == 404
    actions = [
        {"action": "favorite"},
        {"action": "delete"},
        {"action": "add_tags", "tags": ["x"]},
        {"action": "move", "folder_id": None},
    ]
    for action in actions:
        response = other_user.post(f"{IMAGES}/bulk", json={**action, "image_ids": [str(image_id)]})
        assert response.status_code == 404, action
    assert other_user.get(IMAGES).json()["total"] == 0
    assert other_user.get("/api/v1/files/tags").json() == []
    mine = user.get(path).json()
    assert mine["is_favorite"] is False and mine["tags"] == ["mine"]


def test_another_users_folder_cannot_be_changed_deleted_or_targeted(user, other_user, add_image):
    folder = user.post(FOLDERS, json={"name": "Private"}).json()["folder_id"]
    theirs = other_user.post(FOLDERS, json={"name": "Theirs"}).json()["folder_id"]
    assert other_user.patch(f"{FOLDERS}/{folder}", json={"name": "pwned"}).status_code == 404
    assert other_user.delete(f"{FOLDERS}/{folder}").status_code == 404
    # move_images_to must be the caller's own folder
    image_id = add_image(user.user_id, folder_id=uuid.UUID(folder))
    response = user.delete(f"{FOLDERS}/{folder}", params={"move_images_to": theirs})
    assert response.status_code == 404
    assert user.get(f"{IMAGES}/{image_id}").json()["folder_id"] == folder
    assert [f["name"] for f in user.get(FOLDERS).json()] == ["Private"]


# --- bulk -----------------------------------------------------------------------------------


def test_bulk_actions_apply_to_every_listed_image(user, add_image):
    ids = [str(add_image(user.user_id)) for _ in range(3)]
    folder = user.post(FOLDERS, json={"name": "Bulk"}).json()["folder_id"]
    bulk = f"{IMAGES}/bulk"
    moved = user.post(bulk, json={"action": "move", "image_ids": ids, "folder_id": folder})
    assert moved.json() == {"action": "move", "affected": 3}
    user.post(bulk, json={"action": "favorite", "image_ids": ids[:2]})
    user.post(bulk, json={"action": "add_tags", "image_ids": ids, "tags": ["a", "b"]})
    user.post(bulk, json={"action": "remove_tags", "image_ids": ids[:1], "tags": ["a"]})
    listed = {i["image_id"]: i for i in user.get(IMAGES).json()["images"]}
    assert {listed[i]["folder_id"] for i in ids} == {folder}
    assert [listed[i]["is_favorite"] for i in ids] == [True, True, False]
    assert [listed[i]["tags"] for i in ids] == [["b"], ["a", "b"], ["a", "b"]]
    counts = {t["name"]: t["usage_count"] for t in user.get("/api/v1/files/tags").json()}
    assert counts == {"a": 2, "b": 3}
    assert user.post(bulk, json={"action": "delete", "image_ids": ids}).status_code == 200
    assert user.get(IMAGES).json()["total"] == 0
    assert user.get("/api/v1/files/trash").json()["total"] == 3
    assert user.get(FOLDERS).json()[0]["image_count"] == 0


def test_bulk_with_one_unknown_id_changes_nothing(user, add_image):
    mine = str(add_image(user.user_id))
    response = user.post(
        f"{IMAGES}/bulk", json={"action": "favorite", "image_ids": [mine, str(uuid.uuid4())]}
    )
    assert response.status_code == 404
    assert user.get(f"{IMAGES}/{mine}").json()["is_favorite"] is False


@pytest.mark.parametrize(
    "body",
    [
        {"action": "favorite", "image_ids": []},
        {"action": "favorite", "image_ids": [str(uuid.uuid4()) for _ in range(501)]},
        {"action": "explode", "image_ids": [str(uuid.uuid4())]},
        {"action": "add_tags", "image_ids": [str(uuid.uuid4())], "tags": []},
        # commas separate tags in filters: a tag with one could never be filtered by
        {"action": "add_tags", "image_ids": [str(uuid.uuid4())], "tags": ["cat, dog"]},
        {"image_ids": [str(uuid.uuid4())]},
    ],
)
def test_bad_bulk_requests_answer_422(user, body):
    assert user.post(f"{IMAGES}/bulk", json=body).status_code == 422


# --- folders --------------------------------------------------------------------------------


def test_folders_list_in_sort_order_with_live_counts(user, add_image):
    a = user.post(FOLDERS, json={"name": "A", "color": "#112233", "icon": "star"}).json()
    b = user.post(FOLDERS, json={"name": "B"}).json()
    assert (a["sort_order"], b["sort_order"]) == (0, 1)
    add_image(user.user_id, folder_id=uuid.UUID(b["folder_id"]))
    add_image(user.user_id, folder_id=uuid.UUID(b["folder_id"]))
    changed = user.patch(f"{FOLDERS}/{b['folder_id']}", json={"sort_order": -1, "color": "#ABCDEF"})
    assert changed.status_code == 200 and changed.json()["color"] == "#ABCDEF"
    listed = user.get(FOLDERS).json()
    assert [(f["name"], f["image_count"]) for f in listed] == [("B", 2), ("A", 0)]


def test_folder_names_are_unique_per_user_regardless_of_case(user, other_user):
    assert user.post(FOLDERS, json={"name": "Cats"}).status_code == 200
    response = user.post(FOLDERS, json={"name": "cats"})
    assert response.status_code == 409 and error_code(response) == "folder_name_taken"
    assert other_user.post(FOLDERS, json={"name": "Cats"}).status_code == 200


def test_deleting_a_folder_moves_its_images(user, add_image):
    old = user.post(FOLDERS, json={"name": "Old"}).json()["folder_id"]
    new = user.post(FOLDERS, json={"name": "New"}).json()["folder_id"]
    image_id = add_image(user.user_id, folder_id=uuid.UUID(old))
    assert user.delete(f"{FOLDERS}/{old}", params={"move_images_to": new}).status_code == 200
    assert user.get(f"{IMAGES}/{image_id}").json()["folder_id"] == new
    assert user.delete(f"{FOLDERS}/{new}").status_code == 200
    assert user.get(f"{IMAGES}/{image_id}").json()["folder_id"] is None


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"name": ""},
        {"name": "   "},
        {"name": "x" * 256},
        {"name": "x", "color": "#GGGGGG"},
        {"name": "x", "color": "red"},
        {"name": "x", "icon": "../etc"},
        {"name": "x", "sort_order": "first"},
        {"name": "x", "extra": True},
    ],
)
def test_bad_folder_bodies_answer_422(user, body):
    response = user.post(FOLDERS, json=body)
    assert response.status_code == 422, response.text
    assert user.get(FOLDERS).json() == []


# --- tags and storage -----------------------------------------------------------------------


def test_tag_autocomplete_escapes_like_wildcards_and_ranks_prefixes_first(user, add_image):
    add_image(user.user_id, tags=["100%", "cat", "bobcat"])
    add_image(user.user_id, tags=["bobcat"])
    assert [t["name"] for t in user.get("/api/v1/files/tags", params={"query": "%"}).json()] == [
        "100%"
    ]
    assert user.get("/api/v1/files/tags", params={"query": "_"}).json() == []
    names = [t["name"] for t in user.get("/api/v1/files/tags", params={"query": "cat"}).json()]
    assert names == ["cat", "bobcat"]  # the prefix match first, then by usage
    assert [t["name"] for t in user.get("/api/v1/files/tags").json()][0] == "bobcat"


def test_storage_usage_reports_the_plan_quota(new_user, add_image):
    free = new_user("free")
    usage = free.get("/api/v1/files/storage-usage").json()
    assert usage["used_bytes"] == 0 and usage["quota_bytes"] == 5 * 1024**3
    add_image(free.user_id)
    usage = free.get("/api/v1/files/storage-usage").json()
    assert usage["used_bytes"] > 0 and usage["image_count"] == 1
    unlimited = new_user("enterprise").get("/api/v1/files/storage-usage").json()
    assert unlimited["unlimited"] is True and unlimited["quota_bytes"] == -1


# --- the gateway ----------------------------------------------------------------------------


def test_requests_without_a_valid_token_are_refused_by_the_gateway(client):
    assert client.get(IMAGES).status_code == 401
    assert client.get(IMAGES, headers={"Authorization": "Bearer nonsense"}).status_code == 401


def test_the_openapi_document_is_served_without_auth(client):
    document = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/files/images" in document["paths"]
    assert "patch" in document["paths"]["/api/v1/files/images/{image_id}"]


def test_the_dev_token_endpoint_validates_its_input(client):
    assert client.post("/api/v1/dev/token", json={"email": "nope"}).status_code == 422
    response = client.post("/api/v1/dev/token", json={"email": "a@b.c", "plan": "platinum"})
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("GET", "/api/v1/files/tags", {"params": {"query": "a\x00b"}}),
        ("GET", IMAGES, {"params": {"tag": "a\x00b"}}),
        ("POST", FOLDERS, {"json": {"name": "a\x00b"}}),
        ("POST", FOLDERS, {"json": {"name": "ok", "description": "a\x00b"}}),
    ],
)
def test_nul_characters_are_refused_not_crashed_on(user, method, path, kwargs):
    response = user.request(method, path, **kwargs)
    assert response.status_code == 422, response.text


def test_unknown_methods_and_paths_answer_404_like_api_gateway(user):
    assert user.request("TRACE", IMAGES).status_code == 404
    assert user.get("/api/v1/nothing-here").status_code == 404
