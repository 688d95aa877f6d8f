"""WIPO 35 fields: newer IPC symbols are remapped; field sets agree with a direct count."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from sangtao.corpus import open_corpus
from sangtao.landscape import (
    DuckDBEngine,
    match_definition,
    remap_rules,
    technology_field_of,
    wipo35_definition,
)
from sangtao.standards import technology_field


@pytest.mark.parametrize(
    ("symbol", "field"),
    [
        ("G06V 10/82", 6),
        ("H10K 59/00", 8),
        ("H10N 10/00", 8),
        ("H10B 41/00", 8),
        ("B64U 10/13", 32),
        ("G16Y 10/75", 6),
        ("H04W 4/02", 4),
        ("A61K 39/00", 16),
    ],
)
def test_field_of_symbol_with_remapping(symbol: str, field: int) -> None:
    assert technology_field_of(symbol) == field


def test_remapped_symbols_are_unknown_to_the_2019_concordance() -> None:
    for rule in remap_rules():
        assert technology_field(rule.symbol) is None, rule.symbol
    assert technology_field_of("Y02E 10/50") is None
    assert technology_field_of("not a symbol") is None


def test_wipo35_definition_is_approved_but_names_the_proposal() -> None:
    d = wipo35_definition()
    assert [g.id for g in d.groups] == [str(n) for n in range(1, 36)]
    assert d.node("6").name_en == "Computer technology"
    assert d.node("6").name_vi == "Công nghệ máy tính"
    assert "proposal" in d.review["note_en"]


def test_field_families_agree_with_a_direct_count(corpus_dir: Path) -> None:
    with DuckDBEngine(corpus_dir) as engine:
        result = match_definition(engine, wipo35_definition())
    con = open_corpus(corpus_dir)
    expected: dict[str, set[str]] = defaultdict(set)
    for family_id, symbols in con.execute("SELECT family_id, ipc FROM documents").fetchall():
        for s in symbols:
            if (n := technology_field_of(s)) is not None:
                expected[str(n)].add(family_id)
    con.close()
    for field in map(str, range(1, 36)):
        assert result.families(field) == expected[field], field
    assert len(result.families("32")) == 58
