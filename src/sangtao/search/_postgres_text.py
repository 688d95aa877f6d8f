"""Analysed text for PostgreSQL: ``tsvector`` and ``tsquery`` literals and the BM25 weights.

A document's words never go through PostgreSQL's parser: the tokens of
:mod:`sangtao.search._analysis` are written as a ``tsvector`` literal, so matching in SQL is
the matching of the other backends (folded words, ``đ`` as ``d``, English stems).

Fields are numbered ``analysis * 4 + part``: analysis 0 is folded words, 1 English stems;
part 0–3 is title, abstract, claims, description (weights A–D). In a ``tsvector`` the parts
follow each other with a one-position gap, so a position tells its part from the parts'
lengths and a phrase never runs from one part into the next.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ._analysis import ParsedQuery
from ._protocol import FIELD_BOOSTS, STEM_WEIGHT

__all__ = [
    "LAST_REGULAR",
    "OVERFLOW",
    "KeywordPlan",
    "count_terms",
    "tsquery",
    "tsvector_literal",
]

MAX_POSITION = 16383
"""The largest word position a ``tsvector`` stores."""
MAX_POSITIONS = 256
"""The most positions a ``tsvector`` keeps for one word."""
LAST_REGULAR = MAX_POSITION - 8
"""Past this position a part's words share one position of their own, ``OVERFLOW + 2 * part``."""
OVERFLOW = MAX_POSITION - 6
_WEIGHTS = "ABCD"


def _quote(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


_LABELS: list[list[str]] = []


def _labels() -> list[list[str]]:
    """``"12A"`` for position 12 of part 0 and so on: built once, looked up per word."""
    if not _LABELS:
        _LABELS.extend([f"{p}{w}" for p in range(MAX_POSITION + 1)] for w in _WEIGHTS)
    return _LABELS


def tsvector_literal(parts: Sequence[Sequence[str]]) -> str:
    """The ``tsvector`` text of the four parts' tokens, weights A–D, each word's positions.

    Past position 16,375 a part's words keep one position of their own (16377, 16379,
    16381 or 16383); a word keeps at most 256 positions, shared fairly among its parts, so
    every part a word occurs in keeps at least one.
    """
    labels = _labels()
    where: dict[str, list[str]] = {}  # word -> its position labels, ascending
    offset = 0
    for part, tokens in enumerate(parts):
        names = labels[part]
        regular = max(0, min(len(tokens), LAST_REGULAR - offset))
        for pos, token in enumerate(tokens[:regular], start=offset + 1):
            found = where.get(token)
            if found is None:
                where[token] = [names[pos]]
            else:
                found.append(names[pos])
        overflow = names[OVERFLOW + 2 * part]
        for token in set(tokens[regular:]):
            where.setdefault(token, []).append(overflow)
        offset += len(tokens) + 1
    return " ".join(
        [
            _quote(token) + ":" + ",".join(found if len(found) <= MAX_POSITIONS else _share(found))
            for token, found in where.items()
        ]
    )


def _share(found: list[str]) -> list[str]:
    by_part = [[x for x in found if x[-1] == w] for w in _WEIGHTS]
    budget, keep = MAX_POSITIONS, [0, 0, 0, 0]
    for n, part in enumerate(sorted(range(4), key=lambda p: len(by_part[p]))):
        keep[part] = min(len(by_part[part]), budget // (4 - n))
        budget -= keep[part]
    return [x for part in range(4) for x in by_part[part][: keep[part]]]


def count_terms(counts: Sequence[Counter[str]], fields: Sequence[Sequence[str]]) -> None:
    """Add one to ``counts[field][word]`` for each distinct word of each of the eight fields."""
    for count, tokens in zip(counts, fields, strict=True):
        count.update(set(tokens))


def tsquery(clauses: Sequence[Sequence[str]]) -> str:
    """A ``tsquery`` that matches any of the phrases (a single word is a phrase of one)."""
    return " | ".join("(" + " <-> ".join(map(_quote, c)) + ")" for c in clauses)


class KeywordPlan:
    """The scored clauses of a query: identical ones merged, their score counted as often."""

    def __init__(self, query: ParsedQuery) -> None:
        self.clauses: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = {}
        for c in query.clauses:
            if c.occur != "must_not":
                key = (c.words, c.stems)
                self.clauses[key] = self.clauses.get(key, 0) + 1
        self.folded_terms = sorted({w for words, _ in self.clauses for w in words})
        self.stem_terms = sorted({s for _, stems in self.clauses for s in stems})

    def params(
        self, n: int, avgdl: Sequence[float], df: dict[tuple[int, str], int]
    ) -> dict[str, Any]:
        """The parameters of the keyword query for ``n`` documents, average field lengths
        and document frequencies; idf as tantivy's, ln(1 + (n − df + 0.5) / (df + 0.5)),
        summed over a phrase's words."""
        q: list[tuple[int, int, int, str, bool]] = []
        w: list[tuple[int, int, float]] = []
        for ci, ((words, stems), times) in enumerate(self.clauses.items()):
            for an, terms in ((0, words), (1, stems)):
                # a phrase is found from the positions of its rarest word
                anchor = min(
                    range(len(terms)),
                    key=lambda i: sum(df.get((an * 4 + p, terms[i]), 0) for p in range(4)),
                )
                q.extend((ci, i, an, t, i == anchor) for i, t in enumerate(terms))
                for part, boost in enumerate(FIELD_BOOSTS.values()):
                    field = an * 4 + part
                    counts = [df.get((field, t), 0) for t in set(terms)]
                    idf = sum(math.log(1 + (n - d + 0.5) / (d + 0.5)) for d in counts)
                    w.append((ci, field, times * boost * (STEM_WEIGHT if an else 1.0) * idf))
        return {
            "q_clause": [r[0] for r in q],
            "q_i": [r[1] for r in q],
            "q_an": [r[2] for r in q],
            "q_term": [r[3] for r in q],
            "q_anchor": [r[4] for r in q],
            "n_clause": list(range(len(self.clauses))),
            "n_len": [len(words) for words, _ in self.clauses],
            "w_clause": [r[0] for r in w],
            "w_field": [r[1] for r in w],
            "w_weight": [r[2] for r in w],
            "folded_terms": self.folded_terms,
            "stem_terms": self.stem_terms,
            "avgdl": list(avgdl),
        }
