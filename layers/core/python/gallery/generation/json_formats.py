"""The tools that write JSON: InvokeAI (``invokeai_metadata``), NovelAI (``Comment``, with
``Software: NovelAI``), SwarmUI (``sui_image_params`` in ``parameters``) and Fooocus (its
scheme's JSON in ``parameters``, ``fooocus_scheme`` beside it); and the upload API's own
``params``, which our generation service fills with the same names."""

import json
from typing import Any

from gallery.generation.record import (
    Generation,
    Lora,
    as_float,
    as_int,
    clean_text,
    seed_of,
    short_name,
)
from gallery.generation.samplers import sampler_ids


def _object(raw: str) -> dict[str, Any]:
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return data


def _name(value: object) -> str | None:
    """A model as the tools nest it: a string, or {name | model_name | key}."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("model_name")
    return clean_text(value, 255)


def _scalars(data: dict, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """What is left of a tool's JSON for ``params``: its small scalar fields."""

    def small(value: object) -> bool:
        return isinstance(value, int | float | bool) or (
            isinstance(value, str) and len(value) <= 500
        )

    return {k: v for k, v in data.items() if isinstance(k, str) and k not in skip and small(v)}


def invokeai(raw: str) -> Generation:
    data = _object(raw)
    sampler, scheduler = sampler_ids(data.get("scheduler"))
    loras = []
    for item in data.get("loras") or []:
        if isinstance(item, dict):
            model = item.get("model") or item.get("lora") or {}
            name = short_name(_name(model) or item.get("name"))
            if name:
                digest = model.get("hash") if isinstance(model, dict) else None
                loras.append(Lora(name, as_float(item.get("weight"), -100, 100) or 1.0,
                                  clean_text(digest, 128)))  # fmt: skip
    model = data.get("model")
    return Generation(
        generator="invokeai",
        prompt=data.get("positive_prompt") or "",
        negative_prompt=data.get("negative_prompt"),
        steps=as_int(data.get("steps"), 1, 10_000),
        cfg_scale=as_float(data.get("cfg_scale"), 0, 100),
        sampler=sampler,
        scheduler=scheduler,
        seed=seed_of(data.get("seed")),
        model=_name(model),
        model_hash=clean_text(model.get("hash"), 128) if isinstance(model, dict) else None,
        vae=short_name(_name(data.get("vae"))),
        loras=loras,
        clip_skip=as_int(data.get("clip_skip"), 1, 24),
        denoising_strength=as_float(data.get("strength"), 0, 1),
        params=_scalars(data, ("positive_prompt", "negative_prompt", "seed")),
    )


def novelai(raw: str, source: str | None = None) -> Generation:
    """NovelAI's ``Comment``; v4 keeps the prompts in ``v4_prompt``/``v4_negative_prompt``."""
    data = _object(raw)
    prompt = data.get("prompt")
    caption = (
        (data.get("v4_prompt") or {}).get("caption")
        if isinstance(data.get("v4_prompt"), dict)
        else None
    )
    if not isinstance(prompt, str) and isinstance(caption, dict):
        prompt = caption.get("base_caption")
    sampler, scheduler = sampler_ids(data.get("sampler"), data.get("noise_schedule"))
    model = None
    if isinstance(source, str) and source.strip():
        # "Stable Diffusion XL C1E1DE52": the model, then an 8-digit hash
        name, _, digest = source.strip().rpartition(" ")
        model, model_hash = (name, digest) if len(digest) == 8 and name else (source, None)
    return Generation(
        generator="novelai",
        prompt=prompt if isinstance(prompt, str) else "",
        negative_prompt=data.get("uc") if isinstance(data.get("uc"), str) else None,
        steps=as_int(data.get("steps"), 1, 10_000),
        cfg_scale=as_float(data.get("scale"), 0, 100),
        sampler=sampler,
        scheduler=scheduler,
        seed=seed_of(data.get("seed")),
        model=clean_text(model, 255),
        model_hash=clean_text(model_hash, 128) if model else None,
        denoising_strength=as_float(data.get("strength"), 0, 1),
        params=_scalars(data, ("prompt", "uc", "seed", "signed_hash")),
    )


def swarmui(data: dict) -> Generation:
    params = data.get("sui_image_params")
    if not isinstance(params, dict):
        raise ValueError("no sui_image_params")
    names = params.get("loras") or []
    weights = params.get("loraweights") or []
    hashes = {}
    for model in data.get("sui_models") or []:
        if isinstance(model, dict) and isinstance(model.get("name"), str):
            hashes[short_name(model["name"])] = clean_text(model.get("hash"), 128)
    loras = [
        Lora(short_name(name), as_float(weight, -100, 100) if weight is not None else 1.0,
             hashes.get(short_name(name)))
        for name, weight in zip(names, list(weights) + [None] * len(names), strict=False)
        if short_name(name)
    ]  # fmt: skip
    sampler, scheduler = sampler_ids(params.get("sampler"), params.get("scheduler"))
    clip = as_int(params.get("clipstopatlayer"), -24, 24)
    model = clean_text(params.get("model"), 255)
    return Generation(
        generator="swarmui",
        prompt=params.get("prompt") or "",
        negative_prompt=params.get("negativeprompt"),
        steps=as_int(params.get("steps"), 1, 10_000),
        cfg_scale=as_float(params.get("cfgscale"), 0, 100),
        sampler=sampler,
        scheduler=scheduler,
        seed=seed_of(params.get("seed")),
        model=model,
        model_hash=hashes.get(short_name(model)) if model else None,
        vae=short_name(params.get("vae")) if params.get("vae") not in (None, "None") else None,
        loras=loras,
        clip_skip=abs(clip) if clip else None,  # SwarmUI counts from the end: -2 is skip 2
        denoising_strength=as_float(params.get("initimagecreativity"), 0, 1),
        hires_scale=as_float(params.get("refinerupscale"), 0, 16),
        params=_scalars(params, ("prompt", "negativeprompt", "seed")),
    )


def fooocus(data: dict) -> Generation:
    sampler, scheduler = sampler_ids(data.get("sampler"), data.get("scheduler"))
    loras = []
    for key, value in data.items():
        # "lora_combined_1": "sd_xl_offset_example-lora_1.0.safetensors : 0.1"
        if isinstance(key, str) and key.startswith("lora_combined_") and isinstance(value, str):
            name, _, weight = value.rpartition(" : ")
            if short_name(name):
                loras.append(Lora(short_name(name), as_float(weight, -100, 100) or 1.0))
    return Generation(
        generator="fooocus",
        prompt=data.get("prompt") or "",
        negative_prompt=data.get("negative_prompt") or None,
        steps=as_int(data.get("steps"), 1, 10_000),
        cfg_scale=as_float(data.get("guidance_scale"), 0, 100),
        sampler=sampler,
        scheduler=scheduler,
        seed=seed_of(data.get("seed")),
        model=short_name(data.get("base_model")),
        model_hash=clean_text(data.get("base_model_hash"), 128),
        vae=None if data.get("vae") in (None, "Default (model)") else short_name(data["vae"]),
        loras=loras,
        clip_skip=as_int(data.get("clip_skip"), 1, 24),
        params=_scalars(data, ("prompt", "negative_prompt", "seed", "full_prompt",
                               "full_negative_prompt")),
    )  # fmt: skip


def from_params(params: dict[str, Any]) -> Generation:
    """The upload API's ``params`` as our generation service (and most scripts) name them:
    ``steps``, ``cfg_scale`` (or ``cfg``, ``guidance_scale``), ``sampler`` (or
    ``sampler_name``), ``scheduler``, ``model_hash``, ``vae``, ``clip_skip``,
    ``denoising_strength``, ``loras`` [{name, weight, hash}], ``generator``; A1111's own keys
    ("Steps", "CFG scale", "Sampler") too, as the dashboard once stored them."""

    def first(*keys: str):
        return next((params[k] for k in keys if params.get(k) is not None), None)

    sampler, scheduler = sampler_ids(
        first("sampler", "sampler_name", "Sampler"),
        first("scheduler", "Schedule type", "noise_schedule"),
    )
    loras = []
    for item in params.get("loras") or []:
        if isinstance(item, dict) and short_name(item.get("name")):
            loras.append(Lora(short_name(item["name"]),
                              as_float(item.get("weight"), -100, 100) or 1.0,
                              clean_text(item.get("hash"), 128)))  # fmt: skip
    generator = first("generator")
    return Generation(
        generator=generator if isinstance(generator, str) and generator in _KNOWN else "unknown",
        steps=as_int(first("steps", "Steps"), 1, 10_000),
        cfg_scale=as_float(first("cfg_scale", "cfg", "guidance_scale", "CFG scale"), 0, 100),
        sampler=sampler,
        scheduler=scheduler,
        model_hash=clean_text(first("model_hash", "Model hash"), 128),
        vae=short_name(first("vae", "VAE")),
        loras=loras,
        clip_skip=as_int(first("clip_skip", "Clip skip"), 1, 24),
        denoising_strength=as_float(
            first("denoising_strength", "denoise", "Denoising strength"), 0, 1
        ),
        hires_upscaler=clean_text(first("hires_upscaler", "Hires upscaler"), 255),
        hires_scale=as_float(first("hires_scale", "Hires upscale"), 0, 16),
    )


_KNOWN = frozenset({"a1111", "forge", "comfyui", "invokeai", "novelai", "fooocus", "swarmui"})
