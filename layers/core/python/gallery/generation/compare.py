"""Two generations side by side: their prompts word by word (added, removed, weight
changed), and every parameter that differs."""

from difflib import SequenceMatcher
from typing import Any

from gallery.generation.prompts import parse

# Prompts past this many words are compared by their first ones (a difflib match is
# quadratic at worst; tools' prompts run to a few hundred words).
MAX_WORDS = 1000
# What compare shows of a generation, in this order (the prompts are diffed word by word).
PARAMETERS = ("generator", "model", "model_hash", "vae", "seed_text", "steps", "cfg_scale",
              "sampler", "scheduler", "clip_skip", "denoising_strength", "hires_upscaler",
              "hires_scale", "width", "height")  # fmt: skip


def words(a: str | None, b: str | None) -> list[dict[str, Any]]:
    """The prompts' words in order: ``same``, ``added`` (only in b), ``removed`` (only in
    a) or ``weight`` (in both, weighed differently), each with its weights."""
    left, right = parse(a).words()[:MAX_WORDS], parse(b).words()[:MAX_WORDS]
    matcher = SequenceMatcher(None, [w.lower() for w, _ in left], [w.lower() for w, _ in right],
                              autojunk=False)  # fmt: skip
    out: list[dict[str, Any]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for (word, wa), (_, wb) in zip(left[i1:i2], right[j1:j2], strict=True):
                change = "same" if abs(wa - wb) < 1e-6 else "weight"
                out.append({"word": word, "change": change, "weight_a": wa, "weight_b": wb})
            continue
        out += [{"word": w, "change": "removed", "weight_a": wt, "weight_b": None}
                for w, wt in left[i1:i2]]  # fmt: skip
        out += [{"word": w, "change": "added", "weight_a": None, "weight_b": wt}
                for w, wt in right[j1:j2]]  # fmt: skip
    return out


def parameters(a: dict, b: dict) -> list[dict[str, Any]]:
    """The parameters whose values differ, as (name, a, b); LoRAs one by one
    (``lora:<name>``, by weight, absent as null)."""
    out = [{"name": name, "a": a.get(name), "b": b.get(name)}
           for name in PARAMETERS if a.get(name) != b.get(name)]  # fmt: skip
    loras_a = {lora["name"].lower(): lora["weight"] for lora in a.get("loras") or []}
    loras_b = {lora["name"].lower(): lora["weight"] for lora in b.get("loras") or []}
    for name in sorted(loras_a.keys() | loras_b.keys()):
        if loras_a.get(name) != loras_b.get(name):
            out.append({"name": f"lora:{name}", "a": loras_a.get(name), "b": loras_b.get(name)})
    return out
