"""Building the index from a corpus: incremental, pruning, embeddings kept with their model."""

from __future__ import annotations

import json
import shutil

import pytest

from sangtao.corpus import ingest
from sangtao.search import (
    HashingEmbedder,
    IncompatibleIndexError,
    QueryError,
    SearchError,
    SearchIndex,
    build_index,
)

from .conftest import CORPUS_FIXTURES


def test_build_is_incremental_and_prunes(tmp_path, embedder):
    corpus = tmp_path / "corpus"
    ingest([CORPUS_FIXTURES / "uspto"], corpus)
    first = build_index(corpus, tmp_path / "ix", embedder)
    assert first.added == 10 and first.embedded == 10 and first.unchanged == 0
    again = build_index(corpus, tmp_path / "ix", embedder)
    assert (again.added, again.updated, again.unchanged, again.embedded) == (0, 0, 10, 0)
    ingest([CORPUS_FIXTURES / "ipvn"], corpus)
    more = build_index(corpus, tmp_path / "ix", embedder)
    assert (more.added, more.unchanged, more.embedded) == (3, 10, 3)
    meta = json.loads((tmp_path / "ix" / "index.json").read_text())
    assert meta["model"] == {"name": "hashing", "version": embedder.model.version, "dim": 64}
    assert meta["documents"] == 13
    shutil.rmtree(corpus)
    ingest([CORPUS_FIXTURES / "ipvn"], corpus)
    pruned = build_index(corpus, tmp_path / "ix", embedder)
    assert (pruned.deleted, pruned.unchanged) == (10, 3)
    with SearchIndex.open(tmp_path / "ix") as index:
        assert len(index) == 3
        assert index.search("hop chat", mode="dense").hits


def test_another_embedder_needs_a_rebuild(tmp_path, corpus_dir, embedder):
    build_index(corpus_dir, tmp_path / "ix", embedder)
    with pytest.raises(IncompatibleIndexError, match="rebuild"):
        build_index(corpus_dir, tmp_path / "ix", HashingEmbedder(32))
    report = build_index(corpus_dir, tmp_path / "ix", HashingEmbedder(32), rebuild=True)
    assert report.embedded == report.added > 30


def test_keyword_only_index(tmp_path, corpus_dir):
    build_index(corpus_dir, tmp_path / "ix", None)
    with SearchIndex.open(tmp_path / "ix") as index:
        hybrid = index.search("pizza", mode="hybrid")
        assert hybrid.mode == "keyword" and hybrid.hits
        assert "keyword search only" in hybrid.notes[-1]
        with pytest.raises(QueryError, match="no vectors"):
            index.search("pizza", mode="dense")


def test_changed_text_outside_the_embedded_view_reuses_the_vector(tmp_path, documents, embedder):
    from dataclasses import replace

    index = SearchIndex.create(tmp_path / "ix", embedder)
    index.update(documents)
    doc = next(d for d in documents if d.doc_id == "US-8087209-B2")
    report = index.update([replace(doc, descriptions=((None, "A new description."),))])
    assert (report.updated, report.reused, report.embedded) == (1, 1, 0)
    index.close()


def test_opening_a_folder_without_an_index(tmp_path):
    with pytest.raises(SearchError, match="no search index"):
        SearchIndex.open(tmp_path)
    SearchIndex.create(tmp_path / "ix").close()
    with pytest.raises(SearchError, match="already holds"):
        SearchIndex.create(tmp_path / "ix")
