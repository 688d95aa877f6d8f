"""USPTO APS green-book text."""

from __future__ import annotations

import datetime as dt

from sangtao.corpus import read_records
from sangtao.corpus._uspto_legacy import fixed_width_ipc


def test_green_book_patent(fixtures):
    (doc,) = read_records(fixtures / "uspto" / "US03937375.greenbook")
    assert doc["doc_id"] == "US-3937375-A"
    assert doc["publication_date"] == dt.date(1976, 2, 10)
    assert doc["application_date"] == dt.date(1974, 10, 29)
    assert doc["titles"][0]["text"] == "Bumper support for a boat loader"
    assert doc["ipc"] == ["B60R 9/00"]
    assert doc["inventors"] == [{"name": "Daniels, Everette E.", "country": "US"}]
    assert [c["doc_id"] for c in doc["citations"]][:2] == ["US-2542907", "US-2762542"]
    assert doc["abstracts"][0]["text"].startswith("A unit mountable on a rear bumper")
    assert doc["claims"][0]["text"].startswith("1. In a bumper support for a boat loader")


def test_concatenated_green_book_records_and_a_broken_one(tmp_path, fixtures):
    one = (fixtures / "uspto" / "US03937375.greenbook").read_bytes()
    path = tmp_path / "week.txt"
    path.write_bytes(one + b"PATN\nTTL  no number here\n" + one.replace(b"039373754", b"039999994"))
    issues = []
    docs = list(read_records(path, on_issue=issues.append))
    assert [d["doc_id"] for d in docs] == ["US-3937375-A", "US-3999999-A"]
    assert docs[1]["source_line"] == 169
    assert len(issues) == 1
    assert issues[0].line == 167 and issues[0].severity == "error"


def test_fixed_width_ipc():
    assert fixed_width_ipc("G06F 1516") == "G06F 15/16"
    assert fixed_width_ipc("B60R  900") == "B60R 9/00"
    assert fixed_width_ipc("A61K 31/00") == "A61K 31/00"
