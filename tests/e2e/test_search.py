"""The search contract, over HTTP, for both backends: OpenSearch with nori (the real node)
and PostgreSQL with mecab-ko terms. Images come through the upload pipeline; the outbox
indexer feeds both backends at once, so every test runs against each with the same data."""

import base64
import json
import uuid

import pytest

from gallery.config import get_settings
from gallery.search.opensearch import OpenSearchBackend
from gallery.search.postgres import PostgresBackend
from gallery.services.indexer import drain
from tests.conftest import ApiUser
from tests.support import join_workspace, upload_image

SEARCH = "/api/v1/search/images"
SUGGEST = "/api/v1/search/tags/suggest"


def index_now() -> None:
    opensearch = OpenSearchBackend()
    assert drain([opensearch, PostgresBackend()]).failed == 0
    opensearch.client.indices.refresh(index=opensearch.alias)


@pytest.fixture(params=["opensearch", "postgres"])
def backend(request, monkeypatch) -> str:
    """The backend the API searches with (the gateway runs the handlers in this process)."""
    monkeypatch.setattr(get_settings(), "search_backend", request.param)
    return request.param


def sign_in(client) -> ApiUser:
    email = f"search-{uuid.uuid4().hex[:12]}@example.com"
    body = client.post("/api/v1/dev/token", json={"email": email, "plan": "pro"}).json()
    return ApiUser(client, body["access_token"], body["user_id"], email)


@pytest.fixture(scope="module")
def gallery(stack, client):
    """One gallery for the module (read-only tests): the owner's images, in upload order,
    and one image of someone else's."""
    owner, stranger = sign_in(client), sign_in(client)
    specs = {
        "cat": ("우주복을 입은 고양이가 달 위를 걷는다", ["고양이", "space"], 512, 512),
        "cat2": ("창가에 앉은 고양이를 그린 수채화", ["고양이", "수채화"], 640, 480),
        "city": ("Cyberpunk cities at night, neon signs", ["cyberpunk", "city"], 768, 512),
        "seoul": ("사이버펑크 city 서울의 야경", ["Cyberpunk"], 1024, 576),
        "portrait": ("한복을 입은 소녀의 초상화, SDXL", ["인물", "100%"], 512, 768),
        "autumn": ("가을 풍경화, 단풍과 호수", ["풍경"], 1024, 1024),
    }
    ids = {
        name: str(upload_image(stack, owner.user_id, prompt=prompt, tags=tags,
                               width=width, height=height))
        for name, (prompt, tags, width, height) in specs.items()
    }  # fmt: skip
    ids["theirs"] = str(
        upload_image(stack, stranger.user_id, prompt="고양이 사진", tags=["고양이"])
    )
    folder = owner.post("/api/v1/files/folders", json={"name": "수채화"}).json()["folder_id"]
    changes = {"portrait": {"is_favorite": True}, "cat2": {"folder_id": folder},
               "autumn": {"is_public": True}}  # fmt: skip
    for name, change in changes.items():
        assert owner.patch(f"/api/v1/files/images/{ids[name]}", json=change).status_code == 200
    index_now()
    listing = owner.get("/api/v1/files/images", params={"page_size": 100}).json()["images"]
    created = {image["image_id"]: image["created_at"] for image in listing}
    return {"owner": owner, "stranger": stranger, "folder": folder, "created": created, **ids}


def search(user, **params) -> dict:
    answer = user.get(SEARCH, params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def found(user, **params) -> list[str]:
    return [r["image_id"] for r in search(user, **params)["results"]]


def names(gallery, ids) -> list[str]:
    by_id = {v: k for k, v in gallery.items() if isinstance(v, str)}
    return [by_id.get(i, i) for i in ids]


@pytest.mark.usefixtures("backend")
class TestContract:
    def test_korean_inflections_are_found_and_highlighted(self, gallery):
        owner = gallery["owner"]
        answer = search(owner, q="고양이")
        assert set(names(gallery, [r["image_id"] for r in answer["results"]])) == {"cat", "cat2"}
        assert answer["total"] == 2
        for result in answer["results"]:
            assert result["score"] > 0
            assert any("<em>고양이</em>" in h for h in result["highlights"]), result
            assert result["thumbnail_256_url"]
        # a query with a particle finds the word with any particle
        assert set(names(gallery, found(owner, q="고양이를"))) == {"cat", "cat2"}
        assert names(gallery, found(owner, q="우주복"))[0] == "cat"  # 우주복을 입은

    def test_compounds_are_found_whole_and_by_their_parts(self, gallery):
        owner = gallery["owner"]
        assert names(gallery, found(owner, q="풍경화")) == ["autumn"]
        assert names(gallery, found(owner, q="풍경")) == ["autumn"]  # a part of 풍경화
        assert names(gallery, found(owner, q="수채화"))[0] == "cat2"

    def test_english_and_mixed_queries(self, gallery):
        owner = gallery["owner"]
        assert names(gallery, found(owner, q="neon signs")) == ["city"]
        assert names(gallery, found(owner, q="sign")) == ["city"]  # stemmed
        mixed = names(gallery, found(owner, q="사이버펑크 city"))
        assert mixed[0] == "seoul" and set(mixed) == {"seoul", "city"}  # city ~ cities
        # "SDXL" is also every image's model family (sdxl-base-1.0): the one with both words
        # first, the others after it
        sdxl = names(gallery, found(owner, q="SDXL 초상화"))
        assert sdxl[0] == "portrait"
        assert set(sdxl) == {"cat", "cat2", "city", "seoul", "portrait", "autumn"}
        assert found(owner, q="?!") == []  # nothing to search for

    def test_a_query_in_one_language_finds_the_other_below_its_own(self, gallery):
        owner = gallery["owner"]
        # "cat" finds the Korean cats, and the highlights mark the Korean word
        answer = search(owner, q="cat")["results"]
        assert set(names(gallery, [r["image_id"] for r in answer])) == {"cat", "cat2"}
        assert all(any("<em>고양이</em>" in h for h in r["highlights"]) for r in answer)
        assert names(gallery, found(owner, q="autumn")) == ["autumn"]  # 가을
        # "야경" (night view) finds the English night city, below the Korean one
        assert names(gallery, found(owner, q="야경")) == ["seoul", "city"]
        both = search(owner, q="night city")["results"]
        assert names(gallery, [r["image_id"] for r in both])[:2] == ["city", "seoul"]
        assert both[0]["score"] > both[1]["score"]
        assert names(gallery, found(owner, q="spacesuit")) == ["cat"]  # 우주복

    def test_q_finds_tags_and_models_below_the_prompt(self, gallery):
        owner = gallery["owner"]
        # "space" is only a tag of the cat; "인물" only the portrait's
        assert names(gallery, found(owner, q="space")) == ["cat"]
        assert names(gallery, found(owner, q="인물")) == ["portrait"]
        # the tag counts as the word: both words there puts the portrait first
        assert names(gallery, found(owner, q="인물 소녀"))[0] == "portrait"
        # the prompt's "수채화" outranks the tag alone, which still finds the image
        assert names(gallery, found(owner, q="수채화"))[0] == "cat2"

    def test_the_negative_prompt_and_other_users_images_never_match(self, gallery):
        owner, stranger = gallery["owner"], gallery["stranger"]
        assert gallery["theirs"] not in found(owner, q="고양이 사진")
        assert found(stranger, q="고양이") == [gallery["theirs"]]
        assert found(stranger, q="cyberpunk") == []
        assert search(stranger)["total"] == 1

    def test_filters_alone_and_combined(self, gallery):
        owner = gallery["owner"]

        def only(**params) -> set[str]:
            return set(names(gallery, found(owner, **params)))

        assert only(tags=["고양이", "space"]) == {"cat"}  # all of them
        assert only(tags=["CYBERPUNK"]) == {"city", "seoul"}  # tags regardless of case
        assert only(exclude_tags=["cyberpunk", "고양이"]) == {"portrait", "autumn"}
        assert only(tags=["고양이"], exclude_tags=["space"]) == {"cat2"}
        assert only(min_width=700) == {"city", "seoul", "autumn"}
        assert only(max_width=600, min_height=600) == {"portrait"}
        assert only(width=1024, height=1024) == {"autumn"}
        assert only(is_favorite="true") == {"portrait"}
        assert only(is_public="true") == {"autumn"}
        assert only(folder_id=gallery["folder"]) == {"cat2"}
        assert only(model="sdxl-base-1.0", max_width=512, q="고양이") == {"cat"}
        assert only(model="no-such-model") == set()
        created = gallery["created"]
        between = {
            "created_from": created[gallery["city"]],
            "created_to": created[gallery["seoul"]],
        }
        assert only(**between) == {"city", "seoul"}  # both ends included

    def test_sorts(self, gallery):
        owner = gallery["owner"]
        upload_order = ["cat", "cat2", "city", "seoul", "portrait", "autumn"]
        assert names(gallery, found(owner, sort="newest")) == upload_order[::-1]
        assert names(gallery, found(owner)) == upload_order[::-1]  # newest without q
        assert names(gallery, found(owner, sort="oldest")) == upload_order
        assert names(gallery, found(owner, q="고양이", sort="oldest")) == ["cat", "cat2"]
        assert names(gallery, found(owner, q="고양이", sort="newest")) == ["cat2", "cat"]
        relevance = search(owner, q="고양이 우주복 달")["results"]
        assert names(gallery, [r["image_id"] for r in relevance]) == ["cat", "cat2"]
        assert relevance[0]["score"] > relevance[1]["score"]

    @pytest.mark.parametrize(
        "params",
        [{"sort": "newest"}, {"sort": "oldest"}, {"q": "고양이 cyberpunk 풍경 초상화 city"}],
        ids=["newest", "oldest", "relevance"],
    )
    def test_cursor_pages_without_gaps_or_duplicates(self, gallery, params):
        owner = gallery["owner"]
        everything = found(owner, **params, page_size=100)
        assert len(everything) >= 5
        pages, cursor = [], None
        for _ in range(len(everything)):  # a cursor that does not advance fails, not hangs
            page = search(owner, **params, page_size=2, **({"cursor": cursor} if cursor else {}))
            assert page["total"] == len(everything)
            pages += [r["image_id"] for r in page["results"]]
            if not page["has_more"]:
                assert page["next_cursor"] is None
                break
            cursor = page["next_cursor"]
        assert pages == everything
        numbered = [i for n in (1, 2, 3) for i in found(owner, **params, page_size=2, page=n)]
        assert numbered == everything[:6]

    def test_tag_suggestions_by_korean_and_english_prefix_taken_literally(self, gallery):
        owner = gallery["owner"]
        assert owner.get(SUGGEST, params={"prefix": "고"}).json() == {"suggestions": ["고양이"]}
        # one tag whatever its case (the first spelling stays), by usage
        assert owner.get(SUGGEST, params={"prefix": "C"}).json() == {
            "suggestions": ["cyberpunk", "city"]
        }
        assert owner.get(SUGGEST, params={"prefix": "CY"}).json() == {"suggestions": ["cyberpunk"]}
        assert owner.get(SUGGEST, params={"prefix": "100%"}).json() == {"suggestions": ["100%"]}
        assert owner.get(SUGGEST, params={"prefix": "%"}).json() == {"suggestions": []}
        assert owner.get(SUGGEST, params={"prefix": "_"}).json() == {"suggestions": []}

    def test_a_lone_inflected_korean_word_and_model_names(self, stack, user):
        car = upload_image(stack, user.user_id, prompt="빨간 스포츠카가 고속도로를 달린다",
                           model="flux-dev")  # fmt: skip
        other = upload_image(stack, user.user_id, prompt="red sports car", model="Fluxion-2")
        index_now()
        # alone, nori reads 달리는 as the adverb 달리 and a particle, which it drops: the
        # verb's stem is looked up as it is
        assert found(user, q="달리는") == [str(car)]
        assert found(user, q="달리는 스포츠카")[0] == str(car)
        # a model by its name or family, in any case; not a longer name it starts
        assert found(user, model="FLUX-DEV") == [str(car)]
        assert found(user, model="Flux") == [str(car)]
        assert found(user, model="fluxion-2") == [str(other)]
        assert found(user, model="flu") == []
        assert found(user, q="flux") == [str(car)]  # q names the model too
        # both words there (one as the model) before one of them
        assert found(user, q="flux red") == [str(car), str(other)]

    def test_updates_and_deletes_show_up_after_indexing(self, stack, client, user):
        image_id = str(upload_image(stack, user.user_id, prompt="눈 내리는 숲", tags=["겨울"]))
        index_now()
        assert found(user, q="숲") == [image_id]
        assert search(user, q="숲")["catching_up"] is False
        change = {"tags": ["눈", "forest"], "is_favorite": True}
        assert user.patch(f"/api/v1/files/images/{image_id}", json=change).status_code == 200
        # not yet indexed, and the answer says so (to the one who changed it only)
        stale = search(user, tags=["forest"])
        assert (stale["results"], stale["catching_up"]) == ([], True)
        assert search(sign_in(client), tags=["forest"])["catching_up"] is False
        index_now()
        fresh = search(user, tags=["forest"], is_favorite="true")
        assert [r["image_id"] for r in fresh["results"]] == [image_id]
        assert fresh["catching_up"] is False
        assert found(user, tags=["겨울"]) == []
        assert user.delete(f"/api/v1/files/images/{image_id}").status_code in (200, 204)
        index_now()
        assert found(user, q="숲") == []
        assert search(user)["total"] == 0


@pytest.mark.parametrize(
    "params",
    [{"page_size": 101}, {"sort": "best"}, {"width": 0}, {"cursor": "nope"},
     {"created_from": "yesterday"}, {"q": "a\x00"}, {"tags": "x" * 101},
     {"folder_id": "nope"}],
)  # fmt: skip
def test_bad_search_parameters_answer_422(user, params):
    answer = user.get(SEARCH, params=params)
    assert answer.status_code == 422, answer.text


def test_a_cursor_of_another_sort_or_a_forged_one_is_refused(gallery, backend):
    owner = gallery["owner"]
    cursor = search(owner, page_size=1)["next_cursor"]
    assert cursor is not None
    answer = owner.get(SEARCH, params={"page_size": 1, "sort": "oldest", "cursor": cursor})
    assert answer.status_code == 422
    for values in (["newest", ["yesterday", "x"]], ["newest", [1, "not-a-uuid"]],
                   ["newest", [1]], ["relevance", ["high", 1, str(uuid.uuid4())]]):  # fmt: skip
        forged = base64.urlsafe_b64encode(json.dumps(values).encode()).decode()
        params = {"cursor": forged, **({"q": "고양이"} if values[0] == "relevance" else {})}
        answer = owner.get(SEARCH, params=params)
        assert answer.status_code == 422, (values, answer.text)


def test_members_search_a_workspace_and_nothing_else(gallery, backend, client):
    owner, member, outsider = gallery["owner"], sign_in(client), sign_in(client)
    workspace = owner.post("/api/v1/workspaces", json={"name": f"search {backend}"}).json()
    path = f"/api/v1/workspaces/{workspace['workspace_id']}"
    join_workspace(owner, member, workspace["workspace_id"])
    owner.post(f"{path}/images", json={"image_ids": [gallery["cat"]]})
    owner.post(f"{path}/folders", json={"folder_id": gallery["folder"]})  # holds cat2
    index_now()
    scope = {"workspace_id": workspace["workspace_id"]}

    answer = search(member, q="고양이", **scope)
    assert sorted(names(gallery, [r["image_id"] for r in answer["results"]])) == ["cat", "cat2"]
    assert all(r["image_url"] is None for r in answer["results"])  # a viewer: no originals
    assert all(r["owner_id"] == str(owner.user_id) for r in answer["results"])
    assert found(member, q="고양이") == []  # their own gallery is empty
    assert sorted(names(gallery, found(owner, q="고양이", **scope))) == ["cat", "cat2"]
    assert found(member, q="고양이", folder_id=gallery["folder"], **scope) == [gallery["cat2"]]

    refused = member.get(SEARCH, params={"q": "고양이", "is_favorite": "true", **scope})
    assert refused.status_code == 422
    assert outsider.get(SEARCH, params={"q": "고양이", **scope}).status_code == 404

    # taking the folder out re-indexes its images; a removed member loses the search at once
    owner.delete(f"{path}/folders/{gallery['folder']}")
    index_now()
    assert names(gallery, found(member, q="고양이", **scope)) == ["cat"]
    owner.delete(f"{path}/members/{member.user_id}")
    assert member.get(SEARCH, params={"q": "고양이", **scope}).status_code == 404
    owner.delete(path)
    index_now()


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_cursors_break_ties_of_the_same_instant(stack, client, owner_db, backend, sort):
    """Images created in the same millisecond page by their tiebreaker: no gap, no repeat,
    on both backends."""
    from tests.support import pair_timestamps

    owner = sign_in(client)
    ids = {str(upload_image(stack, owner.user_id, prompt=f"같은 순간 {n}")) for n in range(6)}
    pair_timestamps(owner_db, owner.user_id, "2026-01-01T00:00:00Z")  # three pairs of ties
    index_now()
    pages, cursor = [], None
    for _ in range(6):
        page = search(owner, sort=sort, page_size=2, **({"cursor": cursor} if cursor else {}))
        pages += [r["image_id"] for r in page["results"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(pages) == 6 and set(pages) == ids
    assert pages == found(owner, sort=sort, page_size=100)


def test_the_stacks_index_is_sharded_and_routed_by_owner(stack):
    """The contract above runs over three shards, as production's index has several."""
    backend = OpenSearchBackend()
    (live,) = backend.client.indices.get(index=backend.alias).values()
    assert live["settings"]["index"]["number_of_shards"] == "3"
    assert live["mappings"]["_routing"] == {"required": True}
