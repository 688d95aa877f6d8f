"""USPTO APS "green book" full text (grants 1976–2001): tagged text, one ``PATN`` per patent.

Each line is a four-character section name alone (``PATN``, ``INVT``, ``ASSG``, ``PRIR``,
``CLAS``, ``UREF``, ``FREF``, ``OREF``, ``ABST``, ``BSUM``, ``DETD``, ``CLMS``…) or a field
``TAG  value``; lines starting with spaces continue the field above. Read here: number,
dates, title, IPC, inventors, assignees, priorities, citations, abstract, description, claims.

References
----------
USPTO, *Patent Full-Text/APS (Green Book) documentation*, 1976–2001.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ._errors import CorpusError, Issue
from ._norm import (
    canonical_number,
    clean_text,
    doc_id_of,
    lang_text,
    normalize_classes,
    office_code,
    parse_date,
)
from ._reader import Item, stamp
from ._schema import Citation, Party, PatentRecord, Priority, empty_record
from ._textfile import text_lines
from ._uspto_legacy import fixed_width_ipc

__all__ = ["read_aps"]

_KINDS = {"D": "S", "RE": "E", "PP": "P", "H": "H", "T": "I4"}
_TEXT_SECTIONS = {"BSUM", "DETD", "DRWD", "DCLM", "GOVT", "PARN"}

Section = tuple[str, list[tuple[str, str]]]


def _sections(lines: list[str]) -> list[Section]:
    sections: list[Section] = []
    for line in lines:
        if not line.strip():
            continue
        if line.startswith(" ") and sections and sections[-1][1]:
            tag, value = sections[-1][1][-1]
            sections[-1][1][-1] = (tag, value + " " + line.strip())
        elif len(line.rstrip()) == 4 and line[:4].isalnum() and line[:4].isupper():
            sections.append((line[:4], []))
        elif sections:
            sections[-1][1].append((line[:4].strip(), line[5:].strip()))
    return sections


def _first(fields: list[tuple[str, str]], tag: str) -> str:
    return next((v for t, v in fields if t == tag), "")


def _number(wku: str) -> tuple[str, str]:
    body = wku[:-1] if len(wku) == 9 else wku  # the last character is a check digit
    kind = next((k for prefix, k in _KINDS.items() if body.startswith(prefix)), "A")
    return canonical_number("US", body), kind


def _record(lines: list[str]) -> PatentRecord:
    sections = _sections(lines)
    if not sections or sections[0][0] != "PATN":
        raise CorpusError("no PATN section")
    patn = sections[0][1]
    record = empty_record()
    record["office"] = "US"
    record["number"], record["kind"] = _number(_first(patn, "WKU"))
    record["publication_date"] = parse_date(_first(patn, "ISD"))
    apn = _first(patn, "APN")
    record["application_office"] = "US"
    record["application_number"] = (apn[:-1] if len(apn) == 7 else apn) or None
    record["application_date"] = parse_date(_first(patn, "APD"))
    record["titles"] = lang_text("en", clean_text(_first(patn, "TTL")))
    ipc: list[str] = []
    abstract: list[str] = []
    description: list[str] = []
    claims: list[str] = []
    for name, fields in sections[1:]:
        if name == "INVT" or name == "ASSG":
            party = Party(
                name=_first(fields, "NAM").replace("; ", ", "),
                country=office_code(_first(fields, "CNT") or "US"),
            )
            if party["name"]:
                record["inventors" if name == "INVT" else "applicants"].append(party)
        elif name == "PRIR":
            record["priorities"].append(
                Priority(
                    office=office_code(_first(fields, "CNT")),
                    number=_first(fields, "APN"),
                    date=parse_date(_first(fields, "APD")),
                )
            )
        elif name == "CLAS":
            ipc.extend(fixed_width_ipc(v) for t, v in fields if t == "ICL")
        elif name in ("UREF", "FREF"):
            office = "US" if name == "UREF" else office_code(_first(fields, "CNT"))
            number = _first(fields, "PNO")
            if office and number:
                canon = canonical_number(office, number)
                record["citations"].append(
                    Citation(
                        doc_id=doc_id_of(office, canon, None),
                        office=office,
                        number=canon,
                        kind=None,
                        date=parse_date(_first(fields, "ISD")),
                        text=None,
                        cited_by=None,
                        category=None,
                    )
                )
        elif name == "OREF":
            for _, value in fields:
                record["citations"].append(
                    Citation(
                        doc_id=None,
                        office=None,
                        number=None,
                        kind=None,
                        date=None,
                        text=clean_text(value),
                        cited_by=None,
                        category=None,
                    )
                )
        elif name == "ABST":
            abstract.extend(clean_text(v) for t, v in fields if t in ("PAL", "PAR", "PA1"))
        elif name in _TEXT_SECTIONS:
            description.extend(
                clean_text(v) for t, v in fields if t in ("PAR", "PAC", "PA1", "TBL")
            )
        elif name == "CLMS":
            for tag, value in fields:
                if tag == "NUM":
                    claims.append("")
                elif tag.startswith("PA") and claims:
                    claims[-1] = (claims[-1] + " " + clean_text(value)).strip()
    record["ipc"], record["ipc_raw"] = normalize_classes(ipc)
    record["abstracts"] = lang_text("en", "\n\n".join(abstract))
    record["descriptions"] = lang_text("en", "\n\n".join(description))
    record["claims"] = lang_text("en", "\n\n".join(claims))
    return record


def read_aps(path: Path, fmt: str = "uspto-aps") -> Iterator[Item]:
    """Yield the patents of an APS green-book file (one or many ``PATN`` records)."""
    repaired: list[int] = []
    lines: list[str] = []
    start = 1

    def flush() -> Iterator[Item]:
        try:
            yield stamp(_record(lines), fmt, path, start)
        except CorpusError as exc:
            yield Issue(str(path), start, "error", f"{exc}; record skipped")

    for lineno, line in enumerate(text_lines(path, repaired.append), start=1):
        if line.rstrip() == "PATN" and lines:
            yield from flush()
            lines, start = [], lineno
        elif not lines:
            start = lineno
        lines.append(line)
    if any(line.strip() for line in lines):
        yield from flush()
    for lineno in repaired:
        yield Issue(
            str(path), lineno, "warning", "line is not UTF-8; read as Windows-1252 (Latin-1)"
        )
