"""A brute-force backend in memory: every document scored for every query.

It is the reference the other backends are checked against (the same conformance tests)
and the baseline of the latency benchmark. BM25 follows tantivy's formula (k1 = 1.2,
b = 0.75, idf = ln(1 + (N − df + 0.5) / (df + 0.5))), per field, with the same field boosts.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from ._analysis import Clause, ParsedQuery, english_tokens, fold_tokens
from ._checks import check_document_vectors, check_query_vector
from ._errors import SearchError
from ._filters import document_matches
from ._model import EmbeddingModel, Filters, IndexDocument
from ._protocol import FIELD_BOOSTS, STEM_WEIGHT

__all__ = ["MemoryBackend"]

_PARTS = {
    "title": "titles",
    "abstract": "abstracts",
    "claims": "claims",
    "description": "descriptions",
}
_K1, _B = 1.2, 0.75


class MemoryBackend:
    """Documents, token lists and vectors in Python dictionaries; nothing on disk."""

    name = "memory"

    def __init__(self, model: EmbeddingModel | None = None) -> None:
        self._model = model
        self._docs: dict[str, IndexDocument] = {}
        self._tokens: dict[str, dict[str, list[str]]] = {}
        self._counts: dict[str, dict[str, Counter[str]]] = {}
        self._vecs: dict[str, np.ndarray] = {}
        self._stats: dict[str, tuple[Counter[str], float]] = {}
        self._matrix: tuple[list[str], np.ndarray] | None = None

    @property
    def model(self) -> EmbeddingModel | None:
        """The embedding model of the vectors, if any."""
        return self._model

    def __len__(self) -> int:
        return len(self._docs)

    def close(self) -> None:
        """Nothing to release."""

    def upsert(self, documents: Sequence[IndexDocument], vectors: np.ndarray | None = None) -> None:
        """Add or replace documents."""
        check_document_vectors(self._model, len(documents), vectors)
        for row, doc in enumerate(documents):
            if not doc.doc_id:
                raise SearchError("a document without a doc_id cannot be indexed")
            self._docs[doc.doc_id] = doc
            fields: dict[str, list[str]] = {}
            for part, attr in _PARTS.items():
                texts = getattr(doc, attr)
                fields[f"{part}_f"] = [w for _, t in texts for w in fold_tokens(t)]
                fields[f"{part}_en"] = [
                    w for lang, t in texts if lang in (None, "en") for w in english_tokens(t)
                ]
            self._tokens[doc.doc_id] = fields
            self._counts[doc.doc_id] = {f: Counter(ws) for f, ws in fields.items()}
            if vectors is not None:
                self._vecs[doc.doc_id] = np.asarray(vectors[row], dtype=np.float32)
        self._stats.clear()
        self._matrix = None

    def delete(self, doc_ids: Iterable[str]) -> int:
        """Remove documents by ``doc_id``."""
        n = 0
        for doc_id in doc_ids:
            if self._docs.pop(doc_id, None) is not None:
                n += 1
                self._tokens.pop(doc_id)
                self._counts.pop(doc_id)
                self._vecs.pop(doc_id, None)
        self._stats.clear()
        self._matrix = None
        return n

    def commit(self) -> None:
        """Nothing to do: changes are visible at once."""

    def fingerprints(self) -> dict[str, str]:
        """``doc_id`` → fingerprint."""
        return {d: doc.fingerprint() for d, doc in self._docs.items()}

    def vectors(self, doc_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored vectors of the given ids."""
        return {d: self._vecs[d] for d in doc_ids if d in self._vecs}

    def get(self, doc_ids: Sequence[str]) -> dict[str, IndexDocument]:
        """Stored documents of the given ids."""
        return {d: self._docs[d] for d in doc_ids if d in self._docs}

    def _field_stats(self, field: str) -> tuple[Counter[str], float]:
        if field not in self._stats:
            df: Counter[str] = Counter()
            total = 0
            for counts in self._counts.values():
                df.update(counts[field].keys())
                total += sum(counts[field].values())
            self._stats[field] = (df, total / max(1, len(self._counts)))
        return self._stats[field]

    def _clause_score(self, doc_id: str, clause: Clause) -> float | None:
        total, matched = 0.0, False
        n = len(self._docs)
        for part, boost in FIELD_BOOSTS.items():
            for suffix, words, weight in (
                ("_f", clause.words, boost),
                ("_en", clause.stems, boost * STEM_WEIGHT),
            ):
                field = part + suffix
                counts = self._counts[doc_id][field]
                if len(words) == 1:
                    tf = counts.get(words[0], 0)
                else:
                    tokens = self._tokens[doc_id][field]
                    m = len(words)
                    tf = sum(
                        1 for i in range(len(tokens) - m + 1) if tuple(tokens[i : i + m]) == words
                    )
                if not tf:
                    continue
                matched = True
                df, avgdl = self._field_stats(field)
                idf = sum(math.log(1 + (n - df[w] + 0.5) / (df[w] + 0.5)) for w in set(words))
                dl = sum(counts.values())
                norm = tf * (_K1 + 1) / (tf + _K1 * (1 - _B + _B * dl / max(avgdl, 1e-9)))
                total += weight * idf * norm
        return total if matched else None

    def keyword(self, query: ParsedQuery, filters: Filters, k: int) -> list[tuple[str, float]]:
        """Score every document that passes the filters."""
        scored = []
        has_positive = any(c.occur != "must_not" for c in query.clauses)
        has_must = any(c.occur == "must" for c in query.clauses)
        for doc_id, doc in self._docs.items():
            if filters and not document_matches(doc, filters):
                continue
            score, ok, any_should = 0.0, True, False
            for clause in query.clauses:
                s = self._clause_score(doc_id, clause)
                if clause.occur == "must_not":
                    if s is not None:
                        ok = False
                        break
                elif s is None:
                    if clause.occur == "must":
                        ok = False
                        break
                else:
                    score += s
                    any_should = True
            if ok and (any_should or not has_positive or has_must):
                scored.append((doc_id, score))
        scored.sort(key=lambda p: (-p[1], p[0]))
        return scored[:k]

    def dense(self, vector: np.ndarray, filters: Filters, k: int) -> list[tuple[str, float]]:
        """Inner product with every stored vector that passes the filters."""
        check_query_vector(self._model, vector)
        if self._matrix is None:
            ids = list(self._vecs)
            mat = np.stack([self._vecs[d] for d in ids]) if ids else np.zeros((0, 1))
            self._matrix = (ids, mat.astype(np.float32))
        ids, mat = self._matrix
        if not ids:
            return []
        scores = mat @ np.asarray(vector, dtype=np.float32)
        order = np.argsort(-scores, kind="stable")
        out = []
        for i in order:
            if filters and not document_matches(self._docs[ids[i]], filters):
                continue
            out.append((ids[i], float(scores[i])))
            if len(out) >= k:
                break
        return out
