"""The protocol every search backend implements (embedded, brute force, PostgreSQL…)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from ._analysis import ParsedQuery
from ._model import EmbeddingModel, Filters, IndexDocument

__all__ = ["FIELD_BOOSTS", "SearchBackend"]

FIELD_BOOSTS = {"title": 3.0, "abstract": 2.0, "claims": 1.5, "description": 1.0}
"""BM25 weight of a match per part: title > abstract > claims > description."""

STEM_WEIGHT = 0.5
"""Weight of an English-stem match relative to a folded exact-word match."""


@runtime_checkable
class SearchBackend(Protocol):
    """Stores documents (and their vectors) and answers the two retrieval arms.

    Filters given to the arms are already prepared by
    :func:`sangtao.search.prepare_filters`-style normalisation (class keys, upper-case
    codes); hybrid fusion, passages and notes are done above the backend, the same for all.
    """

    name: str

    @property
    def model(self) -> EmbeddingModel | None:
        """The embedding model of the stored vectors; None for a keyword-only index."""
        ...

    def upsert(self, documents: Sequence[IndexDocument], vectors: np.ndarray | None = None) -> None:
        """Add documents, replacing any with the same ``doc_id``; ``vectors`` row per doc."""
        ...

    def delete(self, doc_ids: Iterable[str]) -> int:
        """Remove documents by ``doc_id``; returns how many were there."""
        ...

    def commit(self) -> None:
        """Make the changes visible to searches and durable on disk."""
        ...

    def keyword(self, query: ParsedQuery, filters: Filters, k: int) -> list[tuple[str, float]]:
        """BM25 with field boosts: up to ``k`` ``(doc_id, score)``, best first."""
        ...

    def dense(self, vector: np.ndarray, filters: Filters, k: int) -> list[tuple[str, float]]:
        """Inner product with a unit query vector: up to ``k`` ``(doc_id, score)``."""
        ...

    def get(self, doc_ids: Sequence[str]) -> dict[str, IndexDocument]:
        """The stored documents of the ids that exist."""
        ...

    def fingerprints(self) -> dict[str, str]:
        """``doc_id`` → :meth:`IndexDocument.fingerprint` of everything stored."""
        ...

    def vectors(self, doc_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of the ids that have one (to reuse them on a rebuild)."""
        ...

    def __len__(self) -> int: ...

    def close(self) -> None:
        """Release files and memory."""
        ...
