"""The embedded backend (the default): tantivy for BM25 and faiss for vectors, on disk.

Folder layout::

    index.json          format, embedding model (name, version, dimension)
    text/               the tantivy index
    vectors.faiss       faiss index of unit vectors: flat (exact) below 100,000 vectors,
                        IVF-Flat with a calibrated probe count above (see ``_vectors``)
    manifest.parquet    doc_id, vector id, fingerprint of each document

The tantivy schema, documents and queries are in :mod:`._tantivy`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import tantivy

from ._analysis import ParsedQuery, english_analyzer, folded_analyzer
from ._checks import check_document_vectors
from ._dates import PublicationDates
from ._errors import IncompatibleIndexError, SearchError
from ._model import EmbeddingModel, Filters, IndexDocument
from ._tantivy import (
    ENGLISH,
    FOLDED,
    filter_query,
    keyword_query,
    tantivy_document,
    tantivy_schema,
)
from ._vectors import VectorStore

__all__ = ["EmbeddedBackend"]

FORMAT = 1
MASKS_KEPT = 16
"""Filter masks (class, office, kind, language) kept between writes; the least recently used
goes first."""


class EmbeddedBackend:
    """tantivy + faiss in one folder; see the module notes for the layout.

    Use :meth:`create` or :meth:`open`; a folder holds one writer at a time.
    """

    name = "embedded"

    def __init__(self, path: Path, model: EmbeddingModel | None, index: tantivy.Index) -> None:
        self.path = path
        self._model = model
        self._index = index
        self._index.register_tokenizer(FOLDED, folded_analyzer())
        self._index.register_tokenizer(ENGLISH, english_analyzer())
        self._schema = index.schema
        self._writer: Any = None
        self._vectors = VectorStore(model.dim) if model else None
        self._doc_of: dict[int, str] = {}
        self._vid_of: dict[str, int] = {}
        self._fingerprint: dict[str, str] = {}
        self._dates: PublicationDates | None = PublicationDates()
        self._masks: dict[tuple[tuple[str, ...], ...], np.ndarray] = {}
        self._next_vid = 1
        self._searcher = index.searcher()

    # -- life cycle ---------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str, model: EmbeddingModel | None) -> EmbeddedBackend:
        """Create an empty index in ``path`` (which must not hold one already)."""
        root = Path(path)
        if (root / "index.json").exists():
            raise SearchError(f"{root} already holds an index; open it or remove it")
        (root / "text").mkdir(parents=True, exist_ok=True)
        index = tantivy.Index(tantivy_schema(), path=str(root / "text"), reuse=False)
        backend = cls(root, model, index)
        backend._write_meta()
        return backend

    @classmethod
    def open(cls, path: Path | str) -> EmbeddedBackend:
        """Open an index written by :meth:`create` and :meth:`commit`."""
        root = Path(path)
        meta_path = root / "index.json"
        if not meta_path.exists():
            raise SearchError(f"no search index in {root} (build one first)")
        meta = json.loads(meta_path.read_text())
        if meta.get("format") != FORMAT:
            raise IncompatibleIndexError(
                f"{root} has index format {meta.get('format')}, this version reads {FORMAT}"
            )
        model = EmbeddingModel(**meta["model"]) if meta.get("model") else None
        backend = cls(root, model, tantivy.Index.open(str(root / "text")))
        if model and (root / "vectors.faiss").exists():
            backend._vectors = VectorStore.load(
                root / "vectors.faiss", calibration=meta.get("vectors")
            )
        manifest = root / "manifest.parquet"
        if manifest.exists():
            table = pq.read_table(manifest)
            for doc_id, vid, fp in zip(
                table["doc_id"].to_pylist(),
                table["vid"].to_pylist(),
                table["fingerprint"].to_pylist(),
                strict=True,
            ):
                backend._doc_of[vid] = doc_id
                backend._vid_of[doc_id] = vid
                backend._fingerprint[doc_id] = fp
            backend._next_vid = max(backend._doc_of, default=0) + 1
            backend._dates = (  # indexes written before the column filter in the text index
                PublicationDates.from_columns(table["vid"].to_pylist(), table["pub"].to_pylist())
                if "pub" in table.column_names
                else None
            )
        return backend

    def _write_meta(self) -> None:
        meta = {
            "format": FORMAT,
            "backend": self.name,
            "model": (
                {"name": self._model.name, "version": self._model.version, "dim": self._model.dim}
                if self._model
                else None
            ),
            "documents": len(self._vid_of),
            "vectors": self.describe_vectors(),
        }
        tmp = self.path / "index.json.tmp"
        tmp.write_text(json.dumps(meta, indent=1))
        os.replace(tmp, self.path / "index.json")

    @property
    def model(self) -> EmbeddingModel | None:
        """The embedding model of the vectors, None for a keyword-only index."""
        return self._model

    def __len__(self) -> int:
        return len(self._vid_of)

    def describe_vectors(self) -> dict[str, Any] | None:
        """The vector index: flat (exact) or IVF with its calibration; None without one."""
        return self._vectors.describe() if self._vectors is not None else None

    def close(self) -> None:
        """Wait for tantivy's merges and drop the writer."""
        if self._writer is not None:
            self._writer.rollback()
            self._writer.wait_merging_threads()
            self._writer = None

    # -- writing ------------------------------------------------------------------------

    def upsert(self, documents: Sequence[IndexDocument], vectors: np.ndarray | None = None) -> None:
        """Add or replace documents (and their vectors, one row each, if the index has any)."""
        check_document_vectors(self._model, len(documents), vectors)
        self._masks.clear()
        if self._writer is None:
            self._writer = self._index.writer(heap_size=128_000_000, num_threads=1)
        vids = []
        replaced = []
        for doc in documents:
            if not doc.doc_id:
                raise SearchError("a document without a doc_id cannot be indexed")
            vid = self._vid_of.get(doc.doc_id)
            if vid is None:
                vid = self._next_vid
                self._next_vid += 1
            else:
                self._writer.delete_documents_by_term("doc_id", doc.doc_id)
                replaced.append(vid)
            self._writer.add_document(tantivy_document(doc, vid))
            self._vid_of[doc.doc_id] = vid
            self._doc_of[vid] = doc.doc_id
            self._fingerprint[doc.doc_id] = doc.fingerprint()
            if self._dates is not None:
                self._dates.set(vid, doc.publication_date)
            vids.append(vid)
        if self._vectors is not None and vectors is not None:
            self._vectors.remove(np.array(replaced, dtype=np.int64))
            self._vectors.add(np.array(vids, dtype=np.int64), vectors)

    def delete(self, doc_ids: Iterable[str]) -> int:
        """Remove documents by ``doc_id``; returns how many were indexed."""
        self._masks.clear()
        gone = []
        for doc_id in doc_ids:
            vid = self._vid_of.pop(doc_id, None)
            if vid is None:
                continue
            if self._writer is None:
                self._writer = self._index.writer(heap_size=128_000_000, num_threads=1)
            self._writer.delete_documents_by_term("doc_id", doc_id)
            self._doc_of.pop(vid, None)
            self._fingerprint.pop(doc_id, None)
            if self._dates is not None:
                self._dates.clear(vid)
            gone.append(vid)
        if self._vectors is not None:
            self._vectors.remove(np.array(gone, dtype=np.int64))
        return len(gone)

    def commit(self) -> None:
        """Commit tantivy, then write the vectors (building or refreshing the approximate
        index if their number calls for it), the manifest and index.json."""
        if self._writer is not None:
            self._writer.commit()
            # merges finish now, not behind later searches; the writer lock is released
            self._writer.wait_merging_threads()
            self._writer = None
        if self._vectors is not None:
            self._vectors.optimise()
            self._vectors.save(self.path / "vectors.faiss")
        ids = list(self._vid_of)
        table = pa.table(
            {
                "doc_id": pa.array(ids, pa.string()),
                "vid": pa.array([self._vid_of[d] for d in ids], pa.int64()),
                "fingerprint": pa.array([self._fingerprint[d] for d in ids], pa.string()),
                **self._date_column(ids),
            }
        )
        tmp = self.path / "manifest.parquet.tmp"
        pq.write_table(table, tmp)
        os.replace(tmp, self.path / "manifest.parquet")
        self._write_meta()
        self._index.reload()
        self._searcher = self._index.searcher()
        self._masks.clear()

    def _date_column(self, ids: list[str]) -> dict[str, pa.Array]:
        if self._dates is None:
            return {}
        dates = self._dates
        return {"pub": pa.array([dates.key(self._vid_of[d]) for d in ids], pa.int32())}

    # -- reading ------------------------------------------------------------------------

    def fingerprints(self) -> dict[str, str]:
        """``doc_id`` → fingerprint of every indexed document."""
        return dict(self._fingerprint)

    def vectors(self, doc_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of the given documents."""
        out: dict[str, np.ndarray] = {}
        if self._vectors is None:
            return out
        for doc_id in doc_ids:
            vid = self._vid_of.get(doc_id)
            vec = self._vectors.get(vid) if vid is not None else None
            if vec is not None:
                out[doc_id] = vec
        return out

    def get(self, doc_ids: Sequence[str]) -> dict[str, IndexDocument]:
        """The stored documents of the ids that are indexed."""
        wanted = [d for d in doc_ids if d in self._vid_of]
        if not wanted:
            return {}
        query = tantivy.Query.term_set_query(self._schema, "doc_id", wanted)
        out = {}
        for _, addr in self._searcher.search(query, len(wanted), count=False).hits:
            payload: Any = self._searcher.doc(addr).get_first("payload")
            doc = IndexDocument.from_dict(json.loads(bytes(payload)))
            out[doc.doc_id] = doc
        return out

    def _vids_to_ids(self, hits: list[tuple[Any, Any]]) -> list[tuple[str, float]]:
        if not hits:
            return []
        vids = self._searcher.fast_field_values("vid", [addr for _, addr in hits])
        return [
            (self._doc_of[int(v)], float(score))
            for (score, _), v in zip(hits, vids, strict=True)
            if v is not None and int(v) in self._doc_of
        ]

    def keyword(self, query: ParsedQuery, filters: Filters, k: int) -> list[tuple[str, float]]:
        """BM25 over the folded and English fields with :data:`FIELD_BOOSTS`."""
        text_query = keyword_query(self._schema, query, filters)
        result = self._searcher.search(text_query, k, count=False)
        return self._vids_to_ids(result.hits)

    def _matching_vids(self, fq: tantivy.Query, among: Sequence[int] | None) -> list[int]:
        if among is not None:
            fq = tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Must, fq),
                    (
                        tantivy.Occur.Must,
                        tantivy.Query.term_set_query(self._schema, "vid", list(among)),
                    ),
                ]
            )
            limit = len(among)
        else:
            limit = max(1, self._searcher.num_docs)
        hits = self._searcher.search(fq, limit, count=False).hits
        vids = self._searcher.fast_field_values("vid", [a for _, a in hits])
        return [int(v) for v in vids if v is not None]

    def dense(self, vector: np.ndarray, filters: Filters, k: int) -> list[tuple[str, float]]:
        """Inner-product search (approximate on large stores, see ``_vectors``).

        Filters are a mask over vector ids that the vector search applies as it goes: dates
        from an array (``_dates``), the other filters from the text index, listed once and
        kept until the next write. An index written without the date column applies
        filters after an oversampled search, or before it (an exact search of the matching
        ids) when too few of the nearest documents pass them."""
        if self._vectors is None:
            raise SearchError("this index has no vectors (it was built without an embedder)")
        if self._model is not None and vector.shape[-1] != self._model.dim:
            raise IncompatibleIndexError(
                f"query vector has dimension {vector.shape[-1]}, the index {self._model.dim}"
            )
        ids, scores = self._filtered_dense(self._vectors, vector, filters, k)
        return [
            (self._doc_of[int(i)], float(s))
            for i, s in zip(ids, scores, strict=True)
            if int(i) in self._doc_of
        ]

    def _filtered_dense(
        self, store: VectorStore, vector: np.ndarray, filters: Filters, k: int
    ) -> tuple[np.ndarray, np.ndarray]:
        fq = filter_query(self._schema, filters)
        if fq is None:
            return store.search(vector, k)
        if self._dates is None:  # an index written before the date column
            return self._post_filtered_dense(store, vector, fq, k)
        dated = filters.before or filters.after
        mask = self._dates.mask(filters.before, filters.after) if dated else None
        rest = replace(filters, before=None, after=None)
        rest_query = filter_query(self._schema, rest)
        if rest_query is not None:
            classes = self._class_mask(rest, rest_query)
            if mask is None:
                mask = classes
            else:
                n = min(len(mask), len(classes))
                mask = mask[:n] & classes[:n]
        return store.search(vector, k, mask=mask)

    def _class_mask(self, rest: Filters, query: tantivy.Query) -> np.ndarray:
        """Vector ids passing the filters other than dates, kept until the next write."""
        key = (rest.ipc, rest.cpc, rest.office, rest.kind, rest.language)
        mask = self._masks.pop(key, None)
        if mask is None:
            mask = np.zeros(self._next_vid, dtype=bool)
            mask[np.array(self._matching_vids(query, None), dtype=np.int64)] = True
        self._masks[key] = mask  # most recently used last
        while len(self._masks) > MASKS_KEPT:
            self._masks.pop(next(iter(self._masks)))
        return mask

    def _post_filtered_dense(
        self, store: VectorStore, vector: np.ndarray, fq: tantivy.Query, k: int
    ) -> tuple[np.ndarray, np.ndarray]:
        depth = max(10 * k, 1000)
        ids, scores = store.search(vector, depth)
        keep = np.isin(ids, self._matching_vids(fq, [int(i) for i in ids]))
        if keep.sum() >= k or depth >= len(store):
            return ids[keep][:k], scores[keep][:k]
        allowed = np.array(self._matching_vids(fq, None), dtype=np.int64)
        return store.search(vector, k, allowed=allowed)
