"""WIPO's IPC to 35 technology fields concordance, on the real table."""

from __future__ import annotations

import pytest

from sangtao.standards import MalformedSymbol, technology_concordance, technology_field


def test_thirty_five_fields_in_five_sectors():
    concordance = technology_concordance()
    assert [f.number for f in concordance.fields] == list(range(1, 36))
    assert {f.sector_en for f in concordance.fields} == {
        "Electrical engineering",
        "Instruments",
        "Chemistry",
        "Mechanical engineering",
        "Other fields",
    }
    assert concordance.field(35).name_en == "Civil engineering"


@pytest.mark.parametrize(
    ("symbol", "number", "name"),
    [
        ("H04W 4/02", 4, "Digital communication"),
        ("G06F 15/16", 6, "Computer technology"),
        ("A61K 31/00", 16, "Pharmaceuticals"),
        ("A61K0031190000", 16, "Pharmaceuticals"),
        ("G16H", 13, "Medical technology"),
        ("F02B 75/00", 27, "Engines, pumps, turbines"),
        ("E21D 9/00", 35, "Civil engineering"),
    ],
)
def test_symbols_map_to_their_field(symbol, number, name):
    field = technology_field(symbol)
    assert field is not None
    assert (field.number, field.name_en) == (number, name)


def test_main_group_rows_are_more_specific_than_the_subclass():
    # A61K is split by main group: 8/00 (cosmetics) and 31/00 (medicines) differ.
    cosmetics = technology_field("A61K 8/02")
    medicines = technology_field("A61K 31/00")
    assert cosmetics is not None
    assert medicines is not None
    assert cosmetics.number != medicines.number


def test_sections_and_classes_span_several_fields():
    assert technology_field("H") is None
    assert technology_field("H04") is None


def test_malformed_symbol_is_rejected():
    with pytest.raises(MalformedSymbol):
        technology_field("not a symbol")
