"""The OpenSearch backend: nori for Korean (gallery.search.index), SigV4 in AWS.

Writes go through the alias (``require_alias``: a missing index is an error, never an
auto-created one with guessed mappings) and, during a rebuild, also through the alias
``{alias}-next`` of the index being built. Visibility is a filter every query has.
"""

import re
from dataclasses import replace
from typing import Any
from uuid import UUID

from opensearchpy.exceptions import ConnectionError as SearchConnectionError
from opensearchpy.exceptions import NotFoundError, TransportError

from gallery.config import get_settings
from gallery.search import expansion, index
from gallery.search.backend import (
    After,
    BackendUnavailable,
    Change,
    FacetRequest,
    Facets,
    Filters,
    Hit,
    Hits,
    SearchRequest,
)
from gallery.search.inline_filters import LoraFilter
from gallery.tag_keys import tag_key

# 409: a newer version is indexed already; 404 on delete: nothing to delete. Both are done.
_SETTLED = {"index": {200, 201, 409}, "delete": {200, 404, 409}}

_SORTS = {
    "relevance": [{"_score": "desc"}, {"created_at": "desc"}, {"image_key": "asc"}],
    "newest": [{"created_at": "desc"}, {"image_key": "desc"}],
    "oldest": [{"created_at": "asc"}, {"image_key": "asc"}],
    "rating": [{"rating": "desc"}, {"created_at": "desc"}, {"image_key": "asc"}],
}


def _scope(user_id: UUID, query: Filters) -> dict:
    if query.workspace_id:
        return {"term": {"workspace_ids": str(query.workspace_id)}}
    return {"term": {"owner_id": str(user_id)}}


def _matching(user_id: UUID, query: Filters) -> dict:
    """The query of the images that pass every filter (and match ``q``)."""
    filters: list[dict[str, Any]] = [_scope(user_id, query)]
    if query.model:
        filters.append(_model_named([query.model.lower()]))
    filters += [{"term": {"tags": tag_key(tag)}} for tag in query.tags]  # all of them
    for field in ("folder_id", "is_favorite", "is_public", "width", "height", "sampler",
                  "scheduler", "seed", "generator"):  # fmt: skip
        value = getattr(query, field)
        if value is not None:
            filters.append({"term": {field: str(value) if field == "folder_id" else value}})
    if query.folder_ids is not None:
        filters.append({"terms": {"folder_id": [str(f) for f in query.folder_ids]}})
    if query.image_ids is not None:
        filters.append({"ids": {"values": [str(i) for i in query.image_ids]}})
    ranges = {"width": ("min_width", "max_width"), "height": ("min_height", "max_height"),
              "steps": ("steps_min", "steps_max"), "cfg_scale": ("cfg_min", "cfg_max"),
              "rating": ("rating_min", None)}  # fmt: skip
    for name, (low, high) in ranges.items():
        bounds = {"gte": getattr(query, low), "lte": getattr(query, high) if high else None}
        bounds = {k: v for k, v in bounds.items() if v is not None}
        if bounds:
            filters.append({"range": {name: bounds}})
    if query.model_hash is not None:
        filters.append({"prefix": {"model_hash": query.model_hash}})
    if query.stacks_collapsed:
        filters.append({"term": {"stack_head": True}})
    filters += [_lora(lora) for lora in query.loras]  # all of them
    created = {"gte": query.created_from, "lte": query.created_to}
    created = {k: v.isoformat() for k, v in created.items() if v is not None}
    if created:
        filters.append({"range": {"created_at": created}})
    boolean: dict[str, Any] = {"filter": filters}
    if query.exclude_tags:
        boolean["must_not"] = [{"terms": {"tags": [tag_key(t) for t in query.exclude_tags]}}]
    if query.q:
        boolean["must"] = [_text(expansion.plan(query.q))]
    return {"bool": boolean}


def _lora(lora: LoraFilter) -> dict:
    """An image made with this LoRA, within its weights (one LoRA entry matches both)."""
    weight = {"gte": lora.weight_min, "lte": lora.weight_max}
    weight = {k: v for k, v in weight.items() if v is not None}
    must: list[dict] = [{"term": {"loras.name": lora.name}}]
    if weight:
        must.append({"range": {"loras.weight": weight}})
    return {"nested": {"path": "loras", "query": {"bool": {"filter": must}}}}


# The prompt only: the negative prompt is what the image was made to avoid.
_FIELDS = ["prompt^2", "prompt.latin"]
_TIER = 100  # above any prompt score of the query itself
_BY_NAME = 0.1  # a tag or model named like the query: below a prompt match


def _prompt_has(text: str, boost: float = 1.0, every: bool = False) -> dict:
    # Hangul alone needs no stemmed Latin field: half the clauses of a Korean alternative
    fields = ["prompt"] if expansion.hangul_only(text) else _FIELDS
    match = {"query": text, "fields": fields, "type": "most_fields", "boost": boost}
    if every:  # every word of it: a phrase of the dictionary, a word of the query
        match |= {"operator": "and"}
    return {"multi_match": match}


def _stem(stem: str) -> dict:
    # looked up as the index term it is: analysed alone, nori would drop it again
    return {"term": {"prompt": {"value": stem, "boost": expansion.EXPANDED_WEIGHT}}}


def _model_named(names: list[str]) -> dict:
    """A model of one of these names or families (lower case)."""
    return {"terms": {"model_names": names}}


def _text(plan: expansion.QueryPlan) -> dict:
    """Images whose prompt has the query's words or their alternatives, or with a tag or
    model of that name, ranked as PostgreSQL ranks them: those with every word first (in
    the user's own words before their alternatives), then how well the prompt matches."""
    weight = expansion.EXPANDED_WEIGHT
    expanded = [[_prompt_has(a, weight, every=True) for a in word.alternatives]
                + [_stem(stem) for stem in word.stems] for word in plan.words]  # fmt: skip
    by_name = [
        {"constant_score": {"filter": {"terms": {"tags": list(plan.tag_keys)}}, "boost": _BY_NAME}},
        {"constant_score": {"filter": _model_named(list(plan.models)), "boost": _BY_NAME}},
    ]  # fmt: skip
    matching = [_prompt_has(plan.text), *(c for clauses in expanded for c in clauses), *by_name]
    text: dict = {"must": [{"bool": {"should": matching, "minimum_should_match": 1}}]}
    if plan.words:
        # A word is there whole: in the prompt (all of a phrase's or compound's parts), as
        # an alternative, a tag or the model ("flux 고양이"). An image with every word comes
        # first: "night city" before a mere "city", the tag 배경화면 before a prompt's 배경.
        every_word = [
            {"bool": {"should": [_prompt_has(word.text, every=True), *clauses,
                                 {"term": {"tags": word.tag_key}}, _model_named([word.model])],
                      "minimum_should_match": 1}}
            for word, clauses in zip(plan.words, expanded, strict=True)
        ]  # fmt: skip
        # and of those, the ones with every word in the user's own words first (a word with
        # no terms of its own, only particles, does not hold this back)
        every_own_word = [
            {"multi_match": {**_prompt_has(w.text, every=True)["multi_match"],
                             "zero_terms_query": "all"}}
            for w in plan.words
        ]  # fmt: skip
        text["should"] = [
            {"constant_score": {"filter": {"bool": {"must": every_word}}, "boost": _TIER}},
            {"constant_score": {"filter": {"bool": {"must": [_prompt_has(plan.text),
                                                             *every_own_word]}},
                                "boost": _TIER}},
        ]  # fmt: skip
    return {"bool": text}


def request_body(user_id: UUID, query: SearchRequest, after: After | None) -> dict:
    sort = query.sort
    body: dict[str, Any] = {
        "query": _matching(user_id, query),
        "sort": _SORTS[sort],
        "size": query.page_size + 1,
        "track_total_hits": True,
        "_source": False,
    }
    if query.q:
        body["highlight"] = {
            "fields": {"prompt": {}, "prompt.latin": {}}, "encoder": "html",
            "pre_tags": ["<em>"], "post_tags": ["</em>"], "number_of_fragments": 3,
        }  # fmt: skip
    if after is not None:
        values = [after.created_us // 1000, index.image_key(after.image_id)]
        first = {"relevance": [after.score], "rating": [after.rating]}.get(sort, [])
        body["search_after"] = [*first, *values]
    else:
        body["from"] = (query.page - 1) * query.page_size
    return body


_BY_COUNT = [{"_count": "desc"}, {"_key": "asc"}]


def _terms(field: str, limit: int, **extra) -> dict:
    return {"terms": {"field": field, "size": limit, "order": _BY_COUNT, **extra}}


def _most_frequent(field: str) -> dict:
    return {"terms": {"field": field, "size": 1, "order": _BY_COUNT}}


def facets_body(user_id: UUID, query: FacetRequest) -> dict:
    """Counts only (no hits); each facet over the images the other filters let through."""
    limit = query.limit
    own = replace(query, workspace_id=None)
    by_lora_images = [{"images": "desc"}, {"_key": "asc"}]
    return {
        "size": 0,
        # the scope of every facet: the workspace's images, and the caller's own (workspaces)
        "query": {"bool": {"should": [_scope(user_id, query), _scope(user_id, own)],
                           "minimum_should_match": 1}},
        "aggs": {
            "models": {"filter": _matching(user_id, replace(query, model=None)),
                       "aggs": {"values": _terms("model", limit)}},
            "checkpoints": {"filter": _matching(user_id, replace(query, model=None,
                                                                 model_hash=None)),
                            "aggs": {"values": {**_terms("model", limit),
                                                "aggs": {"hash": _most_frequent("model_hash")}}}},
            "samplers": {"filter": _matching(user_id, replace(query, sampler=None)),
                         "aggs": {"values": _terms("sampler", limit)}},
            "generators": {"filter": _matching(user_id, replace(query, generator=None)),
                           "aggs": {"values": _terms("generator", limit)}},
            "loras": {"filter": _matching(user_id, replace(query, loras=())), "aggs": {
                "nested": {"nested": {"path": "loras"}, "aggs": {"values": {
                    "terms": {"field": "loras.name", "size": limit, "order": by_lora_images},
                    "aggs": {"images": {"reverse_nested": {}},
                             "hash": _most_frequent("loras.hash")}}}}}},
            "sizes": {"filter": _matching(user_id, replace(query, width=None, height=None)),
                      "aggs": {"values": {"multi_terms": {
                          "terms": [{"field": "width"}, {"field": "height"}], "size": limit,
                          "order": _BY_COUNT}}}},
            "workspaces": {"filter": _matching(user_id, own),
                           "aggs": {"values": _terms("workspace_ids", limit)}},
        },
    }  # fmt: skip


class OpenSearchBackend:
    name = "opensearch"

    def __init__(self, client=None, alias: str | None = None):
        self._client = client
        self.alias = alias or get_settings().search_index_alias

    @property
    def client(self):
        if self._client is None:
            from gallery.search.client import client

            self._client = client()
        return self._client

    @property
    def next_alias(self) -> str:
        return f"{self.alias}-next"

    def ensure_index(self) -> list[str]:
        settings = get_settings()
        index.create_version(
            self.client, 1, settings.search_shards, settings.search_replicas, self.alias
        )
        return index.add_missing_fields(self.client, self.alias)

    def write(self, conn, changes: list[Change]) -> dict[str, str]:
        try:
            targets = [self.alias]
            if self.client.indices.exists_alias(name=self.next_alias):
                targets.append(self.next_alias)
            body = []
            for change in changes:
                for target in targets:
                    meta = {"_index": target, "_id": change.image_id, "version": change.version,
                            "version_type": "external", "routing": change.owner}  # fmt: skip
                    if change.document is None:
                        body.append({"delete": meta})
                    else:
                        body += [{"index": meta}, change.document]
            answer = self.client.bulk(body=body, params={"require_alias": "true"})
        except (SearchConnectionError, TransportError) as error:
            raise BackendUnavailable(repr(error)) from error
        failed = {}
        for item in answer["items"]:
            action, outcome = next(iter(item.items()))
            if outcome["status"] not in _SETTLED[action]:
                failed[outcome["_id"]] = str(outcome.get("error"))
        return failed

    def _search(self, body: dict, owner: UUID | None) -> dict:
        """``owner``: a search of one user's own images, answered by the one shard that holds
        them; else (a workspace's images, of many owners) every shard."""
        params = {"routing": str(owner)} if owner else {}
        try:
            return self.client.search(index=self.alias, body=body, params=params)
        except TransportError as error:
            status = error.status_code if isinstance(error.status_code, int) else 503
            if status < 500 and status != 429 and not isinstance(error, SearchConnectionError):
                raise  # a request the node refuses is our bug, not an outage
            raise BackendUnavailable(repr(error)) from error

    def search(self, conn, user_id: UUID, query: SearchRequest, after: After | None) -> Hits:
        owner = None if query.workspace_id else user_id
        answer = self._search(request_body(user_id, query, after), owner)
        hits = []
        for hit in answer["hits"]["hits"]:
            fragments = [f for field in hit.get("highlight", {}).values() for f in field]
            hits.append(Hit(
                image_id=UUID(hit["_id"]), score=hit.get("_score"),
                created_us=int(hit["sort"][-2]) * 1000,  # created_at, epoch millis
                rating=int(hit["sort"][0]) if query.sort == "rating" else None,
                highlights=list(dict.fromkeys(fragments)),
            ))  # fmt: skip
        return Hits(hits=hits, total=answer["hits"]["total"]["value"])

    def facets(self, conn, user_id: UUID, query: FacetRequest) -> Facets:
        owner = None if query.workspace_id else user_id
        found = self._search(facets_body(user_id, query), owner)["aggregations"]

        def counts(facet: str) -> list:
            return [(b["key"], b["doc_count"]) for b in found[facet]["values"]["buckets"]]

        def hashed(buckets: list, count=lambda b: b["doc_count"]) -> list:
            return [(b["key"], next((h["key"] for h in b["hash"]["buckets"]), None), count(b))
                    for b in buckets]  # fmt: skip

        return Facets(
            models=counts("models"), samplers=counts("samplers"), workspaces=counts("workspaces"),
            sizes=[(width, height, count) for (width, height), count in counts("sizes")],
            checkpoints=hashed(found["checkpoints"]["values"]["buckets"]),
            loras=hashed(found["loras"]["nested"]["values"]["buckets"],
                         lambda b: b["images"]["doc_count"]),
            generators=counts("generators"),
        )  # fmt: skip

    def _versions(self) -> list[int]:
        pattern = re.compile(rf"^{re.escape(self.alias)}_v(\d+)$")
        names = self.client.indices.get(index=f"{self.alias}_v*")
        return [int(m.group(1)) for name in names if (m := pattern.match(name))]

    def begin_rebuild(self) -> None:
        """Creates the next version behind ``{alias}-next`` (or resumes the one there)."""
        if self.client.indices.exists_alias(name=self.next_alias):
            return
        settings = get_settings()
        version = max(self._versions(), default=0) + 1
        name = index.index_name(version, self.alias)
        self.client.indices.create(
            index=name, body=index.index_body(settings.search_shards, settings.search_replicas)
        )
        self.client.indices.put_alias(index=name, name=self.next_alias)

    def finish_rebuild(self, since_version: int) -> None:
        (new,) = self.client.indices.get_alias(name=self.next_alias)
        old = [name for name in self.client.indices.get_alias(name=self.alias) if name != new]
        self.client.indices.refresh(index=new)
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        actions += [
            {"add": {"index": new, "alias": self.alias}},
            {"remove": {"index": new, "alias": self.next_alias}},
        ]
        self.client.indices.update_aliases(body={"actions": actions})  # one atomic step
        for name in old:
            self.client.indices.delete(index=name)

    def abandon_rebuild(self) -> None:
        try:
            for name in self.client.indices.get_alias(name=self.next_alias):
                self.client.indices.delete(index=name)
        except NotFoundError:
            pass
