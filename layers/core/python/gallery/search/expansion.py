"""What a search for ``q`` looks for, decided once for both backends: the user's own words,
the same concepts in the other language (the bilingual dictionary, gallery.search.concepts),
a reading of a short inflected Korean word that its analysis would drop, and the tag and
model names ``q`` may be.

The plan is made from the query's surface, not from an analyzer: the OpenSearch functions
have no Korean morphology of their own (mecab-ko is PostgreSQL's, and nori lives in the
cluster), and both backends must expand the same way. Each backend then analyses the words
and their alternatives with its own analysis, as it analyses prompts.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from gallery.search import concepts
from gallery.tag_keys import tag_key

MAX_ALTERNATIVES = 8  # per word: a homonym's senses and variants, the usual forms first
EXPANDED_WEIGHT = 0.4  # an alternative counts less than the user's own word

_WORD = re.compile(r"[^\s,.;:!?()\[\]{}\"'`]+")
_HANGUL = re.compile(r"[가-힣]")
# Particles and endings that follow a Korean noun or stem in a query ("고양이가", "달리는"),
# the longest tried first: what is left must be a form of the dictionary.
_KOREAN_ENDINGS = tuple(sorted({
    "이", "가", "은", "는", "을", "를", "의", "에", "에서", "에게", "한테", "와", "과", "도", "로",
    "으로", "만", "랑", "이랑", "하고", "처럼", "보다", "까지", "부터", "들", "들이", "들의",
    "들은", "들과", "이다", "이고", "이며", "인", "한", "하는", "하게", "하다", "스러운", "적인",
    "던", "고", "게", "며", "다",
}, key=len, reverse=True))  # fmt: skip
# Modifier and final endings whose stem nori leaves out when the word stands alone
# (달리는: the adverb 달리 + a particle, both dropped; 달리 the verb is what prompts index)
_STEM_ENDINGS = ("는", "던", "고", "며", "다")
_FINAL_N = 4  # ㄴ's index as a final consonant in a precomposed syllable


@dataclass(frozen=True)
class Word:
    """A word of the query (or a phrase the dictionary knows as one concept)."""

    text: str
    alternatives: tuple[str, ...] = ()
    """The concept's forms in the other language, then its other forms in this one."""
    stems: tuple[str, ...] = ()
    """Index terms to look up as they are: the verb or adjective stem of a Korean word."""

    @property
    def tag_key(self) -> str:
        """The word as a tag's key: an image with that tag has the word too."""
        return tag_key(self.text)

    @property
    def model(self) -> str:
        """The word as a model's name or family (lower case): "flux" in "flux 고양이"."""
        return _normal(self.text)


@dataclass(frozen=True)
class QueryPlan:
    text: str
    words: tuple[Word, ...]
    tag_keys: tuple[str, ...]
    """``q`` and each of its words as tag keys: a tag named like the query matches."""
    models: tuple[str, ...]
    """``q`` and each of its words in lower case: a model of that name or family matches."""

    @property
    def expanded(self) -> bool:
        return any(word.alternatives or word.stems for word in self.words)


def _normal(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


@lru_cache(maxsize=1)
def _forms() -> dict[str, tuple[concepts.Concept, ...]]:
    """Every form of the dictionary (normalised) -> the concepts it names."""
    found: dict[str, list[concepts.Concept]] = {}
    for concept in concepts.load():
        for form in concept.ko + concept.en:
            named = found.setdefault(_normal(form), [])
            if concept not in named:
                named.append(concept)
    return {form: tuple(named) for form, named in found.items()}


@lru_cache(maxsize=1)
def _longest_phrase() -> int:
    """Words in the dictionary's longest form: no longer run of query words can be one."""
    return max(len(form.split()) for form in _forms())


def _korean(text: str) -> bool:
    return bool(_HANGUL.search(text))


def hangul_only(text: str) -> bool:
    """No Latin letter or digit: nothing for a Latin analyzer to find."""
    return not re.search(r"[A-Za-z0-9]", text)


def _lookup(phrase: str) -> tuple[concepts.Concept, ...]:
    """The concepts ``phrase`` names, as written or without a Korean ending or an English
    plural."""
    forms = _forms()
    if phrase in forms:
        return forms[phrase]
    if _korean(phrase):
        for ending in _KOREAN_ENDINGS:
            stem = phrase[: -len(ending)]
            if phrase.endswith(ending) and stem and (found := forms.get(stem)):
                return found
    else:
        for ending in ("es", "s"):
            if phrase.endswith(ending) and (found := forms.get(phrase[: -len(ending)])):
                return found
    return ()


def _alternatives(phrase: str, named: tuple[concepts.Concept, ...]) -> tuple[str, ...]:
    korean = _korean(phrase)
    other = [c.en if korean else c.ko for c in named]
    same = [c.ko if korean else c.en for c in named]
    # each sense's usual form first (a homonym keeps both senses within the limit), then
    # the other forms in the other language, then the variants in the query's own
    ordered = [forms[0] for forms in other] + [f for forms in other + same for f in forms]
    chosen = [f for f in dict.fromkeys(ordered) if _normal(f) != phrase]
    return tuple(chosen[:MAX_ALTERNATIVES])


def _stems(word: str) -> tuple[str, ...]:
    """The stem a lone inflected Korean word hides: 달리는/달린 -> 달리, 예쁜 -> 예쁘."""
    if not _korean(word) or len(word) < 2:
        return ()
    for ending in _STEM_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending):
            return (word[: -len(ending)],)
    last = ord(word[-1]) - 0xAC00
    if 0 <= last < 11172 and last % 28 == _FINAL_N:  # a final ㄴ: the modifier ending
        return (word[:-1] + chr(0xAC00 + last - _FINAL_N),)
    return ()


@lru_cache(maxsize=1024)
def plan(q: str) -> QueryPlan:
    """The plan for ``q`` (already stripped and validated by the API's model)."""
    raw = _WORD.findall(unicodedata.normalize("NFC", q))
    normal = [_normal(w) for w in raw]
    words: list[Word] = []
    i = 0
    while i < len(raw):
        # the longest run of words the dictionary knows as one concept wins
        for j in range(min(len(raw), i + _longest_phrase()), i, -1):
            phrase = " ".join(normal[i:j])
            if named := _lookup(phrase):
                words.append(Word(" ".join(raw[i:j]), _alternatives(phrase, named)))
                i = j
                break
        else:
            words.append(Word(raw[i], stems=_stems(normal[i])))
            i += 1
    names = dict.fromkeys([q.strip(), *raw])
    return QueryPlan(
        text=q,
        words=tuple(words),
        tag_keys=tuple(dict.fromkeys(tag_key(n) for n in names if n)),
        models=tuple(dict.fromkeys(_normal(n) for n in names if n)),
    )


_FAMILY_END = re.compile(r"[-_ .:]")  # "flux" is flux-dev's family, not fluxion-2's


def model_names(model: str | None) -> list[str]:
    """The names a query finds a model by, in lower case: its own and its family's
    (flux-dev: flux-dev, flux). Indexed with the document, so matching is a term lookup."""
    if not model:
        return []
    name = _normal(model)
    return list(dict.fromkeys(n for n in (name, _FAMILY_END.split(name, maxsplit=1)[0]) if n))
