"""An embedder that keeps its vectors in a SQLite file, so that evaluations run again free."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ._embedders import Embedder
from ._model import EmbeddingModel

__all__ = ["CachedEmbedder"]

_SCHEMA = """CREATE TABLE IF NOT EXISTS vectors (
    model TEXT NOT NULL, kind TEXT NOT NULL, text_sha256 TEXT NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (model, kind, text_sha256))"""


class CachedEmbedder:
    """Wraps an :class:`Embedder`; vectors are stored in ``path`` keyed by the model's name,
    version and dimension, query or passage, and the SHA-256 of the text, and computed only
    for texts not yet stored (each call's new vectors are committed at once).
    """

    def __init__(self, embedder: Embedder, path: Path | str) -> None:
        self._embedder = embedder
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute(_SCHEMA)
        m = embedder.model
        self._key = f"{m.name}|{m.version}|{m.dim}"
        self.hits = self.misses = 0

    @property
    def model(self) -> EmbeddingModel:
        """The wrapped embedder's model."""
        return self._embedder.model

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    def _embed(self, texts: Sequence[str], kind: str) -> np.ndarray:
        dim = self.model.dim
        keys = [hashlib.sha256(t.encode()).hexdigest() for t in texts]
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            rows = self._db.execute(
                "SELECT text_sha256, vector FROM vectors WHERE model = ? AND kind = ? "
                f"AND text_sha256 IN ({','.join('?' * len(chunk))})",
                (self._key, kind, *chunk),
            )
            found.update((h, np.frombuffer(v, dtype=np.float32)) for h, v in rows)
        todo = {h: t for h, t in zip(keys, texts, strict=True) if h not in found}
        self.hits += len(texts) - len(todo)
        self.misses += len(todo)
        if todo:
            run = self._embedder.embed_queries if kind == "query" else self._embedder.embed_passages
            new = run(list(todo.values()))
            found.update(zip(todo, new, strict=True))
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)",
                [(self._key, kind, h, found[h].astype(np.float32).tobytes()) for h in todo],
            )
            self._db.commit()
        out = np.empty((len(texts), dim), dtype=np.float32)
        for row, h in enumerate(keys):
            out[row] = found[h]
        return out

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Query vectors, from the file where stored."""
        return self._embed(texts, "query")

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors, from the file where stored."""
        return self._embed(texts, "passage")
