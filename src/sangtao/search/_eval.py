"""Phrase similarity: how well an embedder's cosine follows experts' similarity scores.

The data is the USPTO Patent Phrase to Phrase Matching set: pairs of phrases from real
patents with a CPC context and a score in {0, 0.25, 0.5, 0.75, 1} given by experts. The
measure is the Pearson correlation of the cosine with the score, as in the competition.
"""

from __future__ import annotations

import csv
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ._embedders import Embedder
from ._errors import SearchError

__all__ = ["PhrasePair", "PhraseSimilarity", "phrase_similarity", "read_phrase_pairs"]


@dataclass(frozen=True, slots=True)
class PhrasePair:
    """One row: ``anchor`` and ``target`` phrases, the CPC ``context``, the expert ``score``."""

    id: str
    anchor: str
    target: str
    context: str
    score: float


@dataclass(frozen=True, slots=True)
class PhraseSimilarity:
    """The result: Pearson ``r`` over ``pairs`` rows, the model, the distinct phrases
    embedded and the seconds it took."""

    pearson: float
    pairs: int
    model: str
    phrases: int
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return asdict(self)


def read_phrase_pairs(path: Path | str, limit: int | None = None) -> list[PhrasePair]:
    """Read a CSV with the columns ``id, anchor, target, context, score``.

    Raises
    ------
    SearchError
        If a column is missing or a score is not a number (with the line).
    """
    pairs = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        need = {"anchor", "target", "score"}
        if not need <= set(reader.fieldnames or ()):
            raise SearchError(
                f"{path}: expected the columns id, anchor, target, context, score; "
                f"found {', '.join(reader.fieldnames or ()) or 'none'}"
            )
        for row in reader:
            try:
                score = float(row["score"])
            except ValueError:
                raise SearchError(
                    f"{path}, line {reader.line_num}: score {row['score']!r} is not a number"
                ) from None
            pairs.append(
                PhrasePair(
                    row.get("id") or "",
                    row["anchor"],
                    row["target"],
                    row.get("context") or "",
                    score,
                )
            )
            if limit is not None and len(pairs) >= limit:
                break
    return pairs


def phrase_similarity(pairs: list[PhrasePair], embedder: Embedder) -> PhraseSimilarity:
    """Pearson correlation of ``cos(anchor, target)`` with the expert score.

    Each distinct phrase is embedded once (as a query, both sides being short phrases).

    Raises
    ------
    SearchError
        With fewer than two pairs or constant scores.
    """
    if len(pairs) < 2:
        raise SearchError("need at least two pairs to compute a correlation")
    start = time.perf_counter()
    phrases = sorted({p.anchor for p in pairs} | {p.target for p in pairs})
    vectors = embedder.embed_queries(phrases)
    row = {phrase: i for i, phrase in enumerate(phrases)}
    a = vectors[[row[p.anchor] for p in pairs]]
    b = vectors[[row[p.target] for p in pairs]]
    cosine = np.sum(a * b, axis=1)
    scores = np.array([p.score for p in pairs])
    if np.std(scores) == 0 or np.std(cosine) == 0:
        raise SearchError("the scores or the similarities are constant: no correlation")
    r = float(np.corrcoef(cosine, scores)[0, 1])
    model = embedder.model
    return PhraseSimilarity(
        r,
        len(pairs),
        f"{model.name} {model.version}",
        len(phrases),
        time.perf_counter() - start,
    )
