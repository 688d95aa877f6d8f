"""The Nice Classification, 13-2026: 45 classes with Vietnamese and English headings."""

from __future__ import annotations

import datetime as dt
import unicodedata

import numpy as np
import pytest

from sangtao.standards import (
    UnknownClass,
    UnknownSymbol,
    is_goods,
    is_services,
    nice_class,
    nice_scheme,
)


def test_edition_13_2026_in_force_on_1_january_2026():
    scheme = nice_scheme()
    assert scheme.edition == "13-2026"
    assert scheme.in_force == dt.date(2026, 1, 1)
    assert "working translation" in scheme.source


def test_forty_five_classes_each_with_both_headings():
    classes = nice_scheme().classes
    assert [c.number for c in classes] == list(range(1, 46))
    for c in classes:
        assert c.heading_en
        assert c.heading_vi
        assert c.heading_vi == unicodedata.normalize("NFC", c.heading_vi)


def test_class_25_has_both_headings():
    c = nice_class(25)
    assert c.heading_en == "Clothing, footwear, headwear."
    assert c.heading_vi == "Quần áo, giày dép, đồ đội đầu."
    assert c.heading("en") == c.heading_en
    assert c.heading() == c.heading_vi
    assert c.symbol == "25"
    assert nice_class(9).symbol == "09"


@pytest.mark.parametrize("number", [25, "25", " 25 ", "025", np.int64(25)])
def test_class_numbers_as_int_or_digits(number):
    assert nice_class(number).number == 25


@pytest.mark.parametrize("number", [0, 46, -1, "0", "46", "abc", "", "2 5", "٢٥", 25.0, None, True])
def test_anything_but_1_to_45_is_an_unknown_class(number):
    with pytest.raises(UnknownClass) as info:
        nice_class(number)
    assert isinstance(info.value, UnknownSymbol)
    assert repr(number) in str(info.value)
    assert not nice_scheme().is_valid(number)


def test_goods_are_1_to_34_and_services_35_to_45():
    assert is_goods(1)
    assert is_goods(34)
    assert is_services(35)
    assert is_services(45)
    assert not is_goods(35)
    assert not is_services(34)
    assert [c.number for c in nice_scheme().classes if c.kind == "goods"] == list(range(1, 35))


def test_goods_or_services_of_an_unknown_class_is_an_error():
    with pytest.raises(UnknownClass):
        is_goods(46)
    with pytest.raises(UnknownClass):
        is_services("0")
