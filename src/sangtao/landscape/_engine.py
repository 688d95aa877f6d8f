"""Engines that run the landscape statements: DuckDB over the corpus's Parquet by default.

An engine holds the corpus views (``documents``…), runs the statements of
:mod:`sangtao.landscape._sql` in its :class:`~sangtao.landscape._sql.Dialect`, registers
small Arrow tables (rules, names) and returns results as Arrow tables.
:class:`~sangtao.landscape.SparkEngine` (:mod:`sangtao.landscape._spark`) implements the same
protocol on Apache Spark over the same Parquet; ``tests/landscape/test_engines.py`` runs every
metric on both and requires identical tables.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

import duckdb
import pyarrow as pa

from sangtao.corpus import open_corpus

from ._sql import DUCKDB, Dialect, render

__all__ = ["DuckDBEngine", "Engine"]


@runtime_checkable
class Engine(Protocol):
    """What the landscape code needs from an analytical engine."""

    dialect: Dialect

    def execute(self, sql: str) -> None:
        """Run a statement that returns nothing (``CREATE …``)."""

    def query(self, sql: str) -> pa.Table:
        """Run a query and return its rows."""

    def register(self, name: str, table: pa.Table) -> None:
        """Make an Arrow table readable by ``name`` in later statements."""

    def close(self) -> None:
        """Release the engine's resources."""


class DuckDBEngine:
    """The default engine: DuckDB over a corpus folder (:func:`sangtao.corpus.open_corpus`).

    Parameters
    ----------
    corpus_dir
        A folder written by :func:`sangtao.corpus.ingest`.
    threads, memory_limit
        DuckDB settings (``None`` keeps DuckDB's defaults), e.g. ``threads=2``,
        ``memory_limit="8GB"``.
    """

    dialect = DUCKDB

    def __init__(
        self,
        corpus_dir: Path | str,
        *,
        threads: int | None = None,
        memory_limit: str | None = None,
    ) -> None:
        self.corpus_dir = Path(corpus_dir)
        self.con: duckdb.DuckDBPyConnection = open_corpus(self.corpus_dir)
        if threads is not None:
            self.con.execute(f"SET threads = {int(threads)}")
        if memory_limit is not None:
            self.con.execute(f"SET memory_limit = '{memory_limit}'")
        self.con.execute("SET preserve_insertion_order = false")
        self._registered: dict[str, pa.Table] = {}

    def __enter__(self) -> DuckDBEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def execute(self, sql: str) -> None:
        """Run a statement that returns nothing."""
        self.con.execute(sql)

    def query(self, sql: str) -> pa.Table:
        """Run a query and return an Arrow table."""
        return self.con.sql(sql).to_arrow_table()

    def run(self, name: str, **params: str) -> pa.Table:
        """Render statement ``name`` for DuckDB and return its rows."""
        return self.query(render(name, self.dialect, **params))

    def register(self, name: str, table: pa.Table) -> None:
        """Make ``table`` readable as ``name`` (replacing an earlier one)."""
        self._registered[name] = table
        self.con.register(name, table)

    def close(self) -> None:
        """Close the DuckDB connection."""
        self.con.close()
