"""One image's generation data, typed and normalised, whichever tool wrote it."""

import hashlib
import json
import math
import re
from dataclasses import asdict, dataclass, field
from typing import Any
from uuid import UUID

GENERATORS = ("a1111", "forge", "comfyui", "invokeai", "novelai", "fooocus", "swarmui",
              "unknown")  # fmt: skip
_MAX_TEXT = 20_000
_WEIGHT_FILE = re.compile(r"\.(safetensors|ckpt|pt|pth|bin|gguf|sft)$", re.IGNORECASE)


@dataclass(frozen=True)
class Lora:
    name: str
    weight: float = 1.0
    hash: str | None = None


@dataclass
class Generation:
    generator: str = "unknown"
    prompt: str | None = None
    negative_prompt: str | None = None
    steps: int | None = None
    cfg_scale: float | None = None
    sampler: str | None = None
    scheduler: str | None = None
    seed: int | None = None
    model: str | None = None
    model_hash: str | None = None
    vae: str | None = None
    loras: list[Lora] = field(default_factory=list)
    clip_skip: int | None = None
    denoising_strength: float | None = None
    hires_upscaler: str | None = None
    hires_scale: float | None = None
    # the settings as the tool wrote them, for what has no typed field ("Version", "Size")
    params: dict[str, Any] = field(default_factory=dict)
    # the chunks read, as written: what recall gives back and a later parser reads again
    raw: dict[str, str] = field(default_factory=dict)

    def typed(self) -> dict[str, Any]:
        """The normalised fields (no raw text, no prompt): compare, recall as JSON, stacks."""
        out = asdict(self)
        for key in ("raw", "params", "prompt", "negative_prompt"):
            out.pop(key)
        return out

    def stack_id(self, user_id: UUID, width: int | None, height: int | None) -> UUID | None:
        """Equal for one user's images whose generation data and size are the same but for
        the seed: the variations of one setting. None when there is nothing to stack by
        (no prompt)."""
        if not self.prompt:
            return None
        same = self.typed() | {"prompt": self.prompt, "negative_prompt": self.negative_prompt,
                               "size": [width, height]}  # fmt: skip
        same.pop("seed")
        canonical = json.dumps(same, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return UUID(bytes=hashlib.sha256(user_id.bytes + canonical.encode()).digest()[:16])


def short_name(name: object) -> str | None:
    """A model file as users name it: ``loras/sdxl/add_detail.safetensors`` → ``add_detail``."""
    if not isinstance(name, str):
        return None
    base = re.split(r"[\\/]", name.strip())[-1]
    return clean_text(_WEIGHT_FILE.sub("", base), 255)


def clean_text(value: object, limit: int = _MAX_TEXT) -> str | None:
    """Text PostgreSQL stores: no NUL, no lone surrogate, bounded; None when empty."""
    if not isinstance(value, str):
        return None
    value = value.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
    return value[:limit].strip() or None


def as_int(value: object, low: int = -(2**63), high: int = 2**63 - 1) -> int | None:
    """An integer field as tools write it (20, "20", 20.0); None outside [low, high]."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip()
        if not re.fullmatch(r"[+-]?\d{1,20}(\.0*)?", value):
            return None
        value = int(value.split(".")[0])
    elif isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    if not isinstance(value, int):
        return None
    return value if low <= value <= high else None


def as_float(value: object, low: float = -1e6, high: float = 1e6) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value) if low <= value <= high else None


def seed_of(value: object) -> int | None:
    """A seed fits PostgreSQL's bigint: ComfyUI's go to 2**64 - 1, kept as their signed
    64-bit twin so that no seed is lost and equal seeds stay equal."""
    seed = as_int(value, 0, 2**64 - 1)
    if seed is None:
        return as_int(value)  # a negative seed as a tool wrote it
    return seed - 2**64 if seed >= 2**63 else seed
