"""WIPO ST.96 patent publications."""

from __future__ import annotations

import datetime as dt

from sangtao.corpus import read_records


def test_st96_publication(fixtures):
    (doc,) = read_records(fixtures / "wipo" / "st96_US8930553B2.xml")
    assert doc["doc_id"] == "US-8930553-B2"
    assert doc["source_format"] == "st96"
    assert doc["publication_date"] == dt.date(2015, 1, 6)
    assert doc["application_number"] == "13648029"
    assert doc["ipc"] == ["G06F 15/16"]
    assert doc["applicants"] == [
        {"name": "International Business Machines Corporation", "country": "US"}
    ]
    assert doc["inventors"][0] == {"name": "Nissim, Nitzan", "country": "IL"}
    assert [(c["doc_id"], c["cited_by"]) for c in doc["citations"]] == [
        ("US-20070220302-A1", "examiner"),
        ("US-7844851-B2", "applicant"),
    ]
    assert doc["claims"][0]["text"].count("\n\n") == 1


def test_same_application_in_two_formats_is_one_family(fixtures):
    (st96,) = read_records(fixtures / "wipo" / "st96_US8930553B2.xml")
    (uspto,) = read_records(fixtures / "uspto" / "US08930553.xml")
    assert st96["family_id"] == uspto["family_id"]
