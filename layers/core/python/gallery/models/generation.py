"""How an image was made, typed and normalised (gallery.generation)."""

from typing import Literal
from uuid import UUID

from pydantic import BaseModel

Generator = Literal["a1111", "forge", "comfyui", "invokeai", "novelai", "fooocus", "swarmui",
                    "unknown"]  # fmt: skip


class LoraOut(BaseModel):
    name: str
    """As users name it: the file without folders and extension."""
    weight: float
    hash: str | None = None


class GenerationOut(BaseModel):
    generator: Generator
    """The tool that wrote the file's generation data; "unknown" when only the upload
    request described it."""
    steps: int | None = None
    cfg_scale: float | None = None
    sampler: str | None = None
    """A canonical id ("DPM++ 2M Karras" is sampler dpmpp_2m, scheduler karras)."""
    scheduler: str | None = None
    seed_text: str | None = None
    """The seed in decimal, exactly as the tool wrote it: ComfyUI's go past 2**63 (the
    ``seed`` field holds those as their signed 64-bit twin) and JavaScript numbers are exact
    only to 2**53, so copy this one."""
    model_hash: str | None = None
    vae: str | None = None
    loras: list[LoraOut] = []
    clip_skip: int | None = None
    denoising_strength: float | None = None
    hires_upscaler: str | None = None
    hires_scale: float | None = None
    stack_id: UUID | None = None
    """Shared by the images whose generation data differs only by seed."""


def seed_text(row: dict) -> str | None:
    seed = row.get("seed")
    if seed is not None and seed < 0 and row.get("generator") == "comfyui":
        seed += 2**64  # ComfyUI's seeds are unsigned
    return None if seed is None else str(seed)


def generation_of(row: dict, out: "type[GenerationOut] | None" = None) -> GenerationOut | None:
    """An image row's generation data; None until ingest (or the back-fill) has read it."""
    if row.get("generator") is None:
        return None
    model = out or GenerationOut
    fields = {k: row[k] for k in model.model_fields if k in row and k != "seed_text"}
    return model(**fields, seed_text=seed_text(row))


class GenerationData(GenerationOut):
    """An image's generation data whole, normalised: what recall gives as JSON."""

    prompt: str
    negative_prompt: str | None = None
    model: str | None = None
    seed: int | None = None
    width: int | None = None
    height: int | None = None
    params: dict = {}
    """The settings as the tool wrote them."""


RecallFormat = Literal["a1111", "json", "comfyui"]


class WordChange(BaseModel):
    word: str
    change: Literal["same", "added", "removed", "weight"]
    """``added``: only in b; ``removed``: only in a; ``weight``: in both, weighed differently."""
    weight_a: float | None
    weight_b: float | None


class ParameterChange(BaseModel):
    name: str
    """A parameter ("steps", "sampler", "seed_text") or ``lora:<name>``."""
    a: str | int | float | None
    b: str | int | float | None


class Comparison(BaseModel):
    a: UUID
    b: UUID
    prompt: list[WordChange]
    negative_prompt: list[WordChange]
    parameters: list[ParameterChange]
    """Only what differs."""
    same_stack: bool
    """Variations of one setting: only the seed differs."""
