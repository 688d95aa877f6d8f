"""IPC symbol syntax: the writings accepted, the display form and the 14-character form."""

from __future__ import annotations

import pytest

from sangtao.standards import IpcLevel, IpcSymbol, MalformedSymbol, ipc_scheme


@pytest.mark.parametrize(
    ("written", "display", "code"),
    [
        ("H04W 4/02", "H04W 4/02", "H04W0004020000"),
        ("H04W4/02", "H04W 4/02", "H04W0004020000"),
        ("H04W 4/00", "H04W 4/00", "H04W0004000000"),
        ("h04w0004020000", "H04W 4/02", "H04W0004020000"),
        ("H04W0004020000", "H04W 4/02", "H04W0004020000"),
        ("A61K 31/00", "A61K 31/00", "A61K0031000000"),
        ("  H04W   4 / 02  ", "H04W 4/02", "H04W0004020000"),
        ("H04W 4/02 (2009.01)", "H04W 4/02", "H04W0004020000"),
        ("A61K 31/00(2006.01)", "A61K 31/00", "A61K0031000000"),
        ("H04W 004/02", "H04W 4/02", "H04W0004020000"),
        ("H04W 4/021", "H04W 4/021", "H04W0004021000"),
        ("H04W 4/0210", "H04W 4/021", "H04W0004021000"),
        ("B60L 2200/40", "B60L 2200/40", "B60L2200400000"),
        ("Ｈ０４Ｗ　４／０２", "H04W 4/02", "H04W0004020000"),  # full-width input
        ("H04W", "H04W", "H04W"),
        ("h04", "H04", "H04"),
        ("H", "H", "H"),
    ],
)
def test_common_writings_normalise_to_display_and_fixed_forms(written, display, code):
    symbol = ipc_scheme().normalize(written)
    assert symbol.display == display
    assert str(symbol) == display
    assert symbol.code == code


@pytest.mark.parametrize(
    ("written", "level"),
    [
        ("H", IpcLevel.SECTION),
        ("H04", IpcLevel.CLASS),
        ("H04W", IpcLevel.SUBCLASS),
        ("H04W 4/00", IpcLevel.MAIN_GROUP),
        ("H04W 4/02", IpcLevel.SUBGROUP),
    ],
)
def test_level_follows_from_the_symbol(written, level):
    assert ipc_scheme().normalize(written).level is level


def test_parent_walks_up_to_the_section():
    chain = []
    symbol: IpcSymbol | None = ipc_scheme().normalize("H04W 4/021")
    while symbol is not None:
        chain.append(symbol.display)
        symbol = symbol.parent
    assert chain == ["H04W 4/021", "H04W 4/00", "H04W", "H04", "H"]


@pytest.mark.parametrize(
    "written",
    [
        "",
        "   ",
        "H04W 4",
        "H04W 4/",
        "H04W 4/2",
        "H04W/02",
        "H04W 0/02",
        "1234",
        "H4W 4/02",
        "H04W 12345/02",
        "H04W 4/0200000",
        "H04W0004",
        "Động cơ",
        "H04W 4/02 extra",
    ],
)
def test_malformed_symbols_are_rejected_with_the_input_named(written):
    with pytest.raises(MalformedSymbol) as info:
        ipc_scheme().normalize(written)
    assert repr(written) in str(info.value)
    assert info.value.scheme == "IPC"


def test_non_string_input_is_malformed():
    with pytest.raises(MalformedSymbol):
        ipc_scheme().normalize(4)  # type: ignore[arg-type]
