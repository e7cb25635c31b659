"""Prompt and generation parameters written into PNG text chunks by the common tools:
AUTOMATIC1111 (``parameters``), InvokeAI (``invokeai_metadata``), ComfyUI (``prompt``)."""

import json
import re
from dataclasses import dataclass, field
from typing import Any

_MAX_PROMPT = 20_000


@dataclass
class GenerationMetadata:
    prompt: str | None = None
    negative_prompt: str | None = None
    model: str | None = None
    seed: int | None = None
    params: dict[str, Any] = field(default_factory=dict)
    source: str | None = None


def from_png_text(text: dict[str, str]) -> GenerationMetadata:
    """What the image's text chunks say about how it was made (empty if nothing)."""
    for key, parse in (("parameters", _automatic1111), ("invokeai_metadata", _invokeai),
                       ("prompt", _comfyui)):  # fmt: skip
        if key in text:
            try:
                found = parse(text[key])
            except (ValueError, TypeError, KeyError, AttributeError):
                continue  # someone else's chunk of that name: not ours to fail on
            if found.prompt is not None:
                found.source = key
                return _clean(found)
    return GenerationMetadata()


def _clean(meta: GenerationMetadata) -> GenerationMetadata:
    def text(value):
        if not isinstance(value, str):
            return None
        value = value.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
        return value[:_MAX_PROMPT].strip()

    meta.prompt = text(meta.prompt) or ""
    meta.negative_prompt = text(meta.negative_prompt) or None
    meta.model = (text(meta.model) or "")[:255] or None
    if not isinstance(meta.seed, int) or not -(2**63) <= meta.seed < 2**63:
        meta.seed = None
    # jsonb holds neither NUL nor lone surrogates; parameters are small
    params = json.dumps(meta.params, ensure_ascii=False).replace("\\u0000", "")
    params = params.encode("utf-8", "replace").decode("utf-8")
    meta.params = json.loads(params) if len(params) <= 16_384 else {}
    return meta


_A1111_PAIR = re.compile(r'\s*([\w ]+):\s*("(?:\\.|[^\\"])*"|[^,]*)(?:,|$)')


def _automatic1111(raw: str) -> GenerationMetadata:
    """``prompt\\nNegative prompt: …\\nSteps: 20, Sampler: Euler a, Seed: 1, Model: x``."""
    lines = raw.strip().split("\n")
    settings_line = lines[-1] if len(lines) > 1 and _A1111_PAIR.match(lines[-1]) else ""
    body = lines[:-1] if settings_line else lines
    prompt_lines, negative_lines, in_negative = [], [], False
    for line in body:
        if line.startswith("Negative prompt:"):
            in_negative = True
            line = line[len("Negative prompt:") :].strip()
        (negative_lines if in_negative else prompt_lines).append(line)
    params = {k.strip(): v.strip().strip('"') for k, v in _A1111_PAIR.findall(settings_line)}
    seed = params.pop("Seed", None)
    return GenerationMetadata(
        prompt="\n".join(prompt_lines),
        negative_prompt="\n".join(negative_lines) or None,
        model=params.pop("Model", None),
        seed=int(seed) if seed and seed.lstrip("-").isdigit() else None,
        params=params,
    )


def _invokeai(raw: str) -> GenerationMetadata:
    data = json.loads(raw)
    model = data.get("model")
    if isinstance(model, dict):
        model = model.get("name") or model.get("model_name")
    keys = ("steps", "cfg_scale", "scheduler", "width", "height", "generation_mode")
    return GenerationMetadata(
        prompt=data.get("positive_prompt") or "",
        negative_prompt=data.get("negative_prompt"),
        model=model if isinstance(model, str) else None,
        seed=data.get("seed") if isinstance(data.get("seed"), int) else None,
        params={k: data[k] for k in keys if k in data},
    )


def _comfyui(raw: str) -> GenerationMetadata:
    """ComfyUI's API graph: follow the sampler's positive/negative links to their text."""
    graph = json.loads(raw)
    nodes = {k: v for k, v in graph.items() if isinstance(v, dict) and "inputs" in v}

    def text_of(link) -> str | None:
        if isinstance(link, list) and link and str(link[0]) in nodes:
            node = nodes[str(link[0])]
            value = node["inputs"].get("text") or node["inputs"].get("text_g")
            if isinstance(value, str):
                return value
            return text_of(node["inputs"].get("conditioning"))
        return None

    samplers = [n for n in nodes.values() if "sampler" in n.get("class_type", "").lower()
                and "positive" in n["inputs"]]  # fmt: skip
    if not samplers:
        raise ValueError("no sampler in the graph")
    inputs = samplers[0]["inputs"]
    checkpoints = [n["inputs"].get("ckpt_name") for n in nodes.values()
                   if "checkpoint" in n.get("class_type", "").lower()]  # fmt: skip
    seed = inputs.get("seed", inputs.get("noise_seed"))
    keys = ("steps", "cfg", "sampler_name", "scheduler", "denoise")
    return GenerationMetadata(
        prompt=text_of(inputs.get("positive")) or "",
        negative_prompt=text_of(inputs.get("negative")),
        model=checkpoints[0] if checkpoints and isinstance(checkpoints[0], str) else None,
        seed=seed if isinstance(seed, int) else None,
        params={k: inputs[k] for k in keys if k in inputs and not isinstance(inputs[k], list)},
    )
