"""The Locarno Classification, on the real table: 32 classes and their subclasses."""

from __future__ import annotations

import pytest

from sangtao.standards import MalformedSymbol, UnknownSymbol, locarno_scheme


def test_edition_is_marked_as_inferred():
    scheme = locarno_scheme()
    assert "inferred" in scheme.edition
    assert "EUPL-1.2" in scheme.licence


def test_thirty_two_classes_and_their_subclasses():
    scheme = locarno_scheme()
    assert [c.class_number for c in scheme.classes] == list(range(1, 33))
    subclasses = [e for e in scheme if e.level == "subclass"]
    # 236 rows in the source, three of them vacant.
    assert len(subclasses) == 236 - 3
    assert all(e.parent in scheme for e in subclasses)


@pytest.mark.parametrize(
    "written",
    [
        "06-01",
        "6-1",
        "0601",
        "6-01",
        "06.01",
        "6 01",
        " 06 - 01 ",
        "Cl. 6-01",
        "LOC (14) Cl. 06-01",
    ],
)
def test_common_writings_normalise_to_the_recommended_form(written):
    assert locarno_scheme().normalize(written) == "06-01"


def test_a_class_alone_is_written_on_two_digits():
    assert locarno_scheme().normalize("6") == "06"
    assert locarno_scheme().lookup("6").title == "Furnishing"


def test_lookup_of_a_real_subclass():
    entry = locarno_scheme().lookup("6-1")
    assert entry.symbol == "06-01"
    assert entry.title == "Seats"
    assert entry.level == "subclass"
    assert entry.parent == "06"
    assert (entry.class_number, entry.subclass_number) == (6, 1)


def test_classes_without_subclasses_are_written_with_00():
    entry = locarno_scheme().lookup("32-00")
    assert entry.title == "Graphic symbols and logos, surface patterns, ornamentation"
    assert entry.parent == "32"


def test_vacant_subclass_is_unknown_and_says_so():
    scheme = locarno_scheme()
    assert not scheme.is_valid("03-02")
    with pytest.raises(UnknownSymbol, match="vacant"):
        scheme.lookup("3-2")


@pytest.mark.parametrize("code", ["33", "33-01", "06-14", "00-01", "23-02"])
def test_codes_absent_from_the_edition_are_unknown(code):
    with pytest.raises(UnknownSymbol) as info:
        locarno_scheme().lookup(code)
    assert locarno_scheme().normalize(code) in str(info.value)


@pytest.mark.parametrize("code", ["", "601", "06-001", "abc", "6/1/1", "06-01-01"])
def test_malformed_codes_are_rejected(code):
    scheme = locarno_scheme()
    assert not scheme.is_valid(code)
    with pytest.raises(MalformedSymbol):
        scheme.normalize(code)
