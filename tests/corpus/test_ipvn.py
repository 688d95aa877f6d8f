"""IP Viet Nam WIPO Publish records."""

from __future__ import annotations

import datetime as dt

from sangtao.corpus import read_records
from sangtao.corpus._ipvn import country_from_address


def test_vietnamese_record(fixtures):
    docs = list(read_records(fixtures / "ipvn" / "vn_patent_applications_slice.csv"))
    doc = docs[0]
    assert doc["doc_id"] == "VN-95737-A"
    assert doc["publication_date"] == dt.date(2023, 6, 26)
    assert doc["application_office"] == "VN"
    assert doc["application_number"] == "1202301434"
    assert doc["priorities"] == [
        {"office": "US", "number": "61/908,392", "date": dt.date(2013, 11, 25)}
    ]
    assert doc["ipc"] == ["A01N 63/00", "C07K 14/32", "C12N 15/82"]
    assert doc["applicants"] == [
        {"name": "BASF Agricultural Solutions Seed US LLC", "country": "US"}
    ]
    assert doc["titles"][0]["lang"] == "vi"
    assert doc["titles"][0]["text"].startswith("PHƯƠNG PHÁP KIỂM SOÁT QUẦN THỂ LOÀI GÂY HẠI")
    assert doc["abstracts"][0]["lang"] == "vi"
    assert doc["abstracts"][0]["text"].startswith("Sáng chế đề xuất các chế phẩm")
    assert docs[1]["titles"][0]["text"] == (
        "Phương pháp và hệ thống xử lý để khử hợp chất hữu cơ dễ bay hơi từ dăm gỗ"
    )


def test_priority_claims_table_is_recognised_and_skipped(fixtures):
    issues = []
    path = fixtures / "ipvn" / "vn_patent_priority_claims_slice.csv"
    assert list(read_records(path, on_issue=issues.append)) == []
    assert issues[0].severity == "warning"


def test_country_from_address():
    assert country_from_address("Seoul 065 14. Republic of Korea") == "KR"
    assert (
        country_from_address("521 Stonecroft Lane, Cary, NC 27519, United States of America")
        == "US"
    )
    assert country_from_address("Phường Trần Hưng Đạo, Hà Nội, Việt Nam") == "VN"
    assert country_from_address("somewhere") is None
