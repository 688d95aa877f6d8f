"""The SQL lives in one place and is written for every engine through a dialect."""

from __future__ import annotations

import re

import pytest

from sangtao.landscape import DUCKDB, SPARK
from sangtao.landscape._sql import STATEMENTS, render

_PARAMS = {
    "nodes": "'1'",
    "limit": "10",
    "source": "documents",
    "origin": "SELECT 1",
    "union": "SELECT 1",
    "columns": "0 AS c0",
    "node": "'1'",
    "via": "'x'",
    "condition": "1 = 1",
    "group": "'1'",
    "products": "'1.1'",
    "parts": "SELECT 1",
    "any_keyword": "1 = 1",
    "crit": "0",
    "matches": "1 = 1",
    "part": "titles",
    "fold_raw": "raw",
    "any_hit": "1 = 1",
    "ids": "'x'",
}


@pytest.mark.parametrize("dialect", [DUCKDB, SPARK], ids=["duckdb", "spark"])
def test_every_statement_renders_for_every_dialect(dialect: object) -> None:
    for name in STATEMENTS:
        sql = render(name, dialect, **_PARAMS)  # type: ignore[arg-type]
        assert not re.search(r"\{[a-z_]+\}", sql), name
        if dialect is SPARK:
            assert "unnest(" not in sql and "strpos(" not in sql, name


def test_dialect_functions() -> None:
    assert DUCKDB.fold("x") == "replace(strip_accents(lower(x)), 'đ', 'd')"
    assert DUCKDB.regexp("t", "a'b") == "regexp_matches(t, 'a''b')"
    assert SPARK.regexp("t", "ab") == "(t RLIKE 'ab')"
    # DuckDB folds only the text that folding could change for the pattern; Spark every text
    foldable = DUCKDB.foldable() if DUCKDB.foldable else ""
    assert foldable.startswith("[\\x{c0}-") and foldable.endswith("\\x{10000}-\\x{10ffff}]")
    assert DUCKDB.folded_matches("t", "ab") == (
        "CASE WHEN strlen(t) = length(t) THEN regexp_matches(t, '(?i)ab')"
        f" WHEN NOT regexp_matches(t, '{foldable}') THEN regexp_matches(lower(t), 'ab')"
        " ELSE regexp_matches(replace(strip_accents(lower(t)), 'đ', 'd'), 'ab') END"
    )
    assert SPARK.folded_matches("t", "ab") == SPARK.regexp(SPARK.fold("t"), "ab")


def test_spark_spellings() -> None:
    assert SPARK.literal("a\\b'c") == "'a\\\\b''c'" and DUCKDB.literal("a\\b") == "'a\\b'"
    boundary = r"(?:(?<=\\w)(?!\\w)|(?<!\\w)(?=\\w))"  # as written in a Spark SQL literal
    assert SPARK.regexp("t", r"\bab\b") == f"(t RLIKE '{boundary}ab{boundary}')"
    assert SPARK.regexp("t", r"\\b") == r"(t RLIKE '\\\\b')"  # an escaped backslash stays
    assert DUCKDB.regexp("t", r"\bab\b") == r"regexp_matches(t, '\bab\b')"
    folded = SPARK.fold("x")
    assert folded.startswith("regexp_replace(translate(lower(x), 'đ") and "{" not in folded[:40]
    assert "ấ" in folded and folded.endswith(r", r'\p{M}', '')")
    details = render("review_details", SPARK, **_PARAMS)
    assert "try_element_at(d.titles, 1)" in details and "titles[" not in details
    assert "list_extract(d.titles, 1)" in render("review_details", DUCKDB, **_PARAMS)
