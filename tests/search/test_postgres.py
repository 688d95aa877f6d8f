"""The PostgreSQL backend: what the conformance suite does not show.

Every test runs on the session's embedded PostgreSQL 18 with pgvector (``postgres_dsn``).
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import replace

import numpy as np
import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from sangtao.cli import main
from sangtao.search import (
    EmbeddingModel,
    Filters,
    HashingEmbedder,
    IncompatibleIndexError,
    PostgresBackend,
    QueryError,
    SearchError,
    SearchIndex,
    build_index,
)

from .conftest import synthetic

pytestmark = pytest.mark.postgres

QUERIES = (
    "pizza",
    "hop chat uc che",
    "HỢP CHẤT ỨC CHẾ",
    '"pizza separator"',
    '"de cap den"',
    "pizza -pan",
    "pizza AND toppings",
    "+pizza box",
    "separators edging floorings",
    "coronavirus antibody",
    "method device system",
)
FILTERS = (
    Filters(),
    Filters(ipc=("B65D",)),
    Filters(before=dt.date(2003, 2, 7)),
    Filters(after=dt.date(2010, 1, 1), office=("US", "KR")),
    Filters(kind=("A1",), language=("en",)),
    Filters(cpc=("A21D 13/007",)),
)


def ids(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.doc_id for h in result.hits]


def scored(index: SearchIndex, query: str, **kw: object) -> list[tuple[str, float]]:
    return [(h.doc_id, h.score) for h in index.search(query, k=50, **kw).hits]  # type: ignore[arg-type]


@pytest.fixture
def name(tmp_path) -> str:  # type: ignore[no-untyped-def]
    """An index name of its own for each test (one database serves the session)."""
    return tmp_path.name


@pytest.fixture
def pg(postgres_dsn, name, embedder, documents):  # type: ignore[no-untyped-def]
    """The real documents in a postgres index with vectors."""
    index = SearchIndex.create(name, embedder, backend="postgres", dsn=postgres_dsn)
    index.update(documents)
    yield index
    index.close()


@pytest.fixture
def reference(embedder, documents) -> SearchIndex:  # type: ignore[no-untyped-def]
    index = SearchIndex.create(None, embedder, backend="memory")
    index.update(documents)
    return index


def _lexicon(dsn: str, schema: str) -> list[tuple[int, str, int]]:
    with psycopg.connect(dsn) as conn:
        query = f'SELECT field, term, df FROM "{schema}".lexicon WHERE df <> 0 ORDER BY 1, 2'
        return [(f, t, d) for f, t, d in conn.execute(query).fetchall()]


def test_scores_equal_the_reference_backend(pg, reference):
    for query in QUERIES:
        for filters in FILTERS:
            got = scored(pg, query, mode="keyword", filters=filters)
            want = scored(reference, query, mode="keyword", filters=filters)
            assert [d for d, _ in got] == [d for d, _ in want], (query, filters)
            assert [s for _, s in got] == pytest.approx([s for _, s in want], rel=1e-9)
    for query in ("pizza box", "hợp chất", "antibody binding"):
        for filters in FILTERS:
            got = scored(pg, query, mode="dense", filters=filters)
            want = scored(reference, query, mode="dense", filters=filters)
            assert [d for d, _ in got] == [d for d, _ in want], (query, filters)
            assert [s for _, s in got] == pytest.approx([s for _, s in want], abs=1e-6)


def test_incremental_writes_keep_the_statistics_of_a_fresh_build(
    postgres_dsn, name, embedder, documents
):
    changed = replace(documents[0], titles=((None, "Kaolin zirconia baking tray"),))
    final = [changed, *documents[1:-3]]
    with SearchIndex.create(name, embedder, backend="postgres", dsn=postgres_dsn) as index:
        index.update(documents[:20])
        index.update(documents[10:])
        index.update([changed])
        assert index.delete([d.doc_id for d in documents[-3:]]) == 3
        index.update(documents[1:5])  # unchanged: skipped
        index.backend.upsert(final[:7], np.ones((7, 64), np.float32) / 8)  # replaced as is
        index.backend.upsert(final[:7], np.ones((7, 64), np.float32) / 8)
        index.backend.commit()
        incremental = [scored(index, q, mode="keyword") for q in QUERIES + ("kaolin",)]
        assert len(index) == len(final)
        lexicon = _lexicon(postgres_dsn, index.backend.schema)
    fresh_name = name[:30] + "-fresh"
    with SearchIndex.create(fresh_name, embedder, backend="postgres", dsn=postgres_dsn) as fresh:
        fresh.update(final)
        assert incremental == [scored(fresh, q, mode="keyword") for q in QUERIES + ("kaolin",)]
        assert lexicon == _lexicon(postgres_dsn, fresh.backend.schema)
        assert len(lexicon) > 1000


def test_upsert_is_idempotent_and_the_last_duplicate_wins(pg, documents):
    before = [scored(pg, q, mode="keyword") for q in QUERIES]
    fingerprints = pg.backend.fingerprints()
    vectors = pg.backend.vectors([d.doc_id for d in documents])
    stacked = np.stack([vectors[d.doc_id] for d in documents])
    pg.backend.upsert(documents, stacked)
    pg.backend.upsert(documents, stacked)
    pg.backend.commit()
    assert len(pg) == len(documents)
    assert pg.backend.fingerprints() == fingerprints
    assert [scored(pg, q, mode="keyword") for q in QUERIES] == before
    doc = documents[0]
    twice = [replace(doc, titles=((None, t),)) for t in ("first title", "alumina")]
    pg.backend.upsert(twice, np.zeros((2, 64), np.float32))
    pg.backend.commit()
    assert pg.backend.get([doc.doc_id])[doc.doc_id].title == "alumina"
    assert ids(pg.search("alumina", mode="keyword")) == [doc.doc_id]
    assert doc.doc_id not in ids(pg.search('"first title"', mode="keyword", k=50))
    assert len(pg) == len(documents)


def test_indexes_live_in_their_own_schemas(postgres_dsn, name, embedder, documents):
    us = [d for d in documents if d.office == "US"]
    others = [d for d in documents if d.office != "US"]
    with (
        SearchIndex.create(f"{name}-US", embedder, backend="postgres", dsn=postgres_dsn) as a,
        SearchIndex.create(f"{name}-rest", None, backend="postgres", dsn=postgres_dsn) as b,
    ):
        a.update(us)
        b.update(others)
        assert (len(a), len(b)) == (len(us), len(others))
        assert set(ids(a.search("pizza", mode="keyword", k=50))) <= {d.doc_id for d in us}
        assert set(ids(b.search("pizza", mode="keyword", k=50))) <= {d.doc_id for d in others}
        assert b.backend.model is None and a.backend.model == embedder.model
    with psycopg.connect(postgres_dsn) as conn:
        schemas = {r[0] for r in conn.execute("SELECT nspname FROM pg_namespace").fetchall()}
    assert {f"search_{name.lower()}_us", f"search_{name.lower()}_rest"} <= schemas
    assert PostgresBackend.drop(postgres_dsn, f"{name}-US") is True
    assert PostgresBackend.drop(postgres_dsn, f"{name}-US") is False
    assert not PostgresBackend.exists(postgres_dsn, f"{name}-US")
    with SearchIndex.open(f"{name}-rest", backend="postgres", dsn=postgres_dsn) as b:
        assert len(b) == len(others)
    for bad in (None, "", "two words", "x;DROP SCHEMA public", "a" * 41, "-lead", "chữ"):
        with pytest.raises(SearchError, match="not valid|needs an index name"):
            SearchIndex.create(bad, backend="postgres", dsn=postgres_dsn)


@pytest.mark.parametrize("exact_below", [10_000, 0], ids=["exact", "hnsw"])
def test_filters_apply_in_sql_before_ranking(postgres_dsn, name, exact_below):
    model = EmbeddingModel("axis", "1", 3)
    backend = PostgresBackend.create(postgres_dsn, name, model, exact_below=exact_below)
    docs = [synthetic(f"N-{i:03}", office="XX") for i in range(300)]
    docs += [synthetic(f"F-{i}", office="YY", kind="U") for i in range(5)]
    vectors = np.array([[1, 0.001 * i, 0] for i in range(300)] + [[-1, 0, 0.1]] * 5, np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    backend.upsert(docs, vectors)
    backend.commit()
    query = np.array([1, 0, 0], np.float32)
    far = backend.dense(query, Filters(office=("YY",)), 5)
    assert sorted(d for d, _ in far) == [f"F-{i}" for i in range(5)]
    assert all(s == pytest.approx(-1 / np.sqrt(1.01), abs=1e-6) for _, s in far)
    assert [d for d, _ in backend.dense(query, Filters(kind=("U",), office=("XX",)), 5)] == []
    near = backend.dense(query, Filters(), 3)
    assert [d for d, _ in near] == ["N-000", "N-001", "N-002"]
    backend.close()


def test_hnsw_finds_each_document_from_its_own_text(postgres_dsn, pg, name, embedder, documents):
    with SearchIndex(PostgresBackend.open(postgres_dsn, name, exact_below=0), embedder) as hnsw:
        for doc in documents:
            hits = hnsw.search(doc.embedding_text(), mode="dense", k=3).hits
            best = [h.doc_id for h in hits if h.score > hits[0].score - 1e-6]  # twins tie
            assert doc.doc_id in best


def test_vietnamese_folds_both_ways(postgres_dsn, name):
    docs = [
        synthetic("VI-1", titles=(("vi", "Động cơ đốt trong dùng nhiên liệu sinh học"),)),
        synthetic("VI-2", titles=(("vi", "dong co dien cho xe dap"),)),
        synthetic("VI-3", titles=(("vi", "ĐÀ NẴNG: cầu quay"),)),
    ]
    with SearchIndex.create(name, backend="postgres", dsn=postgres_dsn) as index:
        index.update(docs)
        assert ids(index.search("dong co dot trong", mode="keyword")) == ["VI-1", "VI-2"]
        assert ids(index.search('"dong co dot"', mode="keyword")) == ["VI-1"]
        assert ids(index.search("đốt", mode="keyword")) == ids(index.search("dot", mode="keyword"))
        assert ids(index.search("ĐỘNG CƠ ĐIỆN", mode="keyword")) == ["VI-2", "VI-1"]
        assert ids(index.search("+ĐIỆN", mode="keyword")) == ["VI-2"]
        assert ids(index.search('"xe đạp"', mode="keyword")) == ["VI-2"]
        assert ids(index.search("da nang", mode="keyword")) == ["VI-3"]
        assert ids(index.search('"Đà Nẵng cầu"', mode="keyword")) == ["VI-3"]


def test_nfd_and_nfc_text_match_each_other_and_are_kept_as_given(postgres_dsn, name):
    text = "Phương pháp khử hợp chất đồng"
    nfd = unicodedata.normalize("NFD", text)
    docs = [
        synthetic("NFD-1", abstracts=(("vi", nfd),)),
        synthetic("NFC-1", claims=(("vi", text),)),
    ]
    with SearchIndex.create(name, backend="postgres", dsn=postgres_dsn) as index:
        index.update(docs)
        for query in (text, nfd, "phuong phap khu hop chat dong"):
            assert set(ids(index.search(query, mode="keyword"))) == {"NFD-1", "NFC-1"}
            assert set(ids(index.search(f'"{query}"', mode="keyword"))) == {"NFD-1", "NFC-1"}
        stored = index.backend.get(["NFD-1"])["NFD-1"]
        assert stored.abstracts[0][1] == nfd
        index.update([synthetic("NUL-1", titles=((None, "nul\x00byte"),))])
        assert index.backend.get(["NUL-1"])["NUL-1"].title == "nul\ufffdbyte"
        assert ids(index.search("byte", mode="keyword")) == ["NUL-1"]


def test_reopening_keeps_the_model_and_the_answers(postgres_dsn, name, embedder, documents):
    with SearchIndex.create(name, embedder, backend="postgres", dsn=postgres_dsn) as index:
        index.update(documents)
        before = [ids(index.search(q)) for q in ("pizza", "hop chat", "coronavirus antibody")]
    with SearchIndex.open(name, backend="postgres", dsn=postgres_dsn) as reopened:
        assert reopened.backend.model == embedder.model
        assert len(reopened) == len(documents)
        after = [ids(reopened.search(q)) for q in ("pizza", "hop chat", "coronavirus antibody")]
    assert after == before
    with pytest.raises(IncompatibleIndexError, match="rebuild"):
        SearchIndex.open(name, HashingEmbedder(32), backend="postgres", dsn=postgres_dsn)
    keyword_only = name[:30] + "-kw"
    SearchIndex.create(keyword_only, backend="postgres", dsn=postgres_dsn).close()
    with SearchIndex.open(keyword_only, backend="postgres", dsn=postgres_dsn) as index:
        assert index.backend.model is None and len(index) == 0
        with pytest.raises(QueryError, match="no vectors"):
            index.search("pizza", mode="dense")


def test_wrong_vectors_are_rejected_and_nothing_is_written(postgres_dsn, name):
    backend = PostgresBackend.create(postgres_dsn, name, EmbeddingModel("m", "1", 64))
    docs = [synthetic("D-1"), synthetic("D-2")]
    with pytest.raises(IncompatibleIndexError, match=r"shape \(2, 64\) for m, got \(2, 63\)"):
        backend.upsert(docs, np.zeros((2, 63), np.float32))
    with pytest.raises(SearchError, match="give one per document"):
        backend.upsert(docs)
    with pytest.raises(SearchError, match="finite"):
        backend.upsert(docs, np.full((2, 64), np.nan, np.float32))
    assert len(backend) == 0
    backend.upsert(docs, np.ones((2, 64), np.float32))
    with pytest.raises(IncompatibleIndexError, match="dimension 32, the index 64"):
        backend.dense(np.ones(32, np.float32), Filters(), 3)
    backend.close()


def test_writes_are_seen_by_others_only_after_commit(postgres_dsn, name):
    writer = PostgresBackend.create(postgres_dsn, name, None)
    reader = PostgresBackend.open(postgres_dsn, name)
    writer.upsert([synthetic("D-1", titles=((None, "zirconia lid"),))])
    assert (len(writer), len(reader)) == (1, 0)
    writer.commit()
    assert len(reader) == 1 and reader.get(["D-1"])["D-1"].title == "zirconia lid"
    writer.upsert([synthetic("D-2")])
    writer.close()  # not committed: rolled back
    assert len(reader) == 1 and reader.fingerprints().keys() == {"D-1"}
    reader.close()


def test_clear_errors_for_the_database(postgres_dsn, name, embedder):
    with pytest.raises(SearchError, match="needs a connection string"):
        SearchIndex.create(name, backend="postgres")
    with pytest.raises(SearchError, match="not a PostgreSQL connection string"):
        SearchIndex.create(name, backend="postgres", dsn="host=x port")
    unreachable = "postgresql://postgres@127.0.0.1:9/none?connect_timeout=3"
    with pytest.raises(SearchError, match="cannot connect to the search database none at"):
        SearchIndex.open(name, backend="postgres", dsn=unreachable)
    with pytest.raises(SearchError, match="no search index"):
        SearchIndex.open(name, backend="postgres", dsn=postgres_dsn)
    SearchIndex.create(name, backend="postgres", dsn=postgres_dsn).close()
    with pytest.raises(SearchError, match="already holds an index"):
        SearchIndex.create(name, backend="postgres", dsn=postgres_dsn)
    with pytest.raises(SearchError, match="unknown backend"):
        SearchIndex.create(name, backend="elastic")


def test_a_database_without_pgvector_takes_keyword_only_indexes(postgres_dsn, name, embedder):
    database, role = f"db_{name}".lower(), f"user_{name}".lower()
    with psycopg.connect(postgres_dsn, autocommit=True) as admin:
        admin.execute(f'CREATE ROLE "{role}" LOGIN')
        admin.execute(f'CREATE DATABASE "{database}" OWNER "{role}"')
    dsn = make_conninfo(postgres_dsn, dbname=database, user=role)
    with pytest.raises(SearchError, match="no pgvector extension.*CREATE EXTENSION vector"):
        SearchIndex.create(name, embedder, backend="postgres", dsn=dsn)
    with SearchIndex.create(name, backend="postgres", dsn=dsn) as index:
        index.update([synthetic("D-1", titles=((None, "zirconia crucible"),))])
        assert ids(index.search("zirconia", mode="hybrid")) == ["D-1"]


def test_long_documents_stay_searchable_past_the_tsvector_limits(postgres_dsn, name):
    filler = " ".join(f"w{i % 5000}" for i in range(20_000))
    long = synthetic(
        "LONG-1",
        claims=((None, "alpha beta " * 400),),
        descriptions=((None, f"gamma delta {filler} omega psi"),),
    )
    with SearchIndex.create(name, backend="postgres", dsn=postgres_dsn) as index:
        index.update([long, synthetic("SHORT-1", titles=((None, "alpha psi"),))])
        assert ids(index.search('"gamma delta"', mode="keyword")) == ["LONG-1"]
        assert ids(index.search("omega", mode="keyword")) == ["LONG-1"]
        assert set(ids(index.search("+alpha +psi", mode="keyword"))) == {"LONG-1", "SHORT-1"}
        assert ids(index.search('"alpha beta"', mode="keyword")) == ["LONG-1"]


def test_build_index_and_the_command_line_on_postgres(
    postgres_dsn, name, corpus_dir, embedder, capsys, monkeypatch
):
    first = build_index(corpus_dir, name, embedder, backend="postgres", dsn=postgres_dsn)
    again = build_index(corpus_dir, name, embedder, backend="postgres", dsn=postgres_dsn)
    assert (again.added, again.unchanged, again.embedded) == (0, first.added, 0)
    rebuilt = build_index(
        corpus_dir, name, embedder, backend="postgres", dsn=postgres_dsn, rebuild=True
    )
    assert rebuilt.added == first.added
    cli_name = name[:30] + "-cli"
    build = ["search", "--build", "--corpus", str(corpus_dir), "--index", cli_name]
    build += ["--backend", "postgres", "--dsn", postgres_dsn, "--embedder", "hashing", "--json"]
    assert main(build) == 0
    assert json.loads(capsys.readouterr().out)["added"] == first.added
    monkeypatch.setenv("SANGTAO_SEARCH_DSN", postgres_dsn)
    search = ["search", "hop chat", "--index", cli_name, "--backend", "postgres", "--json"]
    assert main([*search, "--lang", "vi"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert hits and hits[0]["doc_id"] == "VN-90079-A"
    assert main(["search", "pizza", "--index", name[:30] + "-none", "--backend", "postgres"]) == 2
    assert "search --build" in capsys.readouterr().err
    monkeypatch.delenv("SANGTAO_SEARCH_DSN")
    assert main(["search", "pizza", "--index", cli_name, "--backend", "postgres"]) == 2
    assert "connection string" in capsys.readouterr().err


def test_the_backend_implements_the_protocol(postgres_dsn, name):
    from sangtao.search import SearchBackend

    backend = PostgresBackend.create(postgres_dsn, name, None)
    assert isinstance(backend, SearchBackend)
    assert backend.get([]) == {} and backend.vectors(["x"]) == {} and backend.delete([]) == 0
    backend.close()
