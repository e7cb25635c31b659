"""The local OpenSearch node analyses Korean with nori, as Amazon OpenSearch Service does
with its nori package: the search issue's index design rests on these behaviours."""

import httpx
import pytest

ANALYSIS = {
    "analysis": {
        "tokenizer": {
            "korean": {"type": "nori_tokenizer", "decompound_mode": "mixed"},
            "prefixes": {"type": "edge_ngram", "min_gram": 1, "max_gram": 10,
                         "token_chars": ["letter", "digit"]},
        },
        "analyzer": {
            "korean": {"type": "custom", "tokenizer": "korean",
                       "filter": ["nori_readingform", "lowercase", "nori_part_of_speech"]},
            "prefixes": {"type": "custom", "tokenizer": "prefixes", "filter": ["lowercase"]},
        },
    },
    "number_of_shards": 1,
    "number_of_replicas": 0,
}  # fmt: skip


@pytest.fixture(scope="module")
def search(opensearch_url):
    with httpx.Client(base_url=opensearch_url, timeout=30) as client:
        yield client


def tokens(search, body: dict, index: str = "") -> list[str]:
    answer = search.post(f"{index}/_analyze", json=body)
    assert answer.status_code == 200, answer.text
    return [t["token"] for t in answer.json()["tokens"]]


def test_the_node_is_up_and_healthy(search):
    assert search.get("/_cluster/health").json()["status"] in ("green", "yellow")


def test_nori_splits_a_korean_sentence_into_morphemes(search):
    got = tokens(search, {"tokenizer": "nori_tokenizer", "text": "고양이가 우주복을 입고"})
    assert got[:2] == ["고양이", "가"]
    assert {"우주", "입"} <= set(got)


def test_a_nori_index_finds_inflected_and_compound_korean_words(search):
    index = "/nori-probe"
    search.delete(index)
    prefix = {"type": "text", "analyzer": "prefixes", "search_analyzer": "standard"}
    prompt = {"type": "text", "analyzer": "korean", "fields": {"prefix": prefix}}
    mapping = {"properties": {"prompt": prompt}}
    created = search.put(index, json={"settings": ANALYSIS, "mappings": mapping})
    assert created.status_code == 200, created.text
    search.post(
        f"{index}/_doc/1?refresh=true", json={"prompt": "우주복을 입은 고양이가 달 위를 걷는다"}
    )
    search.post(f"{index}/_doc/2?refresh=true", json={"prompt": "a cyberpunk city at night"})

    def hits(field: str, text: str) -> set[str]:
        query = {"query": {"match": {field: text}}}
        found = search.post(f"{index}/_search", json=query).json()["hits"]["hits"]
        return {hit["_id"] for hit in found}

    assert hits("prompt", "고양이") == {"1"}  # 고양이가 -> 고양이
    assert hits("prompt", "우주복") == {"1"}  # 우주복을 -> 우주복 (mixed keeps the compound)
    assert hits("prompt", "고양이는") == {"1"}  # the particle is dropped on both sides
    assert hits("prompt.prefix", "cyber") == {"2"}
    assert hits("prompt.prefix", "우주") == {"1"}
    assert "가" not in tokens(search, {"analyzer": "korean", "text": "고양이가"}, index)
    search.delete(index)
