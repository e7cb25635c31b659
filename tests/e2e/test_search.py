"""Search over HTTP: images uploaded through the pipeline, indexed by the outbox indexer
into the real OpenSearch node, found with Korean, English and mixed queries."""

import pytest

from gallery.search.client import client
from gallery.services.indexer import drain

SEARCH = "/api/v1/search/images"


def index_now() -> None:
    drain(client())
    client().indices.refresh(index="images")


@pytest.fixture
def gallery(user, other_user, add_image):
    """A small gallery of the user's, and one image of someone else's."""
    ids = {
        "cat": add_image(user.user_id, prompt="우주복을 입은 고양이가 달 위를 걷는다",
                         tags=["고양이", "space"], width=512, height=512),
        "city": add_image(user.user_id, prompt="Cyberpunk cities at night, neon signs",
                          tags=["cyberpunk", "city"], width=768, height=512),
        "portrait": add_image(user.user_id, prompt="한복을 입은 소녀의 초상화, SDXL",
                              tags=["인물", "100%"], width=512, height=768),
        "theirs": add_image(other_user.user_id, prompt="고양이 사진", tags=["고양이"]),
    }  # fmt: skip
    user.patch(f"/api/v1/files/images/{ids['portrait']}", json={"is_favorite": True})
    index_now()
    return {k: str(v) for k, v in ids.items()}


def found(user, **params) -> list[str]:
    answer = user.get(SEARCH, params=params)
    assert answer.status_code == 200, answer.text
    return [r["image_id"] for r in answer.json()["results"]]


def test_korean_inflections_are_found_and_highlighted(user, gallery):
    answer = user.get(SEARCH, params={"q": "고양이"}).json()
    assert [r["image_id"] for r in answer["results"]] == [gallery["cat"]]
    result = answer["results"][0]
    assert result["score"] > 0
    assert any("<em>고양이</em>" in h for h in result["highlights"])
    assert result["thumbnail_256_url"]
    assert found(user, q="우주복") == [gallery["cat"]]


def test_english_and_mixed_queries(user, gallery):
    assert found(user, q="cyberpunk city") == [gallery["city"]]
    assert found(user, q="SDXL 초상화") == [gallery["portrait"]]


def test_another_users_images_never_appear(user, other_user, gallery):
    assert gallery["theirs"] not in found(user, q="고양이 사진")
    assert found(other_user, q="고양이") == [gallery["theirs"]]


def test_filters_alone_and_combined(user, gallery):
    assert found(user, tags=["고양이", "space"]) == [gallery["cat"]]  # all of them
    assert set(found(user, exclude_tags=["cyberpunk"])) == {gallery["cat"], gallery["portrait"]}
    assert found(user, min_width=700) == [gallery["city"]]
    assert found(user, height=768) == [gallery["portrait"]]
    assert found(user, is_favorite="true") == [gallery["portrait"]]
    assert found(user, model="sdxl-base-1.0", max_width=512, q="고양이") == [gallery["cat"]]
    assert found(user, model="no-such-model") == []


def test_sorts_and_cursor_pages_without_gaps_or_duplicates(user, gallery):
    newest = found(user, sort="newest")
    assert newest == [gallery["portrait"], gallery["city"], gallery["cat"]]
    assert found(user, sort="oldest") == list(reversed(newest))
    first = user.get(SEARCH, params={"page_size": 2}).json()
    assert first["has_more"] is True and first["total"] == 3
    rest = user.get(SEARCH, params={"page_size": 2, "cursor": first["next_cursor"]}).json()
    assert [r["image_id"] for r in first["results"] + rest["results"]] == newest
    assert rest["has_more"] is False


def test_changes_show_up_after_indexing(user, gallery):
    user.delete(f"/api/v1/files/images/{gallery['cat']}")
    index_now()
    assert found(user, q="고양이") == []


def test_tag_suggestions_by_korean_and_english_prefix_taken_literally(user, gallery):
    suggest = "/api/v1/search/tags/suggest"
    assert user.get(suggest, params={"prefix": "고"}).json() == {"suggestions": ["고양이"]}
    assert user.get(suggest, params={"prefix": "CY"}).json() == {"suggestions": ["cyberpunk"]}
    assert user.get(suggest, params={"prefix": "100%"}).json() == {"suggestions": ["100%"]}
    assert user.get(suggest, params={"prefix": "%"}).json() == {"suggestions": []}
    assert user.get(suggest, params={"prefix": "_"}).json() == {"suggestions": []}


@pytest.mark.parametrize(
    "params",
    [{"page_size": 101}, {"sort": "best"}, {"width": 0}, {"cursor": "nope"},
     {"created_from": "yesterday"}, {"q": "a\x00"}, {"tags": "x" * 101},
     {"folder_id": "nope"}],
)  # fmt: skip
def test_bad_search_parameters_answer_422(user, params):
    answer = user.get(SEARCH, params=params)
    assert answer.status_code == 422, answer.text


@pytest.mark.usefixtures("gallery")  # more than one result, so there is a next page
def test_a_cursor_of_another_sort_is_refused(user):
    cursor = user.get(SEARCH, params={"page_size": 1}).json()["next_cursor"]
    assert cursor is not None
    answer = user.get(SEARCH, params={"page_size": 1, "sort": "oldest", "cursor": cursor})
    assert answer.status_code == 422
