"""Smart folders over HTTP, on both search backends: a saved search (exactly what
GET /search/images takes) that lists live, with its count; its rules and refusals."""

import pytest

from tests.e2e.test_search import backend, index_now  # noqa: F401 (the backend fixture)

SMART = "/api/v1/files/smart-folders"


def save(user, name: str, **query) -> dict:
    answer = user.post(SMART, json={"name": name, "query": query})
    assert answer.status_code == 200, answer.text
    return answer.json()


def found(user, smart: dict, **params) -> list[str]:
    answer = user.get(f"{SMART}/{smart['smart_folder_id']}/images", params=params)
    assert answer.status_code == 200, answer.text
    return [r["image_id"] for r in answer.json()["results"]]


@pytest.mark.usefixtures("backend")
def test_a_smart_folder_lists_what_its_search_finds_now(user, add_image):
    def portrait(steps: int) -> str:
        return str(add_image(user.user_id, prompt="a portrait of a knight",
                             params={"steps": steps, "sampler": "Euler a"}))  # fmt: skip

    low, high = portrait(10), portrait(30)
    add_image(user.user_id, prompt="a landscape", params={"steps": 30})
    user.patch(f"/api/v1/files/images/{high}", json={"rating": 5})
    index_now()
    # inline tokens and parameters, as the search endpoint takes them
    best = save(user, "Best knights", q="knight steps:20-40", rating_min=4)
    assert best["image_count"] == 1 and best["query"] == {"q": "knight steps:20-40",
                                                          "rating_min": 4}  # fmt: skip
    assert found(user, best) == [high]
    knights = save(user, "Knights", q="knight", sort="oldest")
    assert found(user, knights) == [low, high]
    # live: what is made or rated later joins without touching the smart folder
    later = portrait(25)
    user.patch(f"/api/v1/files/images/{later}", json={"rating": 4})
    index_now()
    assert set(found(user, best)) == {high, later}
    listed = {s["name"]: s["image_count"] for s in user.get(SMART).json()}
    assert listed == {"Best knights": 2, "Knights": 3}
    # paged by the search's own cursor
    first = user.get(f"{SMART}/{knights['smart_folder_id']}/images", params={"page_size": 2})
    rest = found(user, knights, page_size=2, cursor=first.json()["next_cursor"])
    assert [r["image_id"] for r in first.json()["results"]] + rest == [low, high, later]


def test_a_smart_folder_can_be_changed_and_deleted_by_its_owner_only(user, other_user, add_image):
    image = str(add_image(user.user_id, prompt="a red fox"))
    index_now()
    smart = save(user, "Foxes", q="fox")
    path = f"{SMART}/{smart['smart_folder_id']}"
    for method in ("GET", "PATCH", "DELETE"):
        body = {"name": "x"} if method == "PATCH" else None
        answer = other_user.request(method, path, json=body)
        assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"
    assert other_user.get(f"{path}/images").status_code == 404
    changed = user.patch(path, json={"name": "Owls", "query": {"q": "owl"}}).json()
    assert changed["name"] == "Owls" and changed["image_count"] == 0
    user.patch(path, json={"query": {"q": "fox"}})
    assert found(user, smart) == [image]
    assert user.delete(path).status_code == 200
    assert user.get(path).status_code == 404
    assert user.get(f"/api/v1/files/images/{image}").status_code == 200  # the image stays


def test_a_smart_folder_refuses_what_search_refuses(user):
    def refused(body: dict, status: int = 422) -> dict:
        answer = user.post(SMART, json=body)
        assert answer.status_code == status, answer.text
        return answer.json()["error"]

    save(user, "Taken", q="cat")
    assert refused({"name": "taken", "query": {"q": "dog"}}, 409)["code"] == (
        "smart_folder_name_taken"
    )
    refused({"name": "x", "query": {"q": "steps:abc"}})  # a malformed inline filter
    refused({"name": "x", "query": {"steps_min": 30, "steps_max": 20}})
    refused({"name": "x", "query": {"page_size": 5}})  # paging is not part of the search
    refused({"name": "x", "query": {"colour": "red"}})  # nothing search does not take
    refused({"name": "x", "query": {"workspace_id": "3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a"}})
    refused({"name": " ", "query": {}})


@pytest.mark.usefixtures("backend")
def test_a_shared_smart_folder_shows_what_it_finds_at_each_visit(client, user, other_user,
                                                                 add_image):  # fmt: skip
    def knight(who, prompt="a knight in the rain") -> str:
        return str(add_image(who.user_id, prompt=prompt))

    first, second = knight(user), knight(user)
    outside = knight(user, "a dragon asleep")
    knight(other_user)  # another owner's knight: never through this link
    index_now()
    smart = save(user, "Knights", q="knight", sort="oldest")
    link = user.post("/api/v1/shares", json={"smart_folder_id": smart["smart_folder_id"],
                                             "show_metadata": True}).json()  # fmt: skip
    token = link["share_token"]
    assert link["smart_folder_id"] == smart["smart_folder_id"]

    def visit(**params) -> dict:
        answer = client.get(f"/api/v1/shares/{token}", params=params)
        assert answer.status_code == 200, answer.text
        return answer.json()

    page = visit(page_size=1)
    assert page["kind"] == "smart_folder" and page["folder_name"] == "Knights"
    assert page["total"] == 2 and [i["image_id"] for i in page["images"]] == [first]
    grant = page["access_grant"]
    rest = visit(page_size=1, cursor=page["next_cursor"], grant=grant)
    assert [i["image_id"] for i in rest["images"]] == [second] and not rest["has_more"]
    assert rest["images"][0]["metadata"]["prompt"] == "a knight in the rain"
    view = f"/api/v1/shares/{token}/images/{{}}/view?grant={grant}"
    assert client.get(view.format(first)).status_code == 302
    assert client.get(view.format(outside)).status_code == 404  # the search does not find it
    # live: a knight made later is in the next visit
    later = knight(user)
    index_now()
    assert [i["image_id"] for i in visit(grant=grant)["images"]] == [first, second, later]
    # the smart folder deleted: its link with it
    user.delete(f"{SMART}/{smart['smart_folder_id']}")
    assert client.get(f"/api/v1/shares/{token}").status_code == 404
