"""The images index design on the real OpenSearch node: what a query finds, and what not."""

import pytest
from opensearchpy import OpenSearch

from gallery.search import index

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
    name = index.create_version(client, 1, shards=1, replicas=0, alias=ALIAS)
    for doc_id, doc in DOCS.items():
        client.index(index=ALIAS, id=doc_id, body={"owner_id": "u1", **doc})
    client.indices.refresh(index=ALIAS)
    yield client
    client.indices.delete(index=name)


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


def test_the_alias_moves_to_a_new_version_in_one_step(search):
    new = index.create_version(search, 2, shards=1, replicas=0, alias=ALIAS)
    try:
        index.swap_alias(search, 2, alias=ALIAS)
        assert list(search.indices.get_alias(name=ALIAS)) == [new]
        index.swap_alias(search, 1, alias=ALIAS)
        assert list(search.indices.get_alias(name=ALIAS)) == [index.index_name(1, ALIAS)]
    finally:
        search.indices.delete(index=new)
