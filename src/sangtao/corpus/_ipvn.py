"""IP Viet Nam's WIPO Publish patent records (a CSV of the detail pages).

Columns are the INID-labelled fields of the page, in Vietnamese: ``ID`` (the application
number ``1-YYYY-NNNNN``), ``(20)`` application number and date, ``(40)`` publication
(``VN 95737 | A | 26.06.2023``), ``(30)`` priorities (one per line, ``US 61/908,392 |
25.11.2013``), ``(51)`` IPC (``A01N 63/00  (2006.01) | …``), ``(71/73)`` applicants and
``(72)`` inventors (``(VI) NAME   : address, Country`` separated by `` | ``), ``(54)`` title and
``(57)`` abstract, each after a ``(VI)`` language mark. Countries are read from the end of
the address (English or Vietnamese names of ST.3). The cited-documents cell ``(58)`` is free
text and is not read.

A separate priority-claims CSV (``ID``, ``Priority Country WipoPublish``…) repeats column
``(30)``; it is recognised and skipped.

References
----------
IP Viet Nam, WIPO Publish, https://wipopublish.ipvietnam.gov.vn/ ; WIPO ST.9 (INID codes).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from sangtao.standards import nfc, st3_table

from ._errors import CorpusError, Issue
from ._norm import clean_text, lang_text, normalize_classes, office_code, parse_date
from ._reader import Item, read_csv_table
from ._schema import LangText, Party, PatentRecord, Priority, empty_record

__all__ = ["country_from_address", "read_ipvn_csv"]

_LANG_MARK = re.compile(r"^\((\w\w)\)\s*")
_LETTERS = re.compile(r"[^a-zà-ỹđ]")
_ALIASES = {
    "korea": "KR",
    "republicofkorea": "KR",
    "repubicofkorea": "KR",
    "unitedkingdom": "GB",
    "netherlands": "NL",
    "netherland": "NL",
    "unitedstateofamerica": "US",
    "usa": "US",
    "taiwan": "TW",
    "italia": "IT",
}


@lru_cache(maxsize=1)
def _country_names() -> list[tuple[str, str]]:
    names: dict[str, str] = dict(_ALIASES)
    for c in st3_table():
        for name in (c.name_en, c.name_vi):
            if name:
                names[_LETTERS.sub("", nfc(name).lower())] = c.code
    return sorted(names.items(), key=lambda item: -len(item[0]))


def country_from_address(address: str) -> str | None:
    """Return the ST.3 code of the country an address ends with (``"…, Japan"`` → ``"JP"``)."""
    tail = _LETTERS.sub("", nfc(address.rsplit(",", 1)[-1]).lower())
    if not tail:
        return None
    for name, code in _country_names():
        if len(name) >= 4 and tail.endswith(name) or tail == name:
            return code
    return None


def _marked(value: str) -> list[LangText]:
    value = value.strip()
    m = _LANG_MARK.match(value)
    lang = m[1].lower() if m else "vi"
    return lang_text(lang, clean_text(value[m.end() :] if m else value))


def _parties(value: str) -> list[Party]:
    out = []
    for item in value.split(" | "):
        item = _LANG_MARK.sub("", item.strip())
        name, _, address = item.partition(" : ")
        name = clean_text(name)
        if name:
            out.append(Party(name=name, country=country_from_address(address) if address else None))
    return out


def _record(row: dict[str, str]) -> PatentRecord:
    pub = [p.strip() for p in row.get("(40) Số công bố và ngày công bố", "").split("|")]
    if len(pub) < 2 or not pub[0]:
        raise CorpusError(f"{row.get('ID')}: no publication (40)")
    record = empty_record()
    office, _, number = pub[0].partition(" ")
    record["office"] = office_code(office) or office
    record["number"] = number
    record["kind"] = pub[1] or None
    record["publication_date"] = parse_date(pub[2] if len(pub) > 2 else "")
    app = row.get("(20) Số đơn và Ngày nộp đơn", "").split()
    record["application_office"] = office_code(app[0]) if app else None
    record["application_number"] = row.get("ID") or (app[1] if len(app) > 1 else None)
    record["application_date"] = parse_date(app[-1] if len(app) > 2 else "")
    for line in row.get("(30) Chi tiết về dữ liệu ưu tiên", "").splitlines():
        left, _, date = line.partition("|")
        parts = left.split(None, 1)
        if len(parts) == 2:
            record["priorities"].append(
                Priority(
                    office=office_code(parts[0]), number=parts[1].strip(), date=parse_date(date)
                )
            )
    record["ipc"], record["ipc_raw"] = normalize_classes(
        row.get("(51) Phân loại IPC", "").split("|")
    )
    record["cpc"], record["cpc_raw"] = normalize_classes(row.get("Phân loại CPC", "").split("|"))
    record["applicants"] = _parties(row.get("(71/73) Chủ đơn/Chủ bằng", ""))
    record["inventors"] = _parties(row.get("(72) Tác giả sáng chế", ""))
    record["titles"] = _marked(row.get("(54) Tên", ""))
    record["abstracts"] = _marked(row.get("(57) Tóm tắt", ""))
    return record


def read_ipvn_csv(path: Path, fmt: str = "ipvn-csv") -> Iterator[Item]:
    """Yield the publications of a WIPO Publish (IP Viet Nam) patent CSV."""

    def claims_table(header: list[str]) -> Issue | None:
        if "Priority Country WipoPublish" not in header:
            return None
        return Issue(
            str(path),
            1,
            "warning",
            "priority-claims table: its claims are read from the applications file",
        )

    return read_csv_table(
        path, fmt, _record, check_header=claims_table, skip_blank=False, report_repairs=False
    )
