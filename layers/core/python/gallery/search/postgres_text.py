"""The PostgreSQL backend's text query: the plan of ``q`` (gallery.search.expansion) as
tsqueries over the prompt's terms, and the rank that orders what they match."""

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from psycopg import sql

from gallery.search import analysis, expansion

MODEL_IN = "d.model_names && %(q_models)s::text[]"  # a model named like one of q's words


def _any(queries) -> str | None:
    found = [f"({q})" for q in queries if q]
    return " | ".join(found) if found else None


def _all(queries) -> str | None:
    found = [f"({q})" for q in queries if q]
    return " & ".join(found) if found else None


def _word_is_there(n: int) -> str:
    """The query's word ``n`` is in the prompt (or an alternative), a tag or the model."""
    return (f"(coalesce(d.terms @@ %(q_word_{n})s::tsquery, false)"
            f" or %(q_word_tag_{n})s = any(d.tags)"
            f" or %(q_word_model_{n})s = any(d.model_names))")  # fmt: skip


@lru_cache(maxsize=8192)
def _form(text: str) -> tuple[str | None, tuple[str, ...]]:
    """A dictionary form as a tsquery of all its words, and its terms: the forms are a few
    thousand, shared by the queries that name their concepts."""
    return analysis.tsquery(text, every=True), tuple(analysis.terms(text))


@dataclass(frozen=True)
class TextQuery:
    """The plan of ``q`` (gallery.search.expansion) as tsqueries of the prompt's terms."""

    plan: expansion.QueryPlan
    own: str | None  # any of the user's words
    expanded: str | None  # any word's alternatives or stems
    words: tuple[str | None, ...]  # each word, in its own words or an alternative
    every_own_word: str | None  # each word in the user's own words
    terms: frozenset[str]  # what the highlights mark

    @property
    def any(self) -> str | None:
        return _any([self.own, self.expanded])

    @staticmethod
    @lru_cache(maxsize=256)
    def of(q: str) -> "TextQuery":
        plan = expansion.plan(q)
        own_words, expanded_words = [], []
        terms = set(analysis.terms(q))
        for word in plan.words:
            own_words.append(analysis.tsquery(word.text, every=True))
            expanded_words.append(_any(
                [_form(a)[0] for a in word.alternatives]
                + [analysis.quote(stem) for stem in word.stems]
            ))  # fmt: skip
            terms.update(t for a in word.alternatives for t in _form(a)[1])
            terms.update(word.stems)
        return TextQuery(
            plan=plan,
            own=analysis.tsquery(q),
            expanded=_any(expanded_words),
            words=tuple(_any(pair) for pair in zip(own_words, expanded_words, strict=True)),
            every_own_word=_all(own_words),
            terms=frozenset(terms),
        )

    def score(self) -> tuple[sql.Composable, dict[str, Any]]:
        """The rank: an image with every word first, in the user's own words before that;
        then the prompt's own matches, its expanded matches (weighing less), tags and
        models last."""
        parts, params = [], {}
        for name, weight, tsquery in (
            ("q_own", 1, self.own),
            ("q_expanded", expansion.EXPANDED_WEIGHT, self.expanded),
        ):
            if tsquery:
                parts.append(f"{weight} * ts_rank(d.terms, %({name})s::tsquery)")
                params[name] = tsquery
        if self.words:  # every word there whole ("night city", not a mere "city")
            every_word = " and ".join(_word_is_there(n) for n in range(len(self.words)))
            parts.append(f"(case when {every_word} then {_TIER} else 0 end)")
        for n, (word, tsquery) in enumerate(zip(self.plan.words, self.words, strict=True)):
            params |= {f"q_word_{n}": tsquery, f"q_word_tag_{n}": word.tag_key,
                       f"q_word_model_{n}": word.model}  # fmt: skip
        if self.every_own_word:  # and of those, the ones in the user's own words first
            parts.append(f"(case when d.terms @@ %(q_every_own)s::tsquery then {_TIER} else 0 end)")
            params["q_every_own"] = self.every_own_word
        parts.append(f"(case when d.tags && %(q_tags)s::text[] then {_BY_NAME} else 0 end)")
        parts.append(f"(case when {MODEL_IN} then {_BY_NAME} else 0 end)")
        return sql.SQL(f"({' + '.join(parts)})::real"), params  # type: ignore[arg-type]


_TIER = 10  # above any ts_rank of a prompt
_BY_NAME = 0.01  # a tag or model named like the query: below any prompt match
