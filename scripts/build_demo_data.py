"""Build the demo filings (``src/sangtao/office/demo/data/filings.json``) from real public records.

Reads IP Viet Nam's WIPO Publish records collected in ``/work/shared/data`` (see its README for
origin and licence) and writes a list of payloads in the e-filing API's input format
(``sangtao.office.filing.schemas.FilingIn``), each with a ``_source`` object that says where it
came from and what was changed.  ``sangtao demo load`` strips ``_source`` and files the payloads.

Run once and commit the output::

    .venv/bin/python scripts/build_demo_data.py [--data /work/shared/data]

The output is deterministic: the same input gives byte-identical JSON.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "sangtao" / "office" / "demo" / "data" / "filings.json"

PATENTS = "patents/vn-ipvietnam/vn_patent_applications.csv"
PRIORITY_CLAIMS = "patents/vn-ipvietnam/vn_patent_priority_claims.csv"
TRADEMARKS = (
    "trademarks/vn-ipvietnam/vn_trademarks_wipopublish_detail_parsed.json",
    "trademarks/vn-ipvietnam/vn_trademarks_fixtures_parsed.json",
)
IPC_TITLES = "classification/ipc/ipc_titles_en.tsv"

# The demo is filed "today"; periods (PCT 31 months, Paris 12 months) are judged against this.
REFERENCE_DATE = dt.date(2026, 11, 23)
PCT_ENTRY_MONTHS = 31
PRIORITY_MONTHS = 12
INVENTIONS_WANTED = 40

# Demo values, not real: the data carries no claim counts or agent licence numbers.
DEMO_CLAIMS = ((10, 1), (12, 2), (8, 1), (15, 2), (6, 1), (20, 3), (9, 1))
DEMO_LICENCE = "DEMO-DD-{:02d}"
DEMO_CUSTOMER = "DEMO-KH-{:04d}"

# Country names as written in the register -> WIPO ST.3 codes.
COUNTRIES = {
    "australia": "AU",
    "austria": "AT",
    "belgium": "BE",
    "brazil": "BR",
    "canada": "CA",
    "chile": "CL",
    "china": "CN",
    "denmark": "DK",
    "finland": "FI",
    "france": "FR",
    "germany": "DE",
    "iceland": "IS",
    "india": "IN",
    "italia": "IT",
    "italy": "IT",
    "japan": "JP",
    "korea": "KR",
    "netherland": "NL",
    "netherlands": "NL",
    "norway": "NO",
    "singapore": "SG",
    "spain": "ES",
    "sweden": "SE",
    "switzerland": "CH",
    "taiwan": "TW",
    "unitedkingdom": "GB",
    "us": "US",
}

LEGAL_WORDS = re.compile(
    r"\b(inc|ltd|llc|l\.l\.c|corp|corporation|co\.|company|gmbh|ag|s\.?a\.?|s\.p\.a|b\.v|"
    r"n\.v|nv|oy|oyj|a/s|aps|ab|hf|pte|pty|plc|kk|k\.k|kabushiki|kaisha|limited|university|"
    r"institute|foundation|regents|partnership|holdings|group|laboratoire|compagnie|"
    r"industries|technologies|research|trust|center|centre)\b",
    re.IGNORECASE,
)
VN_LEGAL_WORDS = re.compile(
    r"^(công ty|doanh nghiệp|hợp tác xã|tập đoàn|ủy ban|uỷ ban|viện|trường)", re.IGNORECASE
)


def nfc(text: str) -> str:
    """NFC, no soft hyphens or non-breaking spaces, single spaces."""
    text = unicodedata.normalize("NFC", text).replace("\xad", "").replace("\xa0", " ")
    return re.sub(r"[ \t]+", " ", text).strip()


def vi_date(text: str) -> dt.date:
    """``25.11.2013`` -> date."""
    d, m, y = (int(x) for x in text.strip().split("."))
    return dt.date(y, m, d)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clipped to the month's last day."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def country_code(address: str) -> str | None:
    """The ST.3 code of the country an address ends with, or None."""
    text = address.lower()
    if "taiwan" in text:  # the register writes "Taiwan …, China" for Taiwanese addresses
        return "TW"
    for part in reversed([p for p in re.split(r"[,\-]", text) if p.strip()]):
        key = re.sub(r"[^a-z]", "", part)
        key = key.removeprefix("the")
        if "korea" in key:
            return "KR"
        if "america" in key or "unitedstat" in key or key.endswith("us"):
            return "US"
        for name, code in COUNTRIES.items():
            if key == name or key.endswith(name):
                return code
    return None


def strip_vi(text: str) -> str:
    """Drop the register's ``(VI)`` language tag."""
    return nfc(re.sub(r"^\(VI\)\s*", "", nfc(text)))


def split_people(field: str) -> list[tuple[str, str]]:
    """``(VI) Name   : address | (VI) …`` -> [(name, address)]."""
    out = []
    for part in field.split(" | "):
        if not part.strip():
            continue
        name, _, address = part.partition("   : ")
        out.append((strip_vi(name), nfc(address)))
    return out


def person_kind(name: str) -> str:
    """``legal`` for organisations, ``natural`` for people written ``SURNAME, Given``."""
    if LEGAL_WORDS.search(name) or VN_LEGAL_WORDS.search(name):
        return "legal"
    if re.match(r"^[A-ZÀ-Ý'’ .-]+,\s", name):
        return "natural"
    return "legal"


def ipc_symbol(raw: str) -> str:
    """``A01N 63/00  (2006.01)`` -> ``A01N 63/00``."""
    m = re.match(r"\s*([A-H]\d\d[A-Z])\s*(\d+)\s*/\s*(\d+)", raw)
    if not m:
        raise ValueError(raw)
    return f"{m[1]} {int(m[2])}/{m[3]}"


def ipc_key(symbol: str) -> str:
    """``A01N 63/00`` -> the 14-character form ``A01N0063000000``."""
    sub, rest = symbol.split(" ")
    main, group = rest.split("/")
    return sub + main.rjust(4, "0") + group.ljust(6, "0")


def load_ipc_keys(data: Path) -> set[str]:
    """Every IPC symbol in the shared titles file (about the 2020 edition)."""
    with (data / IPC_TITLES).open(encoding="utf-8") as fh:
        return {line.split("\t", 1)[0] for line in fh}


def parse_priorities(field: str) -> list[dict[str, str]]:
    """``US 61/908,392 | 25.11.2013`` (one per line) -> [{office, number, date}]."""
    out = []
    for line in field.replace("\r", "").split("\n"):
        line = nfc(line)
        if not line:
            continue
        left, _, date = line.rpartition("|")
        office, _, number = left.strip().partition(" ")
        out.append({"office": office.strip(), "number": number.strip(), "date": str(vi_date(date))})
    return out


def timeline(field: str) -> list[dict[str, str]]:
    """The prosecution timeline: [{date, event, status}]."""
    out = []
    for line in field.split("<lf>"):
        cols = line.split("<t>")
        if len(cols) >= 2 and re.match(r"\d\d\.\d\d\.\d{4}$", cols[0].strip()):
            out.append(
                {
                    "date": str(vi_date(cols[0])),
                    "event": nfc(cols[1]),
                    "status": nfc(cols[2]) if len(cols) > 2 else "",
                }
            )
    return out


def invention_record(row: dict[str, str], ipc_keys: set[str]) -> dict[str, Any] | None:
    """One patent row as a payload, or None when it cannot be filed faithfully."""
    number = row["ID"].strip()
    title = strip_vi(row["(54) Tên"])
    abstract = strip_vi(row["(57) Tóm tắt"])
    if not title or not abstract:
        return None
    applicants = []
    for name, address in split_people(row["(71/73) Chủ đơn/Chủ bằng"]):
        code = country_code(address)
        if not code:
            return None
        applicants.append(
            {"name": name, "address": address, "country": code, "kind": person_kind(name)}
        )
    inventors = []
    for name, address in split_people(row["(72) Tác giả sáng chế"]):
        code = country_code(address)
        if not code:
            return None
        inventors.append({"name": name, "address": address, "country": code, "kind": "natural"})
    ipc = [ipc_symbol(s) for s in row["(51) Phân loại IPC"].split("|") if s.strip()]
    if not ipc or any(ipc_key(s) not in ipc_keys for s in ipc):
        return None
    ipc = list(dict.fromkeys(ipc))
    agent = split_people(row["(74) Đại diện SHCN"])

    filing_field = nfc(row["(20) Số đơn và Ngày nộp đơn"])
    original_date = vi_date(filing_field.split()[-1])
    pct_no, pct_date = nfc(row["(86) Số đơn và ngày nộp đơn PCT"]).split()
    pub = nfc(row["(87) Số công bố và ngày công bố đơn PCT"])
    m = re.match(r"IB\s+WO/\s*(\S+)\s+(\d\d\.\d\d\.\d{4})", pub)
    pct_filed = vi_date(pct_date)
    pct: dict[str, str | None] = {
        "application_number": pct_no,
        "filing_date": str(pct_filed),
        "publication_number": f"WO {m[1]}" if m else "",
        "publication_date": str(vi_date(m[2])) if m else None,
    }
    priorities = parse_priorities(row["(30) Chi tiết về dữ liệu ưu tiên"])
    events = timeline(row["Tiến trình"])
    entry = next((e["date"] for e in events if e["event"] == "PCT National Phase Entry"), None)

    earliest = min([dt.date.fromisoformat(p["date"]) for p in priorities] + [pct_filed])
    pct_in_time = REFERENCE_DATE <= add_months(earliest, PCT_ENTRY_MONTHS)
    prio_in_time = all(
        REFERENCE_DATE <= add_months(dt.date.fromisoformat(p["date"]), PRIORITY_MONTHS)
        for p in priorities
    )
    object_type = "utility_solution" if number.startswith("2-") else "invention"
    payload: dict[str, Any] = {
        "object_type": object_type,
        "title_vi": title,
        "abstract_vi": abstract,
        "applicants": applicants,
        "inventors": inventors,
        "ipc": ipc,
        "examination_requested": True,
    }
    if pct_in_time:
        payload["pct"] = pct
    if pct_in_time and prio_in_time and priorities:
        payload["priorities"] = [{"kind": "paris", **p} for p in priorities]
    omitted = []
    if not pct_in_time:
        omitted.append(
            f"pct: the 31-month national-phase limit from {earliest} ended "
            f"{add_months(earliest, PCT_ENTRY_MONTHS)}, before the demo filing date"
        )
    if priorities and "priorities" not in payload:
        omitted.append("priorities: the 12-month priority period ended before the demo filing date")
    source = {
        "file": PATENTS,
        "number": number,
        "filing_date": str(original_date),
        "kind": row["Loại đơn"].strip(),
        "status": nfc(row["Trạng thái"]),
        "national_phase_entry": entry,
        "publication": nfc(row["(40) Số công bố và ngày công bố"]),
        "grant": nfc(row["(10) Số bằng và ngày cấp"]),
        "pct": pct,
        "priorities": priorities,
        "ipc_as_registered": nfc(row["(51) Phân loại IPC"]),
        "representative": {"name": agent[0][0], "address": agent[0][1]} if agent else None,
        "omitted": omitted,
        "demo_values": [
            "claims_count",
            "independent_claims",
            "description_pages",
            "examination_requested",
        ],
    }
    return {"payload": payload, "source": source, "agent": agent[0] if agent else None}


def select_inventions(data: Path) -> list[dict[str, Any]]:
    """About 40 inventions: every utility solution, then round-robin by applicant country."""
    ipc_keys = load_ipc_keys(data)
    with (data / PATENTS).open(encoding="utf-8", newline="") as fh:
        rows = sorted(csv.DictReader(fh), key=lambda r: r["ID"])
    claims = _priority_claims(data)
    records = []
    for row in rows:
        rec = invention_record(row, ipc_keys)
        if rec is None:
            continue
        extra = claims.get(rec["source"]["number"])
        if extra is not None:
            rec["source"]["priority_claims_csv"] = extra
        records.append(rec)
    chosen = [r for r in records if r["payload"]["object_type"] == "utility_solution"]
    by_country: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        if r["payload"]["object_type"] == "invention":
            by_country.setdefault(r["payload"]["applicants"][0]["country"], []).append(r)
    queues = sorted(
        by_country.values(), key=lambda q: (-len(q), q[0]["payload"]["applicants"][0]["country"])
    )
    seen_subclass: set[str] = set()
    while len(chosen) < INVENTIONS_WANTED and any(queues):
        for q in queues:
            if not q or len(chosen) >= INVENTIONS_WANTED:
                continue
            # Prefer a record whose first IPC subclass is new, for a varied demo.
            pick = next((r for r in q if r["payload"]["ipc"][0][:4] not in seen_subclass), q[0])
            q.remove(pick)
            seen_subclass.add(pick["payload"]["ipc"][0][:4])
            chosen.append(pick)
    chosen.sort(key=lambda r: r["source"]["number"])
    for i, r in enumerate(chosen):
        claims_count, independent = DEMO_CLAIMS[i % len(DEMO_CLAIMS)]
        r["payload"]["claims_count"] = claims_count
        r["payload"]["independent_claims"] = independent
        r["payload"]["description_pages"] = 1  # the generated demo description is one page
    return chosen


def _priority_claims(data: Path) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    with (data / PRIORITY_CLAIMS).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if not row["Priority Country WipoPublish"].strip():
                continue
            out.setdefault(row["ID"].strip(), []).append(
                {
                    "office": row["Priority Country WipoPublish"].strip(),
                    "number": nfc(row["Priority No. WipoPublish"]),
                    "date": row["Priority Date WipoPublish"].strip(),
                }
            )
    return out


NICE_START = re.compile(r"(?:^|(?<=[.;:\]\)])\s*|\s)(\d{1,2})\s+(?=[^\d\s])")


def parse_nice(text: str) -> list[dict[str, Any]]:
    """``35 Mua bán …. 40 Lắp ráp …`` -> [{"class": 35, "goods": [...]}], in register order."""
    text = nfc(text)
    starts = [m for m in NICE_START.finditer(text) if 1 <= int(m[1]) <= 45]
    out: list[dict[str, Any]] = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        body = text[m.end() : end].strip().rstrip(".;, ").strip()
        goods = [nfc(g).rstrip(".") for g in body.split(";")]
        goods = [g for g in goods if g.strip(" .")]
        if goods:
            out.append({"class": int(m[1]), "goods": goods})
    return out


def parse_owner(field: str) -> tuple[str, str, str | None]:
    """The first owner listed in ``(730)``, and any further dated entry as registered."""
    first = re.split(r"\s\(VI\)\s", " " + nfc(field))[1]
    name, _, address = first.partition(" : ")
    m = re.search(r"\s\(VI\)\s(.*?)(?:\(VN\))?\s:\s(.*?)\s(\d\d/\d\d/\d{4})$", nfc(field))
    other = f"{m[1]} : {m[2]} ({m[3]})" if m else None
    return strip_vi(name), nfc(address), other


def trademark_records(data: Path) -> list[dict[str, Any]]:
    """Every trademark in the WIPO Publish extracts that has a mark text and Nice goods."""
    out = []
    for rel in TRADEMARKS:
        items = json.loads((data / rel).read_text(encoding="utf-8"))
        for item in items:
            rec = _trademark(item, rel)
            if rec is not None:
                out.append(rec)
    out.sort(key=lambda r: r["source"]["number"])
    return out


def _trademark(item: dict[str, str], rel: str) -> dict[str, Any] | None:
    raw_mark = strip_vi(item.get("(541) Nhãn hiệu", ""))
    nice = parse_nice(item.get("(511) Nhóm sản phẩm/dịch vụ", ""))
    owner = item.get("(730) Chủ đơn/Chủ bằng", "")
    if not raw_mark or not nice or not owner.strip():
        return None
    # Register notes in brackets (transliteration, meaning) are not part of the mark.
    mark = nfc(re.sub(r"\s*\[[^\]]*\]", "", raw_mark))
    m = re.match(
        r"VN\s*-?(\d-\d{4}-\d{5})\s+(\d\d\.\d\d\.\d{4})", nfc(item["(200) Số đơn và Ngày nộp đơn"])
    )
    if not m:
        return None
    number, filed = m[1], vi_date(m[2])
    name, address, other_owner = parse_owner(owner)
    country = country_code(address) or "VN"
    kind = "legal" if VN_LEGAL_WORDS.search(name) or LEGAL_WORDS.search(name) else "natural"
    agent = split_people(item.get("(740) Đại diện SHCN", "").replace(" : ", "   : "))
    vienna = re.findall(r"(\d\d\.\d\d\.\d\d)\s*\(\d+\)", item.get("(531) Phân loại hình", ""))
    kind550 = item.get("(550) Kiểu của mẫu nhãn(hình/chữ/kết hợp)", "").strip().lower()
    mark_kind = {"combined": "combined", "word": "word", "figurative": "figurative"}.get(
        kind550, "combined"
    )
    payload: dict[str, Any] = {
        "object_type": "trademark",
        "trademark_kind": "individual",
        "title_vi": mark,
        "applicants": [{"name": name, "address": address, "country": country, "kind": kind}],
        "nice": nice,
        "vienna": list(dict.fromkeys(vienna)),
        "mark": {
            "text": mark,
            "kind": mark_kind,
            "colours": nfc(item.get("(591) Màu sắc nhãn hiệu", "")).rstrip("."),
        },
    }
    source = {
        "file": rel.replace("\\", "/"),
        "number": number,
        "filing_date": str(filed),
        "kind": nfc(item.get("Loại đơn", "")),
        "status": nfc(item.get("Trạng thái", "")),
        "mark_as_registered": raw_mark,
        "goods_as_registered": nfc(item.get("(511) Nhóm sản phẩm/dịch vụ", "")),
        "disclaimer": nfc(item.get("(526) Yếu tố loại trừ", "")),
        "grant": nfc(item.get("(100) Số bằng và ngày cấp", "")),
        "publication": nfc(item.get("(400) Số công bố và ngày công bố", "")),
        "owner_as_registered": nfc(owner),
        "other_owner_entry": other_owner,
        "representative": {"name": agent[0][0], "address": agent[0][1]} if agent else None,
        "omitted": ["mark image: not in the extract; the mark is filed by its text"],
    }
    return {"payload": payload, "source": source, "agent": agent[0] if agent else None}


ILLUSTRATIVE = (
    "Illustrative re-filing of public register facts: a geographical indication registered in"
    " Viet Nam. The name, product and holder of the registration right are public facts; the"
    " filing itself, its date and the specification text are demo material."
)

GEOGRAPHICAL_INDICATIONS: list[dict[str, Any]] = [
    {
        "payload": {
            "object_type": "geographical_indication",
            "title_vi": "Phú Quốc cho sản phẩm nước mắm",
            "abstract_vi": "Chỉ dẫn địa lý “Phú Quốc” cho sản phẩm nước mắm được sản xuất trên"
            " đảo Phú Quốc từ cá cơm và muối theo phương pháp ủ chượp truyền thống.",
            "applicants": [
                {
                    "name": "Ủy ban nhân dân tỉnh An Giang",
                    "address": "tỉnh An Giang, Việt Nam",
                    "country": "VN",
                    "kind": "legal",
                }
            ],
            "nice": [{"class": 30, "goods": ["Nước mắm"]}],
        },
        "source": {
            "file": None,
            "number": "gi:phu-quoc",
            "filing_date": None,
            "illustrative": True,
            "note": ILLUSTRATIVE,
            "facts": [
                "“Phú Quốc” for fish sauce (nước mắm) is a geographical indication protected"
                " in Viet Nam, the first registered in the country (2001, as an appellation"
                " of origin).",
                "Phú Quốc was in Kiên Giang province; since 1 July 2025 Kiên Giang is part of"
                " An Giang province (see indices/vietnam/vn_63_to_34_mapping_taliacao.csv),"
                " so a filing today would be made by the People's Committee of An Giang.",
                "Fish sauce is a condiment, Nice class 30.",
            ],
        },
    },
    {
        "payload": {
            "object_type": "geographical_indication",
            "title_vi": "Buôn Ma Thuột cho sản phẩm cà phê nhân",
            "abstract_vi": "Chỉ dẫn địa lý “Buôn Ma Thuột” cho sản phẩm cà phê nhân (cà phê"
            " vối, Coffea canephora) được trồng và chế biến tại vùng Buôn Ma Thuột, tỉnh"
            " Đắk Lắk.",
            "applicants": [
                {
                    "name": "Ủy ban nhân dân tỉnh Đắk Lắk",
                    "address": "tỉnh Đắk Lắk, Việt Nam",
                    "country": "VN",
                    "kind": "legal",
                }
            ],
            "nice": [{"class": 30, "goods": ["Cà phê nhân"]}],
        },
        "source": {
            "file": None,
            "number": "gi:buon-ma-thuot",
            "filing_date": None,
            "illustrative": True,
            "note": ILLUSTRATIVE,
            "facts": [
                "“Buôn Ma Thuột” for coffee (cà phê) is a geographical indication registered"
                " in Viet Nam (2005).",
                "Đắk Lắk province absorbed Phú Yên on 1 July 2025 and keeps the name Đắk Lắk"
                " (see indices/vietnam/vn_63_to_34_mapping_taliacao.csv).",
                "Coffee is Nice class 30.",
            ],
        },
    },
]

SYNTHETIC_APPLICANT = {
    "name": "Công ty TNHH Dữ liệu Minh họa (dữ liệu giả lập)",
    "address": "Địa chỉ minh họa, Hà Nội, Việt Nam",
    "country": "VN",
    "kind": "legal",
}
SYNTHETIC_NOTE = (
    "SYNTHETIC: no real record of this object type is in the shared data; this example was"
    " written for the demo and describes no real application, applicant or designer."
)

SYNTHETIC: list[dict[str, Any]] = [
    {
        "payload": {
            "object_type": "industrial_design",
            "title_vi": "Chai đựng nước mắm (ví dụ giả lập)",
            "abstract_vi": "Kiểu dáng chai thủy tinh thân trụ, vai tròn, cổ ngắn, nắp vặn."
            " Ví dụ giả lập dùng cho bản trình diễn.",
            "applicants": [SYNTHETIC_APPLICANT],
            "inventors": [
                {
                    "name": "Nhà thiết kế Minh họa (giả lập)",
                    "address": "Hà Nội, Việt Nam",
                    "country": "VN",
                    "kind": "natural",
                }
            ],
            "locarno": ["09-01"],
            "designs_count": 1,
        },
        "source": {
            "file": None,
            "number": "synthetic:design-1",
            "filing_date": None,
            "synthetic": True,
            "note": SYNTHETIC_NOTE,
        },
    },
    {
        "payload": {
            "object_type": "layout_design",
            "title_vi": "Thiết kế bố trí mạch tích hợp điều khiển đèn LED (ví dụ giả lập)",
            "abstract_vi": "Thiết kế bố trí mạch tích hợp điều khiển dòng cho đèn LED. Ví dụ"
            " giả lập dùng cho bản trình diễn.",
            "applicants": [SYNTHETIC_APPLICANT],
            "inventors": [
                {
                    "name": "Tác giả Minh họa (giả lập)",
                    "address": "Hà Nội, Việt Nam",
                    "country": "VN",
                    "kind": "natural",
                }
            ],
        },
        "source": {
            "file": None,
            "number": "synthetic:layout-1",
            "filing_date": None,
            "synthetic": True,
            "note": SYNTHETIC_NOTE,
        },
    },
]


def assign_parties(records: list[dict[str, Any]]) -> None:
    """Licence numbers for agents and customer numbers for self-filing owners (demo values)."""
    firms = Counter(r["agent"][0] for r in records if r.get("agent"))
    licences = {}
    for i, (firm, _) in enumerate(sorted(firms.items(), key=lambda kv: (-kv[1], kv[0])), 1):
        licences[firm] = DEMO_LICENCE.format(i)
    owners: Counter[str] = Counter()
    order: dict[str, int] = {}
    for i, r in enumerate(records):
        p = r["payload"]
        if r.get("agent") is None and p["applicants"][0]["country"] == "VN":
            owners[p["applicants"][0]["name"]] += 1
            order.setdefault(p["applicants"][0]["name"], i)
    # Real trademark owners first (the most filings first), then GI holders, then synthetic.
    tier = {
        r["payload"]["applicants"][0]["name"]: int(bool(r["source"].get("illustrative")))
        + 2 * int(bool(r["source"].get("synthetic")))
        for r in records
    }
    ranked = sorted(owners, key=lambda n: (tier[n], -owners[n], order[n]))
    customers = {name: DEMO_CUSTOMER.format(i) for i, name in enumerate(ranked, 1)}
    for r in records:
        p = r["payload"]
        if r.get("agent"):
            firm, _ = r["agent"]
            p["representative"] = {"licence_number": licences[firm]}
            r["source"]["representative"]["licence_number"] = licences[firm]
            r["source"]["representative"]["licence_number_is_demo"] = True
        else:
            first = p["applicants"][0]
            if first["name"] in customers:
                first["customer_number"] = customers[first["name"]]


def build(data: Path) -> list[dict[str, Any]]:
    """All demo filings, in filing order."""
    records = select_inventions(data) + trademark_records(data)
    records += [json.loads(json.dumps(r)) for r in GEOGRAPHICAL_INDICATIONS + SYNTHETIC]
    assign_parties(records)
    out = []
    for r in records:
        item = dict(r["payload"])
        item["_source"] = r["source"]
        out.append(item)
    return _nfc_tree(out)


def _nfc_tree(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc_tree(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc_tree(v) for k, v in value.items()}
    return value


def _validate(items: list[dict[str, Any]]) -> None:
    """Check every payload against the API's schema when the package is importable."""
    try:
        sys.path.insert(0, str(ROOT / "src"))
        from sangtao.office.filing.schemas import FilingIn
    except Exception as exc:  # noqa: BLE001 - the build must not need Django set up
        sys.stderr.write(f"schema check skipped: {exc}\n")
        return
    for item in items:
        FilingIn.model_validate({k: v for k, v in item.items() if k != "_source"})


def main(argv: list[str] | None = None) -> int:
    """Write ``filings.json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    items = build(args.data)
    _validate(items)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts = Counter(i["object_type"] for i in items)
    sys.stdout.write(f"wrote {len(items)} filings to {args.out}: {dict(sorted(counts.items()))}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
