"""Generation data: what an image's embedded chunks, or its upload's ``params``, say about
how it was made, typed and normalised (gallery.generation.record.Generation).

The chunks are the uploader's bytes: every parser runs in linear time over a bounded chunk,
walks graphs without recursion, and no chunk can fail an image (unreadable metadata is
logged and left empty)."""

import json
from collections.abc import Callable

from gallery.generation import a1111, comfyui, json_formats
from gallery.generation.record import Generation, Lora, clean_text

__all__ = ["Generation", "Lora", "for_upload", "from_params", "read_embedded"]

# Far above what the tools write (A1111 ~2 KB, a ComfyUI API graph ~10-100 KB).
MAX_CHUNK_CHARS = 512 * 1024
# What is kept raw per image, for recall and for parsing again; a larger workflow is dropped.
MAX_RAW_CHARS = 256 * 1024
# The chunks the parsers read or recall gives back, in the order they are tried.
_KEPT = ("parameters", "UserComment", "invokeai_metadata", "prompt", "workflow", "Comment",
         "Software", "Source", "fooocus_scheme")  # fmt: skip


def _parameters(raw: str, chunks: dict[str, str]) -> Generation:
    """The ``parameters`` chunk (or EXIF UserComment): A1111's text, or SwarmUI's or
    Fooocus' JSON."""
    if not raw.lstrip().startswith("{"):
        return a1111.parse(raw)
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    if "sui_image_params" in data:
        return json_formats.swarmui(data)
    if (
        chunks.get("fooocus_scheme")
        or data.get("metadata_scheme") == "fooocus"
        or ("base_model" in data and "guidance_scale" in data)
    ):
        return json_formats.fooocus(data)
    raise ValueError("JSON of an unknown tool")


def _readers(chunks: dict[str, str]) -> list[tuple[str, Callable[[str], Generation]]]:
    readers = [
        ("parameters", lambda raw: _parameters(raw, chunks)),
        ("UserComment", lambda raw: _parameters(raw, chunks)),
        ("invokeai_metadata", json_formats.invokeai),
        ("prompt", comfyui.parse),
    ]
    if "novelai" in chunks.get("Software", "").lower():
        readers.append(("Comment", lambda raw: json_formats.novelai(raw, chunks.get("Source"))))
    return readers


def read_embedded(chunks: dict[str, str]) -> Generation | None:
    """What the image's own chunks (PNG text, EXIF UserComment as "UserComment") say; None
    when no tool we know wrote them."""
    for key, parse in _readers(chunks):
        if key not in chunks:
            continue
        if len(chunks[key]) > MAX_CHUNK_CHARS:
            _unreadable(key, "larger than the metadata bound")
            continue
        try:
            found = parse(chunks[key])
        except Exception as error:  # someone else's chunk of that name, or a broken one
            _unreadable(key, type(error).__name__)
            continue
        if found.prompt is not None:
            found.raw = _raw(chunks)
            return _clean(found)
    return None


def from_params(params: dict | None) -> Generation:
    """The typed fields of an upload's ``params`` (the request's prompt, model and seed are
    its own fields)."""
    return _clean(json_formats.from_params(params or {}))


def for_upload(declared: dict, chunks: dict[str, str]) -> Generation:
    """An upload's generation data: what its request said (``declared``: prompt,
    negative_prompt, model, seed, params) wins field by field; the file's own chunks fill
    in what it left out."""
    typed = from_params(declared.get("params"))
    embedded = read_embedded(chunks) or Generation(generator=typed.generator)
    merged = Generation(**{
        name: getattr(typed, name) if getattr(typed, name) is not None else getattr(embedded, name)
        for name in ("steps", "cfg_scale", "sampler", "scheduler", "model_hash", "vae",
                     "clip_skip", "denoising_strength", "hires_upscaler", "hires_scale")
    })  # fmt: skip
    merged.generator = embedded.generator
    merged.prompt = declared.get("prompt") or embedded.prompt or ""
    merged.negative_prompt = declared.get("negative_prompt") or embedded.negative_prompt
    merged.model = declared.get("model") or embedded.model
    merged.seed = declared["seed"] if declared.get("seed") is not None else embedded.seed
    merged.loras = typed.loras or embedded.loras
    merged.params = declared.get("params") or embedded.params
    merged.raw = embedded.raw
    return merged


def _raw(chunks: dict[str, str]) -> dict[str, str]:
    kept = {k: clean_text(chunks[k], MAX_CHUNK_CHARS) or "" for k in _KEPT if k in chunks}
    if sum(map(len, kept.values())) > MAX_RAW_CHARS:
        kept.pop("workflow", None)
    return kept if sum(map(len, kept.values())) <= MAX_RAW_CHARS else {}


def _unreadable(key: str, reason: str) -> None:
    from gallery.observability import logger

    logger.info("generation metadata left out", extra={"chunk": key, "reason": reason})


def _clean(found: Generation) -> Generation:
    found.prompt = clean_text(found.prompt) or ""
    found.negative_prompt = clean_text(found.negative_prompt)
    found.model = clean_text(found.model, 255)
    for name in ("sampler", "scheduler", "model_hash", "vae", "hires_upscaler"):
        setattr(found, name, clean_text(getattr(found, name), 255))
    found.loras = [Lora(clean_text(lora.name, 255), lora.weight, clean_text(lora.hash, 128))
                   for lora in found.loras[:50] if clean_text(lora.name, 255)]  # fmt: skip
    # jsonb holds neither NUL nor lone surrogates; parameters are small
    params = json.dumps(found.params, ensure_ascii=False).replace("\\u0000", "")
    params = params.encode("utf-8", "replace").decode("utf-8")
    found.params = json.loads(params) if len(params) <= 16_384 else {}
    return found
