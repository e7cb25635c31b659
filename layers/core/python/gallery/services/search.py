"""Search: OpenSearch finds and ranks the caller's images; PostgreSQL, under row-level
security, supplies them (so a result is never stale in its details, nor someone else's)."""

import base64
import json
from uuid import UUID

from gallery.auth import Caller
from gallery.config import get_settings
from gallery.errors import ValidationFailed
from gallery.models import SearchQuery, SearchResult, SearchResults, TagSuggestions
from gallery.repositories import images as images_repo
from gallery.repositories import tags as tags_repo
from gallery.search.client import client
from gallery.search.query import request_body
from gallery.services.images import image_urls
from gallery.services.users import acting_as


def _encode_cursor(sort: str, values: list) -> str:
    raw = json.dumps([sort, values], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(query: SearchQuery) -> list | None:
    if not query.cursor:
        return None
    try:
        text = query.cursor + "=" * (-len(query.cursor) % 4)
        sort, values = json.loads(base64.urlsafe_b64decode(text))
        valid = isinstance(values, list) and all(isinstance(v, str | int | float) for v in values)
    except (ValueError, TypeError):
        valid = False
    if not valid or sort != query.effective_sort or len(values) != 3 - (sort != "relevance"):
        raise ValidationFailed(
            "invalid cursor", details=[{"loc": ["query", "cursor"], "msg": "not for this search"}]
        )
    return values


def search_images(caller: Caller, query: SearchQuery) -> SearchResults:
    after = _decode_cursor(query)
    body = request_body(caller.user_id, query, after)
    answer = client().search(index=get_settings().search_index_alias, body=body)
    hits = answer["hits"]["hits"]
    has_more = len(hits) > query.page_size
    hits = hits[: query.page_size]
    ids = [UUID(hit["_id"]) for hit in hits]
    with acting_as(caller) as conn:
        rows = images_repo.get_many(conn, caller.user_id, ids)
    results = []
    for hit in hits:
        row = rows.get(UUID(hit["_id"]))
        if row is None:
            continue  # changed since it was indexed; the indexer is catching up
        fragments = [f for field in hit.get("highlight", {}).values() for f in field]
        results.append(SearchResult(
            **row, **image_urls(row), score=hit.get("_score"),
            highlights=list(dict.fromkeys(fragments)),
        ))  # fmt: skip
    return SearchResults(
        results=results,
        total=answer["hits"]["total"]["value"],
        page=query.page,
        page_size=query.page_size,
        has_more=has_more,
        next_cursor=_encode_cursor(query.effective_sort, hits[-1]["sort"]) if has_more else None,
    )


def suggest_tags(caller: Caller, prefix: str, limit: int = 10) -> TagSuggestions:
    """The caller's tags starting with ``prefix`` (taken literally), most used first."""
    with acting_as(caller) as conn:
        rows = tags_repo.with_prefix(conn, caller.user_id, prefix, limit)
    return TagSuggestions(suggestions=[row["name"] for row in rows])
