"""Parameter filters written inline in a search's text: ``steps:20-30 cfg:<7
sampler:"DPM++ 2M" seed:1234 lora:add_detail@0.4-0.8``. Each token is taken out of the
text and becomes the filter it names; a token of a known key that does not parse is an
error naming it (a word like ``style:anime`` is no known key and stays text).

Numbers take ``N``, ``A-B``, ``<N``, ``<=N``, ``>N``, ``>=N``; bounds are inclusive in the
filters, so ``<`` and ``>`` step past N (the next integer, or the next double)."""

import math
import re
from dataclasses import dataclass, field

from gallery.generation.record import short_name
from gallery.generation.samplers import sampler_ids, scheduler_id

GENERATORS = ("a1111", "forge", "comfyui", "invokeai", "novelai", "fooocus", "swarmui",
              "unknown")  # fmt: skip
KEYS = ("steps", "cfg", "sampler", "scheduler", "seed", "generator", "model_hash", "hash",
        "lora", "model")  # fmt: skip
_TOKEN = re.compile(r'(?<!\S)(' + "|".join(KEYS) + r')[:=]("(?:[^"\\]|\\.)*"(?:@\S*)?|\S*)',
                    re.IGNORECASE)  # fmt: skip
_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_RANGE = re.compile(rf"(?P<op><=|>=|<|>)?(?P<low>{_NUMBER})(?:-(?P<high>{_NUMBER}))?")
HASH = re.compile(r"^(?i:0x|blake3:|sha256:)?([0-9a-fA-F]{4,128})$")


class InlineFilterError(ValueError):
    pass


@dataclass(frozen=True)
class LoraFilter:
    name: str  # lower case, as short_name gives it
    weight_min: float | None = None
    weight_max: float | None = None


@dataclass
class Inline:
    text: str | None
    """The text query without its filter tokens (None when nothing is left)."""
    values: dict = field(default_factory=dict)
    """Filter name → value, in the API's parameter names (``loras`` a list)."""
    tokens: list[tuple[str, str]] = field(default_factory=list)
    """(key, value) as the chips show them, in the order written."""


def hash_key(value: str) -> str | None:
    """A model hash as compared: lower case, without a ``0x``/``blake3:`` prefix; None if
    it is not hex."""
    found = HASH.match(value.strip())
    return found.group(1).lower() if found else None


def bounds(text: str, integer: bool) -> tuple[float | None, float | None]:
    """(min, max), inclusive, of ``20``, ``20-30``, ``<7``, ``>=0.5``."""
    found = _RANGE.fullmatch(text)
    if not found:
        raise InlineFilterError("takes a number or a range such as 20-30, <7 or >=5")
    number = int if integer else float
    try:
        low = number(found["low"])
        high = number(found["high"]) if found["high"] is not None else None
    except ValueError:
        raise InlineFilterError("takes whole numbers") from None
    step = (lambda v, d: v + d) if integer else (lambda v, d: math.nextafter(v, d * math.inf))
    op = found["op"]
    if op and high is not None:
        raise InlineFilterError("takes either a comparison or a range")
    if op == "<":
        return None, step(low, -1)
    if op == "<=":
        return None, low
    if op == ">":
        return step(low, 1), None
    if op == ">=":
        return low, None
    if high is not None and high < low:
        raise InlineFilterError("a range goes from low to high")
    return low, high if high is not None else low


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


def parse(q: str | None) -> Inline:
    if not q:
        return Inline(q)
    inline = Inline(None)
    for found in _TOKEN.finditer(q):
        key, raw = found.group(1).lower(), found.group(2)
        token = f"{found.group(1)}:{raw}"
        try:
            _apply(inline, "model_hash" if key == "hash" else key, raw)
        except InlineFilterError as error:
            raise InlineFilterError(f"{token!r}: {key} {error}") from None
    rest = re.sub(r"\s+", " ", _TOKEN.sub(" ", q)).strip()
    inline.text = rest or None
    return inline


def _apply(inline: Inline, key: str, raw: str) -> None:
    value = _unquote(raw)
    if not value.strip():
        raise InlineFilterError("needs a value")
    values = inline.values
    if key in ("steps", "cfg"):
        low, high = bounds(value, integer=key == "steps")
        name = "steps" if key == "steps" else "cfg"
        _once(values, f"{name}_min", low)
        _once(values, f"{name}_max", high)
        inline.tokens.append((key, value))
    elif key == "seed":
        try:
            seed = int(value)
        except ValueError:
            raise InlineFilterError("takes a whole number") from None
        if not -(2**63) <= seed < 2**64:
            raise InlineFilterError("is a 64-bit number")
        # stored as the images store it: past 2**63 as the signed 64-bit twin
        _once(values, "seed", seed - 2**64 if seed >= 2**63 else seed)
        inline.tokens.append((key, str(seed)))
    elif key == "sampler":
        sampler, scheduler = sampler_ids(value)
        _once(values, "sampler", sampler)
        if scheduler:  # "DPM++ 2M Karras" names both
            _once(values, "scheduler", scheduler)
        inline.tokens.append((key, sampler + (f" {scheduler}" if scheduler else "")))
    elif key == "scheduler":
        scheduler = scheduler_id(value)
        if scheduler is None:
            raise InlineFilterError("names no schedule")
        _once(values, "scheduler", scheduler)
        inline.tokens.append((key, scheduler))
    elif key == "generator":
        if value.lower() not in GENERATORS:
            raise InlineFilterError("is one of " + ", ".join(GENERATORS))
        _once(values, "generator", value.lower())
        inline.tokens.append((key, value.lower()))
    elif key == "model_hash":
        if hash_key(value) is None:
            raise InlineFilterError("is hexadecimal, 4 to 128 digits")
        _once(values, "model_hash", value)
        inline.tokens.append((key, hash_key(value)))
    elif key == "lora":
        lora = lora_filter(value)
        values.setdefault("loras", []).append(lora)
        inline.tokens.append((key, lora_text(lora)))
    elif key == "model":
        _once(values, "model", value)
        inline.tokens.append((key, value))


def lora_filter(value: str, weight_min=None, weight_max=None) -> LoraFilter:
    """``name`` or ``name@0.4-0.8`` (the weight's bounds, as numbers take them)."""
    name, at, weight = value.rpartition("@") if "@" in value else (value, "", "")
    name = _unquote(name)
    if at:
        weight_min, weight_max = bounds(weight, integer=False)
    key = (short_name(name) or "").lower()
    if not key:
        raise InlineFilterError("needs a name")
    return LoraFilter(key, weight_min, weight_max)


def lora_text(lora: LoraFilter) -> str:
    if lora.weight_min is None and lora.weight_max is None:
        return lora.name
    low = "" if lora.weight_min is None else f"{lora.weight_min:g}"
    high = "" if lora.weight_max is None else f"{lora.weight_max:g}"
    return f"{lora.name}@{low}-{high}"


def _once(values: dict, name: str, value) -> None:
    if value is None:
        return
    if name in values and values[name] != value:
        raise InlineFilterError(f"is given twice ({name})")
    values[name] = value
