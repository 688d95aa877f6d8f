"""An on-disk store of document vectors: exact inner-product search with faiss.

Exact (flat) search is enough up to about a million 384-dimensional vectors on one machine;
recall is 1 by construction. Vectors are keyed by a 64-bit integer id. An unfiltered search
multiplies the stored matrix (read in place) by the query with numpy, whose BLAS uses every
core; faiss scans for a single query on one core.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import faiss
import numpy as np

__all__ = ["VectorStore"]


class VectorStore:
    """Unit vectors under integer ids, searched by inner product (cosine).

    Parameters
    ----------
    dim
        Vector length.
    """

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._index: Any = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
        self._view: tuple[np.ndarray, np.ndarray] | None = None

    @classmethod
    def load(cls, path: Path) -> VectorStore:
        """Read a store written by :meth:`save`."""
        index = faiss.read_index(str(path))
        store = cls(index.d)
        store._index = index
        return store

    def save(self, path: Path) -> None:
        """Write the store atomically (a temporary file, then a rename)."""
        tmp = path.with_suffix(path.suffix + ".tmp")
        faiss.write_index(self._index, str(tmp))
        os.replace(tmp, path)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def remove(self, ids: np.ndarray) -> int:
        """Remove vectors by id; returns how many were removed."""
        if len(ids) == 0:
            return 0
        self._view = None
        return int(self._index.remove_ids(np.asarray(ids, dtype=np.int64)))

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors (rows of ``vectors``) under new ids."""
        vecs = np.ascontiguousarray(vectors, dtype=np.float32)
        if vecs.ndim != 2 or vecs.shape[1] != self.dim:
            raise ValueError(f"expected vectors of dimension {self.dim}, got {vecs.shape}")
        self._view = None
        self._index.add_with_ids(vecs, np.asarray(ids, dtype=np.int64))

    def get(self, vid: int) -> np.ndarray | None:
        """The vector stored under ``vid``, or None."""
        try:
            return np.asarray(self._index.reconstruct(int(vid)), dtype=np.float32)
        except RuntimeError:
            return None

    def search(
        self, vector: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` nearest ids and their inner products, best first.

        Parameters
        ----------
        vector
            A query vector of length ``dim``.
        k
            How many.
        allowed
            If given, only these ids are searched.
        """
        k = min(k, len(self))
        if k <= 0:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, self.dim)
        if allowed is not None:
            if len(allowed) == 0:
                return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
            selector = faiss.IDSelectorBatch(np.asarray(allowed, dtype=np.int64))
            params = faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]
            scores, ids = self._index.search(query, min(k, len(allowed)), params=params)
        else:
            return self._scan(query[0], k)
        keep = ids[0] >= 0
        return ids[0][keep], scores[0][keep]

    def _matrix(self) -> tuple[np.ndarray, np.ndarray]:
        """The stored vectors (a view of faiss's memory, not a copy) and their ids."""
        if self._view is None:
            flat: Any = faiss.downcast_index(self._index.index)
            n = int(flat.ntotal)
            xb = faiss.rev_swig_ptr(flat.get_xb(), n * self.dim) if n else np.empty(0, np.float32)
            ids = faiss.vector_to_array(self._index.id_map)
            self._view = (np.asarray(xb).reshape(n, self.dim), np.asarray(ids, dtype=np.int64))
        return self._view

    def _scan(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Exact top ``k`` by inner product, ties broken by id."""
        xb, ids = self._matrix()
        scores = xb @ query
        top = np.arange(len(scores))
        if k < len(scores):
            kth = scores[np.argpartition(-scores, k - 1)[:k]].min()
            top = np.flatnonzero(scores >= kth)  # every tie at the k-th score
        order = top[np.lexsort((ids[top], -scores[top]))][:k]
        return ids[order], scores[order].astype(np.float32)
