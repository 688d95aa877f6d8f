"""USPTO XML v4 grants and applications, and WIPO ST.36, on real documents."""

from __future__ import annotations

import datetime as dt

from sangtao.corpus import read_records


def test_grant_v45_bibliographic_data_and_text(fixtures):
    (doc,) = read_records(fixtures / "uspto" / "US08930553.xml")
    assert doc["doc_id"] == "US-8930553-B2"
    assert doc["publication_date"] == dt.date(2015, 1, 6)
    assert (doc["application_number"], doc["application_date"]) == (
        "13648029",
        dt.date(2012, 10, 9),
    )
    assert doc["titles"] == [
        {"lang": "en", "text": "Managing mid-dialog session initiation protocol (SIP) messages"}
    ]
    assert doc["ipc"] == ["G06F 15/16"]
    assert doc["applicants"] == [
        {"name": "International Business Machines Corporation", "country": "US"}
    ]
    assert {"name": "Nissim, Nitzan", "country": "IL"} in doc["inventors"]
    assert doc["abstracts"][0]["text"].startswith("Processing mid-dialog SIP messages")
    assert doc["claims"][0]["text"].startswith("1. A system for processing mid-dialog SIP")
    assert doc["descriptions"][0]["text"].startswith("FIELD OF THE INVENTION\n\n")
    assert doc["source_format"] == "uspto-grant-xml"


def test_grant_citations_keep_who_cited_them(fixtures):
    (doc,) = read_records(fixtures / "uspto" / "US08930553.xml")
    by_id = {c["doc_id"]: c for c in doc["citations"]}
    assert by_id["US-7844851-B2"]["cited_by"] == "applicant"
    assert by_id["US-20070220302-A1"]["cited_by"] == "examiner"
    assert by_id["US-20070220302-A1"]["date"] == dt.date(2007, 9, 1)
    assert len(doc["citations"]) == 21


def test_weekly_file_is_split_into_documents_with_their_lines(fixtures):
    docs = list(read_records(fixtures / "uspto" / "ipg120103.slice.xml"))
    assert [d["doc_id"] for d in docs] == [
        "US-D651432-S1",
        "US-D651486-S1",
        "US-D651584-S1",
        "US-8087209-B2",
    ]
    rail = docs[3]
    assert rail["source_line"] == 1087
    assert rail["titles"][0]["text"] == "Edging rail for a flooring"
    assert rail["priorities"] == [
        {"office": "DE", "number": "20 2009 001 036 U", "date": dt.date(2009, 1, 27)}
    ]
    assert rail["earliest_priority_date"] == dt.date(2009, 1, 27)
    assert rail["ipc"] == ["E04C 2/38"]
    assert rail["citations"][0]["doc_id"] == "US-3732659-A"
    assert rail["citations"][0]["cited_by"] == "examiner"


def test_application_v40(fixtures):
    (doc,) = read_records(fixtures / "uspto" / "US20050004437A1.xml")
    assert doc["doc_id"] == "US-20050004437-A1"
    assert doc["source_format"] == "uspto-application-xml"
    assert doc["ipc"] == ["A61B 5/00"]
    assert doc["inventors"][0] == {"name": "Kaufmann, Heiner", "country": "CH"}
    assert doc["titles"][0]["text"].startswith("Simulation device for playful evaluation")


def test_st36_titles_per_language_and_search_report_categories(fixtures):
    (doc,) = read_records(fixtures / "wipo" / "st36_EP0600083A1.xml")
    assert doc["doc_id"] == "EP-0600083-A1"
    assert doc["source_format"] == "st36"
    assert [t["lang"] for t in doc["titles"]] == ["de", "en", "fr"]
    assert doc["titles"][1]["text"] == "DEVICE FOR CONVEYING AND ARRANGING PAPER SHEET"
    assert doc["ipc"] == ["B65H 29/66"]
    patent, npl = doc["citations"]
    assert (patent["doc_id"], patent["category"]) == ("US-4973038-A", "X")
    assert (npl["doc_id"], npl["category"]) == (None, "A")
    assert npl["text"] == "Illustrative non-patent reference, 1991"
