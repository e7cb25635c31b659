"""Generation data through the whole pipeline: each generator's file uploaded, ingested and
read back through the API, typed and normalised."""

import pytest

from tests.generation_samples import corpus, malformed

SAMPLES = {sample.name: sample for sample in corpus()}
# The API's names for what the record calls model and seed sit beside `generation`.
TOP_LEVEL = ("prompt", "negative_prompt", "model", "seed")


@pytest.mark.parametrize("name", ["a1111_jpeg", "comfyui_png", "novelai_png", "swarmui_png"])
def test_an_uploaded_file_reads_back_with_its_generation_data(name, user, add_image):
    sample = SAMPLES[name]
    image_id = add_image(user.user_id, data=sample.data, content_type=sample.content_type,
                         prompt=None, model=None)  # fmt: skip
    image = user.get(f"/api/v1/files/images/{image_id}").json()
    generation = image["generation"]
    for key, value in sample.expected.items():
        got = image[key] if key in TOP_LEVEL else generation[key]
        if key == "loras":
            got = [(lora["name"], lora["weight"], lora["hash"]) for lora in got]
            value = [tuple(lora) for lora in value]
        assert got == value, key
    assert generation["stack_id"]
    listed = user.get("/api/v1/files/images").json()["images"]
    assert [i["generation"] for i in listed] == [generation]


def test_a_comfyui_seed_past_2_63_is_given_exactly_as_text(user, add_image):
    sample = SAMPLES["comfyui_png"]
    image_id = add_image(user.user_id, data=sample.data, prompt=None, model=None)
    image = user.get(f"/api/v1/files/images/{image_id}").json()
    assert image["seed"] == -1  # bigint holds it as its signed twin
    assert image["generation"]["seed_text"] == "18446744073709551615"


@pytest.mark.parametrize("sample", malformed()[:3], ids=lambda s: s.name)
def test_a_malformed_chunk_still_ingests(sample, user, add_image):
    image_id = add_image(user.user_id, data=sample.data, content_type=sample.content_type,
                         prompt=None)  # fmt: skip
    image = user.get(f"/api/v1/files/images/{image_id}").json()
    assert image["generation"]["generator"] in ("unknown", "a1111")


def test_the_upload_requests_params_are_typed_too(user, add_image):
    image_id = add_image(user.user_id, params={"steps": 24, "cfg_scale": 5.5,
                                               "sampler": "DPM++ 2M Karras"})  # fmt: skip
    generation = user.get(f"/api/v1/files/images/{image_id}").json()["generation"]
    assert generation["generator"] == "unknown"
    assert (generation["steps"], generation["cfg_scale"]) == (24, 5.5)
    assert (generation["sampler"], generation["scheduler"]) == ("dpmpp_2m", "karras")
