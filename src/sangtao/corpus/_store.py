"""Reading the corpus with DuckDB: the de-duplicated view, families and statistics."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ._schema import SCHEMA

__all__ = ["CorpusStats", "families", "open_corpus", "refresh_families", "stats"]

FAMILIES = "families.parquet"

_TEXT_SCORE = (
    "(len(claims) > 0)::INT * 8 + (len(descriptions) > 0)::INT * 4"
    " + (len(abstracts) > 0)::INT * 2 + (len(titles) > 0)::INT"
)


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def open_corpus(corpus_dir: Path | str) -> duckdb.DuckDBPyConnection:
    """Open an in-memory DuckDB connection with views over a corpus folder.

    Views
    -----
    ``documents_all``
        Every stored row, duplicates across files included, with ``partition`` (the
        Parquet file name).
    ``documents``
        One row per ``doc_id``: the version with the most text parts (claims, description,
        abstract, title in that order of weight), then the most recently ingested, then
        the first in its file.
    ``families``
        ``family_id``, ``size``, ``doc_ids``, ``earliest_priority_date`` (after the last
        ingest).

    Parameters
    ----------
    corpus_dir
        A folder written by :func:`sangtao.corpus.ingest`; an empty or missing folder gives
        empty views.
    """
    corpus = Path(corpus_dir)
    con = duckdb.connect()
    parts = corpus / "documents"
    if parts.is_dir() and any(parts.glob("*.parquet")):
        source = f"read_parquet({_quote(parts / '*.parquet')}, filename = true)"
        con.execute(
            "CREATE VIEW documents_all AS SELECT * EXCLUDE (filename), "
            f"parse_filename(filename) AS partition FROM {source}"
        )
    else:
        empty = pa.Table.from_pylist([], schema=SCHEMA)
        con.register("_empty_documents", empty)
        con.execute(
            "CREATE VIEW documents_all AS SELECT *, ''::VARCHAR AS partition FROM _empty_documents"
        )
    con.execute(
        "CREATE VIEW documents AS SELECT * EXCLUDE (_rank) FROM ("
        " SELECT *, row_number() OVER (PARTITION BY doc_id ORDER BY "
        f" {_TEXT_SCORE} DESC, partition DESC, source_line) AS _rank FROM documents_all"
        ") WHERE _rank = 1"
    )
    fam = corpus / FAMILIES
    if fam.exists():
        con.execute(f"CREATE VIEW families AS SELECT * FROM read_parquet({_quote(fam)})")
    else:
        con.execute(
            "CREATE VIEW families AS SELECT family_id, count(*) AS size, "
            "list(doc_id ORDER BY doc_id) AS doc_ids, min(earliest_priority_date) "
            "AS earliest_priority_date FROM documents GROUP BY family_id"
        )
    return con


def refresh_families(corpus_dir: Path | str, *, rewrite: bool = True) -> tuple[int, int, int]:
    """Recompute ``families.parquet`` from the de-duplicated documents.

    Returns
    -------
    tuple
        ``(documents, families, duplicated doc_ids)`` of the whole corpus.
    """
    corpus = Path(corpus_dir)
    target = corpus / FAMILIES
    con = open_corpus(corpus)
    try:
        if rewrite or not target.exists():
            tmp = corpus / (FAMILIES + ".tmp")
            con.execute(
                "COPY (SELECT family_id, count(*) AS size, list(doc_id ORDER BY doc_id) AS doc_ids,"
                " min(earliest_priority_date) AS earliest_priority_date FROM documents"
                f" GROUP BY family_id ORDER BY family_id) TO {_quote(tmp)} (FORMAT parquet)"
            )
            os.replace(tmp, target)
        row = con.execute(
            "SELECT (SELECT count(*) FROM documents),"
            " (SELECT count(DISTINCT family_id) FROM documents),"
            " (SELECT count(*) FROM (SELECT doc_id FROM documents_all GROUP BY doc_id"
            "  HAVING count(*) > 1))"
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


def families(corpus_dir: Path | str) -> list[dict[str, Any]]:
    """Return the simple families of a corpus with more than one member, largest first."""
    con = open_corpus(corpus_dir)
    try:
        rows = con.execute(
            "SELECT family_id, size, doc_ids FROM families WHERE size > 1 "
            "ORDER BY size DESC, family_id"
        ).fetchall()
    finally:
        con.close()
    return [{"family_id": r[0], "size": r[1], "doc_ids": list(r[2])} for r in rows]


@dataclass(slots=True)
class CorpusStats:
    """Counts over the de-duplicated documents of a corpus.

    Attributes
    ----------
    documents, rows, families, duplicates
        Unique documents, stored rows, simple families, ``doc_id`` values stored twice or more.
    by_office, by_year, by_kind, by_format
        Documents per publishing office, publication year, kind code and source format
        (``"?"`` where unknown).
    text_by_language
        ``{part: {lang: documents}}`` for ``titles``, ``abstracts``, ``claims`` and
        ``descriptions`` (``"?"`` for texts without a language).
    """

    documents: int = 0
    rows: int = 0
    families: int = 0
    duplicates: int = 0
    by_office: dict[str, int] = field(default_factory=dict)
    by_year: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    by_format: dict[str, int] = field(default_factory=dict)
    text_by_language: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return asdict(self)


def _counts(con: duckdb.DuckDBPyConnection, expr: str) -> dict[str, int]:
    rows = con.execute(
        f"SELECT coalesce(CAST({expr} AS VARCHAR), '?') AS k, count(*) FROM documents "
        "GROUP BY k ORDER BY count(*) DESC, k"
    ).fetchall()
    return {str(k): int(n) for k, n in rows}


def stats(corpus_dir: Path | str) -> CorpusStats:
    """Count the documents of a corpus by office, year, kind, format and text language.

    Parameters
    ----------
    corpus_dir
        A folder written by :func:`sangtao.corpus.ingest`.

    Returns
    -------
    CorpusStats
        Computed with DuckDB over the Parquet partitions (one document per ``doc_id``).
    """
    con = open_corpus(corpus_dir)
    try:
        row = con.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM documents_all),"
            " (SELECT count(DISTINCT family_id) FROM documents),"
            " (SELECT count(*) FROM (SELECT doc_id FROM documents_all GROUP BY doc_id"
            "  HAVING count(*) > 1))"
        ).fetchone()
        assert row is not None
        result = CorpusStats(
            documents=int(row[0]), rows=int(row[1]), families=int(row[2]), duplicates=int(row[3])
        )
        result.by_office = _counts(con, "office")
        result.by_year = _counts(con, "year(publication_date)")
        result.by_kind = _counts(con, "kind")
        result.by_format = _counts(con, "source_format")
        for part in ("titles", "abstracts", "claims", "descriptions"):
            rows = con.execute(
                f"SELECT coalesce(t.lang, '?') AS lang, count(DISTINCT doc_id) FROM documents, "
                f"unnest({part}) AS u(t) GROUP BY lang ORDER BY count(DISTINCT doc_id) DESC, lang"
            ).fetchall()
            result.text_by_language[part] = {str(k): int(n) for k, n in rows}
    finally:
        con.close()
    return result
