"""WIPO PATENTSCOPE result-list CSV exports (bibliographic only).

Columns: ``Publication Number`` (office and number, no kind: ``US20090208610``),
``Publication Date`` (``dd.mm.yyyy``), ``Title``, ``Priority Data``
(``[number date office, …]``, the date ``dd.mm.yyyy`` or ISO with a time), ``IPC``,
``Applicants``, ``Inventors`` (``;``-separated); ``NA`` marks an empty cell. The export has no
kind code, so ``doc_id`` is ``OFFICE-NUMBER``.

References
----------
WIPO, *PATENTSCOPE user's guide*, "Download result list".
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ._errors import CorpusError
from ._norm import clean_text, lang_text, normalize_classes, office_code, parse_date
from ._reader import Item, read_csv_table
from ._schema import Party, PatentRecord, Priority, empty_record

__all__ = ["read_patentscope_csv"]


def _cell(row: dict[str, str], name: str) -> str:
    value = (row.get(name) or "").strip()
    return "" if value == "NA" else value


def _priorities(value: str) -> list[Priority]:
    """``[number date OFFICE, …]``, or ``[OFFICE yyyymmdd number]`` in some rows."""
    out = []
    for item in value.strip("[] ").split(", "):
        parts = item.strip().split(" ")
        if len(parts) < 3:
            continue
        if len(parts[0]) == 2 and parts[0].isalpha() and parse_date(parts[1]):
            office, date, number = parts[0], parts[1], " ".join(parts[2:])
        else:
            number, date, office = " ".join(parts[:-2]), parts[-2], parts[-1]
        if number:
            out.append(Priority(office=office_code(office), number=number, date=parse_date(date)))
    return out


def _record(row: dict[str, str]) -> PatentRecord:
    pub = _cell(row, "Publication Number").upper()
    if len(pub) < 3:
        raise CorpusError(f"no publication number ({pub!r})")
    record = empty_record()
    record["office"] = office_code(pub[:2]) or pub[:2]
    record["number"] = pub[2:]
    record["publication_date"] = parse_date(_cell(row, "Publication Date"))
    record["titles"] = lang_text(None, clean_text(_cell(row, "Title")))
    record["priorities"] = _priorities(_cell(row, "Priority Data"))
    record["ipc"], record["ipc_raw"] = normalize_classes(_cell(row, "IPC").split(";"))
    for field, column in (("applicants", "Applicants"), ("inventors", "Inventors")):
        names = [clean_text(n) for n in _cell(row, column).split(";")]
        record[field] = [Party(name=n, country=None) for n in dict.fromkeys(names) if n]  # type: ignore[literal-required]
    return record


def read_patentscope_csv(path: Path, fmt: str = "patentscope-csv") -> Iterator[Item]:
    """Yield the publications of a PATENTSCOPE CSV export."""
    return read_csv_table(path, fmt, _record)
