"""The vector store: exact search, by a numpy scan or by faiss with an id selector."""

from __future__ import annotations

import numpy as np
import pytest

from sangtao.search._vectors import VectorStore


def _store(n: int = 500, dim: int = 16, seed: int = 0) -> tuple[VectorStore, np.ndarray]:
    rng = np.random.default_rng(seed)
    vecs = rng.normal(size=(n, dim)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    store = VectorStore(dim)
    store.add(np.arange(n, dtype=np.int64) * 7 + 3, vecs)
    return store, vecs


@pytest.mark.parametrize("k", [1, 10, 499, 500, 900])
def test_scan_finds_the_exact_top_k(k):
    store, vecs = _store()
    query = vecs[42]
    ids, scores = store.search(query, k)
    exact = np.argsort(-(vecs @ query), kind="stable")[: min(k, len(vecs))]
    assert list(ids) == [int(i) * 7 + 3 for i in exact]
    assert np.allclose(scores, (vecs @ query)[exact], atol=1e-6)
    assert ids[0] == 42 * 7 + 3


def test_scan_follows_adds_and_removals():
    store, vecs = _store(50)
    query = vecs[0]
    assert store.search(query, 1)[0][0] == 3
    store.remove(np.array([3], dtype=np.int64))
    assert 3 not in store.search(query, 50)[0]
    store.add(np.array([1000], dtype=np.int64), vecs[:1])
    assert store.search(query, 1)[0][0] == 1000
    assert len(store.search(query, 100)[0]) == 50


def test_ties_are_broken_by_id():
    store = VectorStore(2)
    same = np.tile(np.array([[1.0, 0.0]], dtype=np.float32), (5, 1))
    store.add(np.array([9, 4, 7, 1, 5], dtype=np.int64), same)
    ids, _ = store.search(np.array([1.0, 0.0]), 3)
    assert list(ids) == [1, 4, 5]


def test_an_empty_store_finds_nothing():
    ids, scores = VectorStore(4).search(np.ones(4), 10)
    assert len(ids) == 0 and len(scores) == 0
