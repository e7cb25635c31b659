"""Prompt syntax as A1111, Forge and ComfyUI read it, so that search indexes the words and
the compare view sees their weights.

``(word)`` ×1.1 and ``[word]`` ÷1.1 per level, ``(word:1.3)`` sets the group's factor,
``\\(`` is a literal bracket, ``<lora:name:0.8>`` (and ``lyco``, ``hypernet``) name a network
with its weight, ``embedding:name`` an embedding, ``BREAK`` and ``AND`` split the prompt,
``[from:to:when]`` and ``[a|b]`` schedule or alternate words without changing their weight.
Unclosed brackets weigh the rest of the prompt, as A1111 does. One pass, linear in the
prompt however deep its brackets (a factor is known only when its bracket closes, so each
piece of text keeps its innermost group and the weights are multiplied down the groups
once, at the end)."""

import re
from dataclasses import dataclass

_NETWORK = re.compile(r"<(lora|lyco|locon|hypernet):([^:<>]{1,255})(?::([^:<>]*))?(?::[^<>]*)?>",
                      re.IGNORECASE)  # fmt: skip
_EMBEDDING = re.compile(r"\bembedding:([\w.\-/\\]{1,255})", re.IGNORECASE)
_PART = re.compile(
    r"\\[\\()\[\]]|\(|\[|:\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*\)|\)|\]|[|:]|[^\\()\[\]|:]+|\\"
)
_SPLIT = re.compile(r"\bBREAK\b|\bAND\b")
_WORD = re.compile(r"\w[\w'’\-]*")
_NUMBER = re.compile(r"\s*[+-]?(?:\d+\.?\d*|\.\d+)\s*")
_ROUND, _SQUARE = 1.1, 1 / 1.1


@dataclass(frozen=True)
class Network:
    kind: str  # lora (lyco and locon are LoRAs too), hypernet
    name: str
    weight: float


@dataclass(frozen=True)
class Piece:
    text: str
    weight: float


@dataclass(frozen=True)
class ParsedPrompt:
    pieces: tuple[Piece, ...]
    networks: tuple[Network, ...]
    embeddings: tuple[str, ...]

    @property
    def text(self) -> str:
        """The prompt's words without its syntax: what search indexes."""
        joined = "".join(piece.text for piece in self.pieces)
        joined = re.sub(r"\s+,", ",", re.sub(r"\s+", " ", joined))
        return re.sub(r"(?:\s*,\s*){2,}", ", ", joined).strip(" ,")

    def words(self) -> list[tuple[str, float]]:
        """Each word with its weight, in order (rounded as A1111 shows them)."""
        return [(match.group(), round(piece.weight, 4))
                for piece in self.pieces for match in _WORD.finditer(piece.text)]  # fmt: skip


def _number(text: str | None, default: float = 1.0) -> float:
    try:
        value = float(text) if text not in (None, "") else default
    except ValueError:
        return default
    return value if -100 <= value <= 100 else default


_SYNTAX = re.compile(r"[()\[\]<>\\:|]|\bBREAK\b|\bAND\b")


def parse(prompt: str | None) -> ParsedPrompt:
    if not prompt:
        return ParsedPrompt((), (), ())
    if not _SYNTAX.search(prompt):  # plain words, as most prompts are: one piece
        return ParsedPrompt((Piece(prompt, 1.0),), (), ())
    networks = tuple(
        Network("hypernet" if m.group(1).lower() == "hypernet" else "lora",
                m.group(2).strip(), _number(m.group(3)))
        for m in _NETWORK.finditer(prompt)
    )  # fmt: skip
    embeddings = tuple(m.group(1) for m in _EMBEDDING.finditer(prompt))
    text = _EMBEDDING.sub(lambda m: m.group(1), _NETWORK.sub(" ", prompt))
    text = _SPLIT.sub(",", text)
    return ParsedPrompt(_weighted(text), networks, embeddings)


def _weighted(text: str) -> tuple[Piece, ...]:
    # groups[i] = [parent, factor, kind, scheduled]; group 0 is the whole prompt
    groups: list[list] = [[-1, 1.0, "", False]]
    open_groups: list[int] = []
    pieces: list[tuple[str, int]] = []  # (text, innermost group)

    def current() -> int:
        return open_groups[-1] if open_groups else 0

    for match in _PART.finditer(text):
        part = match.group()
        if part in ("(", "["):
            groups.append([current(), _ROUND if part == "(" else _SQUARE, part, False])
            open_groups.append(len(groups) - 1)
        elif match.group(1) is not None and open_groups and groups[current()][2] == "(":
            groups[open_groups.pop()][1] = _number(match.group(1), _ROUND)
        elif part == ")" and open_groups and groups[current()][2] == "(":
            open_groups.pop()
        elif part == "]" and open_groups and groups[current()][2] == "[":
            group = groups[open_groups.pop()]
            if group[3]:  # [from:to:when] or [a|b]: words scheduled, not weighed
                group[1] = 1.0
                if pieces and _NUMBER.fullmatch(pieces[-1][0]):
                    pieces.pop()  # the "when" of [from:to:when]
        elif part in (":", "|") and open_groups and groups[current()][2] == "[":
            groups[current()][3] = True
            pieces.append((" ", current()))
        elif part.startswith("\\") and len(part) == 2:
            pieces.append((part[1], current()))
        elif match.group(1) is not None:
            pieces.append((part.rstrip(")").lstrip(":"), current()))
        else:
            pieces.append((part, current()))
    weights = [1.0] * len(groups)
    for index in range(1, len(groups)):  # parents come before their children
        parent, factor = groups[index][0], groups[index][1]
        weights[index] = weights[parent] * factor
    merged: list[Piece] = []
    for piece_text, group in pieces:
        weight = weights[group]
        if merged and abs(merged[-1].weight - weight) < 1e-9:
            merged[-1] = Piece(merged[-1].text + piece_text, weight)
        else:
            merged.append(Piece(piece_text, weight))
    return tuple(p for p in merged if p.text)
