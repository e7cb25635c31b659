"""The bilingual concepts of image prompts: a reviewed Korean↔English dictionary
(``concepts.tsv`` beside this module) that lets a query in one language find prompts written
in the other.

One concept per line, tab-separated: ``concept  category  ko  en``; each language's surface
forms separated by ``|``, the usual one first (variants such as 강아지|개 and puppy|dog
follow it). Lines starting with ``#`` are comments. A form may name two concepts only when
it is a real homonym (눈: snow and eye); ``HOMONYMS`` lists those, and the loader refuses
any other form that appears twice, so a slip in review cannot merge two concepts.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SOURCE = Path(__file__).with_name("concepts.tsv")
COLUMNS = ("concept", "category", "ko", "en")


@dataclass(frozen=True)
class Concept:
    concept: str  # a stable id: lower-case English words joined by "_"
    category: str
    ko: tuple[str, ...]
    en: tuple[str, ...]


class DictionaryError(ValueError):
    """The file breaks one of the rules above (the line is in the message)."""


def parse(text: str, homonyms: frozenset[str] = frozenset()) -> list[Concept]:
    concepts: list[Concept] = []
    seen_ids: set[str] = set()
    owners: dict[str, str] = {}  # a normalised form -> the concept that has it
    lines = text.splitlines()
    header = next((n for n, line in enumerate(lines) if line and not line.startswith("#")), None)
    if header is None or tuple(lines[header].split("\t")) != COLUMNS:
        raise DictionaryError(f"the first line that is not a comment must be {COLUMNS}")
    for number, line in enumerate(lines[header + 1 :], start=header + 2):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != len(COLUMNS):
            raise DictionaryError(f"line {number}: {len(fields)} columns, not {len(COLUMNS)}")
        concept_id, category, ko, en = (field.strip() for field in fields)
        forms = {"ko": _forms(ko), "en": _forms(en)}
        if not concept_id or not category or not forms["ko"] or not forms["en"]:
            raise DictionaryError(f"line {number}: every column needs a value")
        if concept_id in seen_ids:
            raise DictionaryError(f"line {number}: concept {concept_id!r} is already defined")
        seen_ids.add(concept_id)
        for form in forms["ko"] + forms["en"]:
            key = form.casefold()
            if key in owners and key not in homonyms:
                raise DictionaryError(
                    f"line {number}: {form!r} is already a form of {owners[key]!r}"
                    " (list it in HOMONYMS if it really names both)"
                )
            owners.setdefault(key, concept_id)
        concepts.append(Concept(concept_id, category, forms["ko"], forms["en"]))
    return concepts


def _forms(column: str) -> tuple[str, ...]:
    return tuple(form.strip() for form in column.split("|") if form.strip())


# Korean (and a few English) forms that really name two concepts; a query with one of them
# is expanded to both. Both senses are common in prompts (the homonyms left out, and why,
# are listed at the top of concepts.tsv).
HOMONYMS: frozenset[str] = frozenset({"눈", "다리", "차", "신사", "orange"})


@lru_cache(maxsize=1)
def load() -> tuple[Concept, ...]:
    return tuple(parse(SOURCE.read_text(encoding="utf-8"), HOMONYMS))
