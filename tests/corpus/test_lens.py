"""Lens.org CSV (raw and cleaned) and JSON lines."""

from __future__ import annotations

import datetime as dt

from sangtao.corpus import read_records


def test_raw_csv_with_cr_line_ends_double_semicolons_and_short_dates(fixtures):
    issues = []
    docs = list(read_records(fixtures / "lens" / "pizza_lens_slice.csv", on_issue=issues.append))
    assert len(docs) == 5
    pizza = docs[0]
    assert pizza["doc_id"] == "US-20130101709-A1"
    assert pizza["publication_date"] == dt.date(2013, 4, 25)
    assert pizza["application_date"] == dt.date(2012, 10, 22)
    assert pizza["titles"] == [{"lang": None, "text": "METHOD AND SYSTEM FOR ASSEMBLING A PIZZA"}]
    assert pizza["applicants"] == [{"name": "PIZZA HUT INC", "country": None}]
    assert pizza["cpc"] == ["A23L 1/0067", "G01G 19/00"]
    assert pizza["ipc"] == ["A23L 1/00", "G01N 5/00"]
    assert pizza["priorities"] == [
        {"office": "US", "number": "201161550506", "date": dt.date(2011, 10, 24)}
    ]
    # Row 307 of the export holds bytes that are not UTF-8: kept, and reported.
    assert docs[4]["doc_id"] == "KR-200477500-Y1"
    assert [(i.line, i.severity) for i in issues] == [(6, "warning")]


def test_cleaned_csv_variant(fixtures):
    docs = list(read_records(fixtures / "lens" / "drones_tac_cleaned_slice.csv"))
    assert docs[0]["doc_id"] == "AR-021856-A1"
    assert docs[0]["publication_date"] == dt.date(2002, 8, 7)
    assert docs[0]["applicants"] == [{"name": "ASK IND SPA", "country": None}]
    assert "H04R 2499/13" in docs[0]["cpc"]


def test_json_lines(fixtures):
    docs = list(read_records(fixtures / "lens" / "covid_mers_diagnosis_slice.jsonl"))
    assert len(docs) == 6
    wo = docs[0]
    assert wo["doc_id"] == "WO-2017196847-A1"
    assert wo["publication_date"] == dt.date(2017, 11, 16)
    assert wo["applicants"][:2] == [
        {"name": "US HEALTH", "country": None},
        {"name": "UNIV MARYLAND", "country": None},
    ]
    assert wo["ipc"] == ["C07K 16/10", "C07K 16/28", "C07K 16/32"]
    assert wo["priorities"] == [
        {"office": "US", "number": "201662334194", "date": dt.date(2016, 5, 10)}
    ]
    assert len(wo["citations"]) == 105 and wo["citations"][0]["text"].startswith("YEN PHUNG")


def test_a_broken_json_line_is_reported_and_the_rest_read(tmp_path, fixtures):
    lines = (fixtures / "lens" / "covid_mers_diagnosis_slice.jsonl").read_bytes().splitlines()
    path = tmp_path / "lens.jsonl"
    path.write_bytes(b"\n".join([lines[0], lines[1][:100], lines[2]]) + b"\n")
    issues = []
    docs = list(read_records(path, on_issue=issues.append))
    assert len(docs) == 2
    assert issues[0].line == 2 and "not valid JSON" in issues[0].message
