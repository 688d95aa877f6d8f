"""Date filters as a bit mask over the vectors: the prior-art case where the nearest
documents are too recent, on flat and approximate stores, and indexes written without it."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow.parquet as pq
import pytest

from sangtao.search import EmbeddedBackend, Filters, SearchIndex, _vectors
from sangtao.search._dates import PublicationDates

from .conftest import synthetic

D = dt.date


def test_the_mask_matches_the_filter_semantics():
    dates = PublicationDates()
    for vid, day in [(1, D(2000, 1, 1)), (2, D(2010, 6, 1)), (3, None), (5000, D(2020, 1, 1))]:
        dates.set(vid, day)
    before = dates.mask(D(2010, 6, 1), None)
    assert list(np.flatnonzero(before)) == [1]  # strictly before; undated out
    assert list(np.flatnonzero(dates.mask(None, D(2010, 6, 1)))) == [2, 5000]  # on or after
    dates.clear(5000)
    assert list(np.flatnonzero(dates.mask(None, D(2010, 6, 1)))) == [2]
    again = PublicationDates.from_columns([1, 2, 3], [dates.key(1), dates.key(2), None])
    assert list(np.flatnonzero(again.mask(D(2030, 1, 1), None))) == [1, 2]


def _docs_and_vectors(n: int = 3000, seed: int = 0):
    """Documents whose vectors cluster by topic; in topic 0 only one in 50 is old."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(10, 64))
    topic = rng.integers(0, 10, n)
    vecs = centres[topic] + rng.normal(scale=0.7, size=(n, 64))
    vecs = (vecs / np.linalg.norm(vecs, axis=1, keepdims=True)).astype(np.float32)
    docs = []
    for i in range(n):
        old = i % 50 == 0 if topic[i] == 0 else i % 2 == 0
        day = D(1995, 1, 1) + dt.timedelta(days=i % 300) if old else D(2020, 1, 1)
        docs.append(synthetic(f"D{i}", titles=((None, f"doc {i}"),), publication_date=day))
    return docs, vecs, centres[0] / np.linalg.norm(centres[0])


class _Fixed:
    """An embedding model record for vectors the test supplies."""

    def __init__(self) -> None:
        from sangtao.search import HashingEmbedder

        self.model = HashingEmbedder(64).model


@pytest.mark.parametrize("ann_min", [10**9, 500])
def test_prior_art_dense_finds_old_documents_among_recent_neighbours(
    tmp_path, monkeypatch, ann_min
):
    monkeypatch.setattr(_vectors, "ANN_MIN", ann_min)
    docs, vecs, query = _docs_and_vectors()
    backend = EmbeddedBackend.create(tmp_path / "ix", _Fixed().model)
    backend.upsert(docs, vecs)
    backend.commit()
    assert backend.describe_vectors()["kind"] == ("ivf" if ann_min == 500 else "flat")
    cutoff = D(2000, 1, 1)
    hits = backend.dense(query, Filters(before=cutoff), 20)
    old = np.array([d.publication_date < cutoff for d in docs])
    exact = np.flatnonzero(old)[np.argsort(-(vecs[old] @ query), kind="stable")[:20]]
    assert len(hits) == 20
    assert all(docs[int(h[0][1:])].publication_date < cutoff for h in hits)
    overlap = len({h[0] for h in hits} & {f"D{i}" for i in exact}) / 20
    assert overlap >= (1.0 if ann_min > 3000 else 0.9)
    # dates and another filter: the mask first, then the office condition
    both = backend.dense(query, Filters(before=cutoff, office=("XX",)), 5)
    assert [h[0] for h in both] == [h[0] for h in hits[:5]]
    assert backend.dense(query, Filters(before=cutoff, office=("YY",)), 5) == []
    backend.close()
    reopened = EmbeddedBackend.open(tmp_path / "ix")
    assert reopened.dense(query, Filters(before=cutoff), 20) == hits


def test_an_index_written_without_the_date_column_still_filters(tmp_path, documents, embedder):
    with SearchIndex.create(tmp_path / "ix", embedder) as index:
        index.update(documents)
        cutoff = sorted(d.publication_date for d in documents if d.publication_date)[5]
        want = index.search("battery", mode="dense", k=5, filters=Filters(before=cutoff))
    manifest = tmp_path / "ix" / "manifest.parquet"
    pq.write_table(pq.read_table(manifest).drop(["pub"]), manifest)
    with SearchIndex.open(tmp_path / "ix", embedder) as index:
        assert index.backend._dates is None
        got = index.search("battery", mode="dense", k=5, filters=Filters(before=cutoff))
    assert [h.doc_id for h in got.hits] == [h.doc_id for h in want.hits]
    assert all(h.document.publication_date < cutoff for h in got.hits)


def test_class_filters_are_masks_kept_until_the_next_write(tmp_path, monkeypatch):
    monkeypatch.setattr(_vectors, "ANN_MIN", 500)
    docs, vecs, query = _docs_and_vectors()
    docs = [
        synthetic(d.doc_id, titles=d.titles, publication_date=d.publication_date, office=office)
        for d, office in zip(docs, ["XX" if i % 7 else "VN" for i in range(len(docs))], strict=True)
    ]
    backend = EmbeddedBackend.create(tmp_path / "ix", _Fixed().model)
    backend.upsert(docs, vecs)
    backend.commit()
    assert backend.describe_vectors()["kind"] == "ivf"
    vn = np.array([d.office == "VN" for d in docs])
    exact = np.flatnonzero(vn)[np.argsort(-(vecs[vn] @ query), kind="stable")[:10]]
    hits = backend.dense(query, Filters(office=("VN",)), 10)
    assert {h[0] for h in hits} == {f"D{i}" for i in exact}
    assert len(backend._masks) == 1
    assert backend.dense(query, Filters(office=("VN",)), 10) == hits  # from the kept mask
    newcomer = synthetic("NEW", titles=((None, "new"),), office="VN")
    backend.upsert([newcomer], query[None, :].astype(np.float32))
    assert backend._masks == {}
    backend.commit()
    assert backend.dense(query, Filters(office=("VN",)), 1)[0][0] == "NEW"
    old_vn = backend.dense(query, Filters(office=("VN",), before=D(2000, 1, 1)), 10)
    assert old_vn and all(
        docs[int(d[1:])].office == "VN" and docs[int(d[1:])].publication_date < D(2000, 1, 1)
        for d, _ in old_vn
    )
