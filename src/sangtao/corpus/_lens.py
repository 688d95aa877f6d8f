"""Lens.org exports: the CSV of the search page and the JSON-lines of the API and bulk sets.

CSV: one row per publication; multi-valued cells separated by ``;;``; dates ``dd/mm/yy``;
lines may end with a lone CR. A "cleaned" variant (column names in lower case with
underscores, ``; `` separators, ISO-like dates) as produced in the WIPO *Manual on Open
Source Patent Analytics* is read too. JSON lines: one publication per line with
``publicationKey``, ``jurisdiction``, ``kindCode``, ``priorityFilingKeysActive``…

Lens exports give titles without a language; ``lang`` is left empty. They are
bibliographic only (title, classes, parties, priorities; no abstract or claims).

References
----------
The Lens, *Patent export fields*, https://support.lens.org/ ; WIPO, *Manual on Open Source
Patent Analytics* (2nd ed.), chapter on Lens exports.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ._errors import CorpusError, Issue
from ._norm import clean_text, lang_text, normalize_classes, office_code, parse_date, split_pubkey
from ._reader import Item, read_csv_table, stamp
from ._schema import Citation, Party, PatentRecord, Priority, empty_record

__all__ = ["read_lens_csv", "read_lens_jsonl"]


def _split(value: str | None, sep: str) -> list[str]:
    if not value:
        return []
    return [v.strip() for v in value.split(sep) if v.strip()]


def _priority(key: str) -> Priority | None:
    """``"US 201161550506 P 20111024"`` (office, number, kind, date; the date may be absent)."""
    parts = key.split()
    if len(parts) < 2:
        return None
    date = parse_date(parts[-1]) if len(parts) >= 4 else None
    return Priority(office=office_code(parts[0]), number=parts[1], date=date)


def _application(record: PatentRecord, value: str) -> None:
    parts = value.split()
    if len(parts) >= 2:
        record["application_office"] = office_code(parts[0])
        record["application_number"] = parts[1]


def _npl(texts: list[str]) -> list[Citation]:
    return [
        Citation(
            doc_id=None,
            office=None,
            number=None,
            kind=None,
            date=None,
            text=clean_text(t),
            cited_by=None,
            category=None,
        )
        for t in texts
    ]


def _from_csv(row: dict[str, str]) -> PatentRecord:
    record = empty_record()
    pub = row.get("Publication Number") or row.get("publication_number") or ""
    office, number, kind = split_pubkey(pub)
    record["office"] = office_code(row.get("Jurisdiction") or office) or office
    record["number"] = number
    record["kind"] = row.get("Kind") or kind
    record["publication_date"] = parse_date(
        row.get("Publication Date") or row.get("publication_date")
    )
    if row.get("Application Number"):
        _application(record, row["Application Number"])
        record["application_date"] = parse_date(row.get("Application Date"))
    record["titles"] = lang_text(None, clean_text(row.get("Title") or row.get("title")))
    sep = ";;" if "Title" in row else ";"
    record["applicants"] = [
        Party(name=n, country=None)
        for n in _split(row.get("Applicants") or row.get("applicants_use_me"), sep)
    ]
    record["inventors"] = [
        Party(name=n, country=None)
        for n in _split(row.get("Inventors") or row.get("inventors_useme"), sep)
    ]
    priorities = _split(row.get("Priority Numbers") or row.get("priority_numbers"), sep)
    record["priorities"] = [p for key in priorities if (p := _priority(key))]
    record["cpc"], record["cpc_raw"] = normalize_classes(
        _split(row.get("CPC Classifications") or row.get("cpc_codes_useme"), sep)
    )
    record["ipc"], record["ipc_raw"] = normalize_classes(
        _split(row.get("IPCR Classifications") or row.get("ipc_codes"), sep)
    )
    record["citations"] = _npl(
        _split(row.get("Non-Patent Citations") or row.get("non_patent_citations"), sep)
    )
    return record


def read_lens_csv(path: Path, fmt: str = "lens-csv") -> Iterator[Item]:
    """Yield the publications of a Lens.org CSV export."""
    return read_csv_table(path, fmt, _from_csv)


def _from_json(obj: dict[str, Any]) -> PatentRecord:
    record = empty_record()
    office, number, kind = split_pubkey(obj.get("displayKey") or obj.get("publicationKey") or "")
    record["office"] = office_code(obj.get("jurisdiction")) or office
    record["number"] = number
    record["kind"] = obj.get("kindCode") or kind
    record["publication_date"] = parse_date(obj.get("publicationDate"))
    if obj.get("filingNumber"):
        _application(record, obj["filingNumber"])
    record["application_date"] = parse_date(obj.get("filingDate"))
    record["titles"] = lang_text(None, clean_text(obj.get("title")))
    record["applicants"] = [
        Party(name=clean_text(n), country=None) for n in obj.get("applicants") or [] if n
    ]
    record["inventors"] = [
        Party(name=clean_text(n), country=None) for n in obj.get("inventors") or [] if n
    ]
    record["priorities"] = [
        p for key in obj.get("priorityFilingKeysActive") or [] if (p := _priority(key))
    ]
    record["cpc"], record["cpc_raw"] = normalize_classes(obj.get("cpcClassifications") or [])
    record["ipc"], record["ipc_raw"] = normalize_classes(obj.get("ipcrClassifications") or [])
    record["citations"] = _npl(obj.get("nplCitations") or [])
    record["earliest_priority_date"] = parse_date(obj.get("earliestPriorityDate"))
    return record


def read_lens_jsonl(path: Path, fmt: str = "lens-jsonl") -> Iterator[Item]:
    """Yield the publications of a Lens.org JSON-lines file (one JSON object per line)."""
    with path.open("rb") as stream:
        for lineno, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield Issue(str(path), lineno, "error", f"not valid JSON ({exc}); line skipped")
                continue
            if not isinstance(obj, dict):
                yield Issue(str(path), lineno, "error", "not a JSON object; line skipped")
                continue
            try:
                yield stamp(_from_json(obj), fmt, path, lineno)
            except CorpusError as exc:
                yield Issue(str(path), lineno, "error", f"{exc}; line skipped")
