"""Every generator's format, read from whole files (tests/generation_samples.py) the way
ingest reads them: decoded once by gallery.imaging, then gallery.generation."""

import dataclasses

import pytest

from gallery import imaging
from gallery.generation import Generation, for_upload, read_embedded
from gallery.generation.a1111 import render
from gallery.generation.samplers import sampler_ids
from tests.generation_samples import A1111_TEXT, corpus, malformed

SAMPLES = {sample.name: sample for sample in corpus()}


def _read(sample) -> Generation | None:
    return read_embedded(imaging.decode(sample.data, 10_000_000).text)


def _fields(generation: Generation, names) -> dict:
    out = {}
    for name in names:
        value = getattr(generation, name)
        if name == "loras":
            value = [(lora.name, lora.weight, lora.hash) for lora in value]
        out[name] = value
    return out


@pytest.mark.parametrize("name", SAMPLES)
def test_each_format_gives_its_typed_generation_data(name):
    sample = SAMPLES[name]
    generation = _read(sample)
    assert generation is not None, name
    assert _fields(generation, sample.expected) == sample.expected
    assert generation.raw, "the chunks read are kept for recall"


def test_the_jpeg_and_webp_user_comment_reads_as_the_png_chunk():
    png, jpeg, webp = (_read(SAMPLES[n]) for n in ("a1111_png", "a1111_jpeg", "a1111_webp"))
    assert png.typed() == jpeg.typed() == webp.typed()
    assert png.prompt == jpeg.prompt == webp.prompt
    assert set(jpeg.raw) == {"UserComment"} and set(png.raw) == {"parameters"}


def test_comfyui_reads_the_sampler_that_made_the_saved_image_not_the_first_or_an_unused_one():
    generation = _read(SAMPLES["comfyui_png"])
    # the hires pass (node 21) made the saved image; node 3 was its first pass, 40 unused
    assert (generation.steps, generation.sampler) == (14, "dpmpp_2m_sde")
    assert generation.seed == 2**64 - 1 - 2**64  # kept as its signed 64-bit twin
    assert set(generation.raw) == {"prompt", "workflow"}


@pytest.mark.parametrize("sample", malformed(), ids=lambda s: s.name)
def test_a_malformed_chunk_never_fails_ingest_it_leaves_fields_empty(sample):
    decoded = imaging.decode(sample.data, 10_000_000)  # the pixels are fine
    generation = for_upload({"prompt": "", "params": {}}, decoded.text)
    assert isinstance(generation, Generation)
    for name, value in sample.expected.items():
        assert getattr(generation, name) == value, name


def test_the_upload_request_wins_field_by_field_and_the_file_fills_the_rest():
    text = imaging.decode(SAMPLES["a1111_png"].data, 10_000_000).text
    declared = {"prompt": "my own words", "model": None, "seed": 7,
                "params": {"steps": 50, "sampler": "Euler a"}}  # fmt: skip
    generation = for_upload(declared, text)
    assert (generation.prompt, generation.seed, generation.steps) == ("my own words", 7, 50)
    assert (generation.sampler, generation.scheduler) == ("euler_ancestral", "karras")
    assert generation.model == "sd_xl_base_1.0" and generation.cfg_scale == 6.5
    assert generation.generator == "a1111"


def test_params_alone_describe_an_api_upload():
    generation = for_upload(
        {"prompt": "x", "params": {"steps": "20", "cfg_scale": 7, "sampler": "DPM++ SDE",
                                   "scheduler": "Exponential", "generator": "pingvas",
                                   "loras": [{"name": "a/b.safetensors", "weight": 0.5}]}},
        {},
    )  # fmt: skip
    assert (generation.generator, generation.steps, generation.cfg_scale) == ("unknown", 20, 7.0)
    assert (generation.sampler, generation.scheduler) == ("dpmpp_sde", "exponential")
    assert [(lora.name, lora.weight) for lora in generation.loras] == [("b", 0.5)]


@pytest.mark.parametrize(
    ("label", "schedule", "expected"),
    [
        ("DPM++ 2M Karras", None, ("dpmpp_2m", "karras")),
        ("DPM++ 2M", "Karras", ("dpmpp_2m", "karras")),
        ("DPM++ 2M SDE Heun Exponential", None, ("dpmpp_2m_sde_heun", "exponential")),
        ("Euler a", "Automatic", ("euler_ancestral", None)),
        ("DPM2 a Karras", None, ("dpm_2_ancestral", "karras")),
        ("LMS Karras", None, ("lms", "karras")),
        ("UniPC", "SGM Uniform", ("uni_pc", "sgm_uniform")),
        ("euler_k", None, ("euler", "karras")),  # InvokeAI
        ("dpmpp_2m_sde_k", None, ("dpmpp_2m_sde", "karras")),
        ("kdpm_2_a", None, ("dpm_2_ancestral", None)),
        ("k_euler_ancestral", "native", ("euler_ancestral", None)),  # NovelAI
        ("dpmpp_2m_sde_gpu", "karras", ("dpmpp_2m_sde", "karras")),  # Fooocus
        ("DDIM", None, ("ddim", None)),
        ("Some New Sampler", None, ("some_new_sampler", None)),
        ("", "normal", (None, "normal")),
    ],
)
def test_samplers_and_schedulers_become_canonical_ids(label, schedule, expected):
    assert sampler_ids(label, schedule) == expected


def test_a1111_text_rendered_again_reads_back_the_same():
    generation = read_embedded({"parameters": A1111_TEXT})
    again = read_embedded({"parameters": render(generation, generation.params)})
    assert again.typed() == generation.typed()
    assert (again.prompt, again.negative_prompt) == (generation.prompt, generation.negative_prompt)


def test_a_comfyui_generation_renders_as_a1111_text_a1111_can_read():
    generation = _read(SAMPLES["comfyui_png"])
    text = render(generation)
    again = read_embedded({"parameters": text})
    same = ("steps", "cfg_scale", "sampler", "scheduler", "model", "vae", "clip_skip",
            "denoising_strength", "hires_scale")  # fmt: skip
    assert _fields(again, same) == _fields(generation, same)
    assert again.seed == 2**64 - 1 - 2**64 and "Seed: 18446744073709551615" in text
    assert [(lora.name, lora.weight) for lora in again.loras] == [
        ("add_detail", 0.7),
        ("watercolor_v1", 0.35),
    ]


def test_stacks_group_what_differs_only_by_seed():
    import uuid

    user = uuid.uuid4()
    base = read_embedded({"parameters": A1111_TEXT})
    other_seed = dataclasses.replace(base, seed=1)
    other_steps = dataclasses.replace(base, steps=29)
    assert base.stack_id(user, 832, 1216) == other_seed.stack_id(user, 832, 1216)
    assert base.stack_id(user, 832, 1216) != other_steps.stack_id(user, 832, 1216)
    assert base.stack_id(user, 832, 1216) != base.stack_id(user, 1216, 832)
    assert base.stack_id(user, 832, 1216) != base.stack_id(uuid.uuid4(), 832, 1216)
    assert Generation(prompt="").stack_id(user, 1, 1) is None
