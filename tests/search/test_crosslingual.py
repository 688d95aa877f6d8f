"""The cross-lingual check: subclasses, monolingual views, and recall@k by hand."""

from __future__ import annotations

import numpy as np
import pytest

from sangtao.search import HashingEmbedder, SearchError, SearchIndex, cross_lingual
from sangtao.search._crosslingual import (
    ipc_subclasses,
    monolingual,
    query_half,
    score_direction,
)
from sangtao.search._embedcache import CachedEmbedder

from .conftest import synthetic


def test_ipc_subclasses_in_any_spacing():
    assert ipc_subclasses(["A61K 9/28", "A61K0009280000", "c07d 401/14", "H04W", "??", "A6"]) == {
        "A61K",
        "C07D",
        "H04W",
    }
    assert ipc_subclasses([]) == frozenset()


def test_monolingual_keeps_one_language():
    doc = synthetic(
        "EP-1",
        titles=(("de", "Pizzaofen"), ("en", "Pizza oven"), ("fr", "Four à pizza")),
        abstracts=(("en", "An oven."), (None, "Unlabelled.")),
        ipc=("A21B 1/00",),
    )
    en = monolingual(doc, "en")
    assert en is not None
    assert en.titles == (("en", "Pizza oven"),)
    assert en.abstracts == (("en", "An oven."), (None, "Unlabelled."))
    assert monolingual(doc, "vi") is None  # no Vietnamese title
    assert monolingual(synthetic("X", titles=(("en", "t"),)), "en") is None  # no IPC


# English targets: two share A61K with the query, one is in B65D.
TARGETS = [
    synthetic("T1", titles=(("en", "aspirin tablet"),), ipc=("A61K 31/00",)),
    synthetic("T2", titles=(("en", "vaccine for coronavirus"),), ipc=("A61K 39/00",)),
    synthetic("T3", titles=(("en", "pizza box"),), ipc=("B65D 5/00",)),
]
QUERIES = [
    synthetic(
        "Q1",
        titles=(("vi", "Viên nén aspirin"),),
        abstracts=(("vi", "Viên nén chứa aspirin."),),
        ipc=("A61K 9/20",),
    ),
    synthetic(
        "Q2",
        titles=(("vi", "Động cơ"),),
        abstracts=(("vi", "Động cơ điện."),),
        ipc=("H02K 1/00",),  # nothing shares H02K: left out
    ),
]


def test_recall_at_k_by_hand():
    index = SearchIndex.create(None, HashingEmbedder(32), backend="memory")
    index.update(TARGETS)
    score, notes = score_direction(index, QUERIES, TARGETS, mode="keyword", k=10, direction="x")
    # "aspirin" finds only T1: 1 of the 2 relevant, min(10, 2) = 2
    assert (score.queries, score.evaluated, score.no_relevant, score.documents) == (2, 1, 1, 3)
    assert score.recall == 0.5
    assert score.precision == pytest.approx(0.1)
    # a random top 10 of 3 documents holds both relevant ones
    assert score.random_recall == 1.0
    assert notes == []
    score, _ = score_direction(index, QUERIES, TARGETS, mode="keyword", k=1)
    assert score.recall == 1.0 and score.random_recall == pytest.approx(2 / 3)


def test_both_directions_and_every_mode(tmp_path):
    report = cross_lingual(QUERIES, TARGETS, HashingEmbedder(32), k=2, work_dir=tmp_path)
    got = {(s.direction, s.mode): s for s in report.scores}
    assert set(got) == {(d, m) for d in ("vi→en", "en→vi") for m in ("keyword", "dense", "hybrid")}
    assert got["vi→en", "keyword"].recall == 0.5
    # the English targets have no abstract: no queries the other way
    assert got["en→vi", "dense"].queries == 0
    assert report.model.startswith("hashing")
    assert (tmp_path / "index-en" / "index.json").exists()
    again = cross_lingual(QUERIES, TARGETS, HashingEmbedder(32), k=2, work_dir=tmp_path)

    def figures(r):
        return [(s.direction, s.mode, s.evaluated, s.recall, s.precision) for s in r.scores]

    assert figures(again) == figures(report)  # the kept indexes give the same figures


def test_the_kept_index_follows_the_documents_in_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr("sangtao.search._crosslingual.CHUNK", 2)
    seen = []
    cross_lingual(
        QUERIES,
        TARGETS,
        HashingEmbedder(32),
        modes=("keyword",),
        work_dir=tmp_path,
        progress=lambda side, r: seen.append((side, r.added)),
    )
    assert ("en", 3) in seen  # counts run on across chunks
    report = cross_lingual(
        QUERIES, TARGETS[:2], HashingEmbedder(32), modes=("keyword",), work_dir=tmp_path
    )
    assert report.scores[0].documents == 2
    with SearchIndex.open(tmp_path / "index-en") as index:
        assert sorted(index.backend.fingerprints()) == ["T1", "T2"]  # T3 dropped


def test_the_halves_split_queries_stably_and_roughly_evenly():
    halves = [query_half(f"VN-{i}", seed=3) for i in range(400)]
    assert halves == [query_half(f"VN-{i}", seed=3) for i in range(400)]
    assert 150 < halves.count("tune") < 250
    assert halves != [query_half(f"VN-{i}", seed=4) for i in range(400)]


def test_split_monolingual_runs_and_the_weight_setting(tmp_path):
    queries = [
        *QUERIES,
        synthetic(
            "Q3",
            titles=(("vi", "Vắc xin"),),
            abstracts=(("vi", "Vắc xin phòng bệnh."),),
            ipc=("A61K 39/00",),
        ),
    ]
    report = cross_lingual(
        queries,
        TARGETS,
        HashingEmbedder(32),
        k=2,
        work_dir=tmp_path,
        same_language=True,
        cross_language_weight=0.5,
    )
    assert report.settings == {"split": "all", "seed": 0, "cross_language_weight": 0.5}
    got = {(s.direction, s.mode): s for s in report.scores}
    # vi→vi: Q1 and Q3 share A61K, each the other's only relevant document (itself left out)
    assert got["vi→vi", "keyword"].evaluated == 2
    assert got["vi→vi", "keyword"].documents == 3
    halves = {
        split: cross_lingual(queries, TARGETS, HashingEmbedder(32), k=2, split=split)
        for split in ("tune", "held-out")
    }
    asked = {s: r.scores[0].queries for s, r in halves.items()}
    assert asked["tune"] + asked["held-out"] == 3
    with pytest.raises(SearchError, match="unknown split"):
        cross_lingual(queries, TARGETS, HashingEmbedder(32), split="half")


class _Counting(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__(16)
        self.embedded = 0

    def embed_passages(self, texts):  # type: ignore[no-untyped-def]
        self.embedded += len(texts)
        return super().embed_passages(texts)


def test_the_vector_cache_computes_each_text_once(tmp_path):
    inner = _Counting()
    cached = CachedEmbedder(inner, tmp_path / "v.sqlite")
    first = cached.embed_passages(["a b", "c d", "a b"])
    assert inner.embedded == 2 and (cached.hits, cached.misses) == (1, 2)
    cached.close()
    again = CachedEmbedder(inner, tmp_path / "v.sqlite")
    np.testing.assert_array_equal(again.embed_passages(["c d", "a b"]), first[[1, 0]])
    assert inner.embedded == 2  # read from the file
    q = again.embed_queries(["a b"])  # queries are kept apart from passages
    np.testing.assert_array_equal(q, inner.embed_queries(["a b"]))
    assert again.misses == 1 and again.model == inner.model
    other = CachedEmbedder(HashingEmbedder(16, seed=1), tmp_path / "v.sqlite")
    assert not np.array_equal(other.embed_passages(["a b"])[0], first[0])  # keyed by model
    again.close()
    other.close()
