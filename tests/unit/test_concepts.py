"""The concept dictionary's file rules (its contents are checked against both analyzers in
tests/integration/test_concept_analysis.py)."""

import pytest

from gallery.search import concepts

HEADER = "concept\tcategory\tko\ten\n"


def test_the_dictionary_in_the_repository_loads():
    loaded = concepts.load()
    assert loaded and all(c.ko and c.en for c in loaded)


def test_forms_are_split_trimmed_and_comments_skipped():
    (cat,) = concepts.parse(f"# note\n{HEADER}# animals\ncat\tanimal\t고양이 | 냥이\tcat|kitty\n")
    assert cat == concepts.Concept("cat", "animal", ("고양이", "냥이"), ("cat", "kitty"))


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        ("cat\tanimal\t고양이\n", "3 columns"),
        ("cat\tanimal\t\tcat\n", "needs a value"),
        ("cat\tanimal\t고양이\tcat\ncat\tanimal\t냥이\tkitty\n", "already defined"),
        ("cat\tanimal\t고양이\tcat\nkitten\tanimal\t새끼 고양이\tCat\n", "already a form of 'cat'"),
    ],
)
def test_a_broken_line_is_refused_with_its_number(body, complaint):
    with pytest.raises(concepts.DictionaryError, match=complaint):
        concepts.parse(HEADER + body)


def test_a_declared_homonym_may_name_two_concepts():
    text = HEADER + "snow\tweather\t눈\tsnow\neye\tbody\t눈\teye\n"
    with pytest.raises(concepts.DictionaryError):
        concepts.parse(text)
    assert [c.concept for c in concepts.parse(text, frozenset({"눈"}))] == ["snow", "eye"]


def test_a_file_without_its_header_is_refused():
    with pytest.raises(concepts.DictionaryError, match="first line"):
        concepts.parse("cat\tanimal\t고양이\tcat\n")
