"""An on-disk store of document vectors, searched by inner product with faiss.

Small stores are flat: every search is exact, and an unfiltered one multiplies the stored
matrix (read in place) by the query with numpy, whose BLAS uses every core. From
:data:`ANN_MIN` vectors on, :meth:`VectorStore.optimise` (run at every commit) turns the
store into an IVF-Flat index (:mod:`._ivf`) whose probe count is calibrated to recall@10 ≥
0.97 against exact search (at least 1 % of the cells are probed); a search with a mask
probes more, until a wider probe changes nothing. The index is retrained when the store has
grown fourfold, and turned back into a flat one below half of ``ANN_MIN``. Searches
restricted to a set of ids stay exact on both. Vectors are keyed by a 64-bit integer id.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from ._ivf import Calibration, build_ivf, calibrate, ideal_nlist, ivf_contents

__all__ = ["ANN_MIN", "CANDIDATES_PER_HIT", "MIN_PROBE_SHARE", "VectorStore"]

ANN_MIN = 100_000
"""Vectors from which the store is approximate (an exact scan of 100k takes ~10 ms)."""
MIN_PROBE_SHARE = 0.01
"""An approximate search probes at least this share of the cells."""
CANDIDATES_PER_HIT = 10
"""An approximate search for ``k`` hits scans at least this many vectors per hit."""


class VectorStore:
    """Unit vectors under integer ids, searched by inner product (cosine).

    Parameters
    ----------
    dim
        Vector length.
    ann_min
        Size from which :meth:`optimise` builds the approximate index (default
        :data:`ANN_MIN`).
    """

    def __init__(self, dim: int, ann_min: int | None = None) -> None:
        self.dim = dim
        self.ann_min = ANN_MIN if ann_min is None else ann_min
        self._index: Any = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
        self._view: tuple[np.ndarray, np.ndarray] | None = None
        self.calibration: Calibration | None = None

    @classmethod
    def load(
        cls, path: Path, ann_min: int | None = None, calibration: dict[str, Any] | None = None
    ) -> VectorStore:
        """Read a store written by :meth:`save` (``calibration`` as :meth:`describe` gave)."""
        index = faiss.read_index(str(path))
        store = cls(index.d, ann_min)
        store._index = index
        if store.approximate and calibration:
            fields = ("nlist", "nprobe", "recall_at_10", "queries", "vectors")
            store.calibration = Calibration(**{f: calibration[f] for f in fields})
        return store

    def save(self, path: Path) -> None:
        """Write the store atomically (a temporary file, then a rename)."""
        tmp = path.with_suffix(path.suffix + ".tmp")
        faiss.write_index(self._index, str(tmp))
        os.replace(tmp, path)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    @property
    def approximate(self) -> bool:
        """True when the store is an IVF index (unfiltered searches are approximate)."""
        return isinstance(self._index, faiss.IndexIVF)

    def describe(self) -> dict[str, Any]:
        """What kind of index this is, for ``index.json`` and the operator."""
        if self.approximate and self.calibration is not None:
            return {**self.calibration.as_dict(), "nprobe": int(self._index.nprobe)}
        if self.approximate:
            return {"kind": "ivf", "nlist": int(self._index.nlist), "nprobe": self._index.nprobe}
        return {"kind": "flat", "vectors": len(self)}

    def optimise(self) -> bool:
        """Build, rebuild or drop the approximate index as the size requires.

        Returns True when the index changed. Building takes a few seconds per million
        vectors (training on a sample, assigning every vector, calibrating).
        """
        n = len(self)
        if not self.approximate:
            if n < self.ann_min:
                return False
            xb, ids = self._matrix()
            self._rebuild(ids, xb)
            return True
        if n < self.ann_min // 2:
            ids, xb = ivf_contents(self._index)
            flat = faiss.IndexIDMap2(faiss.IndexFlatIP(self.dim))
            if n:
                flat.add_with_ids(xb, ids)
            self._index, self._view, self.calibration = flat, None, None
            return True
        if ideal_nlist(n) >= 2 * int(self._index.nlist):
            ids, xb = ivf_contents(self._index)
            self._rebuild(ids, xb)
            return True
        return False

    def _rebuild(self, ids: np.ndarray, xb: np.ndarray) -> None:
        index = build_ivf(ids, xb, ideal_nlist(len(ids)))
        self.calibration = calibrate(index, ids, xb)
        self._index, self._view = index, None

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
        self,
        vector: np.ndarray,
        k: int,
        allowed: np.ndarray | None = None,
        mask: np.ndarray | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` nearest ids and their inner products, best first, ties by id.

        Parameters
        ----------
        vector
            A query vector of length ``dim``.
        k
            How many.
        allowed
            If given, only these ids are searched, exactly (for small sets).
        mask
            If given, only ids ``i`` with ``mask[i]`` true are searched (ids beyond the
            mask are out). On an approximate store more cells are probed, in proportion to
            the share of ids the mask leaves out, and then twice as many again until the
            result stops changing; exact on a flat store.
        """
        k = min(k, len(self))
        if allowed is not None:
            mask = np.zeros(int(allowed.max()) + 1 if len(allowed) else 0, dtype=bool)
            mask[allowed] = True
        if k <= 0 or (mask is not None and not mask.any()):
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, self.dim)
        if not self.approximate:
            return self._scan(query[0], k, mask)
        nlist = int(self._index.nlist)
        nprobe = nlist if allowed is not None else self._nprobe(k)
        bitmap = None if mask is None else np.packbits(mask, bitorder="little")
        if mask is not None and allowed is None:  # as many members scanned as unfiltered
            nprobe = min(nlist, math.ceil(nprobe * len(mask) / max(1, int(mask.sum()))))
        seen: set[int] | None = None
        while True:
            params = faiss.SearchParametersIVF(nprobe=nprobe)  # type: ignore[call-arg]
            if bitmap is not None:
                params.sel = faiss.IDSelectorBitmap(bitmap)  # type: ignore[call-arg,arg-type]
            scores, ids = self._index.search(query, k, params=params)
            keep = ids[0] >= 0
            full = bool(keep.all())
            if nprobe >= nlist or (full and (bitmap is None or seen == set(ids[0]))):
                break
            # a mask's members near the query may sit in cells not yet probed (the mask
            # can leave out most of the query's own cells): widen until nothing changes
            seen = set(ids[0]) if full else None
            nprobe = min(nlist, 2 * nprobe)
        ids, scores = ids[0][keep], scores[0][keep]
        order = np.lexsort((ids, -scores))
        return ids[order], scores[order]

    def _nprobe(self, k: int) -> int:
        """The calibrated probe count, raised so that deep searches see enough vectors."""
        nlist = int(self._index.nlist)
        per_cell = max(1.0, len(self) / nlist)
        deep = math.ceil(CANDIDATES_PER_HIT * k / per_cell)
        floor = math.ceil(MIN_PROBE_SHARE * nlist)
        return min(nlist, max(int(self._index.nprobe), deep, floor))

    def _matrix(self) -> tuple[np.ndarray, np.ndarray]:
        """The stored vectors of a flat store (a view of faiss's memory) and their ids."""
        if self._view is None:
            flat: Any = faiss.downcast_index(self._index.index)
            n = int(flat.ntotal)
            xb = faiss.rev_swig_ptr(flat.get_xb(), n * self.dim) if n else np.empty(0, np.float32)
            ids = faiss.vector_to_array(self._index.id_map)
            self._view = (np.asarray(xb).reshape(n, self.dim), np.asarray(ids, dtype=np.int64))
        return self._view

    def _scan(
        self, query: np.ndarray, k: int, mask: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Exact top ``k`` by inner product among the mask's members, ties broken by id."""
        xb, ids = self._matrix()
        scores = xb @ query
        top = np.arange(len(scores))
        if mask is not None:
            inside = ids < len(mask)
            inside[inside] = mask[ids[inside]]
            top = np.flatnonzero(inside)
        if k < len(top):
            part = scores[top]
            kth = part[np.argpartition(-part, k - 1)[:k]].min()
            top = top[part >= kth]  # every tie at the k-th score
        order = top[np.lexsort((ids[top], -scores[top]))][:k]
        return ids[order], scores[order].astype(np.float32)
