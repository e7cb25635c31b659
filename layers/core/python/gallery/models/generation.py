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


def generation_of(row: dict) -> GenerationOut | None:
    """An image row's generation data; None until ingest (or the back-fill) has read it."""
    if row.get("generator") is None:
        return None
    seed = row.get("seed")
    if seed is not None and seed < 0 and row["generator"] == "comfyui":
        seed += 2**64  # ComfyUI's seeds are unsigned
    return GenerationOut(
        **{k: row[k] for k in GenerationOut.model_fields if k in row and k != "seed_text"},
        seed_text=None if seed is None else str(seed),
    )
