"""Generation data given back (recall: A1111's text, JSON or the ComfyUI workflow) and
compared. (Its back-fill, which decodes originals, is in gallery.services.backfill: this
module serves functions without the imaging layer.)"""

from uuid import UUID

from gallery.auth import Caller
from gallery.db import acting_as
from gallery.errors import NotFound
from gallery.generation import a1111
from gallery.generation import compare as compare_
from gallery.models.generation import (
    Comparison,
    GenerationData,
    RecallFormat,
    generation_of,
    seed_text,
)
from gallery.repositories import generation as generation_repo


def render(row: dict, chunks: dict[str, str], fmt: RecallFormat) -> tuple[str, str]:
    """(content type, body) of an image's generation data in ``fmt``: A1111's text, the
    normalised JSON, or the ComfyUI workflow it was made with (404 when it has none)."""
    if fmt == "comfyui":
        workflow = chunks.get("workflow") or chunks.get("prompt")
        if not workflow:
            raise NotFound("this image has no ComfyUI workflow")
        return "application/json", workflow
    if fmt == "json":
        data = generation_of(row, GenerationData) or GenerationData(generator="unknown", **{
            k: row[k] for k in ("prompt", "negative_prompt", "model", "seed", "width", "height")
        }, seed_text=seed_text(row))  # fmt: skip
        return "application/json", data.model_dump_json()
    own = row.get("params") if row.get("generator") in ("a1111", "forge") else None
    return "text/plain; charset=utf-8", a1111.render(generation_repo.record(row), own)


def recall(caller: Caller, image_id: UUID, fmt: RecallFormat) -> tuple[str, str]:
    """An image of mine, or of a workspace I am in, as ``render`` gives it."""
    with acting_as(caller) as conn:
        row = generation_repo.visible(conn, [image_id]).get(image_id)
        if row is None:
            raise NotFound("image not found")
        chunks = generation_repo.sources(conn, row["user_id"], image_id) if fmt == "comfyui" else {}
    return render(row, chunks, fmt)


def compare(caller: Caller, a: UUID, b: UUID) -> Comparison:
    """Two images I may see, side by side (404 if either is not)."""
    with acting_as(caller) as conn:
        rows = generation_repo.visible(conn, [a, b])
    if a not in rows or b not in rows:
        raise NotFound("image not found")

    def shown(row: dict) -> dict:
        return {**row, "seed_text": seed_text(row)}

    left, right = shown(rows[a]), shown(rows[b])
    return Comparison(
        a=a, b=b,
        prompt=compare_.words(left["prompt"], right["prompt"]),
        negative_prompt=compare_.words(left["negative_prompt"], right["negative_prompt"]),
        parameters=compare_.parameters(left, right),
        same_stack=left["stack_id"] is not None and left["stack_id"] == right["stack_id"],
    )  # fmt: skip
