"""Matching passages: the sentences and paragraphs of a hit that contain the query's words.

Words are compared folded (diacritics and case ignored, ``đ`` as ``d``) and, for English, by
stem, so a query ``"dong co"`` highlights ``"Động cơ"`` in the exact published text.
"""

from __future__ import annotations

import re

from sangtao.standards import fold

from ._analysis import ParsedQuery, english_tokens
from ._model import IndexDocument, Passage

__all__ = ["best_passages", "split_passages"]

_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")
_TARGET_CHARS = 400
_PART_WEIGHT = {"title": 0.3, "abstract": 0.2, "claims": 0.1, "description": 0.0}
_PARTS = (
    ("title", "titles"),
    ("abstract", "abstracts"),
    ("claims", "claims"),
    ("description", "descriptions"),
)


def split_passages(text: str) -> list[str]:
    """Cut a text into passages: paragraphs, long ones into runs of sentences (~400 chars)."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n|\n", text):
        para = para.strip()
        if not para:
            continue
        if len(para) <= _TARGET_CHARS * 3 // 2:
            out.append(para)
            continue
        chunk = ""
        for sentence in _SENTENCE_END.split(para):
            if chunk and len(chunk) + len(sentence) > _TARGET_CHARS:
                out.append(chunk)
                chunk = ""
            chunk = f"{chunk} {sentence}" if chunk else sentence
        if chunk:
            out.append(chunk)
    return out


def _score(passage: str, query: ParsedQuery, stems: frozenset[str]) -> tuple[float, list]:
    terms = query.terms
    spans: list[tuple[int, int]] = []
    found: set[str] = set()
    folded_words: list[str] = []
    for m in _WORD.finditer(passage):
        word = fold(m[0])
        folded_words.append(word)
        if word in terms:
            found.add(word)
            spans.append(m.span())
        elif stems:
            stem = english_tokens(word)
            if stem and stem[0] in stems:
                found.add(stem[0])
                spans.append(m.span())
    score = float(len(found))
    joined = " " + " ".join(folded_words) + " "
    for clause in query.clauses:
        if clause.is_phrase and clause.occur != "must_not":
            if f" {' '.join(clause.words)} " in joined:
                score += 1.0
    return score, spans


def best_passages(doc: IndexDocument, query: ParsedQuery, n: int = 3) -> list[Passage]:
    """The ``n`` passages of ``doc`` that match most of the query's words, best first.

    Parameters
    ----------
    doc
        The hit.
    query
        The parsed query (its folded words and English stems are looked for).
    n
        How many passages.

    Returns
    -------
    list of Passage
        Scored by distinct query words found, a point per phrase found whole, and a small
        weight by part (title, abstract, claims, description). If no passage has a query
        word (a hit of the dense arm only), the first abstract or title passage with no
        spans, score 0.
    """
    stems = frozenset(s for c in query.clauses if c.occur != "must_not" for s in c.stems)
    scored: list[Passage] = []
    first: Passage | None = None
    for part, attr in _PARTS:
        for _, text in getattr(doc, attr):
            for passage in split_passages(text):
                if first is None or (first.part == "title" and part == "abstract"):
                    first = Passage(part, passage, (), 0.0)
                score, spans = _score(passage, query, stems)
                if score > 0:
                    scored.append(Passage(part, passage, tuple(spans), score + _PART_WEIGHT[part]))
    scored.sort(key=lambda p: -p.score)
    if scored:
        return scored[:n]
    return [first] if first is not None else []
