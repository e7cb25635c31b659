"""Parameter search, over HTTP, on both backends: the generation data of every generator's
file (tests/generation_samples.py) filtered by parameters and by inline ``key:value``
tokens, with the same answers from OpenSearch and PostgreSQL."""

import pytest

from tests.e2e.test_search import SEARCH, backend, index_now, sign_in
from tests.generation_samples import corpus
from tests.support import upload_image

SAMPLES = {sample.name: sample for sample in corpus()}
__all__ = ["backend"]  # the contract's fixture: every test here runs on both backends
NAMES = ("a1111_png", "forge_png", "comfyui_png", "comfyui_flux_png", "invokeai_png",
         "novelai_png", "fooocus_png", "swarmui_png")  # fmt: skip


@pytest.fixture(scope="module")
def made(stack, client):
    owner, stranger = sign_in(client), sign_in(client)
    ids = {
        name: str(upload_image(stack, owner.user_id, data=SAMPLES[name].data, prompt=None,
                               model=None, content_type=SAMPLES[name].content_type))
        for name in NAMES
    }  # fmt: skip
    api = {"steps": 40, "cfg_scale": 7, "sampler": "Euler a",
           "loras": [{"name": "add_detail", "weight": 1.2}]}  # fmt: skip
    ids["api"] = str(upload_image(stack, owner.user_id, prompt="a quiet harbour", params=api))
    # the same settings elsewhere: never found by the owner's search
    upload_image(stack, stranger.user_id, data=SAMPLES["a1111_png"].data, prompt=None)
    index_now()
    return {"owner": owner, **ids}


def found(made, **params) -> list[str]:
    answer = made["owner"].get(SEARCH, params={"page_size": 50, **params})
    assert answer.status_code == 200, answer.text
    by_id = {v: k for k, v in made.items() if isinstance(v, str)}
    return sorted(by_id.get(r["image_id"], r["image_id"]) for r in answer.json()["results"])


@pytest.mark.usefixtures("backend")
class TestParameterFilters:
    def test_steps_and_cfg_ranges_are_inclusive(self, made):
        assert found(made, steps_min=28, steps_max=30) == [
            "a1111_png", "fooocus_png", "forge_png", "invokeai_png", "novelai_png"]  # fmt: skip
        assert found(made, cfg_min=6.5, cfg_max=7) == ["a1111_png", "api", "swarmui_png"]

    def test_a_sampler_in_any_tools_spelling_finds_every_tools_images(self, made):
        # A1111's "DPM++ 2M Karras" (one label), SwarmUI's dpmpp_2m + karras
        assert found(made, sampler="DPM++ 2M Karras") == ["a1111_png", "swarmui_png"]
        assert found(made, sampler="dpmpp_2m_sde_gpu") == [
            "comfyui_png", "fooocus_png", "invokeai_png"]  # fmt: skip
        assert found(made, sampler="Euler a", scheduler="karras") == ["novelai_png"]

    def test_seed_generator_and_model_hash(self, made):
        assert found(made, seed=987654321) == ["a1111_png"]
        assert found(made, seed=2**64 - 1) == ["comfyui_png"]  # ComfyUI's seeds are unsigned
        assert found(made, generator="comfyui") == ["comfyui_flux_png", "comfyui_png"]
        # A1111's 10-digit short hash finds SwarmUI's full one, "0x" or not
        assert found(made, model_hash="31e35c80fc") == ["a1111_png", "swarmui_png"]
        assert found(made, model_hash="0x31E35C80FC4829") == ["swarmui_png"]

    def test_loras_are_all_of_and_the_weight_applies_to_the_lora_named(self, made):
        assert found(made, lora="add_detail") == ["a1111_png", "api", "comfyui_png"]
        assert found(made, lora=["add_detail", "watercolor_v1"]) == ["comfyui_png"]
        assert found(made, lora="add_detail", lora_weight_min=0.75) == ["a1111_png", "api"]
        assert found(made, lora="ADD_DETAIL.safetensors", lora_weight_max=0.8) == [
            "a1111_png", "comfyui_png"]  # fmt: skip

    def test_inline_tokens_filter_leave_the_text_and_come_back_as_filters(self, made):
        answer = made["owner"].get(SEARCH, params={
            "q": 'fox steps:10-20 cfg:<7 sampler:"DPM++ 2M SDE Karras" lora:add_detail@0.5-0.9'
        }).json()  # fmt: skip
        assert [r["image_id"] for r in answer["results"]] == [made["comfyui_png"]]
        assert answer["query_text"] == "fox"
        assert [(f["key"], f["value"], f["source"]) for f in answer["filters"]] == [
            ("steps", "10-20", "q"), ("cfg", "<7", "q"), ("sampler", "dpmpp_2m_sde karras", "q"),
            ("lora", "add_detail@0.5-0.9", "q")]  # fmt: skip
        # < is strict: ComfyUI's cfg 6 is not below 6
        assert found(made, q="cfg:<6 generator:comfyui") == ["comfyui_flux_png"]
        assert found(made, q="steps:>=40") == ["api"]

    def test_inline_tokens_and_parameters_combine(self, made):
        answer = made["owner"].get(SEARCH, params={"q": "seed:42", "generator": "forge"}).json()
        assert [r["image_id"] for r in answer["results"]] == [made["forge_png"]]
        assert [(f["key"], f["source"]) for f in answer["filters"]] == [
            ("generator", "parameter"), ("seed", "q")]  # fmt: skip

    def test_weights_and_networks_are_not_searched_as_words(self, made):
        first = made["owner"].get(SEARCH, params={"q": "red hair"}).json()["results"][0]
        assert first["image_id"] == made["a1111_png"]  # "((red hair))": both words, whole
        assert found(made, q="lora") == []  # <lora:…> is no word of the prompt
        highlights = made["owner"].get(SEARCH, params={"q": "quality"}).json()["results"][0]
        assert "1.2" not in " ".join(highlights["highlights"])


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"q": "steps:many"}, "'steps:many'"),
        ({"q": "cfg:7-5"}, "'cfg:7-5'"),
        ({"q": "generator:midjourney"}, "'generator:midjourney'"),
        ({"q": "lora:@0.5"}, "'lora:@0.5'"),
        ({"q": "seed:abc"}, "'seed:abc'"),
        ({"q": "steps:20", "steps_min": 10}, "steps_min"),
        ({"lora": ["a", "b"], "lora_weight_min": 0.5}, "lora_weight_min"),
        ({"steps_min": 30, "steps_max": 20}, "steps_min"),
        ({"model_hash": "not-hex"}, "model_hash"),
    ],
)
def test_a_malformed_filter_is_a_422_naming_it(made, params, named):
    answer = made["owner"].get(SEARCH, params=params)
    assert answer.status_code == 422, answer.text
    assert named in answer.text


@pytest.mark.usefixtures("backend")
class TestGenerationFacets:
    def facets(self, made, **params) -> dict:
        answer = made["owner"].get("/api/v1/search/facets", params=params)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def test_checkpoints_loras_generators_and_samplers_are_counted(self, made):
        found = self.facets(made)
        checkpoints = {c["value"]: (c["hash"], c["count"]) for c in found["checkpoints"]}
        assert checkpoints["sd_xl_base_1.0"] == ("31e35c80fc", 1)
        # hashes as compared: lower case, no "0x"
        assert checkpoints["OfficialStableDiffusion/sd_xl_base_1.0"] == ("31e35c80fc4829d1", 1)
        assert checkpoints["flux1-dev.safetensors"] == (None, 1)
        loras = [(lora["value"], lora["hash"], lora["count"]) for lora in found["loras"]]
        assert loras[0] == ("add_detail", "7c6bad76eb54", 3)  # a1111 (hash), comfyui, api
        assert ("detail_tweaker", "7c6bad76eb54", 1) in loras  # "0x" dropped, as compared
        generators = [(g["value"], g["count"]) for g in found["generators"]]
        assert generators[:2] == [("comfyui", 2), ("a1111", 1)]
        assert ("unknown", 1) in generators

    def test_each_facet_ignores_its_own_filter_and_follows_the_others(self, made):
        by_lora = self.facets(made, lora="watercolor_v1")
        assert [(g["value"], g["count"]) for g in by_lora["generators"]] == [("comfyui", 1)]
        assert {lora["value"] for lora in by_lora["loras"]} >= {"add_detail", "hanbok_style_v2"}
        by_generator = self.facets(made, generator="comfyui")
        assert len(by_generator["generators"]) > 1
        assert {lora["value"] for lora in by_generator["loras"]} == {"add_detail", "watercolor_v1"}
