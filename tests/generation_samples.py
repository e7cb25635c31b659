"""A corpus of image files as each generator writes them: the chunk names, the text or JSON
in them, and where they sit in the file (PNG tEXt/iTXt, EXIF UserComment in JPEG and
WebP), written here with Pillow so that no binary sample is kept in the repository.

What each tool writes, as read from its source:
- A1111 and Forge: ``parameters`` (tEXt, or iTXt past Latin-1) in PNG; in JPEG and WebP,
  EXIF UserComment as piexif's ``UserComment.dump(text, encoding="unicode")``: the 8 bytes
  ``UNICODE\\0`` then UTF-16 big-endian. Forge's ``Version`` starts with ``f``.
- ComfyUI: ``prompt`` (the API graph) and ``workflow`` (the editor's), json.dumps'd.
- InvokeAI: ``invokeai_metadata`` (and ``invokeai_graph``).
- NovelAI: ``Title``, ``Description`` (the prompt), ``Software: NovelAI``, ``Source`` (the
  model and a hash), ``Comment`` (JSON of the request).
- Fooocus: ``parameters`` holding its scheme's JSON, and ``fooocus_scheme: fooocus``.
- SwarmUI: ``parameters`` holding ``{"sui_image_params": …, "sui_models": …}``.
"""

import io
import json
from dataclasses import dataclass, field

from PIL import Image, PngImagePlugin


@dataclass(frozen=True)
class Sample:
    name: str
    data: bytes
    content_type: str
    expected: dict = field(default_factory=dict)  # Generation fields the file must give


def _pixels() -> Image.Image:
    return Image.new("RGB", (48, 32), (120, 60, 200))


def png(chunks: dict[str, str]) -> bytes:
    info = PngImagePlugin.PngInfo()
    for key, value in chunks.items():
        info.add_text(key, value)  # tEXt when Latin-1 allows, else iTXt (as the tools do)
    out = io.BytesIO()
    _pixels().save(out, "PNG", pnginfo=info)
    return out.getvalue()


def with_user_comment(kind: str, comment: bytes) -> bytes:
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9286] = comment
    out = io.BytesIO()
    _pixels().save(out, kind, exif=exif.tobytes(), quality=80)
    return out.getvalue()


def piexif_unicode(text: str) -> bytes:
    return b"UNICODE\x00" + text.encode("utf-16-be")


A1111_TEXT = (
    "masterpiece, (best quality:1.2), 1girl, ((red hair)), [blurry], hanbok "
    "<lora:add_detail:0.8> <lora:hanbok_style_v2:0.6>\n"
    "Negative prompt: lowres, (bad anatomy:1.3), EasyNegative\n"
    "Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 6.5, Seed: 987654321, Size: 832x1216, "
    "Model hash: 31e35c80fc, Model: sd_xl_base_1.0, VAE hash: 235745af8d, "
    "VAE: sdxl_vae.safetensors, Denoising strength: 0.45, Clip skip: 2, Hires upscale: 1.5, "
    "Hires steps: 15, Hires upscaler: R-ESRGAN 4x+, "
    'Lora hashes: "add_detail: 7c6bad76eb54, hanbok_style_v2: 0a1b2c3d4e5f", '
    'TI hashes: "EasyNegative: c74b4e810b03", Version: v1.10.1'
)
A1111_EXPECTED = {
    "generator": "a1111", "steps": 28, "cfg_scale": 6.5, "sampler": "dpmpp_2m",
    "scheduler": "karras", "seed": 987654321, "model": "sd_xl_base_1.0",
    "model_hash": "31e35c80fc", "vae": "sdxl_vae", "clip_skip": 2, "denoising_strength": 0.45,
    "hires_upscaler": "R-ESRGAN 4x+", "hires_scale": 1.5,
    "loras": [("add_detail", 0.8, "7c6bad76eb54"), ("hanbok_style_v2", 0.6, "0a1b2c3d4e5f")],
    "negative_prompt": "lowres, (bad anatomy:1.3), EasyNegative",
}  # fmt: skip

FORGE_TEXT = (
    "한복을 입은 소녀, 벚꽃, soft light\n"
    "Negative prompt: worst quality\n"
    "Steps: 30, Sampler: Euler a, Schedule type: Automatic, CFG scale: 5, Seed: 42, "
    "Size: 1024x1024, Model hash: 67ab2fd8ec, Model: ponyDiffusionV6XL, "
    "Version: f2.0.1v1.10.1-previous-535-gb20cb4bf"
)

# ComfyUI's API graph: a first pass and a hires pass (the saved image comes from the second
# sampler), two LoRAs in the model chain, CLIP skip, a separate VAE, and an unused branch.
COMFYUI_GRAPH = {
    "4": {"class_type": "CheckpointLoaderSimple",
          "inputs": {"ckpt_name": "SDXL/juggernautXL_v9.safetensors"}},
    "10": {"class_type": "LoraLoader", "inputs": {
        "lora_name": "styles/add_detail.safetensors", "strength_model": 0.7,
        "strength_clip": 1.0, "model": ["4", 0], "clip": ["4", 1]}},
    "11": {"class_type": "LoraLoader", "inputs": {
        "lora_name": "watercolor_v1.safetensors", "strength_model": 0.35,
        "strength_clip": 0.35, "model": ["10", 0], "clip": ["10", 1]}},
    "12": {"class_type": "CLIPSetLastLayer", "inputs": {"stop_at_clip_layer": -2,
                                                         "clip": ["11", 1]}},
    "6": {"class_type": "CLIPTextEncode",
          "inputs": {"text": "a fox in a (snowy forest:1.2), watercolor", "clip": ["12", 0]}},
    "7": {"class_type": "CLIPTextEncode",
          "inputs": {"text": "blurry, text, watermark", "clip": ["12", 0]}},
    "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 1024, "height": 1024,
                                                        "batch_size": 1}},
    "3": {"class_type": "KSampler", "inputs": {
        "seed": 1234, "steps": 20, "cfg": 7.0, "sampler_name": "euler", "scheduler": "normal",
        "denoise": 1.0, "model": ["11", 0], "positive": ["6", 0], "negative": ["7", 0],
        "latent_image": ["5", 0]}},
    "20": {"class_type": "LatentUpscaleBy", "inputs": {"upscale_method": "nearest-exact",
                                                        "scale_by": 1.5, "samples": ["3", 0]}},
    "21": {"class_type": "KSampler", "inputs": {
        "seed": 18446744073709551615, "steps": 14, "cfg": 6.0,
        "sampler_name": "dpmpp_2m_sde_gpu", "scheduler": "karras", "denoise": 0.5,
        "model": ["11", 0], "positive": ["6", 0], "negative": ["7", 0],
        "latent_image": ["20", 0]}},
    "30": {"class_type": "VAELoader", "inputs": {"vae_name": "sdxl_vae.safetensors"}},
    "8": {"class_type": "VAEDecode", "inputs": {"samples": ["21", 0], "vae": ["30", 0]}},
    "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "ComfyUI",
                                                 "images": ["8", 0]}},
    # an unused branch: a sampler nothing saves
    "40": {"class_type": "KSampler", "inputs": {
        "seed": 5, "steps": 99, "cfg": 1.0, "sampler_name": "lcm", "scheduler": "simple",
        "denoise": 1.0, "model": ["4", 0], "positive": ["7", 0], "negative": ["6", 0],
        "latent_image": ["5", 0]}},
}  # fmt: skip
COMFYUI_WORKFLOW = {"last_node_id": 40, "last_link_id": 30, "nodes": [
    {"id": 3, "type": "KSampler", "widgets_values": [1234, "fixed", 20, 7, "euler", "normal", 1]},
], "links": [], "groups": [], "config": {}, "extra": {}, "version": 0.4}  # fmt: skip

# Flux in ComfyUI: SamplerCustomAdvanced with its noise, guider, sampler and sigmas nodes.
FLUX_GRAPH = {
    "12": {"class_type": "UNETLoader", "inputs": {"unet_name": "flux1-dev.safetensors",
                                                   "weight_dtype": "default"}},
    "11": {"class_type": "DualCLIPLoader", "inputs": {"clip_name1": "t5xxl_fp16.safetensors",
                                                       "clip_name2": "clip_l.safetensors",
                                                       "type": "flux"}},
    "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "neon city at night, rain",
                                                      "clip": ["11", 0]}},
    "26": {"class_type": "FluxGuidance", "inputs": {"guidance": 3.5, "conditioning": ["6", 0]}},
    "22": {"class_type": "BasicGuider", "inputs": {"model": ["12", 0],
                                                    "conditioning": ["26", 0]}},
    "25": {"class_type": "RandomNoise", "inputs": {"noise_seed": 219670278747233}},
    "16": {"class_type": "KSamplerSelect", "inputs": {"sampler_name": "euler"}},
    "17": {"class_type": "BasicScheduler", "inputs": {"scheduler": "simple", "steps": 20,
                                                       "denoise": 1.0, "model": ["12", 0]}},
    "27": {"class_type": "EmptySD3LatentImage", "inputs": {"width": 1024, "height": 1024,
                                                            "batch_size": 1}},
    "13": {"class_type": "SamplerCustomAdvanced", "inputs": {
        "noise": ["25", 0], "guider": ["22", 0], "sampler": ["16", 0], "sigmas": ["17", 0],
        "latent_image": ["27", 0]}},
    "8": {"class_type": "VAEDecode", "inputs": {"samples": ["13", 0], "vae": ["10", 0]}},
    "10": {"class_type": "VAELoader", "inputs": {"vae_name": "ae.safetensors"}},
    "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "flux", "images": ["8", 0]}},
}  # fmt: skip

INVOKEAI_METADATA = {
    "generation_mode": "sdxl_txt2img", "positive_prompt": "a lighthouse on a cliff, dramatic sky",
    "negative_prompt": "lowres", "width": 1024, "height": 1024, "seed": 3055906164,
    "rand_device": "cpu", "cfg_scale": 7.5, "cfg_rescale_multiplier": 0, "steps": 30,
    "scheduler": "dpmpp_2m_sde_k",
    "model": {"key": "8a1c", "hash": "blake3:2fe3", "name": "Juggernaut XL v9", "base": "sdxl",
              "type": "main"},
    "vae": {"key": "1b2", "hash": "blake3:aa", "name": "sdxl-vae-fp16-fix", "base": "sdxl",
            "type": "vae"},
    "loras": [{"model": {"key": "77", "hash": "blake3:cc", "name": "add-detail-xl",
                         "base": "sdxl", "type": "lora"}, "weight": 0.75}],
    "app_version": "5.4.3",
}  # fmt: skip

NOVELAI_COMMENT = {
    "prompt": "1girl, {{silver hair}}, kimono, cherry blossoms, best quality", "steps": 28,
    "height": 1216, "width": 832, "scale": 5.0, "uncond_scale": 1.0, "cfg_rescale": 0.0,
    "seed": 2887203510, "n_samples": 1, "noise_schedule": "karras",
    "sampler": "k_euler_ancestral", "sm": False, "sm_dyn": False,
    "uc": "lowres, bad anatomy, bad hands", "request_type": "PromptGenerateRequest",
    "signed_hash": "abc",
}  # fmt: skip

FOOOCUS_PARAMETERS = {
    "prompt": "cinematic photo of an astronaut riding a horse", "negative_prompt": "",
    "full_prompt": ["cinematic photo of an astronaut riding a horse, 35mm"],
    "full_negative_prompt": ["anime, cartoon"], "styles": "['Fooocus V2', 'Fooocus Enhance']",
    "performance": "Speed", "steps": 30, "resolution": "(1152, 896)", "guidance_scale": 4,
    "sharpness": 2, "adm_guidance": "(1.5, 0.8, 0.3)", "refiner_swap_method": "joint",
    "adaptive_cfg": 7, "clip_skip": 2, "base_model": "juggernautXL_v8Rundiffusion.safetensors",
    "base_model_hash": "aeb7e9e689", "refiner_model": "None", "refiner_switch": 0.5,
    "sampler": "dpmpp_2m_sde_gpu", "scheduler": "karras", "vae": "Default (model)",
    "seed": "7384513380286364386",
    "lora_combined_1": "sd_xl_offset_example-lora_1.0.safetensors : 0.1",
    "metadata_scheme": "fooocus", "version": "Fooocus v2.5.5",
}  # fmt: skip

SWARMUI_PARAMETERS = {
    "sui_image_params": {
        "prompt": "a red panda astronaut, studio lighting <lora:detail_tweaker>",
        "negativeprompt": "blurry", "images": 1, "seed": 1469519911, "steps": 25,
        "cfgscale": 6.5, "aspectratio": "1:1", "width": 1024, "height": 1024,
        "sampler": "dpmpp_2m", "scheduler": "karras",
        "model": "OfficialStableDiffusion/sd_xl_base_1.0", "clipstopatlayer": -2,
        "loras": ["detail_tweaker"], "loraweights": ["0.6"], "swarm_version": "0.9.4.0",
        "date": "2026-11-30", "generation_time": "0.01 (prep) and 4.12 (gen) seconds",
    },
    "sui_extra_data": {"date": "2026-11-30", "prep_time": "0.01 sec"},
    "sui_models": [
        {"name": "sd_xl_base_1.0.safetensors", "param": "model", "hash": "0x31e35c80fc4829d1"},
        {"name": "detail_tweaker.safetensors", "param": "loras", "hash": "0x7c6bad76eb54"},
    ],
}  # fmt: skip


def corpus() -> list[Sample]:
    return [
        Sample("a1111_png", png({"parameters": A1111_TEXT}), "image/png", A1111_EXPECTED),
        Sample("a1111_jpeg", with_user_comment("JPEG", piexif_unicode(A1111_TEXT)),
               "image/jpeg", A1111_EXPECTED),
        Sample("a1111_webp", with_user_comment("WEBP", piexif_unicode(A1111_TEXT)),
               "image/webp", A1111_EXPECTED),
        Sample("forge_png", png({"parameters": FORGE_TEXT}), "image/png", {
            "generator": "forge", "steps": 30, "cfg_scale": 5.0, "sampler": "euler_ancestral",
            "scheduler": None, "seed": 42, "model": "ponyDiffusionV6XL",
            "model_hash": "67ab2fd8ec", "prompt": "한복을 입은 소녀, 벚꽃, soft light"}),
        Sample("comfyui_png", png({"prompt": json.dumps(COMFYUI_GRAPH),
                                   "workflow": json.dumps(COMFYUI_WORKFLOW)}), "image/png", {
            "generator": "comfyui", "prompt": "a fox in a (snowy forest:1.2), watercolor",
            "negative_prompt": "blurry, text, watermark", "steps": 14, "cfg_scale": 6.0,
            "sampler": "dpmpp_2m_sde", "scheduler": "karras", "seed": -1,
            "model": "SDXL/juggernautXL_v9.safetensors", "vae": "sdxl_vae", "clip_skip": 2,
            "denoising_strength": 0.5, "hires_scale": 1.5, "hires_upscaler": "nearest-exact",
            "loras": [("add_detail", 0.7, None), ("watercolor_v1", 0.35, None)]}),
        Sample("comfyui_flux_png", png({"prompt": json.dumps(FLUX_GRAPH)}), "image/png", {
            "generator": "comfyui", "prompt": "neon city at night, rain", "steps": 20,
            "cfg_scale": 3.5, "sampler": "euler", "scheduler": "simple",
            "seed": 219670278747233, "model": "flux1-dev.safetensors", "vae": "ae",
            "negative_prompt": None, "loras": []}),
        Sample("invokeai_png", png({"invokeai_metadata": json.dumps(INVOKEAI_METADATA),
                                    "invokeai_graph": "{}"}), "image/png", {
            "generator": "invokeai", "prompt": "a lighthouse on a cliff, dramatic sky",
            "steps": 30, "cfg_scale": 7.5, "sampler": "dpmpp_2m_sde", "scheduler": "karras",
            "seed": 3055906164, "model": "Juggernaut XL v9", "model_hash": "blake3:2fe3",
            "vae": "sdxl-vae-fp16-fix", "loras": [("add-detail-xl", 0.75, "blake3:cc")]}),
        Sample("novelai_png", png({
            "Title": "NovelAI generated image", "Description": NOVELAI_COMMENT["prompt"],
            "Software": "NovelAI", "Source": "Stable Diffusion XL C1E1DE52",
            "Generation time": "6.1", "Comment": json.dumps(NOVELAI_COMMENT)}), "image/png", {
            "generator": "novelai", "prompt": NOVELAI_COMMENT["prompt"], "steps": 28,
            "cfg_scale": 5.0, "sampler": "euler_ancestral", "scheduler": "karras",
            "seed": 2887203510, "model": "Stable Diffusion XL", "model_hash": "C1E1DE52",
            "negative_prompt": "lowres, bad anatomy, bad hands"}),
        Sample("fooocus_png", png({"parameters": json.dumps(FOOOCUS_PARAMETERS),
                                   "fooocus_scheme": "fooocus"}), "image/png", {
            "generator": "fooocus", "prompt": FOOOCUS_PARAMETERS["prompt"], "steps": 30,
            "cfg_scale": 4.0, "sampler": "dpmpp_2m_sde", "scheduler": "karras",
            "seed": 7384513380286364386, "model": "juggernautXL_v8Rundiffusion",
            "model_hash": "aeb7e9e689", "vae": None, "clip_skip": 2, "negative_prompt": None,
            "loras": [("sd_xl_offset_example-lora_1.0", 0.1, None)]}),
        Sample("swarmui_png", png({"parameters": json.dumps(SWARMUI_PARAMETERS)}), "image/png",
               {"generator": "swarmui", "steps": 25, "cfg_scale": 6.5, "sampler": "dpmpp_2m",
                "scheduler": "karras", "seed": 1469519911,
                "model": "OfficialStableDiffusion/sd_xl_base_1.0",
                "model_hash": "0x31e35c80fc4829d1", "clip_skip": 2, "negative_prompt": "blurry",
                "loras": [("detail_tweaker", 0.6, "0x7c6bad76eb54")]}),
    ]  # fmt: skip


def malformed() -> list[Sample]:
    """Files a tool could not have written, or wrote and then lost bytes of: each must
    ingest, its typed fields empty (or what could be read)."""
    graph = json.dumps(COMFYUI_GRAPH)
    return [
        Sample("comfyui_truncated_json", png({"prompt": graph[: len(graph) // 2]}), "image/png"),
        Sample("comfyui_no_sampler", png({"prompt": json.dumps({"1": {
            "class_type": "SaveImage", "inputs": {"images": ["1", 0]}}})}), "image/png"),
        Sample("a1111_garbage_numbers", png({"parameters": "a cat\nSteps: many, CFG scale: "
               "NaN, Seed: 99999999999999999999999, Clip skip: -4, Denoising strength: 7"}),
               "image/png", {"steps": None, "cfg_scale": None, "seed": None,
                             "clip_skip": None, "denoising_strength": None}),
        Sample("invokeai_wrong_types", png({"invokeai_metadata": json.dumps({
            "positive_prompt": "x", "steps": "thirty", "cfg_scale": [7], "seed": {"a": 1},
            "model": 5, "loras": [1, {"model": None}, {"weight": "heavy"}]})}), "image/png",
               {"steps": None, "cfg_scale": None, "seed": None, "model": None, "loras": []}),
        Sample("novelai_comment_not_json", png({"Software": "NovelAI",
                                                "Comment": "{'prompt': 'x'"}), "image/png"),
        Sample("user_comment_odd_utf16", with_user_comment(
            "JPEG", b"UNICODE\x00" + "a cat\nSteps: 20".encode("utf-16-be")[:-1]),
               "image/jpeg"),
        Sample("swarmui_params_not_object", png({"parameters": json.dumps(
            {"sui_image_params": ["prompt"]})}), "image/png"),
    ]  # fmt: skip
