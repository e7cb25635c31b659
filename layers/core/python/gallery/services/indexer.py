"""The search indexer: drains the outbox the database triggers fill, in the transaction of
each change, and brings the index to the images' current state.

Each image's document carries an external version, the highest outbox id that named it:
ids only grow, so a write that arrives late (another indexer, a retry) can never replace a
newer document. The document is always the image's current state, read when indexing.
When OpenSearch is away the rows stay, retried with backoff, and are parked with their
error after too many tries; nothing is lost.
"""

from collections import defaultdict
from dataclasses import dataclass

from opensearchpy.exceptions import ConnectionError as SearchConnectionError
from opensearchpy.exceptions import TransportError

from gallery import db
from gallery.config import get_settings
from gallery.observability import logger
from gallery.repositories import search_outbox

BATCH = 500
# 409: a newer version is indexed already; 404 on delete: nothing to delete. Both are done.
_SETTLED = {"index": {200, 201, 409}, "delete": {200, 404, 409}}


@dataclass
class DrainResult:
    indexed: int = 0
    deleted: int = 0
    failed: int = 0


def document(row: dict) -> dict:
    return {
        "image_id": str(row["image_id"]),
        "owner_id": str(row["user_id"]),
        "workspace_ids": [],
        "prompt": row["prompt"],
        "negative_prompt": row["negative_prompt"],
        "tags": row["tags"],
        "model": row["model"],
        "width": row["width"],
        "height": row["height"],
        "created_at": row["created_at"].isoformat(),
        "is_public": row["is_public"],
        "is_favorite": row["is_favorite"],
        "folder_id": str(row["folder_id"]) if row["folder_id"] else None,
    }


def drain(client, alias: str | None = None, batch: int = BATCH) -> DrainResult:
    """Indexes everything the outbox holds that is due; returns what was done."""
    settings = get_settings()
    alias = alias or settings.search_index_alias
    result = DrainResult()
    while True:
        with db.worker_transaction() as conn:
            rows = search_outbox.claim(conn, batch)
            if not rows:
                return result
            outbox_ids = defaultdict(list)  # document id -> the outbox rows naming it
            for row in rows:
                outbox_ids[str(row["image_id"])].append(row["outbox_id"])
            image_ids = list({row["image_id"] for row in rows})
            docs = {str(k): v for k, v in search_outbox.documents(conn, image_ids).items()}
            body = []
            for doc_id, ids in outbox_ids.items():
                meta = {"_index": alias, "_id": doc_id, "version": max(ids),
                        "version_type": "external"}  # fmt: skip
                if doc_id in docs:
                    body += [{"index": meta}, document(docs[doc_id])]
                else:
                    body.append({"delete": meta})
            try:
                answer = client.bulk(body=body)
            except (SearchConnectionError, TransportError) as error:
                every = [i for ids in outbox_ids.values() for i in ids]
                search_outbox.failed(conn, every, repr(error), settings.indexer_max_attempts)
                result.failed += len(outbox_ids)
                logger.warning("search index unreachable; outbox kept", extra={"rows": len(every)})
                return result
            done, failed = [], defaultdict(list)
            for item in answer["items"]:
                action, outcome = next(iter(item.items()))
                ids = outbox_ids[outcome["_id"]]
                if outcome["status"] in _SETTLED[action]:
                    done += ids
                    if action == "index":
                        result.indexed += 1
                    else:
                        result.deleted += 1
                else:
                    failed[str(outcome.get("error"))] += ids
            search_outbox.done(conn, done)
            for error, ids in failed.items():
                search_outbox.failed(conn, ids, error, settings.indexer_max_attempts)
                result.failed += len(ids)
        if len(rows) < batch:
            return result
