"""Samplers and schedulers as canonical ids, whatever tool named them.

The ids are ComfyUI's (k-diffusion's): ``euler_ancestral``, ``dpmpp_2m``, ``dpmpp_2m_sde``;
schedulers ``karras``, ``exponential``, ``sgm_uniform``. A1111 and Forge write one label for
both ("DPM++ 2M Karras") or, since 1.9, a "Schedule type"; InvokeAI marks Karras with a
``_k`` suffix ("dpmpp_2m_k"); NovelAI prefixes ``k_``; Fooocus adds ``_gpu`` (where the noise
is drawn, not another sampler). A name we do not know keeps its own spelling as a slug, so
that it still groups and filters."""

import re

SAMPLERS = frozenset({
    "euler", "euler_ancestral", "euler_cfg_pp", "euler_ancestral_cfg_pp", "heun", "heunpp2",
    "dpm_2", "dpm_2_ancestral", "lms", "dpm_fast", "dpm_adaptive", "dpmpp_2s_ancestral",
    "dpmpp_sde", "dpmpp_2m", "dpmpp_2m_sde", "dpmpp_2m_sde_heun", "dpmpp_3m_sde", "ddpm",
    "lcm", "ipndm", "ipndm_v", "deis", "ddim", "plms", "uni_pc", "uni_pc_bh2", "restart",
    "tcd", "pndm", "dpmpp_3m",
})  # fmt: skip
SCHEDULERS = frozenset({
    "normal", "karras", "exponential", "sgm_uniform", "simple", "ddim_uniform", "beta",
    "polyexponential", "align_your_steps", "uniform", "kl_optimal", "linear_quadratic",
})  # fmt: skip

# Spellings of one sampler that its slug does not reach by the rules below.
_ALIASES = {
    "euler_a": "euler_ancestral", "dpm2": "dpm_2", "dpm2_a": "dpm_2_ancestral",
    "dpm2_ancestral": "dpm_2_ancestral", "kdpm_2": "dpm_2", "kdpm_2_a": "dpm_2_ancestral",
    "dpmpp_2s_a": "dpmpp_2s_ancestral", "unipc": "uni_pc", "dpm_solver": "dpmpp_2m",
    "dpmpp_2m_sde_h": "dpmpp_2m_sde_heun", "ddim_v3": "ddim", "k_lms": "lms",
}  # fmt: skip
# Label endings that name the schedule, longest first ("DPM++ 2M SDE Karras").
_SCHEDULE_SUFFIXES = (
    ("align_your_steps", "align_your_steps"), ("sgm_uniform", "sgm_uniform"),
    ("polyexponential", "polyexponential"), ("exponential", "exponential"),
    ("kl_optimal", "kl_optimal"), ("karras", "karras"), ("uniform", "uniform"),
    ("simple", "simple"), ("beta", "beta"), ("normal", "normal"),
)  # fmt: skip
_UNSPECIFIED = {"", "automatic", "auto", "default", "none", "native"}


def slug(label: str) -> str:
    """``"DPM++ 2M Karras"`` → ``dpmpp_2m_karras``: lower case, ``++`` as ``pp``, every run
    of other characters one underscore."""
    text = label.strip().lower().replace("++", "pp").replace("+", "p")
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")[:64]


def scheduler_id(label: object) -> str | None:
    """A schedule type's id; None when the tool left it to the sampler ("Automatic")."""
    if not isinstance(label, str):
        return None
    name = slug(label)
    if name in _UNSPECIFIED:
        return None
    return name.removesuffix("_scheduler")


def sampler_ids(label: object, scheduler: object = None) -> tuple[str | None, str | None]:
    """(sampler, scheduler) from a sampler label and, when the tool wrote one apart, a
    schedule label; the label's own schedule ending counts when none was written apart."""
    if not isinstance(label, str) or not slug(label):
        return None, scheduler_id(scheduler)
    name = slug(label)
    schedule = scheduler_id(scheduler)
    if name.startswith("k_") and name != "k_lms":
        name = name[2:]  # NovelAI: k_euler_ancestral
    if name.endswith("_gpu"):
        name = name[: -len("_gpu")]  # Fooocus: where the noise is drawn
    if name not in SAMPLERS and name not in _ALIASES:
        for ending, schedule_name in _SCHEDULE_SUFFIXES:
            if name.endswith("_" + ending):
                name = name[: -len(ending) - 1]
                schedule = schedule or schedule_name
                break
        else:
            if name.endswith("_k"):  # InvokeAI: dpmpp_2m_k
                name, schedule = name[:-2], schedule or "karras"
    name = _ALIASES.get(name, name)
    if name.endswith("_a") and name[:-2] in SAMPLERS:
        name = name[:-2] + "_ancestral"
    return name or None, schedule
