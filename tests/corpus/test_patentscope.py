"""PATENTSCOPE CSV exports."""

from __future__ import annotations

import datetime as dt

from sangtao.corpus import read_records


def test_export_rows(fixtures):
    issues = []
    docs = list(
        read_records(fixtures / "patentscope" / "pizza_medium_slice.csv", on_issue=issues.append)
    )
    first = docs[0]
    assert first["doc_id"] == "US-20090208610"  # the export has no kind code
    assert first["publication_date"] == dt.date(2009, 8, 21)
    assert first["ipc"] == ["A21D 13/00", "A23L 1/16"]
    assert first["applicants"] == []  # "NA"
    assert first["priorities"] == [
        {"office": "ES", "number": "200402236U", "date": dt.date(2004, 10, 1)}
    ]
    # Rows whose priority is written OFFICE yyyymmdd number.
    wo = next(d for d in docs if d["doc_id"] == "WO-2013067444")
    assert wo["priorities"] == [
        {"office": "US", "number": "61/556,140", "date": dt.date(2011, 11, 4)}
    ]
    assert [i.severity for i in issues] == ["warning"]  # one Latin-1 row, kept
