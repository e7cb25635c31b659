"""The relevance floors of issue 17, on both backends: the labelled set of
bench/relevance_set/ indexed once for the module, every query run through each backend,
scored with nDCG@10, recall@50 and MRR (bench/relevance.py). Relevance is a count of what
was found, not a timing: nothing here measures time.

The floors search does not reach yet (nothing crosses languages today) are strict xfails:
the day one holds, its test fails, and its mark must go."""

import uuid

import pytest

from bench.relevance import (
    BACKENDS,
    index_everything,
    load_set,
    run_queries,
    summarise,
    write_images,
)

NOT_YET = pytest.mark.xfail(
    strict=True, reason="issue 17: no cross-language matching, tags and models not in q yet"
)
BILINGUAL_NOT_YET = pytest.mark.xfail(
    strict=True, reason="issue 17: a query does not find the other language's prompts yet"
)


@pytest.fixture(scope="module")
def summaries(stack, owner_url) -> dict[str, dict]:
    prompts, queries = load_set()
    user_id = uuid.uuid4()
    prompt_of = write_images(owner_url, user_id, prompts)
    index_everything()
    return {name: summarise(run_queries(name, user_id, prompt_of, queries)) for name in BACKENDS}


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_set_is_indexed_whole_and_every_query_is_scored(summaries, backend):
    prompts, queries = load_set()
    assert len(prompts) >= 2000 and len(queries) >= 200
    assert summaries[backend]["all"]["queries"] == len(queries)
    # at least one ranking scored above zero: the images were found at all
    assert summaries[backend]["all"]["mrr"] > 0


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("group", "metric", "floor"),
    [
        pytest.param("all", "ndcg@10", 0.85, marks=NOT_YET),
        pytest.param("all", "recall@50", 0.95, marks=NOT_YET),
        pytest.param("bilingual", "recall@50", 0.9, marks=BILINGUAL_NOT_YET),
        # what holds today, so that finding the other language never costs the exact one
        ("ko_inflected", "ndcg@10", 0.85),
        ("compound", "ndcg@10", 0.85),
        ("short", "ndcg@10", 0.85),
        ("en_plural", "ndcg@10", 0.85),
    ],
)
def test_relevance_stays_above_its_floor(summaries, backend, group, metric, floor):
    figures = summaries[backend][group]
    assert figures[metric] >= floor, f"{backend} {group}: {figures}"
