"""Variation stacks: images whose generation data differs only by seed stack; listings
collapse them to their newest with ``stacks=collapse``, paging stays keyset and exact, and
``/stack`` lists a stack's images."""

import pytest

from tests.support import join_workspace, pair_timestamps

IMAGES = "/api/v1/files/images"


def variations(user, add_image, prompt: str, n: int, **params) -> list:
    return [add_image(user.user_id, prompt=prompt, params={"steps": 20, **params})
            for _ in range(n)]  # fmt: skip


def listed(user, path=IMAGES, **params) -> list[dict]:
    answer = user.get(path, params={"page_size": 100, **params})
    assert answer.status_code == 200, answer.text
    return answer.json()["images"]


def test_a_collapsed_listing_shows_each_stack_once_by_its_newest(user, add_image):
    fox = variations(user, add_image, "a fox", 3)
    owl = variations(user, add_image, "an owl", 2)
    lone = add_image(user.user_id, prompt="a fox", params={"steps": 21})  # another setting
    everything = listed(user)
    assert len(everything) == 6 and all(i["stack_size"] is None for i in everything)
    collapsed = listed(user, stacks="collapse")
    assert [(i["image_id"], i["stack_size"]) for i in collapsed] == [
        (str(lone), 1), (str(owl[-1]), 2), (str(fox[-1]), 3)]  # fmt: skip
    assert user.get(IMAGES, params={"stacks": "collapse"}).json()["total"] == 3


def test_collapsed_paging_is_keyset_and_exact(user, add_image, owner_db):
    for n in range(4):
        variations(user, add_image, f"stack {n}", 3)
    pair_timestamps(owner_db, user.user_id, "2026-01-01")  # ties of created_at, in pairs
    whole = [i["image_id"] for i in listed(user, stacks="collapse")]
    assert len(whole) == 4
    for sort in ({}, {"sort_order": "asc"}, {"sort_by": "view_count"}):
        seen, cursor = [], None
        while True:
            params = {"stacks": "collapse", "page_size": 1, **sort,
                      **({"cursor": cursor} if cursor else {})}  # fmt: skip
            page = user.get(IMAGES, params=params).json()
            seen += [i["image_id"] for i in page["images"]]
            if not page["has_more"]:
                break
            cursor = page["next_cursor"]
        assert sorted(seen) == sorted(whole) and len(seen) == len(set(seen)), sort


def test_a_filter_collapses_what_it_lists(user, add_image):
    fox = variations(user, add_image, "a fox", 3)
    folder = user.post("/api/v1/files/folders", json={"name": "best"}).json()["folder_id"]
    user.patch(f"{IMAGES}/{fox[0]}", json={"folder_id": folder})  # the oldest, kept apart
    in_folder = listed(user, stacks="collapse", folder_id=folder)
    assert [(i["image_id"], i["stack_size"]) for i in in_folder] == [(str(fox[0]), 1)]
    favourites = listed(user, stacks="collapse", is_favorite=True)
    assert favourites == []


def test_the_stack_lists_its_images_newest_first(user, other_user, add_image):
    fox = variations(user, add_image, "a fox", 3)
    lone = add_image(user.user_id, prompt="alone", params={"steps": 9})
    stack = listed(user, f"{IMAGES}/{fox[0]}/stack")
    assert [i["image_id"] for i in stack] == [str(i) for i in reversed(fox)]
    assert [i["image_id"] for i in listed(user, f"{IMAGES}/{lone}/stack")] == [str(lone)]
    assert other_user.get(f"{IMAGES}/{fox[0]}/stack").status_code == 404
    user.delete(f"{IMAGES}/{fox[-1]}")  # the trash leaves the stack
    assert len(listed(user, f"{IMAGES}/{fox[0]}/stack")) == 2


def test_a_workspace_collapses_the_stacks_it_holds(user, other_user, add_image):
    fox = variations(user, add_image, "a fox", 3)
    space = user.post("/api/v1/workspaces", json={"name": "stacks"}).json()["workspace_id"]
    join_workspace(user, other_user, space)
    user.post(f"/api/v1/workspaces/{space}/images", json={"image_ids": [str(i) for i in fox[:2]]})
    shown = listed(other_user, f"/api/v1/workspaces/{space}/images", stacks="collapse")
    assert [(i["image_id"], i["stack_size"]) for i in shown] == [(str(fox[1]), 2)]
    # the member opens the stack: the variations the workspace holds, not the owner's third
    stack = listed(other_user, f"/api/v1/workspaces/{space}/images/{fox[0]}/stack")
    assert [i["image_id"] for i in stack] == [str(fox[1]), str(fox[0])]
    assert other_user.get(f"/api/v1/workspaces/{space}/images/{fox[2]}/stack").status_code == 404


@pytest.mark.parametrize("backend", ["opensearch", "postgres"])
def test_a_collapsed_search_shows_each_stack_by_its_head(user, add_image, monkeypatch, backend):
    from gallery.config import get_settings
    from tests.e2e.test_search import index_now

    monkeypatch.setattr(get_settings(), "search_backend", backend)
    fox = variations(user, add_image, "a red fox in snow", 3)
    lone = add_image(user.user_id, prompt="a red fox at night", params={"steps": 30})
    index_now()

    def search(**params):
        answer = user.get("/api/v1/search/images", params={"q": "fox", **params})
        assert answer.status_code == 200, answer.text
        return answer.json()

    assert search()["total"] == 4
    collapsed = search(stacks="collapse")
    assert collapsed["total"] == 2
    assert {(r["image_id"], r["stack_size"]) for r in collapsed["results"]} == {
        (str(fox[-1]), 3), (str(lone), 1)}  # fmt: skip
    # the head goes to the trash: the next newest heads the stack
    user.delete(f"{IMAGES}/{fox[-1]}")
    index_now()
    heads = {(r["image_id"], r["stack_size"]) for r in search(stacks="collapse")["results"]}
    assert heads == {(str(fox[-2]), 2), (str(lone), 1)}
