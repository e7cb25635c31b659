"""The search indexer: drains the outbox the database triggers fill, in the transaction of
each change, and brings the search backend to the images' current state.

Each image's document carries an external version, the highest outbox id that named it:
ids only grow, so a write that arrives late (another indexer, a retry) can never replace a
newer document. The document is always the image's current state, read when indexing.
When the backend is away the rows stay, retried with backoff, and are parked with their
error after too many tries; nothing is lost.
"""

import time
from collections import defaultdict
from dataclasses import dataclass

from gallery import db, invocations
from gallery.config import get_settings
from gallery.generation import prompts
from gallery.observability import logger
from gallery.repositories import search_outbox
from gallery.search import expansion, index
from gallery.search.backend import BackendUnavailable, Change, SearchBackend, get_backend
from gallery.search.inline_filters import hash_key

BATCH = 500


@dataclass
class DrainResult:
    indexed: int = 0
    deleted: int = 0
    failed: int = 0


def _lora(lora: dict) -> dict:
    """A LoRA as documents hold it: by lower-case name, its hash as model hashes are."""
    digest = hash_key(lora["hash"]) if lora.get("hash") else None
    return {"name": lora["name"].lower(), "weight": lora["weight"], "hash": digest}


def document(row: dict) -> dict:
    return {
        "image_id": str(row["image_id"]),
        "image_key": index.image_key(row["image_id"]),
        "owner_id": str(row["user_id"]),
        "workspace_ids": sorted(str(w) for w in row["workspace_ids"]),
        # the words, without A1111's weights and networks: "(red hair:1.2)" is red hair
        "prompt": prompts.parse(row["prompt"]).text,
        "negative_prompt": prompts.parse(row["negative_prompt"]).text or None,
        "tags": row["tags"],
        "model": row["model"],
        "model_names": expansion.model_names(row["model"]),
        "generator": row["generator"],
        "steps": row["steps"],
        "cfg_scale": row["cfg_scale"],
        "sampler": row["sampler"],
        "scheduler": row["scheduler"],
        "seed": row["seed"],
        "model_hash": hash_key(row["model_hash"]) if row["model_hash"] else None,
        "loras": [_lora(lora) for lora in row["loras"]],
        "stack_id": str(row["stack_id"]) if row["stack_id"] else None,
        "stack_head": row["stack_head"],
        "rating": row["rating"],
        "width": row["width"],
        "height": row["height"],
        "created_at": row["created_at"].isoformat(),
        "is_public": row["is_public"],
        "is_favorite": row["is_favorite"],
        "folder_id": str(row["folder_id"]) if row["folder_id"] else None,
    }


def drain(targets: list[SearchBackend] | None = None, batch: int = BATCH) -> DrainResult:
    """Indexes everything the outbox holds that is due into the configured backend (or
    into each of ``targets``: a row is done when every target took it)."""
    settings = get_settings()
    targets = targets if targets is not None else [get_backend()]
    result = DrainResult()
    while True:
        with db.worker_transaction() as conn:
            rows = search_outbox.claim(conn, batch)
            if not rows:
                return result
            outbox_ids = defaultdict(list)  # image id -> the outbox rows naming it
            owners = {}
            for row in rows:
                outbox_ids[str(row["image_id"])].append(row["outbox_id"])
                owners[str(row["image_id"])] = str(row["user_id"])
            image_ids = list({row["image_id"] for row in rows})
            docs = {str(k): v for k, v in search_outbox.documents(conn, image_ids).items()}
            changes = [
                Change(
                    image_id,
                    max(ids),
                    document(docs[image_id]) if image_id in docs else None,
                    owners[image_id],
                )
                for image_id, ids in outbox_ids.items()
            ]
            errors: dict[str, str] = {}
            try:
                for target in targets:
                    with conn.transaction():  # a savepoint: a failed target leaves no trace
                        errors.update(target.write(conn, changes))
            except BackendUnavailable as error:
                errors = {image_id: str(error) for image_id in outbox_ids}
                logger.warning("search backend unavailable; outbox kept", extra={"rows": len(rows)})
            max_attempts = settings.indexer_max_attempts
            for image_id, ids in outbox_ids.items():
                if image_id in errors:
                    search_outbox.failed(conn, ids, errors[image_id], max_attempts)
            search_outbox.done(conn, [row["outbox_id"] for row in rows
                                      if str(row["image_id"]) not in errors])  # fmt: skip
            result.failed += len(errors)
            result.deleted += sum(c.document is None for c in changes if c.image_id not in errors)
            result.indexed += sum(
                c.document is not None for c in changes if c.image_id not in errors
            )
            if len(errors) == len(outbox_ids):
                return result  # nothing went through: try again at the next run
        if len(rows) < batch:
            return result


def backlog() -> dict:
    """``oldest_age_seconds`` of the oldest change waiting (0 when none) and how many are
    ``parked``: search is stale when the first grows, and some images unsearchable while
    the second is not 0."""
    with db.worker_transaction() as conn:
        return search_outbox.backlog(conn)


def reindex(backend: SearchBackend | None = None, timeout: float = 3600) -> int:
    """Rebuilds the search index from the database while searches and writes go on.

    The backend starts sending writes to the index being built too; every listed image is
    queued through the outbox and indexed like any change (so a write made meanwhile gets a
    higher version and always wins); once all of them are in, searches switch over in one
    step. Returns how many images were queued. Any failure leaves searches where they were.
    """
    backend = backend or get_backend()
    backend.begin_rebuild()
    try:
        with db.worker_transaction() as conn:
            queued = search_outbox.enqueue_all(conn)
        deadline = time.monotonic() + timeout
        while queued["queued"]:
            drain([backend])
            with db.worker_transaction() as conn:
                left = search_outbox.pending_between(conn, queued["first"], queued["last"])
            if not left["waiting"]:
                if left["parked"]:
                    raise RuntimeError(
                        f"{left['parked']} images could not be indexed (parked in search_outbox"
                        " with their errors); the index was not switched"
                    )
                break
            if time.monotonic() > deadline:
                raise TimeoutError(f"{left['waiting']} images still queued after {timeout:.0f} s")
            time.sleep(0.5)  # rows waiting out a retry backoff
    except BaseException:
        backend.abandon_rebuild()
        raise
    backend.finish_rebuild(since_version=queued["first"] or 0)
    return queued["queued"]


def nudge() -> None:
    """Asks the indexer function to run now (asynchronously) rather than at its next
    scheduled run, after a write: changes show up in search within seconds. In AWS only;
    locally the stack's indexer thread polls. A failed nudge costs freshness, not data."""
    name = get_settings().indexer_function_name
    if not name:
        return
    invocations.start(name, b"{}", "the search indexer")  # the schedule catches up
