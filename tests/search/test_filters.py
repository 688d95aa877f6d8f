"""Filters: class keys at every level, normalisation and checks."""

from __future__ import annotations

import datetime as dt

import pytest

from sangtao.search import Filters, QueryError, prepare_filters
from sangtao.search._filters import class_keys, document_matches

from .conftest import synthetic


def test_a_symbol_has_a_key_at_every_level():
    assert class_keys("H04W 4/02") == ("H04W 4/02", "H04W 4/", "H04W", "H04", "H")
    assert class_keys("H04W0004020000") == class_keys("h04w 4/02 (2009.01)")
    assert class_keys("not a class") == ()


def test_prefixes_are_normalised_and_checked():
    f, notes = prepare_filters(
        Filters(
            ipc=("h04w", "H04W 4/00", "H04W4/02"), office=(" us",), kind=("b2",), language=("VI",)
        )
    )
    assert f.ipc == ("H04W", "H04W 4/", "H04W 4/02")
    assert (f.office, f.kind, f.language) == (("US",), ("B2",), ("vi",))
    assert notes == []
    _, notes = prepare_filters(Filters(ipc=("Z99Z",)))
    assert "not in the IPC edition" in notes[0]


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (Filters(ipc=("12345",)), "not a classification symbol"),
        (Filters(cpc=("",)), "not a classification symbol"),
        (Filters(before=dt.date(2000, 1, 1), after=dt.date(2000, 1, 1)), "no date"),
        (Filters(before="2000-01-01"), "must be a date"),  # type: ignore[arg-type]
    ],
)
def test_bad_filters_are_refused(filters, message):
    with pytest.raises(QueryError, match=message):
        prepare_filters(filters)


def test_documents_without_a_date_are_not_prior_art():
    f, _ = prepare_filters(Filters(before=dt.date(2020, 1, 1)))
    assert not document_matches(synthetic("X-1", publication_date=None), f)
    assert document_matches(synthetic("X-2"), f)
    assert not document_matches(synthetic("X-3", publication_date=dt.date(2020, 1, 1)), f)
