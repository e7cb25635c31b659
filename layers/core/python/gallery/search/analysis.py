"""Prompt analysis for the PostgreSQL backend, made to agree with the OpenSearch analyzer.

mecab-ko-dic (through python-mecab-ko) is the dictionary nori is built from, so the same
morphemes come out: particles and endings dropped (nori_part_of_speech's default stop
tags), compounds and inflected forms kept whole and split (decompound_mode: mixed), hanja
read as hangul (nori_readingform), lower case. Latin words are also Porter-stemmed, as the
``prompt.latin`` sub-field does. Index and query go through the same function.
"""

import html
from dataclasses import dataclass
from functools import lru_cache

# nori's default stop tags (E and J are families), plus the punctuation nori discards.
_STOP_TAGS = {
    "IC", "MAG", "MAJ", "MM", "SP", "SSC", "SSO", "SC", "SE", "XPN", "XSA", "XSN", "XSV",
    "UNA", "NA", "VSV", "SF", "SY",
}  # fmt: skip
_SPLIT_TYPES = {"Compound", "Inflect", "Preanalysis"}
MAX_POSITION = 16383  # tsvector positions stop here


@dataclass(frozen=True)
class Token:
    term: str
    start: int  # character offsets in the analysed text
    end: int
    position: int  # of the morpheme: a compound's parts share their whole's
    part: bool = False  # a part of a compound or inflected form


@lru_cache(maxsize=1)
def _tagger():
    import mecab

    return mecab.MeCab()


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("porter")  # Lucene's porter_stem is the same algorithm


def _kept(pos: str) -> bool:
    first = pos.split("+", 1)[0]  # an inflected form is judged by its first part
    return bool(first) and first[0] not in "EJ" and first not in _STOP_TAGS


def tokens(text: str) -> list[Token]:
    found: list[Token] = []
    position = 0
    for morpheme in _tagger().parse(text):
        feature = morpheme.feature
        start, end = morpheme.span
        if not _kept(feature.pos):
            position += 1
            continue
        if feature.pos == "SL":
            word = morpheme.surface.lower()
            found.append(Token(word, start, end, position))
            stem = _stemmer().stemWord(word)
            if stem and stem != word:
                found.append(Token(stem, start, end, position))
        else:
            reading = feature.reading if feature.reading not in (None, "*") else None
            found.append(Token((reading or morpheme.surface).lower(), start, end, position))
            if feature.type in _SPLIT_TYPES and feature.expression:
                for part in feature.expression.split("+"):
                    surface, pos, *_ = part.split("/")
                    if _kept(pos) and surface:
                        found.append(Token(surface.lower(), start, end, position, part=True))
        position += 1
    return found


def terms(text: str) -> list[str]:
    """The distinct terms of ``text``, in order of appearance."""
    return list(dict.fromkeys(token.term for token in tokens(text)))


def quote(term: str) -> str:
    """A lexeme as tsvector/tsquery input reads it: quoted, quotes and backslashes doubled."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector(text: str) -> str:
    """The prompt as ``tsvector`` input: each term with its positions (for ranking)."""
    positions: dict[str, list[int]] = {}
    for token in tokens(text):
        positions.setdefault(token.term, []).append(min(token.position + 1, MAX_POSITION))
    return " ".join(
        f"{quote(term)}:{','.join(map(str, sorted(set(p))))}" for term, p in positions.items()
    )


def tsquery(text: str, every: bool = False) -> str | None:
    """Any of the query's words (``every``: all of them), as OpenSearch's match query reads
    nori's token graph: a compound matches whole or by all of its parts, a Latin word as
    written or stemmed. None when nothing is left to search for."""
    groups: dict[int, tuple[list[str], list[str]]] = {}
    for token in tokens(text):
        wholes, parts = groups.setdefault(token.position, ([], []))
        (parts if token.part else wholes).append(quote(token.term))
    alternatives = []
    for wholes, parts in groups.values():
        options = list(dict.fromkeys(wholes))
        if parts:
            options.append("(" + " & ".join(dict.fromkeys(parts)) + ")")
        alternatives.append(options[0] if len(options) == 1 else "(" + " | ".join(options) + ")")
    return (" & " if every else " | ").join(alternatives) if alternatives else None


def highlight(text: str, query_terms: set[str], fragment_chars: int = 100) -> list[str]:
    """Fragments of ``text`` around the matched terms, the matches inside <em>…</em> and
    everything else HTML-escaped (as OpenSearch's ``html`` encoder does)."""
    if not query_terms:
        return []
    spans = sorted({(t.start, t.end) for t in tokens(text) if t.term in query_terms})
    if not spans:
        return []
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    fragments = []
    while merged and len(fragments) < 3:
        first = merged[0][0]
        begin = max(0, min(first - fragment_chars // 4, len(text) - fragment_chars))
        stop = begin + fragment_chars
        out, cursor = [], begin
        while merged and merged[0][1] <= stop:
            start, end = merged.pop(0)
            out += [html.escape(text[cursor:start]), "<em>", html.escape(text[start:end]), "</em>"]
            cursor = end
        if cursor == begin:  # a match longer than the fragment
            start, end = merged.pop(0)
            out += ["<em>", html.escape(text[start:end]), "</em>"]
            cursor = end
        out.append(html.escape(text[cursor:stop]))
        fragments.append("".join(out).strip())
    return fragments
