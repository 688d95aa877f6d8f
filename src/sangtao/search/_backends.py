"""Backends by name: how an index is created, opened, found and dropped on each.

``embedded`` keeps an index in a folder, ``memory`` in the process; the server backends
keep a named index on a server given by ``dsn``: a PostgreSQL connection string for
``postgres``, the cluster's URL for ``opensearch``.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from ._embedded import EmbeddedBackend
from ._errors import SearchError
from ._memory import MemoryBackend
from ._model import EmbeddingModel
from ._opensearch import OpenSearchBackend
from ._postgres import PostgresBackend
from ._protocol import SearchBackend

__all__ = ["BACKENDS", "create_backend", "drop_index", "index_exists", "open_backend"]

_SERVERS: dict[str, Any] = {"postgres": PostgresBackend, "opensearch": OpenSearchBackend}
BACKENDS = ("embedded", "memory", *_SERVERS)


def _server(backend: str, path: Path | str | None, dsn: str | None) -> tuple[Any, str]:
    cls = _SERVERS[backend]
    if path is None:
        raise SearchError(f"the {backend} backend needs an index name")
    if backend == "opensearch" and not dsn:
        raise SearchError("the opensearch backend needs the cluster's URL (dsn)")
    return cls, str(path)


def _unknown(backend: str) -> SearchError:
    return SearchError(f"unknown backend {backend!r}: use {', '.join(BACKENDS)}")


def create_backend(
    backend: str, path: Path | str | None, model: EmbeddingModel | None, dsn: str | None
) -> SearchBackend:
    """A new, empty backend holding vectors of ``model`` (None: keyword only)."""
    if backend == "memory":
        return MemoryBackend(model)
    if backend == "embedded":
        if path is None:
            raise SearchError("the embedded backend needs a folder")
        return EmbeddedBackend.create(path, model)
    if backend in _SERVERS:
        cls, name = _server(backend, path, dsn)
        return cls.create(dsn, name, model)
    raise _unknown(backend)


def open_backend(backend: str, path: Path | str, dsn: str | None) -> SearchBackend:
    """An existing index: a folder (embedded) or a named index on a server."""
    if backend == "embedded":
        return EmbeddedBackend.open(path)
    if backend in _SERVERS:
        cls, name = _server(backend, path, dsn)
        return cls.open(dsn, name)
    raise _unknown(backend)


def index_exists(backend: str, path: Path | str, dsn: str | None) -> bool:
    """Whether the index has been created."""
    if backend in _SERVERS:
        cls, name = _server(backend, path, dsn)
        return bool(cls.exists(dsn, name))
    return (Path(path) / "index.json").exists()


def drop_index(backend: str, path: Path | str, dsn: str | None) -> None:
    """Delete the index and everything in it, if it exists."""
    if backend in _SERVERS:
        cls, name = _server(backend, path, dsn)
        cls.drop(dsn, name)
    elif Path(path).exists():
        shutil.rmtree(path)
