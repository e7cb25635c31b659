"""The concept dictionary's contents (concepts.tsv) against both backends' analysis: a form
that analyses to nothing (nori reads 달리는 alone as the adverb 달리 + a particle) could never
match a prompt, so a query expanded to it would silently find nothing."""

import re
from collections.abc import Iterable

import pytest
from opensearchpy import OpenSearch

from gallery.search import analysis, concepts, index

ALIAS = "test-concept-analysis"
BATCH = 500  # forms per _analyze call
HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
LATIN = re.compile(r"[A-Za-z]")


def all_forms() -> list[str]:
    forms = (form for c in concepts.load() for form in c.ko + c.en)
    return sorted(dict.fromkeys(forms))


@pytest.fixture(scope="module")
def node(opensearch_url):
    client = OpenSearch(hosts=[opensearch_url], timeout=60)
    name = index.create_version(client, 1, shards=1, replicas=0, alias=ALIAS)
    yield client
    client.indices.delete(index=name)


def opensearch_terms(client, field: str, forms: list[str]) -> dict[str, list[str]]:
    """Each form's terms under ``field``'s analyzer, many forms per call. _analyze analyses
    each text of an array on its own and numbers the offsets on: a text starts where the
    previous one ended plus the field's offset gap (1), which says whose token is whose."""
    found: dict[str, list[str]] = {form: [] for form in forms}
    for first in range(0, len(forms), BATCH):
        batch = forms[first : first + BATCH]
        starts, offset = [], 0
        for form in batch:
            starts.append(offset)
            offset += len(form) + 1
        answer = client.indices.analyze(index=ALIAS, body={"field": field, "text": batch})
        for token in answer["tokens"]:
            owner = max(i for i, start in enumerate(starts) if start <= token["start_offset"])
            assert token["end_offset"] <= starts[owner] + len(batch[owner]), (token, batch[owner])
            found[batch[owner]].append(token["token"])
    return found


def without_terms(terms_of: dict[str, list[str]]) -> list[str]:
    return [form for form, terms in terms_of.items() if not terms]


def latin_forms(forms: Iterable[str]) -> list[str]:
    return [form for form in forms if LATIN.search(form)]


def test_batched_analysis_gives_each_form_its_own_terms(node):
    forms = ["고양이", "달리는", "oil painting", "빨간색", "cats"]
    korean = opensearch_terms(node, "prompt", forms)
    assert korean["고양이"] == ["고양이"]
    assert korean["달리는"] == []  # the adverb 달리 and a particle, both dropped
    assert korean["oil painting"] == ["oil", "painting"]
    assert "빨간색" in korean["빨간색"]
    latin = opensearch_terms(node, "prompt.latin", latin_forms(forms))
    assert latin == {"oil painting": ["oil", "paint"], "cats": ["cat"]}
    assert without_terms(korean) == ["달리는"]
    assert analysis.terms("달리는") == []  # the PostgreSQL backend agrees


def test_every_form_has_a_term_under_the_postgres_analysis():
    empty = [form for form in all_forms() if not analysis.terms(form)]
    assert not empty, f"{len(empty)} forms analyse to nothing: {empty}"


def test_every_form_has_a_term_under_the_korean_analyzer(node):
    empty = without_terms(opensearch_terms(node, "prompt", all_forms()))
    assert not empty, f"{len(empty)} forms analyse to nothing: {empty}"


def test_every_latin_form_has_a_term_under_the_latin_analyzer(node):
    empty = without_terms(opensearch_terms(node, "prompt.latin", latin_forms(all_forms())))
    assert not empty, f"{len(empty)} forms analyse to nothing: {empty}"


def test_the_dictionary_holds_at_least_1500_concepts():
    assert len(concepts.load()) >= 1500


def test_each_language_keeps_to_its_script():
    misplaced = [
        (c.concept, form)
        for c in concepts.load()
        for form in c.ko
        if not HANGUL.search(form) or LATIN.search(form)
    ] + [(c.concept, form) for c in concepts.load() for form in c.en if HANGUL.search(form)]
    assert not misplaced


def declared_categories() -> list[str]:
    """The fixed list in the file's header comment ("# categories: a, b, …", continued on
    the following comment lines up to the first blank or parenthesised one)."""
    lines = iter(concepts.SOURCE.read_text(encoding="utf-8").splitlines())
    listed = ""
    for line in lines:
        if line.startswith("# categories:"):
            listed = line.removeprefix("# categories:")
            for more in lines:
                text = more.removeprefix("#").strip()
                if not text or text.startswith("("):
                    break
                listed += " " + text
            break
    return [name.strip() for name in listed.split(",") if name.strip()]


def test_categories_come_from_the_fixed_list_each_in_one_sorted_group():
    categories = declared_categories()
    assert len(categories) >= 10
    loaded = concepts.load()
    assert {c.category for c in loaded} <= set(categories)
    groups = [category for i, category in enumerate(c.category for c in loaded)
              if i == 0 or loaded[i - 1].category != category]  # fmt: skip
    assert len(groups) == len(set(groups)), "a category is split into several groups"
    for category in groups:
        ids = [c.concept for c in loaded if c.category == category]
        assert ids == sorted(ids), f"{category} is not sorted"
