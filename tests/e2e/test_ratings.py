"""Ratings, 1 to 5, each user's own: an owner rates their images, a workspace's members
rate its images for themselves; listings and search filter by rating_min and sort by
rating, paging exactly."""

import pytest

from tests.support import join_workspace

IMAGES = "/api/v1/files/images"


def rate(user, image_id, rating: int):
    answer = user.patch(f"{IMAGES}/{image_id}", json={"rating": rating})
    assert answer.status_code == 200, answer.text
    return answer.json()


def ids(answer) -> list[str]:
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return [i["image_id"] for i in body.get("images", body.get("results", []))]


@pytest.fixture
def rated(user, add_image):
    made = [add_image(user.user_id, prompt=f"a rated cat {n}") for n in range(5)]
    for image_id, rating in zip(made, (5, 3, 0, 5, 1), strict=True):
        if rating:
            assert rate(user, image_id, rating)["rating"] == rating
    return [str(i) for i in made]


def test_rating_min_and_the_rating_sort_page_exactly(user, rated):
    assert set(ids(user.get(IMAGES, params={"rating_min": 3}))) == {rated[3], rated[1], rated[0]}
    by_rating = ids(user.get(IMAGES, params={"sort_by": "rating", "page_size": 100}))
    # ties (the two 5s) break by image id, which is random: compare the ratings' order
    assert set(by_rating[:2]) == {rated[0], rated[3]}
    assert by_rating[2:] == [rated[1], rated[4], rated[2]]
    seen, cursor = [], None
    while True:
        params = {"sort_by": "rating", "page_size": 2, **({"cursor": cursor} if cursor else {})}
        page = user.get(IMAGES, params=params).json()
        seen += [i["image_id"] for i in page["images"]]
        if not page["has_more"]:
            break
        cursor = page["next_cursor"]
    assert seen == by_rating
    assert rate(user, rated[0], 0)["rating"] == 0  # 0 takes it back
    assert user.patch(f"{IMAGES}/{rated[0]}", json={"rating": 6}).status_code == 422


@pytest.mark.parametrize("backend", ["opensearch", "postgres"])
def test_search_filters_and_sorts_by_rating(user, rated, monkeypatch, backend):
    from gallery.config import get_settings
    from tests.e2e.test_search import index_now

    monkeypatch.setattr(get_settings(), "search_backend", backend)
    index_now()
    search = "/api/v1/search/images"
    assert sorted(ids(user.get(search, params={"q": "cat", "rating_min": 5}))) == sorted(
        [rated[0], rated[3]])  # fmt: skip
    first = ids(user.get(search, params={"q": "cat", "sort": "rating", "page_size": 2}))
    assert first == [rated[3], rated[0]]
    page = user.get(search, params={"q": "cat", "sort": "rating", "page_size": 2}).json()
    rest = ids(user.get(search, params={"q": "cat", "sort": "rating",
                                        "cursor": page["next_cursor"]}))  # fmt: skip
    assert rest == [rated[1], rated[4], rated[2]]


def test_members_rate_for_themselves(user, other_user, add_image):
    image_id = add_image(user.user_id, prompt="shared")
    space = user.post("/api/v1/workspaces", json={"name": "ratings"}).json()["workspace_id"]
    join_workspace(user, other_user, space)
    user.post(f"/api/v1/workspaces/{space}/images", json={"image_ids": [str(image_id)]})
    path = f"/api/v1/workspaces/{space}/images/{image_id}"
    assert other_user.patch(path, json={"rating": 4}).json()["rating"] == 4
    assert user.get(f"{IMAGES}/{image_id}").json()["rating"] == 0  # the owner's is their own
    listing = f"/api/v1/workspaces/{space}/images"
    assert ids(other_user.get(listing, params={"rating_min": 4})) == [str(image_id)]
    assert ids(user.get(listing, params={"rating_min": 4})) == []
    refused = other_user.get(listing, params={"sort_by": "rating"})
    assert refused.status_code == 422
    search = other_user.get("/api/v1/search/images",
                            params={"workspace_id": space, "rating_min": 2})  # fmt: skip
    assert search.status_code == 422 and "rating_min" in search.text
