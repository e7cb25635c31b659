"""From a SearchQuery to an OpenSearch request. Visibility is a filter every request has:
only the caller's documents (workspace visibility arrives with workspaces)."""

from typing import Any
from uuid import UUID

from gallery.models import SearchQuery

_SORTS = {
    "relevance": [{"_score": "desc"}, {"created_at": "desc"}, {"image_id": "asc"}],
    "newest": [{"created_at": "desc"}, {"image_id": "desc"}],
    "oldest": [{"created_at": "asc"}, {"image_id": "asc"}],
}


def request_body(user_id: UUID, query: SearchQuery, search_after: list | None) -> dict:
    filters: list[dict[str, Any]] = [{"term": {"owner_id": str(user_id)}}]
    if query.model:
        filters.append({"term": {"model": query.model}})
    filters += [{"term": {"tags": tag}} for tag in query.tags]  # all of them
    for field in ("folder_id", "is_favorite", "is_public", "width", "height"):
        value = getattr(query, field)
        if value is not None:
            filters.append({"term": {field: str(value) if field == "folder_id" else value}})
    for name in ("width", "height"):
        bounds = {"gte": getattr(query, f"min_{name}"), "lte": getattr(query, f"max_{name}")}
        bounds = {k: v for k, v in bounds.items() if v is not None}
        if bounds:
            filters.append({"range": {name: bounds}})
    created = {"gte": query.created_from, "lte": query.created_to}
    created = {k: v.isoformat() for k, v in created.items() if v is not None}
    if created:
        filters.append({"range": {"created_at": created}})
    boolean: dict[str, Any] = {"filter": filters}
    if query.exclude_tags:
        boolean["must_not"] = [{"terms": {"tags": query.exclude_tags}}]
    if query.q:
        # The prompt only: the negative prompt is what the image was made to avoid.
        fields = ["prompt^2", "prompt.latin"]
        match = {"query": query.q, "fields": fields, "type": "most_fields"}
        boolean["must"] = [{"multi_match": match}]
    body: dict[str, Any] = {
        "query": {"bool": boolean},
        "sort": _SORTS[query.effective_sort],
        "size": query.page_size + 1,
        "track_total_hits": True,
        "_source": False,
    }
    if query.q:
        body["highlight"] = {
            "fields": {"prompt": {}, "prompt.latin": {}},
            "pre_tags": ["<em>"], "post_tags": ["</em>"], "number_of_fragments": 3,
        }  # fmt: skip
    if search_after is not None:
        body["search_after"] = search_after
    else:
        body["from"] = (query.page - 1) * query.page_size
    return body
