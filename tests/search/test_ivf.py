"""The approximate (IVF) vector store: built at a size, calibrated, exact when filtered."""

from __future__ import annotations

import json

import numpy as np
import pytest

from sangtao.search import HashingEmbedder, SearchIndex, _vectors
from sangtao.search._ivf import TARGET_RECALL, exact_top, ideal_nlist, ivf_contents
from sangtao.search._vectors import VectorStore

DIM = 32


def _clustered(n: int, seed: int = 0, centres: int = 40) -> np.ndarray:
    """Unit vectors around fixed random centres, like topical document embeddings."""
    c = np.random.default_rng(0).normal(size=(centres, DIM))
    rng = np.random.default_rng(seed)
    x = c[rng.integers(0, centres, n)] + rng.normal(scale=0.6, size=(n, DIM))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def _ids(n: int) -> np.ndarray:
    return np.arange(n, dtype=np.int64) * 3 + 11


def _approximate(n: int = 4000) -> tuple[VectorStore, np.ndarray]:
    store = VectorStore(DIM, ann_min=1000)
    vecs = _clustered(n)
    store.add(_ids(n), vecs)
    assert store.optimise()
    return store, vecs


def _queries(m: int = 50, seed: int = 9) -> np.ndarray:
    return _clustered(m, seed=seed)


def _recall(got: list[np.ndarray], want: np.ndarray) -> float:
    return float(np.mean([len(set(g) & set(w)) / 10 for g, w in zip(got, want, strict=True)]))


def test_small_stores_stay_flat_and_exact():
    store = VectorStore(DIM, ann_min=1000)
    store.add(_ids(999), _clustered(999))
    assert not store.optimise()
    assert not store.approximate
    assert store.describe() == {"kind": "flat", "vectors": 999}


def test_the_ivf_index_reaches_its_recall_target_on_new_queries():
    store, vecs = _approximate()
    assert store.approximate
    cal = store.describe()
    assert cal["kind"] == "ivf" and cal["nlist"] == ideal_nlist(4000) == 64
    assert cal["recall_at_10"] >= TARGET_RECALL and 1 <= cal["nprobe"] < 64
    queries = _queries()
    want = _ids(len(vecs))[exact_top(vecs, queries, 10)]
    assert _recall([store.search(q, 10)[0] for q in queries], want) >= 0.95


def test_probing_fewer_cells_loses_neighbours():
    """The calibration is not vacuous: one probe misses neighbours on this data."""
    store, vecs = _approximate()
    store._index.nprobe = 1
    queries = _queries()
    want = _ids(len(vecs))[exact_top(vecs, queries, 10)]
    got = [store._index.search(q[None], 10)[1][0] for q in queries]
    assert _recall(got, want) < 0.95


def test_a_search_among_allowed_ids_is_exact():
    store, vecs = _approximate()
    ids = _ids(len(vecs))
    allowed_rows = np.arange(0, len(vecs), 37)
    query = _queries(1)[0]
    got, scores = store.search(query, 10, allowed=ids[allowed_rows])
    sub = vecs[allowed_rows]
    exact = allowed_rows[np.argsort(-(sub @ query), kind="stable")[:10]]
    assert list(got) == list(ids[exact])
    assert np.allclose(scores, vecs[exact] @ query, atol=1e-5)


def test_deep_searches_probe_more_cells():
    store, _ = _approximate()
    nprobe = store._index.nprobe
    assert store._nprobe(10) == nprobe
    assert store._nprobe(1000) > nprobe
    ids, _ = store.search(_queries(1)[0], 1000)
    assert len(ids) == 1000 and len(set(ids)) == 1000


def test_vectors_can_be_read_removed_and_added_by_id():
    store, vecs = _approximate()
    ids = _ids(len(vecs))
    assert np.allclose(store.get(int(ids[5])), vecs[5])
    assert store.remove(ids[:10]) == 10
    assert store.get(int(ids[0])) is None
    assert len(store) == len(vecs) - 10
    store.add(np.array([5], dtype=np.int64), vecs[:1])
    assert store.search(vecs[0], 1)[0][0] == 5
    got_ids, got_vecs = ivf_contents(store._index)
    assert sorted(got_ids) == sorted([5, *ids[10:]])
    assert np.allclose(got_vecs[got_ids == 5][0], vecs[0])


def test_save_and_load_keep_the_index_and_its_calibration(tmp_path):
    store, vecs = _approximate()
    store.save(tmp_path / "v.faiss")
    again = VectorStore.load(tmp_path / "v.faiss", ann_min=1000, calibration=store.describe())
    assert again.approximate and again.describe() == store.describe()
    query = _queries(1)[0]
    assert list(again.search(query, 10)[0]) == list(store.search(query, 10)[0])


def test_growth_retrains_and_shrinking_returns_to_flat():
    store, vecs = _approximate(4000)
    more = _clustered(12000, seed=3)
    store.add(np.arange(12000, dtype=np.int64) + 10**6, more)
    assert store.optimise()
    assert store.describe()["nlist"] == ideal_nlist(16000) == 128
    assert not store.optimise()
    store.remove(np.arange(12000, dtype=np.int64) + 10**6)
    store.remove(_ids(4000)[:3600])
    assert store.optimise()
    assert not store.approximate and len(store) == 400
    query = vecs[3900]
    assert store.search(query, 1)[0][0] == _ids(4000)[3900]


def test_the_embedded_backend_builds_the_ivf_index_at_commit(tmp_path, monkeypatch, documents):
    monkeypatch.setattr(_vectors, "ANN_MIN", 20)
    embedder = HashingEmbedder(64)
    docs = documents[:40]
    with SearchIndex.create(tmp_path / "ix", embedder) as index:
        index.update(docs)
        exact = index.search("battery", mode="dense", k=5)
    meta = json.loads((tmp_path / "ix" / "index.json").read_text())
    assert meta["vectors"]["kind"] == "ivf" and meta["vectors"]["vectors"] == len(docs)
    with SearchIndex.open(tmp_path / "ix", embedder) as index:
        again = index.search("battery", mode="dense", k=5)
    assert [h.doc_id for h in again.hits] == [h.doc_id for h in exact.hits]


@pytest.mark.parametrize("n", [1, 17, 250])
def test_exact_top_matches_a_full_sort(n):
    vecs = _clustered(n)
    q = _queries(3)
    want = np.argsort(-(q @ vecs.T), axis=1, kind="stable")[:, : min(10, n)]
    assert (exact_top(vecs, q, 10) == want).all()
