"""Canonical numbers, dates, classes and simple families."""

from __future__ import annotations

import datetime as dt

import pytest

from sangtao.corpus import RecordError, canonical_number, doc_id_of, family_key
from sangtao.corpus._norm import (
    clean_text,
    normalize_classes,
    office_code,
    parse_date,
    split_pubkey,
)
from sangtao.corpus._schema import PatentRecord, Priority, empty_record


@pytest.mark.parametrize(
    ("office", "written", "canonical"),
    [
        ("US", "08930553", "8930553"),
        ("US", "D0680087", "D680087"),
        ("US", "RE041234", "RE41234"),
        ("US", "2013/0101709", "20130101709"),
        ("US", "US20090208610", "20090208610"),
        ("EP", "600083", "0600083"),
        ("WO", "2017/196847", "2017196847"),
        ("KR", "10-2018-0007285", "1020180007285"),
    ],
)
def test_canonical_numbers(office, written, canonical):
    assert canonical_number(office, written) == canonical


def test_application_numbers_keep_their_zeros():
    assert canonical_number("US", "09/727,454", application=True) == "09727454"


def test_empty_number_is_an_error():
    with pytest.raises(RecordError):
        canonical_number("US", " / ")


def test_doc_id_and_display_keys():
    assert doc_id_of("US", "8930553", "B2") == "US-8930553-B2"
    assert doc_id_of("US", "20090208610", None) == "US-20090208610"
    assert split_pubkey("US 2013/0101709 A1") == ("US", "2013/0101709", "A1")
    assert split_pubkey("WO_2017_196847_A1") == ("WO", "2017/196847", "A1")


def test_dates():
    assert parse_date("20000600") == dt.date(2000, 6, 1)
    assert parse_date("25/04/13") == dt.date(2013, 4, 25)
    assert parse_date("14/02/40") == dt.date(1940, 2, 14)
    assert parse_date("2004-10-01T23:59:59.000Z") == dt.date(2004, 10, 1)
    assert parse_date("21.08.2009") == dt.date(2009, 8, 21)
    assert parse_date("31.02.2009") is None
    assert parse_date("") is None


def test_offices_and_classes():
    assert office_code("JPX") == "JP"
    assert office_code("WO") == "WO"
    assert office_code("ZZ") is None
    assert normalize_classes(["A23L1/0067", "A23L 1/0067", "A01N 63/00  (2006.01)", "junk"]) == (
        ["A23L 1/0067", "A01N 63/00"],
        ["junk"],
    )


def _record(doc_id: str, app: str | None, priorities: list[Priority]) -> PatentRecord:
    record = empty_record()
    record["doc_id"] = doc_id
    record["application_office"] = "US" if app else None
    record["application_number"] = app
    record["priorities"] = priorities
    return record


def test_simple_family_is_the_set_of_priorities():
    p1 = Priority(office="US", number="61/908,392", date=dt.date(2013, 11, 25))
    p2 = Priority(office="US", number="61/999,999", date=dt.date(2014, 1, 2))
    same_a = _record("VN-95737-A", "1202301434", [p1])
    same_b = _record(
        "WO-2015077525-A1", "US2014066750", [Priority(office="US", number="61908392", date=None)]
    )
    other = _record("EP-1-A1", "1", [p1, p2])
    assert family_key(same_a) == family_key(same_b)
    assert family_key(other) != family_key(same_a)


def test_without_priorities_the_application_is_the_family():
    first_filing = _record("US-20140000001-A1", "61908392", [])
    later = _record("US-1-B2", "14999999", [Priority(office="US", number="61/908,392", date=None)])
    grant = _record("US-2-B2", "61908392", [])
    alone = _record("XX-1", None, [])
    assert family_key(first_filing) == family_key(later) == family_key(grant)
    assert family_key(alone) != family_key(_record("XX-2", None, []))


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("Flugkörper FÃ¼r Die Zwecke", "Flugkörper Für Die Zwecke"),  # from the Lens drones set
        ("GÃ¤nzlichen", "Gänzlichen"),
        ("cafÃ©", "café"),
        ("Ã©tat ℃", "état ℃"),  # each run repaired on its own
    ],
)
def test_clean_text_repairs_utf8_read_as_cp1252(raw, fixed):
    assert clean_text(raw) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "NGÃ BA ĐỘNG CƠ",  # Vietnamese capital Ã is a letter, not mojibake
        "Mức ¼ và ½ lít",
        "Động cơ đốt trong",
        "Größe 5 µm ±2",
    ],
)
def test_clean_text_keeps_text_that_is_not_mojibake(text):
    assert clean_text(text) == text
