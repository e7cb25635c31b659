"""A1111's and Forge's text: the prompt, ``Negative prompt: …`` and one settings line,
``Steps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 1, …``. Written
to the PNG ``parameters`` chunk, and to EXIF UserComment in JPEG and WebP. SwarmUI and
Fooocus put JSON in the same chunk (json_formats)."""

from gallery.generation.prompts import parse as parse_prompt
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


def settings_pairs(line: str) -> list[tuple[str, str]]:
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


def _hashes(value: str | None) -> dict[str, str]:
    """``"add_detail: 7c6bad76eb54, other: 1234"`` → {name: hash}."""
    out = {}
    for part in (value or "").split(","):
        name, _, digest = part.partition(":")
        if name.strip() and digest.strip():
            out[name.strip()] = digest.strip()
    return out


def parse(raw: str) -> Generation:
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
    params = dict(settings_pairs(settings_line))
    prompt = "\n".join(prompt_lines)
    sampler, scheduler = sampler_ids(params.get("Sampler"), params.get("Schedule type"))
    lora_hashes = _hashes(params.get("Lora hashes"))
    loras = [
        Lora(network.name, network.weight, lora_hashes.get(network.name))
        for network in parse_prompt(prompt).networks if network.kind == "lora"
    ]  # fmt: skip
    version = params.get("Version", "")
    hires_scale = as_float(params.get("Hires upscale"), 0, 16)
    return Generation(
        generator="forge" if version.startswith(("f", "neo")) else "a1111",
        prompt=prompt,
        negative_prompt="\n".join(negative_lines) or None,
        steps=as_int(params.get("Steps"), 1, 10_000),
        cfg_scale=as_float(params.get("CFG scale"), 0, 100),
        sampler=sampler,
        scheduler=scheduler,
        seed=seed_of(params.get("Seed")),
        model=clean_text(params.get("Model"), 255),
        model_hash=clean_text(params.get("Model hash"), 128),
        vae=short_name(params.get("VAE")),
        loras=loras,
        clip_skip=as_int(params.get("Clip skip"), 1, 24),
        denoising_strength=as_float(params.get("Denoising strength"), 0, 1),
        hires_upscaler=clean_text(params.get("Hires upscaler"), 255) if hires_scale else None,
        hires_scale=hires_scale,
        params={k: v for k, v in params.items() if k not in ("Seed", "Model")},
    )


def render(generation: Generation, params: dict | None = None) -> str:
    """A1111's own text for ``generation``: what A1111 and Forge read back ("PNG Info",
    pasted into the prompt box). The settings the tool wrote come first, as written; the
    typed fields fill in what they lack."""
    settings = {k: str(v) for k, v in (params or {}).items() if _is_settings_key(str(k))}
    typed = {
        "Steps": generation.steps,
        "Sampler": _sampler_label(generation.sampler),
        "Schedule type": _title(generation.scheduler),
        "CFG scale": _number(generation.cfg_scale),
        "Seed": unsigned(generation.seed) if generation.generator == "comfyui" else generation.seed,
        "Model hash": generation.model_hash,
        "Model": generation.model,
        "VAE": generation.vae,
        "Denoising strength": _number(generation.denoising_strength),
        "Clip skip": generation.clip_skip,
        "Hires upscale": _number(generation.hires_scale),
        "Hires upscaler": generation.hires_upscaler,
    }
    for key, value in typed.items():
        if value is not None and key not in settings:
            settings[key] = str(value)
    if "Sampler" in (params or {}) and "Schedule type" not in (params or {}):
        settings.pop("Schedule type", None)  # the sampler's label already names it
    hashed = {lora.name: lora.hash for lora in generation.loras if lora.hash}
    if hashed and "Lora hashes" not in settings:
        settings["Lora hashes"] = ", ".join(f"{n}: {h}" for n, h in hashed.items())
    prompt = generation.prompt or ""
    for lora in generation.loras:  # a LoRA from a graph node is named in the prompt
        if f"<lora:{lora.name}:" not in prompt:
            prompt += f" <lora:{lora.name}:{_number(lora.weight)}>"
    lines = [prompt.strip()]
    if generation.negative_prompt:
        lines.append(f"Negative prompt: {generation.negative_prompt}")
    line = ", ".join(f"{k}: {_quoted(v)}" for k, v in settings.items())
    return "\n".join(lines + ([line] if line else []))


def unsigned(seed: int | None) -> int | None:
    """A ComfyUI seed as it wrote it (seeds past 2**63 are kept as their signed twin)."""
    return seed + 2**64 if seed is not None and seed < 0 else seed


def _quoted(value: str) -> str:
    return '"' + value.replace('"', '\\"') + '"' if "," in value or ":" in value else value


def _number(value: float | None) -> str | None:
    return None if value is None else f"{value:g}"


def _title(scheduler: str | None) -> str | None:
    return None if scheduler is None else scheduler.replace("_", " ").title().replace("Sgm", "SGM")


_LABELS = {
    "euler_ancestral": "Euler a", "euler": "Euler", "lms": "LMS", "heun": "Heun",
    "dpm_2": "DPM2", "dpm_2_ancestral": "DPM2 a", "dpmpp_2s_ancestral": "DPM++ 2S a",
    "dpmpp_2m": "DPM++ 2M", "dpmpp_sde": "DPM++ SDE", "dpmpp_2m_sde": "DPM++ 2M SDE",
    "dpmpp_2m_sde_heun": "DPM++ 2M SDE Heun", "dpmpp_3m_sde": "DPM++ 3M SDE",
    "dpm_fast": "DPM fast", "dpm_adaptive": "DPM adaptive", "ddim": "DDIM", "plms": "PLMS",
    "uni_pc": "UniPC", "lcm": "LCM", "restart": "Restart", "ddpm": "DDPM",
}  # fmt: skip


def _sampler_label(sampler: str | None) -> str | None:
    return None if sampler is None else _LABELS.get(sampler, sampler)
