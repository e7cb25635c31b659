"""Prompt and generation parameters written into PNG text chunks by the common tools:
AUTOMATIC1111 (``parameters``), InvokeAI (``invokeai_metadata``), ComfyUI (``prompt``).

The chunks are the uploader's bytes: every parser runs in linear time over a bounded chunk,
walks graphs without recursion, and no chunk can fail an image (unreadable metadata is
logged and left empty)."""

import json
from dataclasses import dataclass, field
from typing import Any

_MAX_PROMPT = 20_000
# Far above what the tools write (A1111 ~2 KB, a ComfyUI API graph ~10-100 KB).
MAX_CHUNK_CHARS = 512 * 1024


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
        if key not in text:
            continue
        if len(text[key]) > MAX_CHUNK_CHARS:
            _unreadable(key, "larger than the metadata bound")
            continue
        try:
            found = parse(text[key])
            if found.prompt is not None:
                found.source = key
                return _clean(found)
        except Exception as error:
            _unreadable(key, type(error).__name__)  # someone else's chunk of that name
    return GenerationMetadata()


def _unreadable(key: str, reason: str) -> None:
    from gallery.observability import logger

    logger.info("generation metadata left out", extra={"chunk": key, "reason": reason})


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


def _settings_pairs(line: str) -> list[tuple[str, str]]:
    """``Steps: 20, Sampler: Euler a, Lora hashes: "a: 1, b: 2"`` as (key, value) pairs, in
    one pass (a regular expression backtracked quadratically on long lines); a stretch that
    is not ``key: value`` is skipped up to its comma."""
    pairs, at, end = [], 0, len(line)
    colon = -1
    while at < end:
        if colon < at:  # each search starts past the last: the line is read once
            colon = line.find(":", at)
        comma = line.find(",", at)
        if colon < 0:
            break
        if 0 <= comma < colon:  # no pair before this comma
            at = comma + 1
            continue
        key = line[at:colon].strip()
        at = colon + 1
        while at < end and line[at] == " ":
            at += 1
        if at < end and line[at] == '"':  # a quoted value may hold commas, \" escapes
            close, at = at + 1, at + 1
            while close < end and line[close] != '"':
                close += 2 if line[close] == "\\" else 1
            value, at = line[at:close], close + 1
            comma = line.find(",", at)
        else:
            comma = line.find(",", at)
            value = line[at : comma if comma >= 0 else end]
        at = comma + 1 if comma >= 0 else end
        if _is_settings_key(key):
            pairs.append((key, value.strip()))
    return pairs


def _is_settings_key(text: str) -> bool:
    """``Steps``, ``CFG scale``, ``Lora hashes``: words, spaces and underscores."""
    return bool(text.strip()) and all(c.isalnum() or c in " _" for c in text)


def _automatic1111(raw: str) -> GenerationMetadata:
    """``prompt\\nNegative prompt: …\\nSteps: 20, Sampler: Euler a, Seed: 1, Model: x``."""
    lines = raw.strip().split("\n")
    last = lines[-1]
    is_settings = ":" in last and _is_settings_key(last.split(":", 1)[0])
    settings_line = last if len(lines) > 1 and is_settings else ""
    body = lines[:-1] if settings_line else lines
    prompt_lines, negative_lines, in_negative = [], [], False
    for line in body:
        if line.startswith("Negative prompt:"):
            in_negative = True
            line = line[len("Negative prompt:") :].strip()
        (negative_lines if in_negative else prompt_lines).append(line)
    params = dict(_settings_pairs(settings_line))
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
        """Follows conditioning links back to a text node; a graph may loop (visited)."""
        seen = set()
        while isinstance(link, list) and link and str(link[0]) in nodes:
            if str(link[0]) in seen:
                return None
            seen.add(str(link[0]))
            node = nodes[str(link[0])]
            value = node["inputs"].get("text") or node["inputs"].get("text_g")
            if isinstance(value, str):
                return value
            link = node["inputs"].get("conditioning")
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
