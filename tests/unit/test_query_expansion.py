"""The query plan both backends search with (gallery.search.expansion): which words get
which alternatives, and what is never expanded. The backends' use of it is in the search
contract (tests/e2e/test_search.py) and the relevance floors."""

import pytest

from gallery.search import concepts
from gallery.search.expansion import MAX_ALTERNATIVES, model_names, plan


def alternatives(q: str) -> list[tuple[str, ...]]:
    return [word.alternatives for word in plan(q).words]


def test_a_word_finds_its_concept_in_the_other_language_first_then_its_variants():
    (cat,) = alternatives("고양이")
    assert cat[0] == "cat" and "cats" in cat and "냥이" in cat
    (korean,) = alternatives("cat")
    assert korean[0] == "고양이"
    assert "cat" not in korean  # never the word itself


@pytest.mark.parametrize(("q", "alternative"), [
    ("고양이가", "cat"), ("고양이들의", "cat"), ("바닷가의", "beach"), ("wolves", "늑대"),
    ("CATS", "고양이"),
])  # fmt: skip
def test_particles_plurals_and_case_do_not_hide_the_concept(q, alternative):
    (found,) = alternatives(q)
    assert alternative in found


def test_the_longest_phrase_the_dictionary_knows_is_one_word():
    words = plan("night city lights").words
    assert words[0].text == "night city" and "야경" in words[0].alternatives
    assert [w.text for w in words] == ["night city", "lights"]


def test_a_homonym_expands_to_each_of_its_senses():
    (snow_or_eye,) = alternatives("눈")
    assert {"snow", "eye"} <= set(snow_or_eye[:2])
    assert len(snow_or_eye) == MAX_ALTERNATIVES


def test_a_lone_inflected_korean_word_keeps_its_stem_and_nothing_else_gets_one():
    assert plan("달리는").words[0].stems == ("달리",)
    assert plan("달린").words[0].stems == ("달리",)  # the final ㄴ of the modifier
    assert plan("떠오른").words[0].stems == ("떠오르",)
    assert plan("흐르던").words[0].stems == ("흐르",)
    assert plan("running").words[0].stems == ()  # English is stemmed by its analyzer
    assert plan("고양이").words[0].stems == ()  # a concept, not a stem


def test_tags_and_models_are_the_query_and_each_of_its_words():
    query = plan("Flux  Cyberpunk")
    assert query.tag_keys == ("flux  cyberpunk", "flux", "cyberpunk")
    assert query.models == ("flux  cyberpunk", "flux", "cyberpunk")
    assert [w.model for w in query.words] == ["flux", "cyberpunk"]


def test_punctuation_alone_plans_nothing_to_expand():
    query = plan("?!")
    assert query.words == () and not query.expanded


def test_every_alternative_is_a_form_of_the_dictionary():
    forms = {f for c in concepts.load() for f in c.ko + c.en}
    for q in ("고양이", "sunset", "유화", "빨간 스포츠카", "orange"):
        for found in alternatives(q):
            assert set(found) <= forms and len(found) <= MAX_ALTERNATIVES


def test_a_model_is_found_by_its_name_and_its_family_in_lower_case():
    assert model_names("Flux-Dev") == ["flux-dev", "flux"]
    assert model_names("fluxion-2") == ["fluxion-2", "fluxion"]  # never "flux"
    assert model_names("SDXL") == ["sdxl"]
    assert model_names("sd_1.5") == ["sd_1.5", "sd"]
    assert model_names(None) == [] and model_names("") == []


def test_a_phrase_as_long_as_the_dictionarys_longest_is_one_word():
    words = plan("hair blowing in the wind").words
    assert [w.text for w in words] == ["hair blowing in the wind"] and words[0].alternatives
