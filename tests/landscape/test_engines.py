"""One conformance suite for every landscape engine: DuckDB and Spark give identical tables.

Each engine builds the landscapes of :data:`CASES` (class, keyword, combination and WIPO-field
criteria; products; IP Viet Nam; citations) on the fixture corpus, one engine reused for all
of them, and every table, the matching, the metadata and a precision sample are compared with
the default build (:func:`build_landscape` on a corpus folder, DuckDB):

- the same column names and Arrow types: no normalisation is needed, the Spark engine returns
  DuckDB's types (plain ``string``/``list``; the family years are ``BIGINT`` in the SQL on
  both engines, Spark's ``year()`` being ``INT``); nullability flags are not compared;
- the same rows after a canonical sort (ties of ``ORDER BY`` may come in any order);
- floats equal to 1e-9.

Beside the builds: the corpus views, folding and keyword matching (Latin, Greek, Cyrillic and
Vietnamese letters, words next to CJK text) and, on Spark, a corpus read by URI. The Spark
parametrisation is skipped, with the reason, where PySpark or Java is missing.
"""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from sangtao.corpus import open_corpus
from sangtao.landscape import (
    DUCKDB,
    SPARK,
    Definition,
    Dialect,
    DuckDBEngine,
    Engine,
    Landscape,
    build_landscape,
    keyword_pattern,
    load_definition,
    precision_sample,
    wipo35_definition,
)

ENGINES = ["duckdb", "spark"]
CASES = {
    # IPC/CPC classes, keywords, class-and-keyword combinations, three products, duplicated docs
    "qd1131-11": ("qd1131-2025", "11"),
    # families at IP Viet Nam by applicant nationality
    "qd1131-7": ("qd1131-2025", "7"),
    # WIPO fields of technology as criteria; the citation network
    "wipo35-3": ("wipo35", "3"),
}


def _definition(name: str) -> Definition:
    return wipo35_definition() if name == "wipo35" else load_definition(name)


Build = tuple[Landscape, pa.Table]


def _build(corpus: Path | Engine, case: str) -> Build:
    name, group = CASES[case]
    definition = _definition(name)
    landscape = build_landscape(definition, corpus, group)
    if isinstance(corpus, Path):
        sample = precision_sample(definition, corpus, group, matched=8, near=8)
    else:
        sample = precision_sample(
            definition, corpus, group, matched=8, near=8, match=landscape.match
        )
    return landscape, sample


def _key(value: Any) -> Any:
    if value is None:
        return (0, "")
    if isinstance(value, float):
        return (1, round(value, 9))
    if isinstance(value, bool | int):
        return (1, value)
    if isinstance(value, dict):
        return (2, tuple((k, _key(v)) for k, v in sorted(value.items())))
    if isinstance(value, list | tuple):
        return (3, tuple(_key(v) for v in value))
    return (4, str(value))


def _same_value(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9) or (math.isnan(a) and math.isnan(b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same_value(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_value(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def assert_same_table(got: pa.Table, want: pa.Table, name: str) -> None:
    """Fail unless ``got`` has ``want``'s columns, types and rows (canonical order, 1e-9)."""
    got_types = [(f.name, f.type) for f in got.schema]
    want_types = [(f.name, f.type) for f in want.schema]
    assert got_types == want_types, f"{name}: schema {got_types} != {want_types}"
    rows = sorted(got.to_pylist(), key=lambda r: _key(list(r.values())))
    expected = sorted(want.to_pylist(), key=lambda r: _key(list(r.values())))
    assert len(rows) == len(expected), f"{name}: {len(rows)} rows, expected {len(expected)}"
    for i, (a, b) in enumerate(zip(rows, expected, strict=True)):
        assert _same_value(a, b), f"{name} row {i}: {a} != {b}"


@pytest.fixture(scope="module")
def reference(corpus_dir: Path) -> dict[str, Build]:
    """The default build of every case: DuckDB over the corpus folder, an engine per build."""
    return {case: _build(corpus_dir, case) for case in CASES}


@pytest.fixture(scope="module", params=ENGINES)
def engine(request: pytest.FixtureRequest, corpus_dir: Path) -> Iterator[Engine]:
    """One engine of each kind over the fixture corpus, shared by the tests of this module."""
    built: Engine
    if request.param == "spark":
        from sangtao.landscape import SparkEngine

        built = SparkEngine(corpus_dir, session=request.getfixturevalue("spark_session"))
    else:
        built = DuckDBEngine(corpus_dir)
    yield built
    built.close()


@pytest.fixture(scope="module")
def builds(engine: Engine) -> dict[str, Build]:
    """Every case built on ``engine``, one after the other on the same engine."""
    return {case: _build(engine, case) for case in CASES}


@pytest.mark.parametrize("case", CASES)
def test_every_table_is_identical(
    builds: dict[str, Build], reference: dict[str, Build], case: str
) -> None:
    got, want = builds[case][0], reference[case][0]
    assert sorted(got.tables) == sorted(want.tables)
    assert len(got.tables) >= 19  # every metric of _metrics.py, products where there are some
    for name, table in want.tables.items():
        assert_same_table(got.tables[name], table, f"{case} {name}")


@pytest.mark.parametrize("case", CASES)
def test_matching_and_metadata_are_identical(
    builds: dict[str, Build], reference: dict[str, Build], case: str, engine: Engine
) -> None:
    got, want = builds[case][0], reference[case][0]
    assert got.match is not None and want.match is not None
    assert_same_table(got.match.matches, want.match.matches, f"{case} matches")
    assert got.match.criteria == want.match.criteria and got.match.nodes == want.match.nodes
    ignored = {"timings", "engine"}
    assert {k: v for k, v in got.meta.items() if k not in ignored} == {
        k: v for k, v in want.meta.items() if k not in ignored
    }
    assert got.meta["engine"] == engine.dialect.name


@pytest.mark.parametrize("case", CASES)
def test_precision_samples_are_identical(
    builds: dict[str, Build], reference: dict[str, Build], case: str
) -> None:
    got, want = builds[case][1], reference[case][1]
    assert want.num_rows > 0
    assert_same_table(got, want, f"{case} precision sample")


def test_the_known_counts_on_every_engine(builds: dict[str, Build]) -> None:
    uav, vn, wipo = (builds[c][0] for c in CASES)
    assert uav.meta["families"] == 76 and uav.meta["corpus_documents"] == 283
    assert {r["node_id"]: r["families"] for r in uav.rows("products")} == {
        "11.1": 2,
        "11.2": 0,
        "11.3": 74,
    }
    assert uav.rows("top_applicants")[0]["applicant"] == "PARROT"
    assert sum(r["families"] for r in vn.rows("vn_office")) == 18
    assert [(e["weight"], e["cited_in_set"]) for e in wipo.rows("citation_edges")] == [(1, 1)]


def test_the_corpus_views_are_the_same(engine: Engine, corpus_dir: Path) -> None:
    con = open_corpus(corpus_dir)
    try:
        for sql in (
            "SELECT doc_id, partition, source_line, family_id FROM documents",
            "SELECT count(*) AS n, count(DISTINCT partition) AS files FROM documents_all",
            "SELECT family_id, size, doc_ids, earliest_priority_date FROM families",
        ):
            assert_same_table(engine.query(sql), con.sql(sql).to_arrow_table(), sql)
    finally:
        con.close()


def test_spark_reads_a_corpus_by_uri(spark_session: Any, corpus_dir: Path) -> None:
    from sangtao.landscape import SparkEngine

    sql = "SELECT doc_id, partition, family_id FROM documents"
    con = open_corpus(corpus_dir)
    want = con.sql(sql).to_arrow_table()
    con.close()
    with SparkEngine(corpus_dir.as_uri(), session=spark_session) as engine:
        assert engine.corpus_dir is None and engine.corpus.startswith("file://")
        assert_same_table(engine.query(sql), want, "documents by URI")
    with SparkEngine((corpus_dir / "nothing").as_uri(), session=spark_session) as engine:
        empty = engine.query("SELECT count(*) AS n FROM documents_all").to_pylist()
        assert empty == [{"n": 0}]


_TEXTS = [
    "Trí tuệ nhân tạo", "ĐÀ NẴNG", "Vie\u0323\u0302t Nam", "máy bay không người lái",
    "一种uav无人机", "xuav", "UAV-based", "uavs", "Robotic ARM", "naïve café", "Ærøskøbing",
    "İstanbul", "Straße", "Ελλάδα", "Москва", "it's", "back\\slash", "drone/uav", "",
    "XUAV", "UAVS", "ROBOTS and UAV", "the UAV\u212a", "Drone-UAV_", "uav\u00e9", "ROBOT\u017f",
]  # fmt: skip


def test_folding_and_keywords_agree_with_duckdb(engine: Engine) -> None:
    letters = [chr(c) for r in ((0x20, 0x7E), (0xA0, 0x52F), (0x1E00, 0x1FFF)) for c in range(*r)]
    texts = _TEXTS + letters
    table = pa.table({"i": pa.array(range(len(texts)), pa.int64()), "s": texts})
    pattern = keyword_pattern(["uav", "máy bay không người lái", "robot*"])

    def sql(d: Dialect) -> str:
        folded = d.fold("s")
        fast = d.folded_matches("s", pattern)  # DuckDB: ASCII text matched without folding
        return (
            f"SELECT i, {folded} AS f, {d.regexp(folded, pattern)} AS m, {fast} AS fm "
            "FROM lx_test_text"
        )

    engine.register("lx_test_text", table)
    duckdb = DuckDBEngine(Path("/nonexistent"))
    try:
        duckdb.register("lx_test_text", table)
        want = duckdb.query(sql(DUCKDB))
    finally:
        duckdb.close()
    assert_same_table(engine.query(sql(engine.dialect)), want, "fold")
    folded = dict(zip(texts, want["f"].to_pylist(), strict=True))
    assert folded["ĐÀ NẴNG"] == "da nang" and folded["Vie\u0323\u0302t Nam"] == "viet nam"
    matched = {t for t, m in zip(texts, want["m"].to_pylist(), strict=True) if m}
    assert want["fm"].to_pylist() == want["m"].to_pylist()
    assert matched == {
        "máy bay không người lái", "一种uav无人机", "UAV-based", "Robotic ARM", "drone/uav",
        "ROBOTS and UAV", "ROBOT\u017f",
    }  # fmt: skip


def test_the_comparison_catches_differences() -> None:
    want = pa.table({"k": ["a", "b"], "n": pa.array([1, 2], pa.int64()), "x": [0.5, None]})
    assert_same_table(want.take([1, 0]), want, "reordered rows")
    assert_same_table(want.set_column(2, "x", pa.array([0.5 + 1e-12, None])), want, "1e-12")
    for changed in (
        want.set_column(1, "n", pa.array([1, 3], pa.int64())),
        want.set_column(1, "n", pa.array([1, 2], pa.int32())),
        want.set_column(2, "x", pa.array([0.5 + 1e-6, None])),
        want.set_column(2, "x", pa.array([0.5, 0.0])),
        want.slice(0, 1),
        want.rename_columns(["k", "families", "x"]),
    ):
        with pytest.raises(AssertionError):
            assert_same_table(changed, want, "changed")
    with pytest.raises(AssertionError):
        assert_same_table(
            pa.table({"d": [dt.date(2020, 1, 1)]}), pa.table({"d": ["2020-01-01"]}), ""
        )


def test_the_library_imports_without_pyspark() -> None:
    code = (
        "import sys\n"
        "sys.modules['pyspark'] = None\n"
        "import sangtao.landscape as ls\n"
        "assert ls.SPARK.name == 'spark'\n"
        "try:\n"
        "    ls.SparkEngine('.')\n"
        "except ModuleNotFoundError as exc:\n"
        "    print(exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install 'sangtao[spark]'" in out.stdout
    assert SPARK.element == "try_element_at"
