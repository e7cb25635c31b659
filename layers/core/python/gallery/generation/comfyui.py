"""ComfyUI's API graph (the ``prompt`` chunk): walked back from the image it saved to the
sampler that made it, then from that sampler to its prompts, model, LoRAs, VAE and
schedule. A graph can hold several samplers (a hires pass, an unused branch): the one
nearest the saved image is the one used. The ``workflow`` chunk (the editor's layout) is
kept raw for recall.

The graph is the uploader's JSON: every walk is breadth-first over a visited set, so a
graph that loops or nests deeply costs at most one visit per node."""

import json
from collections import deque
from collections.abc import Iterator
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

_OUTPUTS = ("SaveImage", "Image Save", "SaveImageWebsocket", "PreviewImage")
_TEXT_KEYS = ("text", "text_g", "text_l", "prompt", "string", "value")
# Inputs that carry conditioning toward a prompt (not the CLIP model, not images); a node
# with both sides (ControlNetApplyAdvanced) is followed on the side being read.
_CONDITIONING = ("conditioning", "conditioning_1", "conditioning_2", "conditioning_to",
                 "conditioning_from", "base_conditioning")  # fmt: skip


def _link(value: object) -> str | None:
    """``["4", 0]``: the id of the node an input comes from."""
    if isinstance(value, list) and len(value) == 2 and isinstance(value[1], int):
        return str(value[0])
    return None


class Graph:
    def __init__(self, raw: str):
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError("not a graph")
        self.nodes = {
            str(k): v for k, v in data.items()
            if isinstance(v, dict) and isinstance(v.get("inputs"), dict)
        }  # fmt: skip

    def kind(self, node_id: str) -> str:
        kind = self.nodes[node_id].get("class_type")
        return kind if isinstance(kind, str) else ""

    def inputs(self, node_id: str) -> dict[str, Any]:
        return self.nodes[node_id]["inputs"]

    def walk(self, start: object, through: tuple[str, ...] | None = None) -> Iterator[str]:
        """Node ids from the node ``start`` links to, breadth first, following the inputs
        named ``through`` (every link when None), each node once."""
        first = _link(start) if not isinstance(start, str) else start
        queue = deque([first] if first in self.nodes else [])
        seen = set(queue)
        while queue:
            node_id = queue.popleft()
            yield node_id
            for name, value in self.inputs(node_id).items():
                target = _link(value)
                if (
                    target in self.nodes
                    and target not in seen
                    and (through is None or name in through)
                ):
                    seen.add(target)
                    queue.append(target)

    def value(self, value: object) -> object:
        """A literal input, or the literal a primitive node it links to holds."""
        target = _link(value)
        if target is None:
            return value
        for node_id in self.walk(target):
            for key in ("value", "seed", "noise_seed", "int", "float", "number", "string",
                        "text", "sampler_name", "scheduler"):  # fmt: skip
                found = self.inputs(node_id).get(key)
                if found is not None and _link(found) is None:
                    return found
        return None


def _is_sampler(graph: Graph, node_id: str) -> bool:
    kind = graph.kind(node_id).lower()
    inputs = graph.inputs(node_id)
    return "sampler" in kind and ("positive" in inputs or "guider" in inputs)


def _used_sampler(graph: Graph) -> str:
    outputs = sorted(
        (n for n in graph.nodes if graph.kind(n) in _OUTPUTS),
        key=lambda n: (_OUTPUTS.index(graph.kind(n)), n),
    )
    for output in outputs:
        for node_id in graph.walk(output):
            if _is_sampler(graph, node_id):
                return node_id
    # no saved image leads to one: the first sampler of the graph
    for node_id in sorted(graph.nodes):
        if _is_sampler(graph, node_id):
            return node_id
    raise ValueError("no sampler in the graph")


def _text(graph: Graph, start: object, side: str) -> str | None:
    """The prompt text a conditioning input comes from (``side``: positive or negative);
    combined prompts joined by ", "."""
    texts = []
    for node_id in graph.walk(start, through=(*_CONDITIONING, side)):
        inputs = graph.inputs(node_id)
        for key in (*_TEXT_KEYS, side):  # Efficient Loader: "positive": "the text"
            if key not in inputs or (_link(inputs[key]) and key == side):
                continue
            text = graph.value(inputs[key])
            if isinstance(text, str) and text.strip():
                texts.append(text)
                break
    return ", ".join(dict.fromkeys(texts)) or None


def _model_chain(graph: Graph, start: object) -> tuple[str | None, list[Lora]]:
    model, loras = None, []
    for node_id in graph.walk(start, through=("model", "unet", "base_model")):
        inputs = graph.inputs(node_id)
        if "lora_name" in inputs:
            weight = as_float(graph.value(inputs.get("strength_model", 1.0)), -100, 100)
            name = short_name(graph.value(inputs["lora_name"]))
            if name and weight != 0:
                loras.append(Lora(name, 1.0 if weight is None else weight))
        for value in inputs.values():  # rgthree's Power Lora Loader: {"on", "lora", "strength"}
            if isinstance(value, dict) and "lora" in value and value.get("on", True):
                name = short_name(value.get("lora"))
                if name:
                    loras.append(Lora(name, as_float(value.get("strength"), -100, 100) or 1.0))
        for key in ("ckpt_name", "unet_name", "model_name"):
            if model is None and isinstance(graph.value(inputs.get(key)), str):
                model = clean_text(graph.value(inputs[key]), 255)
    return model, loras[::-1]  # walked from the sampler back: applied in the other order


def _clip_skip(graph: Graph, start: object) -> int | None:
    for node_id in graph.walk(start, through=(*_CONDITIONING, "positive", "clip")):
        layer = as_int(graph.value(graph.inputs(node_id).get("stop_at_clip_layer")), -24, -1)
        if layer is not None:
            return -layer
    return None


def parse(raw: str) -> Generation:
    graph = Graph(raw)
    sampler_id = _used_sampler(graph)
    inputs = graph.inputs(sampler_id)
    parts = {"sampler": sampler_id}
    for key in ("guider", "noise", "sampler", "sigmas"):  # SamplerCustomAdvanced's parts
        target = _link(inputs.get(key))
        if target in graph.nodes:
            parts[key] = target
    guider = graph.inputs(parts["guider"]) if "guider" in parts else inputs
    schedule = graph.inputs(parts["sigmas"]) if "sigmas" in parts else inputs
    noise = graph.inputs(parts["noise"]) if "noise" in parts else inputs
    chosen = graph.inputs(parts["sampler"]) if "sampler" in parts else inputs

    def pick(source: dict, *keys: str) -> object:
        return next((graph.value(source[k]) for k in keys if k in source), None)

    positive = guider.get("positive", guider.get("conditioning"))
    sampler, scheduler = sampler_ids(pick(chosen, "sampler_name"), pick(schedule, "scheduler"))
    if scheduler is None and "karras" in graph.kind(parts.get("sigmas", sampler_id)).lower():
        scheduler = "karras"
    model, loras = _model_chain(graph, guider.get("model"))
    cfg = as_float(pick(guider, "cfg"), 0, 100)
    if cfg is None or cfg == 1.0:  # Flux: the guidance is a conditioning node's
        for node_id in graph.walk(positive, through=(*_CONDITIONING, "positive")):
            guidance = as_float(graph.value(graph.inputs(node_id).get("guidance")), 0, 100)
            if guidance is not None:
                cfg = guidance
                break
    vae, upscaler, scale = None, None, None
    output_side = [n for o in graph.nodes if graph.kind(o) in _OUTPUTS for n in graph.walk(o)]
    for node_id in output_side + list(graph.walk(inputs.get("latent_image"))):
        node_inputs = graph.inputs(node_id)
        vae = vae or short_name(graph.value(node_inputs.get("vae_name")))
        upscaler = upscaler or clean_text(graph.value(node_inputs.get("upscale_method")), 255)
        if "UpscaleModelLoader" in graph.kind(node_id):
            upscaler = clean_text(graph.value(node_inputs.get("model_name")), 255)
        scale = scale or as_float(graph.value(node_inputs.get("scale_by")), 0, 16)
    return Generation(
        generator="comfyui",
        prompt=_text(graph, positive, "positive") or "",
        negative_prompt=_text(graph, guider.get("negative"), "negative"),
        steps=as_int(pick(schedule, "steps"), 1, 10_000),
        cfg_scale=cfg,
        sampler=sampler,
        scheduler=scheduler,
        seed=seed_of(pick(noise, "seed", "noise_seed")),
        model=model,
        vae=vae,
        loras=loras,
        clip_skip=_clip_skip(graph, positive),
        denoising_strength=as_float(pick(schedule, "denoise"), 0, 1),
        hires_upscaler=upscaler if scale else None,
        hires_scale=scale,
        params={
            k: v
            for k in ("steps", "cfg", "sampler_name", "scheduler", "denoise")
            if (v := inputs.get(k)) is not None and not isinstance(v, list)
        },
    )
