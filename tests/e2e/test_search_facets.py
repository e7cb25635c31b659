"""Search facets, over HTTP, for both backends: counts by model and by size of the caller's
matching images (or a workspace's, for its members), each facet ignoring its own filter."""

import pytest

from gallery.config import get_settings
from tests.e2e.test_search import index_now, sign_in
from tests.support import join_workspace, upload_image

FACETS = "/api/v1/search/facets"


@pytest.fixture(params=["opensearch", "postgres"])
def backend(request, monkeypatch) -> str:
    """The backend the API counts with (the gateway runs the handlers in this process)."""
    monkeypatch.setattr(get_settings(), "search_backend", request.param)
    return request.param


@pytest.fixture(scope="module")
def library(stack, client):
    """Three models over six images (one without a model), three sizes; and a stranger's
    image of a model the owner never used."""
    owner, stranger = sign_in(client), sign_in(client)
    specs = {
        "cat": ("우주복을 입은 고양이", ["고양이"], "sdxl-base-1.0", 512, 512),
        "cat2": ("창가의 고양이 수채화", ["고양이"], "flux-dev", 512, 512),
        "cat3": ("고양이 초상화", ["고양이", "인물"], "sdxl-base-1.0", 832, 1216),
        "city": ("Cyberpunk city at night", ["city"], "sdxl-base-1.0", 832, 1216),
        "lake": ("가을 호수 풍경", ["풍경"], "Flux-Dev", 512, 512),
        "sketch": ("연필 스케치", ["풍경"], None, 1024, 1024),
    }
    # the sampler as A1111 and ComfyUI write it in their parameters
    samplers = {"cat": {"Sampler": "DPM++ 2M Karras", "Steps": "20"},
                "cat2": {"sampler_name": "euler", "scheduler": "normal"},
                "cat3": {"Sampler": "DPM++ 2M Karras"}}  # fmt: skip
    ids = {
        name: str(upload_image(stack, owner.user_id, prompt=prompt, tags=tags, model=model,
                               width=width, height=height, params=samplers.get(name)))
        for name, (prompt, tags, model, width, height) in specs.items()
    }  # fmt: skip
    upload_image(stack, stranger.user_id, prompt="고양이 사진", model="theirs-only")
    folder = owner.post("/api/v1/files/folders", json={"name": "고양이들"}).json()["folder_id"]
    for name in ("cat", "cat2"):
        answer = owner.patch(f"/api/v1/files/images/{ids[name]}", json={"folder_id": folder})
        assert answer.status_code == 200
    index_now()
    return {"owner": owner, "stranger": stranger, "folder": folder, **ids}


def facets(user, **params) -> dict:
    answer = user.get(FACETS, params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def models(user, **params) -> list[tuple[str, int]]:
    return [(f["value"], f["count"]) for f in facets(user, **params)["models"]]


def sizes(user, **params) -> list[tuple[str, int]]:
    return [(f["value"], f["count"]) for f in facets(user, **params)["sizes"]]


def samplers(user, **params) -> list[tuple[str, int]]:
    return [(f["value"], f["count"]) for f in facets(user, **params)["samplers"]]


def workspaces(user, **params) -> list[tuple[str, int]]:
    return [(f["value"], f["count"]) for f in facets(user, **params)["workspaces"]]


@pytest.mark.usefixtures("backend")
class TestFacets:
    def test_models_and_sizes_are_counted_most_frequent_first(self, library):
        owner = library["owner"]
        # a model is its exact spelling; ties in byte order ("F" before "f"); none: no entry
        assert models(owner) == [("sdxl-base-1.0", 3), ("Flux-Dev", 1), ("flux-dev", 1)]
        assert sizes(owner) == [("512x512", 3), ("832x1216", 2), ("1024x1024", 1)]
        size = facets(owner)["sizes"][0]
        assert (size["width"], size["height"]) == (512, 512)

    def test_samplers_are_counted_by_canonical_id_whichever_tool_wrote_them(self, library):
        owner = library["owner"]
        assert samplers(owner) == [("dpmpp_2m", 2), ("euler", 1)]
        assert samplers(owner, q="초상화") == [("dpmpp_2m", 1)]
        assert samplers(owner, model="flux-dev") == [("euler", 1)]
        # the sampler facet ignores the sampler filter: the picker still offers the others
        assert samplers(owner, sampler="dpmpp_2m") == [("dpmpp_2m", 2), ("euler", 1)]
        # "DPM++ 2M Karras" names a schedule too, which still filters
        assert samplers(owner, sampler="DPM++ 2M Karras") == [("dpmpp_2m", 2)]

    def test_only_the_callers_images_are_counted(self, library):
        owner, stranger = library["owner"], library["stranger"]
        assert "theirs-only" not in dict(models(owner))
        assert models(stranger) == [("theirs-only", 1)]

    def test_the_query_folder_and_tags_narrow_the_counts(self, library):
        owner = library["owner"]
        assert models(owner, q="고양이") == [("sdxl-base-1.0", 2), ("flux-dev", 1)]
        assert models(owner, folder_id=library["folder"]) == [("flux-dev", 1), ("sdxl-base-1.0", 1)]
        assert models(owner, tags=["풍경"]) == [("Flux-Dev", 1)]
        assert sizes(owner, tags=["고양이"], exclude_tags=["인물"]) == [("512x512", 2)]
        assert models(owner, q="?!") == [] and sizes(owner, q="?!") == []

    def test_each_facet_ignores_its_own_filter_and_follows_the_others(self, library):
        owner = library["owner"]
        # the picker still offers the other models while one is chosen
        assert models(owner, model="flux-dev") == models(owner)
        # the model filter takes any case: flux-dev and Flux-Dev (the facet keeps spellings)
        assert sizes(owner, model="flux-dev") == [("512x512", 2)]
        assert sizes(owner, width=512, height=512) == sizes(owner)
        assert models(owner, width=832, height=1216) == [("sdxl-base-1.0", 2)]

    def test_limit_keeps_the_most_frequent(self, library):
        owner = library["owner"]
        assert models(owner, limit=1) == [("sdxl-base-1.0", 3)]


def test_members_count_the_workspaces_images_and_outsiders_get_404(library, backend, client):
    owner, member, outsider = library["owner"], sign_in(client), sign_in(client)
    workspace = owner.post("/api/v1/workspaces", json={"name": f"facets {backend}"}).json()
    path = f"/api/v1/workspaces/{workspace['workspace_id']}"
    join_workspace(owner, member, workspace["workspace_id"])
    owner.post(f"{path}/images", json={"image_ids": [library["city"], library["lake"]]})
    index_now()
    scope = {"workspace_id": workspace["workspace_id"]}
    try:
        assert models(member, **scope) == [("Flux-Dev", 1), ("sdxl-base-1.0", 1)]
        assert models(member) == []  # their own library is empty
        # the workspaces facet counts the caller's own images in each workspace
        ws = workspace["workspace_id"]
        assert workspaces(owner) == [(ws, 2)]
        assert workspaces(owner, q="호수") == [(ws, 1)]  # the lake; the city is not 호수
        assert workspaces(owner, **scope) == [(ws, 2)]  # its own filter ignored
        assert workspaces(member, **scope) == []  # the member shared nothing
        assert outsider.get(FACETS, params=scope).status_code == 404
        refused = member.get(FACETS, params={"is_favorite": "true", **scope})
        assert refused.status_code == 422
        assert refused.json()["error"]["code"] == "validation_error"
    finally:
        owner.delete(path)
        index_now()


@pytest.mark.parametrize(
    "params",
    [{"limit": 0}, {"limit": 101}, {"limit": "ten"}, {"width": 0}, {"folder_id": "nope"},
     {"q": "a\x00"}, {"tags": "x" * 101}, {"workspace_id": "nope"},
     {"created_from": "yesterday"}],
)  # fmt: skip
def test_bad_facet_parameters_answer_422_with_the_error_shape(user, params):
    answer = user.get(FACETS, params=params)
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["code"] == "validation_error" and error["message"]
