"""The PostgreSQL backend: full-text search and pgvector in one schema per index.

Text is analysed in Python exactly as for the other backends (:mod:`sangtao.search._analysis`:
folded words, ``đ`` as ``d``, and English stems) and written as ``tsvector`` literals, so
no text search configuration of the database folds or stems anything. Matching uses the
GIN indexes (``@@``, phrases with ``<->``); ranking is the BM25 of the reference backend,
per field with :data:`FIELD_BOOSTS`, from document frequencies kept in a ``lexicon``
table: scores equal :class:`MemoryBackend`'s. Vectors are pgvector ``vector(dim)`` with
an HNSW index (cosine); up to ``exact_below`` documents the dense arm scans them exactly
instead. See :mod:`sangtao.search._postgres_sql` for the tables.

Writes happen in one transaction until :meth:`PostgresBackend.commit`; :meth:`close`
without a commit rolls them back. A keyword search reads the ``tsvector`` of every
candidate, so its cost grows with the number of documents that match; a ``tsvector``
keeps positions up to 16,383 and 256 per word (see :mod:`sangtao.search._postgres_text`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from ._analysis import ParsedQuery, english_tokens, fold_tokens
from ._checks import check_document_vectors, check_query_vector
from ._errors import IncompatibleIndexError, SearchError
from ._filters import class_keys
from ._model import EmbeddingModel, Filters, IndexDocument
from ._postgres_db import (
    connect,
    describe,
    ensure_pgvector,
    index_exists,
    parse_vector,
    pgvector_version,
    schema_name,
    storable,
    vector_text,
)
from ._postgres_sql import (
    account_params,
    account_sql,
    dense_sql,
    keyword_sql,
    match_sql,
    schema_sql,
    where_sql,
)
from ._postgres_text import KeywordPlan, count_terms, tsvector_literal

__all__ = ["PostgresBackend"]

_Query = sql.SQL | sql.Composed

FORMAT = 1
EXACT_BELOW = 20_000
"""Up to this many documents the dense arm scans every vector (exact) instead of HNSW."""
_PARTS = ("titles", "abstracts", "claims", "descriptions")


class PostgresBackend:
    """One index in a PostgreSQL database (schema ``search_<name>``), over one connection.

    Use :meth:`create` or :meth:`open`. ``exact_below``: up to this many documents the
    dense arm is an exact scan; above, the HNSW index answers.
    """

    name = "postgres"

    def __init__(
        self,
        conn: psycopg.Connection[Any],
        schema: str,
        model: EmbeddingModel | None,
        pgvector: tuple[int, ...] | None = None,
        exact_below: int = EXACT_BELOW,
    ) -> None:
        self._conn = conn
        self.schema = schema
        self._model = model
        self._iterative_scan = pgvector is not None and pgvector >= (0, 8)
        self.exact_below = exact_below
        self._dirty = False
        self._s = sql.Identifier(schema)

    # -- life cycle ---------------------------------------------------------------------

    @classmethod
    def create(
        cls, dsn: str | None, name: str, model: EmbeddingModel | None, **options: Any
    ) -> PostgresBackend:
        """Create the empty index ``name`` (its schema must not exist yet) and commit it."""
        schema = schema_name(name)
        conn = connect(dsn)
        try:
            if index_exists(conn, schema):
                raise SearchError(f"the database already holds an index {name!r}; open or drop it")
            version = ensure_pgvector(conn) if model is not None else None
            for statement in schema_sql(schema, model.dim if model else None):
                conn.execute(statement)
            conn.execute(
                sql.SQL(
                    "INSERT INTO {}.meta (format, model_name, model_version, model_dim) "
                    "VALUES (%s, %s, %s, %s)"
                ).format(sql.Identifier(schema)),
                (FORMAT, *((model.name, model.version, model.dim) if model else (None,) * 3)),
            )
            conn.commit()
        except psycopg.Error as exc:
            conn.close()
            raise SearchError(f"cannot create the index {name!r}: {exc}") from exc
        except BaseException:
            conn.close()
            raise
        return cls(conn, schema, model, version, **options)

    @classmethod
    def open(cls, dsn: str | None, name: str, **options: Any) -> PostgresBackend:
        """Open the index ``name`` written by :meth:`create`."""
        schema = schema_name(name)
        conn = connect(dsn)
        try:
            if not index_exists(conn, schema):
                raise SearchError(
                    f"no search index {name!r} in the {describe(str(dsn))} (build one first)"
                )
            row = conn.execute(
                sql.SQL("SELECT format, model_name, model_version, model_dim FROM {}.meta").format(
                    sql.Identifier(schema)
                )
            ).fetchone()
            conn.rollback()
            if row is None or row[0] != FORMAT:
                raise IncompatibleIndexError(
                    f"index {name!r} has format {row[0] if row else None}, this version "
                    f"reads {FORMAT}"
                )
            model = EmbeddingModel(row[1], row[2], row[3]) if row[1] is not None else None
            version = pgvector_version(conn) if model is not None else None
            conn.rollback()
            if model is not None and version is None:
                raise SearchError(
                    f"index {name!r} holds vectors but the database has no pgvector extension "
                    "any more: install it (CREATE EXTENSION vector) or rebuild the index"
                )
        except BaseException:
            conn.close()
            raise
        return cls(conn, schema, model, version, **options)

    @staticmethod
    def exists(dsn: str | None, name: str) -> bool:
        """Whether the database holds the index ``name``."""
        schema = schema_name(name)
        with connect(dsn) as conn:
            return index_exists(conn, schema)

    @staticmethod
    def drop(dsn: str | None, name: str) -> bool:
        """Drop the index ``name`` and everything in it; False if there was none."""
        schema = schema_name(name)
        with connect(dsn) as conn:
            if not index_exists(conn, schema):
                return False
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
            return True

    @property
    def model(self) -> EmbeddingModel | None:
        """The embedding model of the vectors, None for a keyword-only index."""
        return self._model

    def __len__(self) -> int:
        rows = self._read(sql.SQL("SELECT n_docs FROM {}.meta").format(self._s))
        return int(rows[0][0])

    def close(self) -> None:
        """Roll back what was not committed and close the connection."""
        if not self._conn.closed:
            try:
                self._conn.rollback()
            except psycopg.Error:
                pass  # a broken connection has nothing left to roll back
            self._conn.close()
        self._dirty = False

    # -- writing ------------------------------------------------------------------------

    def _row(
        self, doc: IndexDocument, vector: np.ndarray | None
    ) -> tuple[dict[str, Any], list[list[str]]]:
        if not doc.doc_id:
            raise SearchError("a document without a doc_id cannot be indexed")
        folded = [[w for _, t in getattr(doc, p) for w in fold_tokens(t)] for p in _PARTS]
        stems = [
            [w for lang, t in getattr(doc, p) if lang in (None, "en") for w in english_tokens(t)]
            for p in _PARTS
        ]
        row = {
            "doc_id": doc.doc_id,
            "fingerprint": doc.fingerprint(),
            "office": doc.office.upper(),
            "kind": (doc.kind or "").upper(),
            "langs": list(doc.languages),
            "ipc": sorted({k for s in doc.ipc for k in class_keys(s)}),
            "cpc": sorted({k for s in doc.cpc for k in class_keys(s)}),
            "published": doc.publication_date,
            "folded": tsvector_literal(folded),
            "stems": tsvector_literal(stems),
            "lens": [len(t) for t in folded + stems],
            "payload": Jsonb(storable(doc.as_dict())),
        }
        if self._model is not None:
            row["embedding"] = vector_text(vector) if vector is not None else None
        return row, folded + stems

    def upsert(self, documents: Sequence[IndexDocument], vectors: np.ndarray | None = None) -> None:
        """Add or replace documents (and their vectors, one row each, if the index has any)."""
        check_document_vectors(self._model, len(documents), vectors)
        latest = {d.doc_id: (d, row) for row, d in enumerate(documents)}
        if not latest:
            return
        rows, counts, lens = [], [Counter[str]() for _ in range(8)], [0] * 8
        for doc, r in latest.values():
            row, fields = self._row(doc, vectors[r] if vectors is not None else None)
            rows.append(row)
            count_terms(counts, fields)
            lens = [n + len(tokens) for n, tokens in zip(lens, fields, strict=True)]
        stats = account_params(list(latest), counts, len(rows), lens)
        columns = list(rows[0])
        insert = sql.SQL(
            "INSERT INTO {}.docs ({}) VALUES ({}) ON CONFLICT (doc_id) DO UPDATE SET {}"
        ).format(
            self._s,
            sql.SQL(", ").join(map(sql.Identifier, columns)),
            sql.SQL(", ").join(sql.Placeholder(c) for c in columns),
            sql.SQL(", ").join(
                sql.SQL("{0} = excluded.{0}").format(sql.Identifier(c)) for c in columns[1:]
            ),
        )

        def run(cur: psycopg.Cursor[Any]) -> None:
            for statement in account_sql(self.schema):  # before the rows change
                cur.execute(statement, stats)
            cur.executemany(insert, rows)

        self._write(run)

    def delete(self, doc_ids: Iterable[str]) -> int:
        """Remove documents by ``doc_id``; returns how many were indexed."""
        ids = list(dict.fromkeys(doc_ids))
        if not ids:
            return 0
        gone: list[int] = []

        def run(cur: psycopg.Cursor[Any]) -> None:
            for statement in account_sql(self.schema):
                cur.execute(statement, account_params(ids, [], 0, [0] * 8))
            cur.execute(
                sql.SQL("DELETE FROM {}.docs WHERE doc_id = ANY(%s)").format(self._s), (ids,)
            )
            gone.append(cur.rowcount)

        self._write(run)
        return gone[0]

    def _write(self, action: Callable[[psycopg.Cursor[Any]], None]) -> None:
        try:
            with self._conn.cursor() as cur:
                action(cur)
        except psycopg.Error as exc:
            self._conn.rollback()
            self._dirty = False
            raise SearchError(
                f"the search database refused a write; uncommitted changes were rolled back: {exc}"
            ) from exc
        self._dirty = True

    def commit(self) -> None:
        """Commit the transaction: the changes become visible to others and durable."""
        self._conn.commit()
        self._dirty = False

    # -- reading ------------------------------------------------------------------------

    def _read(
        self, query: _Query, params: Any = None, before: Sequence[_Query] = ()
    ) -> list[tuple[Any, ...]]:
        try:
            for statement in before:
                self._conn.execute(statement)
            rows = self._conn.execute(query, params).fetchall()
        except psycopg.Error as exc:
            self._conn.rollback()
            lost = "; uncommitted changes were rolled back" if self._dirty else ""
            self._dirty = False
            raise SearchError(f"the search database failed a query{lost}: {exc}") from exc
        if not self._dirty:
            self._conn.rollback()  # end the read-only transaction: hold no snapshot
        return rows

    def fingerprints(self) -> dict[str, str]:
        """``doc_id`` → fingerprint of every indexed document."""
        return dict(self._read(sql.SQL("SELECT doc_id, fingerprint FROM {}.docs").format(self._s)))

    def vectors(self, doc_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of the given documents."""
        if self._model is None or not doc_ids:
            return {}
        rows = self._read(
            sql.SQL(
                "SELECT doc_id, embedding::text FROM {}.docs "
                "WHERE doc_id = ANY(%s) AND embedding IS NOT NULL"
            ).format(self._s),
            (list(doc_ids),),
        )
        return {doc_id: parse_vector(text) for doc_id, text in rows}

    def get(self, doc_ids: Sequence[str]) -> dict[str, IndexDocument]:
        """The stored documents of the ids that are indexed."""
        if not doc_ids:
            return {}
        rows = self._read(
            sql.SQL("SELECT payload FROM {}.docs WHERE doc_id = ANY(%s)").format(self._s),
            (list(doc_ids),),
        )
        docs = (IndexDocument.from_dict(payload) for (payload,) in rows)
        return {d.doc_id: d for d in docs}

    def keyword(self, query: ParsedQuery, filters: Filters, k: int) -> list[tuple[str, float]]:
        """BM25 over the folded and English fields with :data:`FIELD_BOOSTS`, in SQL."""
        conds, params = where_sql(filters)
        match, match_params = match_sql(query)
        plan = KeywordPlan(query)
        n, avgdl, df = self._statistics(plan.folded_terms, plan.stem_terms)
        params.update(match_params, **plan.params(n, avgdl, df), k=k)
        more_memory = sql.SQL("SELECT set_config('work_mem', '64MB', true)")
        rows = self._read(keyword_sql(self.schema, [*conds, *match]), params, [more_memory])
        return [(doc_id, float(score)) for doc_id, score in rows]

    def _statistics(
        self, folded_terms: list[str], stem_terms: list[str]
    ) -> tuple[int, list[float], dict[tuple[int, str], int]]:
        meta = self._read(sql.SQL("SELECT n_docs, lens FROM {}.meta").format(self._s))
        n, totals = int(meta[0][0]), meta[0][1]
        avgdl = [max(t / max(1, n), 1e-9) for t in totals]
        rows = self._read(
            sql.SQL(
                "SELECT field, term, df FROM {}.lexicon "
                "WHERE (field < 4 AND term = ANY(%s)) OR (field >= 4 AND term = ANY(%s))"
            ).format(self._s),
            (folded_terms, stem_terms),
        )
        return n, avgdl, {(f, t): d for f, t, d in rows}

    def dense(self, vector: np.ndarray, filters: Filters, k: int) -> list[tuple[str, float]]:
        """Inner product with every stored vector (exact), or the HNSW index past
        ``exact_below`` documents; filters are SQL conditions of the same query."""
        check_query_vector(self._model, vector)
        conds, params = where_sql(filters)
        params.update(vector=vector_text(np.asarray(vector).reshape(-1)), k=k)
        exact = len(self) <= self.exact_below
        settings: list[_Query] = []
        if not exact:
            ef = sql.Literal(str(min(1000, max(40, 2 * k))))
            settings.append(sql.SQL("SELECT set_config('hnsw.ef_search', {}, true)").format(ef))
            # past exact_below the index answers even where the planner would scan
            settings.append(sql.SQL("SELECT set_config('enable_seqscan', 'off', true)"))
            if self._iterative_scan:
                settings.append(
                    sql.SQL("SELECT set_config('hnsw.iterative_scan', 'strict_order', true)")
                )
        rows = self._read(dense_sql(self.schema, conds, exact), params, settings)
        return [(doc_id, float(score)) for doc_id, score in rows]
