"""Vienna codes: syntax only until the official table is imported."""

from __future__ import annotations

import pytest

from sangtao.standards import MalformedSymbol, normalize_vienna_code, vienna_code_is_wellformed


@pytest.mark.parametrize("code", ["26.01.01", "01.01.01", "29.01.12", "27.05.24"])
def test_canonical_codes_are_wellformed(code):
    assert vienna_code_is_wellformed(code)


@pytest.mark.parametrize(
    "code",
    [
        "26.1.1",
        "26.01",
        "26",
        "30.01.01",
        "00.01.01",
        "26.00.01",
        "26-01-01",
        "260101",
        "",
        " 26.01.01",
        "26.01.01 (7)",
        "A 26.01.01",
    ],
)
def test_other_writings_are_not_wellformed(code):
    assert not vienna_code_is_wellformed(code)


def test_non_strings_are_not_wellformed():
    assert not vienna_code_is_wellformed(260101)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("26.1.1", "26.01.01"), ("26.03.23 (7)", "26.03.23"), (" 5.3.13 ", "05.03.13")],
)
def test_normalize_writes_two_digits_per_part_and_drops_the_edition(written, canonical):
    assert normalize_vienna_code(written) == canonical
    assert vienna_code_is_wellformed(canonical)


def test_every_code_of_a_real_vietnamese_trademark_record_is_accepted():
    # (531) of VN-4-2009-28183 as published on IP Viet Nam's WIPO Publish.
    published = "26.03.23 (7) 26.04.02 (7) 26.11.02 (7) 26.11.12 (7)"
    codes = [normalize_vienna_code(c + ")") for c in published.split(")") if c.strip()]
    assert codes == ["26.03.23", "26.04.02", "26.11.02", "26.11.12"]


@pytest.mark.parametrize("code", ["30.01.01", "26.1", "x"])
def test_normalize_rejects_malformed_codes(code):
    with pytest.raises(MalformedSymbol, match="Vienna"):
        normalize_vienna_code(code)
