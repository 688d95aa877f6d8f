"""The Apache Spark engine: the landscape statements on a Spark session, same Parquet corpus.

:class:`SparkEngine` implements :class:`~sangtao.landscape.Engine` with PySpark (the
``spark`` extra: ``pip install 'sangtao[spark]'``; Java 17 or newer). PySpark is imported
only when an engine or session is made, so the library imports without it.

It registers the corpus views of :func:`sangtao.corpus.open_corpus` over the same Parquet
files (``documents_all`` with ``partition``, the de-duplicated ``documents``, ``families``),
runs the statements of :mod:`sangtao.landscape._sql` in the :data:`~sangtao.landscape.SPARK`
dialect — ``CREATE OR REPLACE TEMP TABLE`` as a temporary view over a local checkpoint
(computed once and its lineage cut, as DuckDB materialises a temporary table), ``INSERT
INTO`` one as a union checkpointed anew — registers Arrow tables as temporary views and
returns results as Arrow tables with DuckDB's types (plain ``string`` and ``list``, every
field nullable).

Where it runs
    Local mode by default (``local[2]``: two cores of this machine, four shuffle partitions,
    4 GB of driver memory, no web UI, errors only in the log). To run on a cluster, give a
    master URL — ``spark://host:7077``, ``yarn``, ``k8s://https://host:443`` — as
    ``SparkEngine(corpus, master=...)``, the environment variable ``SANGTAO_SPARK_MASTER``
    or ``sangtao landscape build --engine spark --spark-master URL``, and any Spark setting
    as ``conf={"spark.executor.memory": "8g"}`` (``--spark-conf KEY=VALUE``). The corpus
    folder must then be one every executor can read: a URI such as ``hdfs://nn/corpus``,
    ``s3a://bucket/corpus`` or ``file:///shared/corpus``; the local defaults (shuffle
    partitions, driver memory) are left to the cluster.
Sessions
    :func:`spark_session` returns the process's session (made once, reused afterwards: the
    JVM starts in seconds, not milliseconds); each engine works in its own
    ``newSession()`` (own temporary views and SQL settings, shared executors) and drops its
    views on :meth:`~SparkEngine.close` (Spark's cleaner frees the checkpointed rows), leaving
    the session for the next engine unless ``stop_session=True``.
"""

from __future__ import annotations

import os
import re
import shutil
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from sangtao.corpus import SCHEMA

from ._errors import LandscapeError
from ._sql import SPARK, render

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["DEFAULT_MASTER", "INSTALL_HINT", "MASTER_ENV", "SparkEngine", "spark_session"]

DEFAULT_MASTER = "local[2]"
"""The master used when none is given: two local cores."""
MASTER_ENV = "SANGTAO_SPARK_MASTER"
"""Environment variable read for the master URL when none is given."""
INSTALL_HINT = "pip install 'sangtao[spark]'"
_LOG_CONFIG = Path(__file__).parent / "data" / "spark-log4j2.properties"

_TEMP_TABLE = re.compile(r"\s*CREATE\s+OR\s+REPLACE\s+TEMP\s+TABLE\s+(\w+)\s+AS\s(.*)", re.I | re.S)
_INSERT = re.compile(r"\s*INSERT\s+INTO\s+(\w+)\s+(.*)", re.I | re.S)
_REMOTE = re.compile(r"[a-z][a-z0-9+.-]*://", re.I)
_LOCAL = re.compile(r"local(?:\[(\d+|\*)(?:,\s*\d+)?\])?$")
# The corpus's choice of one stored version per doc_id (sangtao.corpus._store), in Spark SQL.
_TEXT_SCORE = (
    "CAST(size(claims) > 0 AS INT) * 8 + CAST(size(descriptions) > 0 AS INT) * 4"
    " + CAST(size(abstracts) > 0 AS INT) * 2 + CAST(size(titles) > 0 AS INT)"
)


def _pyspark() -> Any:
    try:
        import pyspark.sql
    except ImportError as exc:
        raise ModuleNotFoundError(
            f"the Spark engine needs PySpark, which is not installed: {INSTALL_HINT}",
            name="pyspark",
        ) from exc
    # PySpark's own py4j converters import pyspark.testing.utils, which warns once that
    # pandas 3 is not fully supported; the engine uses Arrow, not pandas.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        import pyspark.testing.utils  # noqa: F401
    return pyspark.sql


def _local_cores(master: str) -> int | None:
    m = _LOCAL.match(master)
    if not m:
        return None
    if not m[1]:
        return 1
    return (os.cpu_count() or 1) if m[1] == "*" else int(m[1])


def default_conf(master: str) -> dict[str, str]:
    """The settings a session gets unless told otherwise (see the module documentation)."""
    conf = {
        "spark.app.name": "sangtao-landscape",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.log.level": "ERROR",
        "spark.sql.execution.arrow.pyspark.enabled": "true",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.parquet.datetimeRebaseModeInRead": "CORRECTED",
        "spark.sql.parquet.int96RebaseModeInRead": "CORRECTED",
        "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile={_LOG_CONFIG.as_uri()}",
    }
    cores = _local_cores(master)
    if cores is not None:
        conf["spark.sql.shuffle.partitions"] = str(max(2, 2 * cores))
        conf["spark.driver.memory"] = "4g"
    return conf


def spark_session(master: str | None = None, conf: Mapping[str, str] | None = None) -> SparkSession:
    """Return the process's Spark session, starting it with the engine's settings if needed.

    A session already running in this process is returned as it is (its master and settings
    kept): the JVM starts once per process.

    Parameters
    ----------
    master
        Master URL; default ``$SANGTAO_SPARK_MASTER``, else ``local[2]``.
    conf
        Spark settings over :func:`default_conf`.

    Raises
    ------
    ModuleNotFoundError
        Without PySpark (install the ``spark`` extra).
    LandscapeError
        Without Java, or when Spark does not start.
    """
    sql = _pyspark()
    running = sql.SparkSession._instantiatedSession  # PySpark's own test of a live session
    if running is not None and running._sc._jsc is not None:
        return running
    url = master or os.environ.get(MASTER_ENV) or DEFAULT_MASTER
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        raise LandscapeError("the Spark engine needs Java 17 or newer (java on PATH or JAVA_HOME)")
    settings = default_conf(url) | dict(conf or {})
    java = "spark.driver.extraJavaOptions"
    if "log4j2.configurationFile" not in settings[java]:
        settings[java] = f"{default_conf(url)[java]} {settings[java]}"
    builder = sql.SparkSession.builder.master(url)
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        return builder.getOrCreate()
    except Exception as exc:  # py4j and JVM start-up errors have no common base
        raise LandscapeError(f"Spark did not start on {url}: {exc}") from exc


def _plain(kind: pa.DataType) -> pa.DataType:
    """``kind`` with DuckDB's Arrow spellings: no large strings or lists, nullable fields."""
    if pa.types.is_large_string(kind) or pa.types.is_string_view(kind):
        return pa.string()
    if pa.types.is_large_binary(kind):
        return pa.binary()
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        return pa.list_(_plain(kind.value_type))
    if pa.types.is_struct(kind):
        return pa.struct([pa.field(f.name, _plain(f.type)) for f in kind])
    return kind


def arrow_plain(table: pa.Table) -> pa.Table:
    """Cast a Spark result to the Arrow schema DuckDB gives for the same query."""
    schema = pa.schema([pa.field(f.name, _plain(f.type)) for f in table.schema])
    return table if table.schema.equals(schema) else table.cast(schema)


class SparkEngine:
    """The landscape engine on Apache Spark, over a corpus folder.

    Parameters
    ----------
    corpus_dir
        A folder written by :func:`sangtao.corpus.ingest`: a local path, or a URI that
        every executor can read on a cluster (``hdfs://…``, ``s3a://…``, ``file:///…`` on a
        shared file system).
    master, conf
        For :func:`spark_session` when ``session`` is not given.
    session
        A Spark session to work in (this engine takes a ``newSession()`` of it).
    stop_session
        Stop the Spark session on :meth:`close` (default: keep it for the next engine).
    """

    dialect = SPARK

    def __init__(
        self,
        corpus_dir: Path | str,
        *,
        master: str | None = None,
        conf: Mapping[str, str] | None = None,
        session: SparkSession | None = None,
        stop_session: bool = False,
    ) -> None:
        self.corpus = str(corpus_dir)
        self.corpus_dir = Path(corpus_dir) if not _REMOTE.match(self.corpus) else None
        self._base = session if session is not None else spark_session(master, conf)
        self.spark: SparkSession = self._base.newSession()
        self.spark.conf.set("spark.sql.legacy.sizeOfNull", "false")
        for key, value in (conf or {}).items():  # SQL settings hold per session
            if key.startswith("spark.sql.") and self.spark.conf.isModifiable(key):
                self.spark.conf.set(key, value)
        self._stop = stop_session
        self._views: set[str] = set()
        self._create_views()

    def __enter__(self) -> SparkEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _view(self, name: str, frame: DataFrame) -> None:
        frame.createOrReplaceTempView(name)
        self._views.add(name)

    def _read(self, name: str) -> DataFrame | None:
        """Parquet ``name`` of the corpus (a glob), or ``None`` where there is none."""
        if not _REMOTE.match(self.corpus):
            local = Path(self.corpus)
            return self.spark.read.parquet(str(local / name)) if any(local.glob(name)) else None
        from pyspark.errors import AnalysisException

        try:  # a URI (hdfs://, s3a://, file://): Spark finds out
            return self.spark.read.parquet(f"{self.corpus.rstrip('/')}/{name}")
        except AnalysisException:
            return None

    def _create_views(self) -> None:
        functions = _pyspark().functions
        stored = self._read("documents/*.parquet")
        if stored is not None:
            stored = stored.select("*", functions.col("_metadata.file_name").alias("partition"))
        else:
            empty = self.spark.createDataFrame(pa.Table.from_pylist([], schema=SCHEMA))
            stored = empty.withColumn("partition", functions.lit(""))
        self._view("documents_all", stored)
        columns = ", ".join(f"`{c}`" for c in stored.columns)
        self.execute(
            f"CREATE OR REPLACE TEMP VIEW documents AS SELECT {columns} FROM ("
            " SELECT *, row_number() OVER (PARTITION BY doc_id ORDER BY"
            f" {_TEXT_SCORE} DESC NULLS LAST, partition DESC NULLS LAST,"
            " source_line ASC NULLS LAST) AS _rank FROM documents_all) r WHERE _rank = 1"
        )
        families = self._read("families.parquet")
        if families is not None:
            self._view("families", families)
        else:
            self.execute(
                "CREATE OR REPLACE TEMP VIEW families AS SELECT family_id, count(*) AS size,"
                " array_sort(collect_list(doc_id)) AS doc_ids, min(earliest_priority_date)"
                " AS earliest_priority_date FROM documents GROUP BY family_id"
            )

    def _materialise(self, name: str, frame: DataFrame) -> None:
        # A local checkpoint computes the rows now and cuts the lineage, as DuckDB's temporary
        # tables do: plans stay short (a cached plan keeps, and prints, all its ancestors).
        self._view(name, frame.localCheckpoint(eager=True))

    def execute(self, sql: str) -> None:
        """Run a statement that returns nothing; temporary tables become checkpointed views."""
        if m := _TEMP_TABLE.fullmatch(sql):
            self._materialise(m[1], self.spark.sql(m[2]))
        elif m := _INSERT.fullmatch(sql):
            self._materialise(m[1], self.spark.table(m[1]).union(self.spark.sql(m[2])))
        else:
            self.spark.sql(sql)
            if view := re.match(r"\s*CREATE\s+OR\s+REPLACE\s+TEMP\s+VIEW\s+(\w+)", sql, re.I):
                self._views.add(view[1])

    def query(self, sql: str) -> pa.Table:
        """Run a query and return an Arrow table (DuckDB's types, see :func:`arrow_plain`)."""
        return arrow_plain(self.spark.sql(sql).toArrow())

    def run(self, name: str, **params: str) -> pa.Table:
        """Render statement ``name`` for Spark and return its rows."""
        return self.query(render(name, self.dialect, **params))

    def register(self, name: str, table: pa.Table) -> None:
        """Make ``table`` readable as ``name`` (replacing an earlier one)."""
        self._view(name, self.spark.createDataFrame(table))

    def close(self) -> None:
        """Drop this engine's temporary views (and stop Spark if asked to)."""
        for name in self._views:
            self.spark.catalog.dropTempView(name)
        self._views.clear()
        if self._stop:
            self._base.stop()
