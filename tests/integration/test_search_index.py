"""The images index design on the real OpenSearch node: what a query finds, and what not."""

import pytest
from opensearchpy import OpenSearch

from gallery.search import index
from gallery.search.backend import Change
from gallery.search.opensearch import OpenSearchBackend

DOCS = {
    "cat": {"prompt": "우주복을 입은 고양이가 달 위를 걷는다", "tags": ["고양이", "Space"],
            "model": "sdxl-base-1.0"},
    "city": {"prompt": "Cyberpunk cities at night, neon signs, 사이버펑크 도시",
             "tags": ["cyberpunk"], "model": "flux-dev"},
    "portrait": {"prompt": "한복을 입은 소녀의 초상화, SDXL 스타일", "tags": ["인물", "hanbok"],
                 "model": "pingvas-v3", "negative_prompt": "고양이, blurry"},
}  # fmt: skip


ALIAS = "test-index-design"


@pytest.fixture(scope="module")
def search(opensearch_url):
    client = OpenSearch(hosts=[opensearch_url])
    index.create_version(client, 1, shards=1, replicas=0, alias=ALIAS)
    for doc_id, doc in DOCS.items():
        client.index(index=ALIAS, id=doc_id, body={"owner_id": "u1", **doc}, routing="u1")
    client.indices.refresh(index=ALIAS)
    yield client
    client.indices.delete(index=f"{ALIAS}_v*")


def found(client, query: dict) -> set[str]:
    hits = client.search(index=ALIAS, body={"query": query})["hits"]["hits"]
    return {hit["_id"] for hit in hits}


def prompt_query(text: str) -> dict:
    return {"multi_match": {"query": text, "fields": ["prompt", "prompt.latin"]}}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("고양이", {"cat"}),  # 고양이가 (with its particle) is found
        ("우주복", {"cat"}),  # a compound, found whole
        ("초상화", {"portrait"}),
        ("사이버펑크", {"city"}),
        ("cyberpunk city", {"city"}),  # English, plural stemmed
        ("SDXL", {"portrait"}),
        ("neon", {"city"}),
    ],
)
def test_prompts_are_found_in_korean_english_and_mixed(search, text, expected):
    assert found(search, prompt_query(text)) == expected


def test_the_negative_prompt_does_not_match_a_prompt_search(search):
    assert "portrait" not in found(search, prompt_query("고양이"))
    negative = {"match": {"negative_prompt": "고양이"}}
    assert found(search, negative) == {"portrait"}


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("고", {"cat"}),
        ("고양", {"cat"}),
        ("spa", {"cat"}),
        ("CYBER", {"city"}),
        ("han", {"portrait"}),
    ],
)
def test_tags_complete_from_korean_and_english_prefixes(search, prefix, expected):
    assert found(search, {"match": {"tags.suggest": prefix}}) == expected


def test_tags_filter_regardless_of_case_and_models_exactly(search):
    assert found(search, {"term": {"tags": "space"}}) == {"cat"}
    assert found(search, {"term": {"model": "flux-dev"}}) == {"city"}


def test_a_rebuild_writes_to_both_versions_then_moves_the_alias_in_one_step(search):
    alias = "test-rebuild"
    old = index.create_version(search, 1, shards=1, replicas=0, alias=alias)
    backend = OpenSearchBackend(search, alias)
    try:
        backend.begin_rebuild()
        new = index.index_name(2, alias)
        assert list(search.indices.get_alias(name=f"{alias}-next")) == [new]
        assert list(search.indices.get_alias(name=alias)) == [old]  # searches stay on v1
        doc = {"owner_id": "u1", "prompt": "재색인 중에 쓴 문서", "tags": []}
        assert backend.write(None, [Change("during", 7, doc, "u1")]) == {}
        for name in (old, new):
            assert search.get(index=name, id="during", routing="u1")["found"]

        backend.finish_rebuild(since_version=1)
        assert list(search.indices.get_alias(name=alias)) == [new]
        assert not search.indices.exists_alias(name=f"{alias}-next")
        assert not search.indices.exists(index=old)
        got = search.get(index=alias, id="during", routing="u1")
        assert got["_source"]["prompt"] == doc["prompt"]
    finally:
        search.indices.delete(index=f"{alias}_v*")


def test_writes_never_create_an_index_by_themselves(search):
    backend = OpenSearchBackend(search, "test-no-such-alias")
    change = Change("x", 1, {"owner_id": "u1", "prompt": "nowhere", "tags": []}, "u1")
    assert "x" in backend.write(None, [change])  # refused, not auto-created
    assert not search.indices.exists(index="test-no-such-alias")


def test_an_index_made_by_older_code_gets_the_new_fields_in_place(opensearch_url):
    """Mappings only grow in place: ensure_index adds what the code maps and the live index
    lacks, and says so (the documents need `gallery reindex`)."""
    client = OpenSearch(hosts=[opensearch_url])
    alias = "test-older-mapping"
    old = {**index.MAPPINGS, "properties": {k: v for k, v in index.MAPPINGS["properties"].items()
                                            if k != "image_key"}}  # fmt: skip
    client.indices.create(index=f"{alias}_v1", body={**index.index_body(1, 0), "mappings": old})
    client.indices.put_alias(index=f"{alias}_v1", name=alias)
    try:
        backend = OpenSearchBackend(client, alias)
        assert backend.ensure_index() == ["image_key"]
        live = client.indices.get_mapping(index=alias)[f"{alias}_v1"]["mappings"]["properties"]
        assert live["image_key"] == {"type": "long"}
        assert backend.ensure_index() == []  # nothing left to add
    finally:
        client.indices.delete(index=f"{alias}_v*")


def test_the_sort_tiebreaker_is_the_image_ids_first_64_bits_signed():
    import uuid

    assert index.image_key(uuid.UUID("00000000-0000-0001-ffff-ffffffffffff")) == 1
    assert index.image_key(uuid.UUID("ffffffff-ffff-ffff-0000-000000000000")) == -1
    assert index.image_key(uuid.UUID("80000000-0000-0000-0000-000000000000")) == -(2**63)


def test_an_owners_search_asks_the_one_shard_that_holds_their_images(opensearch_url):
    """Documents are routed by owner over the shards; a user's own search and facets are
    answered by that shard alone, a workspace's (images of many owners) by every shard."""
    import uuid

    from gallery.search.backend import FacetRequest, SearchRequest

    client = OpenSearch(hosts=[opensearch_url])
    alias = "test-routing"
    index.create_version(client, 1, shards=4, replicas=0, alias=alias)
    backend = OpenSearchBackend(client, alias)
    owners = [uuid.uuid4() for _ in range(6)]
    workspace = uuid.uuid4()
    images = {owner: [uuid.uuid4() for _ in range(3)] for owner in owners}
    changes = [
        Change(str(image_id), 1, {"owner_id": str(owner), "prompt": "고양이 사진", "tags": [],
                                  "workspace_ids": [str(workspace)] if k == 0 else [],
                                  "created_at": f"2026-12-0{k + 1}T00:00:00+00:00"},
               str(owner))
        for owner, ids in images.items() for k, image_id in enumerate(ids)
    ]  # fmt: skip
    asked = []
    search = client.search

    def counting(**kwargs):
        answer = search(**kwargs)
        asked.append(answer["_shards"]["total"])
        return answer

    client.search = counting
    try:
        assert backend.write(None, changes) == {}
        client.indices.refresh(index=alias)
        for owner, ids in images.items():
            hits = backend.search(None, owner, SearchRequest(q="고양이", page_size=10), None)
            assert {hit.image_id for hit in hits.hits} == set(ids)
        assert asked == [1] * len(owners)  # each answered by one shard of four
        asked.clear()
        backend.facets(None, owners[0], FacetRequest())
        shared = backend.search(None, owners[0], SearchRequest(workspace_id=workspace), None)
        assert {hit.image_id for hit in shared.hits} == {ids[0] for ids in images.values()}
        assert asked == [1, 4]
        # the shards do share the owners out (six owners on one shard would prove nothing)
        shards = {client.search_shards(index=alias, routing=str(owner))["shards"][0][0]["shard"]
                  for owner in owners}  # fmt: skip
        assert len(shards) > 1
    finally:
        client.search = search
        client.indices.delete(index=f"{alias}_v*")
