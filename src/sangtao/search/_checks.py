"""Checks every backend makes of the vectors it is given."""

from __future__ import annotations

import numpy as np

from ._errors import IncompatibleIndexError, SearchError
from ._model import EmbeddingModel

__all__ = ["check_document_vectors", "check_query_vector"]


def check_document_vectors(
    model: EmbeddingModel | None, count: int, vectors: np.ndarray | None
) -> None:
    """One finite vector of the model's size per document, or none for a keyword index."""
    if model is None:
        return
    if vectors is None:
        raise SearchError("this index holds vectors: give one per document")
    if vectors.shape != (count, model.dim):
        raise IncompatibleIndexError(
            f"expected vectors of shape ({count}, {model.dim}) for {model.name}, "
            f"got {vectors.shape}"
        )
    if not np.isfinite(vectors).all():
        raise SearchError("vectors must be finite numbers (no NaN or infinity)")


def check_query_vector(model: EmbeddingModel | None, vector: np.ndarray) -> EmbeddingModel:
    """The index's model, if the query vector fits it."""
    if model is None:
        raise SearchError("this index has no vectors (it was built without an embedder)")
    if vector.shape[-1] != model.dim:
        raise IncompatibleIndexError(
            f"query vector has dimension {vector.shape[-1]}, the index {model.dim}"
        )
    return model
