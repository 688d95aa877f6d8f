"""Building an index of a corpus folder, and bringing it up to date."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ._backends import drop_index, index_exists
from ._documents import corpus_documents
from ._embedders import Embedder
from ._engine import SearchIndex, UpdateReport
from ._errors import IncompatibleIndexError

__all__ = ["build_index"]


def build_index(
    corpus_dir: Path | str,
    index_dir: Path | str,
    embedder: Embedder | None = None,
    *,
    rebuild: bool = False,
    batch_size: int = 256,
    progress: Callable[[UpdateReport], None] | None = None,
    backend: str = "embedded",
    dsn: str | None = None,
) -> UpdateReport:
    """Build or bring up to date the index of a corpus, incrementally.

    New and changed documents are indexed (and embedded), unchanged ones skipped, documents
    no longer in the corpus deleted. Vectors are stored with the embedder's name, version
    and dimension; an index built with another embedder needs ``rebuild=True``.

    Parameters
    ----------
    corpus_dir
        A folder written by :func:`sangtao.corpus.ingest`.
    index_dir
        The index folder (created if missing), or the index name on a server backend.
    embedder
        The embedder of the dense arm; None for a keyword-only index.
    rebuild
        Delete the index folder (or drop the postgres index) first.
    batch_size, progress
        As for :meth:`SearchIndex.update`.
    backend, dsn
        ``"embedded"`` (default), or ``"postgres"`` / ``"opensearch"`` on the server ``dsn``.
    """
    if rebuild:
        drop_index(backend, index_dir, dsn)
    if index_exists(backend, index_dir, dsn):
        index = SearchIndex.open(index_dir, embedder, backend=backend, dsn=dsn)
        if embedder is None and index.backend.model is not None:
            raise IncompatibleIndexError(
                "the index holds vectors: give its embedder, or rebuild without one"
            )
    else:
        index = SearchIndex.create(index_dir, embedder, backend=backend, dsn=dsn)
    with index:
        return index.update(
            corpus_documents(corpus_dir), batch_size=batch_size, prune=True, progress=progress
        )
