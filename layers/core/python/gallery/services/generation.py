"""Generation data: given back (recall, in A1111's text, JSON or the ComfyUI workflow),
compared, and kept up to date (the back-fill of images ingested before it was read: their
originals' chunks read again, once)."""

import dataclasses
from uuid import UUID

from gallery import imaging
from gallery.auth import Caller
from gallery.config import get_settings
from gallery.db import acting_as, worker_transaction
from gallery.errors import NotFound
from gallery.generation import Generation, Lora, a1111, for_upload
from gallery.generation import compare as compare_
from gallery.models.generation import (
    Comparison,
    GenerationData,
    RecallFormat,
    generation_of,
    seed_text,
)
from gallery.observability import logger
from gallery.repositories import generation as generation_repo
from gallery.storage import s3

_NOTHING_BEFORE = UUID(int=0)


def backfill_generation(batch: int = 100) -> dict[str, int]:
    """Reads the generation data of every ready image that has none yet. Resumable (walks
    ids in order, takes only unread images) and idempotent; an original that is gone or no
    longer decodes is read as having no chunks (its request's fields still count)."""
    done = {"generation_read": 0, "generation_without_file": 0}
    after = _NOTHING_BEFORE
    while True:
        with worker_transaction() as conn:
            work = generation_repo.unread(conn, after, batch)
        if not work:
            logger.info("generation data back-filled", extra=done)
            return done
        for row in work:
            done[_read(Caller(user_id=row["user_id"]), row["image_id"])] += 1
        after = work[-1]["image_id"]


def _read(caller: Caller, image_id: UUID) -> str:
    with acting_as(caller) as conn:
        row = generation_repo.declared(conn, caller.user_id, image_id)
        chunks = generation_repo.sources(conn, caller.user_id, image_id)
    outcome = "generation_read"
    if row is None or row["generation_read_at"] is not None:
        return outcome  # purged or read since
    if not chunks:
        chunks = _chunks_of(row["s3_key"])
        outcome = "generation_read" if chunks is not None else "generation_without_file"
    generation = for_upload(row, chunks or {})
    stack = generation.stack_id(caller.user_id, row["width"], row["height"])
    with acting_as(caller) as conn:
        generation_repo.update(conn, caller.user_id, image_id, generation, stack)
        generation_repo.save_sources(conn, caller.user_id, image_id, generation.raw)
    return outcome


def _chunks_of(key: str | None) -> dict[str, str] | None:
    settings = get_settings()
    data = s3.get_bytes(key, settings.upload_max_bytes) if key else None
    if data is None:
        return None
    try:
        return imaging.decode(data, settings.max_image_pixels).text
    except imaging.Rejected:
        return None


def render(row: dict, chunks: dict[str, str], fmt: RecallFormat) -> tuple[str, str]:
    """(content type, body) of an image's generation data in ``fmt``: A1111's text, the
    normalised JSON, or the ComfyUI workflow it was made with (404 when it has none)."""
    if fmt == "comfyui":
        workflow = chunks.get("workflow") or chunks.get("prompt")
        if not workflow:
            raise NotFound("this image has no ComfyUI workflow")
        return "application/json", workflow
    data = generation_of(row, GenerationData) or GenerationData(generator="unknown", **{
        k: row[k] for k in ("prompt", "negative_prompt", "model", "seed", "width", "height")
    }, seed_text=seed_text(row))  # fmt: skip
    if fmt == "json":
        return "application/json", data.model_dump_json()
    generation = Generation(
        **{k: v for k, v in data.model_dump().items() if k in _RECORD_FIELDS},
        loras=[Lora(**lora) for lora in data.model_dump()["loras"]],
    )
    own = row.get("params") if row.get("generator") in ("a1111", "forge") else None
    return "text/plain; charset=utf-8", a1111.render(generation, own)


_RECORD_FIELDS = {f.name for f in dataclasses.fields(Generation)} - {"loras", "raw", "params"}


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
