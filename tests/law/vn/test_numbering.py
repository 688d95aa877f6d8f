"""Application numbers T-YYYY-NNNNN and their WIPO Publish form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sangtao.law import Confidence, UnknownObjectType
from sangtao.law.vn import (
    DEFAULT_NUMBERING,
    OBJECT_TYPES,
    ApplicationNumber,
    InvalidApplicationNumber,
    NumberingScheme,
    format_application_number,
    parse_application_number,
)


def test_a_trademark_number_has_digit_four_year_and_five_digit_sequence():
    assert format_application_number("trademark", 2025, 1) == "4-2025-00001"
    assert format_application_number("invention", 2026, 18514) == "1-2026-18514"


def test_the_wipo_publish_form_is_accepted():
    number = parse_application_number("VN4202618514")
    assert number == ApplicationNumber("trademark", 4, 2026, 18514)
    assert str(number) == "4-2026-18514"
    assert number.wipo_publish_id == "VN4202618514"


@pytest.mark.parametrize("text", ["4-2019-43953", " VN-4-2019-43953 ", "vn4201943953"])
def test_common_spellings_parse_to_the_same_number(text):
    assert parse_application_number(text) == ApplicationNumber("trademark", 4, 2019, 43953)


@given(
    st.sampled_from(sorted(OBJECT_TYPES)),
    st.integers(min_value=1000, max_value=9999),
    st.integers(min_value=1, max_value=99_999),
)
def test_format_and_parse_round_trip(type_code, year, seq):
    text = format_application_number(type_code, year, seq)
    number = parse_application_number(text)
    assert (number.type_code, number.year, number.sequence) == (type_code, year, seq)
    assert parse_application_number(number.wipo_publish_id) == number


@pytest.mark.parametrize("seq", [100_000, 0, -1])
def test_a_sequence_outside_five_digits_is_an_error(seq):
    with pytest.raises(InvalidApplicationNumber, match="sequence"):
        format_application_number("trademark", 2025, seq)


def test_a_year_must_have_four_digits():
    with pytest.raises(InvalidApplicationNumber, match="year"):
        format_application_number("trademark", 25, 1)


@pytest.mark.parametrize(
    "text", ["4-2025-0001", "4-25-00001", "12-2025-00001", "US4202500001", "4-2025-00000", ""]
)
def test_malformed_numbers_are_rejected(text):
    with pytest.raises(InvalidApplicationNumber):
        parse_application_number(text)


def test_an_unmapped_digit_is_rejected():
    with pytest.raises(InvalidApplicationNumber, match="no object type is numbered 9"):
        parse_application_number("9-2025-00001")


def test_unknown_object_types_are_rejected():
    with pytest.raises(UnknownObjectType):
        format_application_number("patent", 2025, 1)


def test_the_default_scheme_marks_what_is_confirmed():
    assert DEFAULT_NUMBERING.digits["trademark"] == 4
    assert DEFAULT_NUMBERING.confidence("trademark") is Confidence.CONFIRMED
    assert DEFAULT_NUMBERING.confidence("invention") is Confidence.UNCONFIRMED
    assert DEFAULT_NUMBERING.digits["layout_design"] == 5
    assert DEFAULT_NUMBERING.digits["geographical_indication"] == 6


def test_digits_can_be_overridden():
    scheme = NumberingScheme({"geographical_indication": 7, "layout_design": 8})
    assert format_application_number("geographical_indication", 2025, 3, scheme=scheme) == (
        "7-2025-00003"
    )
    assert parse_application_number("8-2025-00003", scheme=scheme).type_code == "layout_design"
    assert scheme.confidence("geographical_indication") is Confidence.CONFIRMED
    assert scheme != DEFAULT_NUMBERING
    assert NumberingScheme() == DEFAULT_NUMBERING
    assert hash(NumberingScheme()) == hash(DEFAULT_NUMBERING)
    assert "trademark" in repr(scheme)


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"layout_design": 4}, ValueError),
        ({"trademark": 10}, ValueError),
        ({"patent": 1}, UnknownObjectType),
    ],
)
def test_invalid_overrides_are_rejected(overrides, error):
    with pytest.raises(error):
        NumberingScheme(overrides)
