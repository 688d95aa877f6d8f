"""The approximate vector index of large stores: faiss IVF-Flat, with its probe count
calibrated on the stored vectors to a recall target.

An inverted-file index splits the vectors into ``nlist`` cells around k-means centroids and
scans only the ``nprobe`` cells whose centroids are nearest the query. Vectors are kept in
full (no quantisation), so the only loss is a neighbour in a cell that was not probed. The
probe count is chosen after training by measuring recall@10 against exact search on queries
made from the stored vectors themselves (each a stored vector plus noise, near it or far from
it): the smallest power of two reaching :data:`TARGET_RECALL`. Searches then widen further
per query (see ``_vectors``).

References
----------
Jégou, Douze and Schmid, *Product quantization for nearest neighbor search*, IEEE TPAMI 33
(2011) — the IVF scheme; faiss's ``IndexIVFFlat``.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import faiss
import numpy as np

__all__ = [
    "TARGET_RECALL",
    "Calibration",
    "build_ivf",
    "calibrate",
    "exact_top",
    "ideal_nlist",
    "ivf_contents",
]

TARGET_RECALL = 0.97
"""Recall@10 against exact search that the calibrated probe count must reach."""
POINTS_PER_CELL = 64
"""Training sample per centroid (faiss's warning threshold is 39)."""
CALIBRATION_QUERIES = 200
QUERY_NOISE = (0.5, 1.0, 2.0)
"""Norms of the noise added to stored vectors to make calibration queries (cosine to the
vector ~0.9, ~0.7 and ~0.45 in high dimension: a short text query lies far from every
document — the benchmark's hashed title queries have a median best cosine of 0.53)."""


@dataclass(frozen=True)
class Calibration:
    """How the probe count of an IVF index was chosen."""

    nlist: int
    nprobe: int
    recall_at_10: float
    queries: int
    vectors: int

    def as_dict(self) -> dict[str, Any]:
        """Plain values for ``index.json``."""
        return {"kind": "ivf", **asdict(self)}


def ideal_nlist(n: int) -> int:
    """Cells for ``n`` vectors: the power of two nearest √n, at least 16."""
    return max(16, 2 ** round(math.log2(math.sqrt(max(n, 1)))))


def build_ivf(ids: np.ndarray, vectors: np.ndarray, nlist: int, seed: int = 0) -> Any:
    """An IVF-Flat inner-product index of ``vectors`` under ``ids``, trained on a sample.

    The index keeps a hash table from id to position, so vectors can be read back and
    removed by id.
    """
    dim = vectors.shape[1]
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
    index.cp.max_points_per_centroid = POINTS_PER_CELL
    index.cp.seed = seed
    rng = np.random.default_rng(seed)
    take = min(len(vectors), POINTS_PER_CELL * nlist)
    sample = vectors[np.sort(rng.choice(len(vectors), take, replace=False))]
    index.train(np.ascontiguousarray(sample, dtype=np.float32))
    index.set_direct_map_type(faiss.DirectMap.Hashtable)  # type: ignore[attr-defined]
    for start in range(0, len(vectors), 100_000):
        chunk = np.ascontiguousarray(vectors[start : start + 100_000], dtype=np.float32)
        index.add_with_ids(chunk, np.asarray(ids[start : start + 100_000], dtype=np.int64))
    return index


def ivf_contents(index: Any) -> tuple[np.ndarray, np.ndarray]:
    """Every ``(ids, vectors)`` stored in an IVF-Flat index, read from its cells."""
    invlists = index.invlists
    dim = index.d
    id_parts, vec_parts = [], []
    for cell in range(index.nlist):
        size = invlists.list_size(cell)
        if size == 0:
            continue
        ids = faiss.rev_swig_ptr(invlists.get_ids(cell), size)
        codes = faiss.rev_swig_ptr(invlists.get_codes(cell), size * dim * 4)
        id_parts.append(np.array(ids, dtype=np.int64))
        vec_parts.append(np.array(codes).view(np.float32).reshape(size, dim))
    if not id_parts:
        return np.empty(0, np.int64), np.empty((0, dim), np.float32)
    return np.concatenate(id_parts), np.concatenate(vec_parts)


def exact_top(matrix: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    """Row numbers of the ``k`` largest inner products of each query (exact, in chunks)."""
    best_s = np.full((len(queries), 0), -np.inf, dtype=np.float32)
    best_i = np.zeros((len(queries), 0), dtype=np.int64)
    for start in range(0, len(matrix), 200_000):
        scores = queries @ matrix[start : start + 200_000].T
        take = min(k, scores.shape[1])
        part = np.argpartition(-scores, take - 1, axis=1)[:, :take]
        best_s = np.hstack([best_s, np.take_along_axis(scores, part, 1)])
        best_i = np.hstack([best_i, part + start])
        keep = np.argsort(-best_s, axis=1, kind="stable")[:, :k]
        best_s = np.take_along_axis(best_s, keep, 1)
        best_i = np.take_along_axis(best_i, keep, 1)
    return best_i


def calibrate(
    index: Any,
    ids: np.ndarray,
    vectors: np.ndarray,
    target: float = TARGET_RECALL,
    seed: int = 0,
) -> Calibration:
    """Set ``index.nprobe`` to the smallest power of two whose recall@10 reaches ``target``.

    ``ids`` and ``vectors`` are what the index holds (rows aligned).
    """
    rng = np.random.default_rng(seed)
    n, dim = vectors.shape
    m = min(CALIBRATION_QUERIES, n)
    rows = rng.choice(n, m, replace=False)
    scale = np.resize(np.array(QUERY_NOISE, dtype=np.float32), m)[:, None] / math.sqrt(dim)
    noise = rng.standard_normal((m, dim)).astype(np.float32) * scale
    queries = vectors[rows] + noise
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    want = ids[exact_top(vectors, queries, 10)]
    nprobe, recall = 1, 0.0
    while True:
        params = faiss.SearchParametersIVF(nprobe=nprobe)  # type: ignore[call-arg]
        _, got = index.search(queries, 10, params=params)
        recall = float(
            np.mean([len(set(g) & set(w)) / len(w) for g, w in zip(got, want, strict=True)])
        )
        if recall >= target or nprobe >= index.nlist:
            break
        nprobe = min(2 * nprobe, index.nlist)
    index.nprobe = nprobe
    return Calibration(index.nlist, nprobe, round(recall, 4), m, n)
