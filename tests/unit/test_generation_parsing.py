"""Prompt and parameters from the embedded chunks of the common generators: the parsers' edge
cases (tests/unit/test_generation_formats.py reads whole files of every format)."""

import json

import pytest

from gallery.generation import read_embedded


def test_automatic1111_parameters():
    meta = read_embedded({
        "parameters": "한복을 입은 소녀, (masterpiece:1.2)\nsoft light\n"
        "Negative prompt: lowres, bad hands\n"
        'Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 6.5, Seed: 987654321, '
        'Size: 832x1216, Model hash: 31e35c80fc, Model: sd_xl_base_1.0, '
        'Lora hashes: "a: 1, b: 2", Version: v1.9.4'
    })  # fmt: skip
    assert meta.generator == "a1111" and set(meta.raw) == {"parameters"}
    assert meta.prompt == "한복을 입은 소녀, (masterpiece:1.2)\nsoft light"
    assert meta.negative_prompt == "lowres, bad hands"
    assert meta.model == "sd_xl_base_1.0"
    assert meta.seed == 987654321
    assert meta.params["Sampler"] == "DPM++ 2M Karras"
    assert meta.params["Lora hashes"] == "a: 1, b: 2"


def test_automatic1111_prompt_without_settings_line():
    meta = read_embedded({"parameters": "just a prompt"})
    assert meta.prompt == "just a prompt"
    assert meta.seed is None


def test_invokeai_metadata():
    meta = read_embedded({"invokeai_metadata": json.dumps({
        "positive_prompt": "a cyberpunk city, neon", "negative_prompt": "blurry",
        "model": {"name": "juggernautXL", "base": "sdxl"}, "seed": 42, "steps": 30,
        "cfg_scale": 7.5, "scheduler": "euler", "width": 1024, "height": 1024,
    })})  # fmt: skip
    assert (meta.prompt, meta.negative_prompt, meta.model, meta.seed) == (
        "a cyberpunk city, neon",
        "blurry",
        "juggernautXL",
        42,
    )
    assert meta.params["scheduler"] == "euler"


def test_comfyui_graph_follows_the_sampler_links():
    graph = {
        "3": {"class_type": "KSampler", "inputs": {
            "seed": 156680208700286, "steps": 20, "cfg": 8, "sampler_name": "euler",
            "scheduler": "normal", "denoise": 1, "model": ["4", 0],
            "positive": ["6", 0], "negative": ["7", 0], "latent_image": ["5", 0]}},
        "4": {"class_type": "CheckpointLoaderSimple",
              "inputs": {"ckpt_name": "v1-5.safetensors"}},
        "6": {"class_type": "CLIPTextEncode",
              "inputs": {"text": "벚꽃이 핀 골목", "clip": ["4", 1]}},
        "7": {"class_type": "CLIPTextEncode",
              "inputs": {"text": "text, watermark", "clip": ["4", 1]}},
    }  # fmt: skip
    meta = read_embedded({"prompt": json.dumps(graph), "workflow": "{}"})
    assert meta.prompt == "벚꽃이 핀 골목"
    assert meta.negative_prompt == "text, watermark"
    assert meta.model == "v1-5.safetensors"
    assert meta.seed == 156680208700286
    assert meta.params == {"steps": 20, "cfg": 8, "sampler_name": "euler", "scheduler": "normal",
                           "denoise": 1}  # fmt: skip


def test_unrelated_or_broken_chunks_give_nothing():
    assert read_embedded({"prompt": "{not json"}) is None
    assert read_embedded({"Software": "Photoshop"}) is None
    assert read_embedded({"invokeai_metadata": "[1, 2]"}) is None


def test_nul_characters_and_huge_prompts_are_cleaned():
    meta = read_embedded({"parameters": "a\x00b" + "x" * 30_000})
    assert "\x00" not in meta.prompt
    assert len(meta.prompt) == 20_000


def test_parameters_lose_characters_postgresql_cannot_store():
    meta = read_embedded({"invokeai_metadata": json.dumps({
        "positive_prompt": "cat", "scheduler": "eu\x00ler\ud835", "steps": 3,
    })})  # fmt: skip
    assert "\x00" not in meta.params["scheduler"]
    json.dumps(meta.params, ensure_ascii=False).encode("utf-8")  # storable


# --- the uploader's bytes: nothing in a chunk fails an image (issue 15, finding 15) -------


def test_a_comfyui_graph_whose_node_feeds_itself_gives_no_prompt_and_no_error():
    graph = {
        "1": {"class_type": "KSampler", "inputs": {"positive": ["2", 0], "seed": 7}},
        "2": {"class_type": "ConditioningCombine", "inputs": {"conditioning": ["2", 0]}},
    }
    meta = read_embedded({"prompt": json.dumps(graph)})
    assert meta.prompt == "" and meta.seed == 7


def test_deeply_nested_invokeai_metadata_is_left_out():
    deep = '{"positive_prompt": "cat", "steps": ' + "[" * 100_000 + "]" * 100_000 + "}"
    assert read_embedded({"invokeai_metadata": deep}) is None


def test_a_chunk_past_the_bound_is_not_parsed():
    from gallery.generation import MAX_CHUNK_CHARS

    huge = "a cat\nSteps: 20, " + "x" * MAX_CHUNK_CHARS
    assert read_embedded({"parameters": huge}) is None


@pytest.mark.parametrize("junk", ["x," * 250_000, "x" * 500_000, "k: v, " * 80_000])
def test_a_long_settings_line_is_read_in_one_pass(junk):
    """A long run of word characters made the old pattern backtrack quadratically (32 KB
    took 12 s; this would take hours): a regression here shows as a test that hangs."""
    meta = read_embedded({"parameters": "a cat\nSteps: 20, " + junk})
    assert meta.prompt == "a cat" and meta.params["Steps"] == "20"


def test_settings_pairs_keep_quoted_commas_and_skip_what_is_not_a_pair():
    meta = read_embedded({"parameters": 'a cat\nSteps: 20, stray words, '
                          'Lora hashes: "a: 1, b: 2", CFG scale: 7'})  # fmt: skip
    assert meta.params == {"Steps": "20", "Lora hashes": "a: 1, b: 2", "CFG scale": "7"}
