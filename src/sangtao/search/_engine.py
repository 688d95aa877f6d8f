"""The search index: a backend, an embedder, and the modes and reports built on them."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np

from ._analysis import ParsedQuery, fold_tokens, parse_query
from ._backends import create_backend, open_backend
from ._embedders import Embedder, embedder_for
from ._errors import IncompatibleIndexError, QueryError
from ._filters import prepare_filters
from ._fusion import CROSS_LANGUAGE_WEIGHT, reciprocal_rank_fusion
from ._language import LANGUAGE_NAMES, cross_language_weights, detect_language
from ._model import ArmScore, Filters, Hit, IndexDocument, SearchResult
from ._passages import best_passages
from ._protocol import SearchBackend

__all__ = ["MODES", "SearchIndex", "UpdateReport"]

MODES = ("keyword", "dense", "hybrid")
_OPERATORS = re.compile(r"\b(?:AND|OR|NOT)\b")
DEFAULT_DEPTH = 200
"""Candidates taken from each arm before fusion (the literature uses 100–200)."""


@dataclass(slots=True)
class UpdateReport:
    """What an update or a build did.

    Attributes
    ----------
    added, updated, unchanged, deleted
        Documents by outcome.
    embedded, reused
        Vectors computed by the embedder, and reused from the index (text unchanged).
    seconds
        Wall time.
    """

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    embedded: int = 0
    reused: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return asdict(self)


class SearchIndex:
    """Keyword, dense and hybrid search over one backend.

    Parameters
    ----------
    backend
        Any :class:`SearchBackend` (:class:`EmbeddedBackend` on disk by default).
    embedder
        The embedder of the backend's vectors; None for a keyword-only index, or to
        rebuild it from the stored model name on first dense query.

    Attributes
    ----------
    cross_language_weight
        What the keyword arm counts for, in hybrid fusion, for a document without text in
        the query's language (1: plain RRF); see :meth:`search`.

    Raises
    ------
    IncompatibleIndexError
        If the embedder's model is not the one the index was built with.
    """

    def __init__(self, backend: SearchBackend, embedder: Embedder | None = None) -> None:
        self.backend = backend
        self._embedder = embedder
        self.cross_language_weight = CROSS_LANGUAGE_WEIGHT
        if embedder is not None and backend.model is not None and embedder.model != backend.model:
            raise IncompatibleIndexError(
                f"the index holds vectors of {backend.model.name} {backend.model.version} "
                f"({backend.model.dim}-d); the embedder is {embedder.model.name} "
                f"{embedder.model.version} ({embedder.model.dim}-d): rebuild the index"
            )
        if embedder is not None and backend.model is None:
            raise IncompatibleIndexError("the index was built without vectors: rebuild it")

    @classmethod
    def create(
        cls,
        path: Path | str | None = None,
        embedder: Embedder | None = None,
        backend: str = "embedded",
        *,
        dsn: str | None = None,
    ) -> SearchIndex:
        """A new, empty index: ``backend`` ``"embedded"`` (in the folder ``path``),
        ``"memory"``, ``"postgres"`` or ``"opensearch"`` (the index named ``path`` on the
        server ``dsn``: a PostgreSQL connection string or an OpenSearch URL)."""
        model = embedder.model if embedder is not None else None
        return cls(create_backend(backend, path, model, dsn), embedder)

    @classmethod
    def open(
        cls,
        path: Path | str,
        embedder: Embedder | None = None,
        *,
        backend: str = "embedded",
        dsn: str | None = None,
    ) -> SearchIndex:
        """Open an embedded index folder, or the index named ``path`` on the server ``dsn``."""
        opened = open_backend(backend, path, dsn)
        try:
            return cls(opened, embedder)
        except IncompatibleIndexError:
            opened.close()
            raise

    @property
    def embedder(self) -> Embedder | None:
        """The embedder of the dense arm (built from the stored model on first use)."""
        if self._embedder is None and self.backend.model is not None:
            self._embedder = embedder_for(self.backend.model)
        return self._embedder

    def __len__(self) -> int:
        return len(self.backend)

    def close(self) -> None:
        """Release the backend."""
        self.backend.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------------

    def update(
        self,
        documents: Iterable[IndexDocument],
        *,
        batch_size: int = 256,
        prune: bool = False,
        progress: Callable[[UpdateReport], None] | None = None,
    ) -> UpdateReport:
        """Add new and changed documents, skip unchanged ones, and commit.

        Parameters
        ----------
        documents
            The documents; those whose fingerprint matches the index are skipped.
        batch_size
            Documents embedded and written at a time.
        prune
            Also delete indexed documents that are not in ``documents``.
        progress
            Called with the running report after each batch.
        """
        start = time.perf_counter()
        report = UpdateReport()
        known = self.backend.fingerprints()
        seen: set[str] = set()
        it: Iterator[IndexDocument] = iter(documents)
        while batch := list(islice(it, batch_size)):
            todo = []
            for doc in batch:
                seen.add(doc.doc_id)
                fp = known.get(doc.doc_id)
                if fp is not None and fp == doc.fingerprint():
                    report.unchanged += 1
                    continue
                todo.append(doc)
                if fp is None:
                    report.added += 1
                else:
                    report.updated += 1
            if todo:
                self.backend.upsert(todo, self._vectors_for(todo, report))
            if progress is not None:
                report.seconds = time.perf_counter() - start
                progress(report)
        if prune:
            report.deleted = self.backend.delete([d for d in known if d not in seen])
        self.backend.commit()
        report.seconds = time.perf_counter() - start
        return report

    def _vectors_for(self, docs: list[IndexDocument], report: UpdateReport) -> np.ndarray | None:
        model = self.backend.model
        embedder = self.embedder
        if model is None or embedder is None:
            return None
        out = np.zeros((len(docs), model.dim), dtype=np.float32)
        old_docs = self.backend.get([d.doc_id for d in docs])
        old_vecs = self.backend.vectors(list(old_docs))
        missing = []
        for row, doc in enumerate(docs):
            old = old_docs.get(doc.doc_id)
            if (
                old is not None
                and doc.doc_id in old_vecs
                and old.embedding_text() == doc.embedding_text()
            ):
                out[row] = old_vecs[doc.doc_id]
                report.reused += 1
            else:
                missing.append(row)
        if missing:
            out[missing] = embedder.embed_passages([docs[r].embedding_text() for r in missing])
            report.embedded += len(missing)
        return out

    def delete(self, doc_ids: Iterable[str]) -> int:
        """Delete documents by ``doc_id`` and commit; returns how many were indexed."""
        n = self.backend.delete(doc_ids)
        self.backend.commit()
        return n

    # -- searching ----------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        mode: str = "hybrid",
        filters: Filters | None = None,
        k: int = 10,
        depth: int = DEFAULT_DEPTH,
        passages: int = 0,
    ) -> SearchResult:
        """Search the index.

        Parameters
        ----------
        query
            Words, ``"phrases"``, ``+required``, ``-excluded``, ``AND``/``OR``/``NOT``
            (see :func:`sangtao.search.parse_query`); any language, any Unicode form.
            Longer than 10,000 characters it is cut, with a note.
        mode
            ``"keyword"`` (BM25), ``"dense"`` (embeddings) or ``"hybrid"`` (both, fused by
            reciprocal rank, k = 60). Hybrid on an index without vectors runs the keyword
            arm alone, with a note. Hybrid fusion is language-aware: when the query reads
            as Vietnamese or English, a keyword match in a document without text in that
            language counts :attr:`cross_language_weight` of a same-language match, since
            across languages the words in common are mostly numbers, names and false
            friends; a note gives the weight and the hits it applied to.
        filters
            Class prefixes, dates, office, kind, language.
        k
            Hits returned (1–10,000).
        depth
            Candidates taken from each arm before fusion.
        passages
            Matching passages per hit (0: none).

        Returns
        -------
        SearchResult
            Hits best first, each with its rank and score in each arm.

        Raises
        ------
        QueryError
            Empty query, only stop words or punctuation, bad mode, ``k`` or filter.
        """
        if mode not in MODES:
            raise QueryError(f"unknown mode {mode!r}: use keyword, dense or hybrid")
        if not isinstance(k, int) or not 1 <= k <= 10_000:
            raise QueryError(f"k must be a whole number from 1 to 10,000, not {k!r}")
        parsed = parse_query(query)
        prepared, filter_notes = prepare_filters(filters)
        notes = list(parsed.notes) + filter_notes
        if mode != "keyword" and self.backend.model is None:
            if mode == "dense":
                raise QueryError("this index has no vectors: use keyword mode or rebuild it")
            notes.append("the index has no vectors: keyword search only")
            mode = "keyword"
        excluded = {w for c in parsed.clauses if c.occur == "must_not" for w in c.words}
        want = max(k, depth) if mode == "hybrid" or excluded else k
        arms: dict[str, list[tuple[str, float]]] = {}
        if mode in ("keyword", "hybrid"):
            arms["keyword"] = self.backend.keyword(parsed, prepared, want)
        if mode in ("dense", "hybrid"):
            embedder = self.embedder
            assert embedder is not None
            vector = embedder.embed_queries([_positive_text(parsed)])[0]
            arms["dense"] = self.backend.dense(vector, prepared, want)
        docs: dict[str, IndexDocument] = {}
        lang: str | None = None
        lowered: dict[str, float] = {}
        if mode == "hybrid":
            # the query as typed: the parsed clauses have lost the function words
            lang = detect_language(_OPERATORS.sub(" ", parsed.text))
            if lang is not None and self.cross_language_weight != 1.0:
                needed = len(arms["keyword"]) + len(arms["dense"]) if excluded else k
                lowered, docs = cross_language_weights(
                    arms, lang, self.cross_language_weight, self.backend.get, needed
                )
            fused = reciprocal_rank_fusion(arms, weights={"keyword": lowered})
        else:
            fused = [(d, s, {mode: ArmScore(r, s)}) for r, (d, s) in enumerate(arms[mode], 1)]
        if excluded and "dense" in arms:
            docs.update(self.backend.get([d for d, _, _ in fused if d not in docs]))
            before = len(fused)
            fused = [f for f in fused if f[0] in docs and not _contains(docs[f[0]], excluded)]
            if len(fused) < before:
                notes.append("dense hits containing an excluded word were removed")
        top = fused[:k]
        missing = [d for d, _, _ in top if d not in docs]
        docs.update(self.backend.get(missing))
        hits = []
        for rank, (doc_id, score, why) in enumerate(top, start=1):
            doc = docs.get(doc_id)
            hit = Hit(doc_id, rank, score, dict(why), doc)
            if passages and doc is not None:
                hit.passages = best_passages(doc, parsed, passages)
            hits.append(hit)
        if lang is not None and lowered:
            ranks = ", ".join(str(h.rank) for h in hits if h.doc_id in lowered) or "none"
            name = LANGUAGE_NAMES[lang]
            notes.append(
                f"language-aware fusion: the query reads as {name}; the keyword rank of a "
                f"document without {name} text counts {self.cross_language_weight:g} of a "
                f"same-language one (hits so weighted: {ranks})"
            )
        model = self.backend.model if "dense" in arms else None
        return SearchResult(parsed.text, mode, hits, prepared, notes, model)

    def prior_art(
        self,
        text: str,
        *,
        cutoff: dt.date,
        filters: Filters | None = None,
        k: int = 20,
        mode: str = "hybrid",
        passages: int = 3,
    ) -> SearchResult:
        """Prior-art search: only documents published before ``cutoff``, with evidence.

        Parameters
        ----------
        text
            The application's text used as the query (title, abstract or a claim).
        cutoff
            The application's priority date, or its filing date when nothing is claimed;
            only documents published strictly before it are prior art. Documents without a
            publication date are left out.
        filters
            Further restrictions; a ``before`` date later than ``cutoff`` is replaced.
        k, mode, passages
            As for :meth:`search`; each hit carries its best passages (query words
            highlighted by folded matching) and its rank and score in each arm.
        """
        if not isinstance(cutoff, dt.date):
            raise QueryError(f"the cut-off must be a date, not {cutoff!r}")
        base = filters or Filters()
        before = min(cutoff, base.before) if base.before else cutoff
        result = self.search(
            text, mode=mode, filters=replace(base, before=before), k=k, passages=passages
        )
        result.notes.append(f"prior-art cut-off: published before {before.isoformat()}")
        return result


def _positive_text(parsed: ParsedQuery) -> str:
    """The query's words that are looked for (what the dense arm embeds)."""
    return " ".join(c.text for c in parsed.clauses if c.occur != "must_not")


def _contains(doc: IndexDocument, words: set[str]) -> bool:
    for attr in ("titles", "abstracts", "claims", "descriptions"):
        for _, text in getattr(doc, attr):
            if words & set(fold_tokens(text)):
                return True
    return False
