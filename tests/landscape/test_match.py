"""Matching: class prefixes, folded keywords, combinations, exclusions, groups as unions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sangtao.corpus import open_corpus
from sangtao.landscape import (
    DuckDBEngine,
    LandscapeError,
    Strategy,
    definition_from_dict,
    keyword_pattern,
    load_definition,
    match_definition,
)
from sangtao.landscape._match import symbol_prefix
from sangtao.standards import fold


@pytest.mark.parametrize(
    ("symbol", "expected"),
    [
        ("B64U", ("B64U", "B64U")),
        ("G06N 3/00", ("G06N", "G06N3/")),
        ("H04L 9/08", ("H04L", "H04L9/08")),
        ("b64c39/024", ("B64C", "B64C39/024")),
    ],
)
def test_symbol_prefix(symbol: str, expected: tuple[str, str]) -> None:
    assert symbol_prefix(symbol) == expected


def test_keyword_pattern_folds_and_matches_whole_words() -> None:
    pattern = re.compile(keyword_pattern(["Trí tuệ nhân tạo", "drone*", "o-ran"]))
    assert pattern.search(fold("Hệ thống TRÍ TUỆ NHÂN TẠO"))
    assert pattern.search("a swarm of drones") and pattern.search("o ran radio unit")
    assert not pattern.search("androne") and not pattern.search("tri tue")


def _strategy_11_3(s: Strategy, ipc: list[str], cpc: list[str], text: str) -> bool:
    """A second, plain-Python reading of strategy 11.3 (UAVs)."""

    def has(symbols: list[str], wanted: tuple[str, ...]) -> bool:
        flat = [x.replace(" ", "") for x in symbols]
        return any(f.startswith(symbol_prefix(w)[1]) for f in flat for w in wanted)

    words = re.compile(keyword_pattern(s.keywords))
    banned = re.compile(keyword_pattern(s.keywords_exclude))
    hit = has(ipc, s.ipc_include) or has(cpc, s.cpc_include) or bool(words.search(text))
    return hit and not banned.search(text)


def test_uav_matches_agree_with_a_plain_python_reading(corpus_dir: Path) -> None:
    con = open_corpus(corpus_dir)
    rows = con.execute(
        "SELECT doc_id, ipc, cpc, [t.text for t in titles] || [t.text for t in abstracts]"
        " || [t.text for t in claims] FROM documents"
    ).fetchall()
    con.close()
    s = load_definition("qd1131-2025").node("11.3").strategy
    assert isinstance(s, Strategy)
    expected = {
        doc
        for doc, ipc, cpc, texts in rows
        if _strategy_11_3(s, ipc, cpc, fold(" \n ".join(texts)))
    }
    with DuckDBEngine(corpus_dir) as engine:
        result = match_definition(engine, load_definition("qd1131-2025"), ["11"])
    assert result.documents("11.3") == expected
    assert len(expected) == 74
    assert result.nodes == ["11", "11.1", "11.2", "11.3"]


def test_excluded_keywords_remove_drone_bees(corpus_dir: Path) -> None:
    with DuckDBEngine(corpus_dir) as engine:
        result = match_definition(engine, load_definition("qd1131-2025"), ["11.3"])
        titles = engine.query(
            "SELECT doc_id, titles[1].text AS t FROM documents WHERE doc_id IN"
            " ('CN-104711150-A', 'RU-2440724-C1', 'FR-2937306-A1')"
        ).to_pylist()
    assert {r["doc_id"]: r["t"] for r in titles}["CN-104711150-A"] == "Drone Pupae Wine"
    matched = result.documents("11.3")
    assert "CN-104711150-A" not in matched and "RU-2440724-C1" not in matched
    assert "FR-2937306-A1" in matched


def test_group_is_the_union_of_its_strategy_and_products(corpus_dir: Path) -> None:
    with DuckDBEngine(corpus_dir) as engine:
        result = match_definition(engine, load_definition("qd1131-2025"), ["11"])
    products = result.documents("11.1") | result.documents("11.2") | result.documents("11.3")
    assert products <= result.documents("11")
    vias = {r["via"] for r in result.matches.to_pylist() if r["node_id"] == "11"}
    assert vias == {"classes", "product 11.1", "product 11.3"}


def test_combination_needs_both_classes_and_keywords(corpus_dir: Path) -> None:
    data = {
        "schema": "sangtao.landscape/definition@1",
        "id": "t",
        "version": "1",
        "title_vi": "t",
        "title_en": "t",
        "taxonomy": {"id": "T"},
        "status": "proposal",
        "classification": {"ipc": "2024.01"},
        "changelog": [{"version": "1", "date": "2026-11-01", "author": "a", "change": "c"}],
        "groups": [
            {
                "id": "g",
                "name_vi": "g",
                "name_en": "g",
                "strategy": {
                    "combinations": [{"ipc": ["B64C"], "keywords": ["target*"]}],
                },
            }
        ],
    }
    with DuckDBEngine(corpus_dir) as engine:
        result = match_definition(engine, definition_from_dict(data))
        both = engine.query(
            "SELECT doc_id FROM documents WHERE list_has_any([substr(x, 1, 4) for x in ipc],"
            " ['B64C']) AND regexp_matches(lower(array_to_string([t.text for t in titles], ' ')),"
            " '\\btarget')"
        )["doc_id"].to_pylist()
    assert result.documents("g") == set(both)
    assert both == ["CA-2775590-A1"]


def test_unknown_group_is_a_clear_error(corpus_dir: Path) -> None:
    with DuckDBEngine(corpus_dir) as engine, pytest.raises(LandscapeError, match="no group"):
        match_definition(engine, load_definition("qd1131-2025"), ["99"])


def test_duckdb_folds_only_the_text_that_folding_changes_and_answers_alike() -> None:
    """Every BMP character, alone and between letters of a keyword: the fast paths of
    DUCKDB.folded_matches (ASCII text; text without a foldable character) give the answer
    of matching the folded text, and the foldable class holds what it should."""
    import duckdb

    from sangtao.landscape import DUCKDB

    pattern = keyword_pattern(["uav", "máy bay", "robot*", "o-ran"])
    con = duckdb.connect()
    try:
        con.execute(
            "CREATE TABLE t AS SELECT s FROM (SELECT chr(CAST(i AS INTEGER)) AS c"
            " FROM range(1, 65536) r(i) WHERE i < 55296 OR i > 57343) x,"
            " LATERAL (SELECT unnest([c, 'uav' || c, c || 'UAV', 'u' || c || 'av', 'may' || c"
            " || 'bay', 'Robot' || c || 's', 'O-' || c || 'RAN', 'x ' || c || ' uav ' || c]) AS s)"
        )
        fast = DUCKDB.folded_matches("s", pattern)
        slow = DUCKDB.regexp(DUCKDB.fold("s"), pattern)
        rows, hits, differ = con.execute(
            f"SELECT count(*), count(*) FILTER (WHERE {slow}),"
            f" count(*) FILTER (WHERE ({fast}) <> ({slow})) FROM t"
        ).fetchone()
        assert rows > 500_000 and hits > 60_000 and differ == 0
        foldable = DUCKDB.foldable() if DUCKDB.foldable else ""
        marked = con.execute(
            f"SELECT count(*) FILTER (WHERE regexp_matches(s, '{foldable}')) FROM"
            " (SELECT unnest(['é', 'Đ', 'đ', 'ạ', '\u0301', '\u212a', 'İ', '😀', 'μ', '°', '一',"
            " 'ſ']) AS s)"
        ).fetchone()
    finally:
        con.close()
    assert marked == (8,)  # all but μ, °, 一 and ſ, which fold to themselves
