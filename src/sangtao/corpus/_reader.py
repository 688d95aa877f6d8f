"""What every reader shares: the record/issue stream and the loop over XML documents."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

from sangtao.standards import XmlError

from ._errors import CorpusError, Issue
from ._norm import finish_record
from ._schema import PatentRecord
from ._textfile import csv_rows
from ._xmltools import parse_document, split_documents

__all__ = ["Item", "read_csv_table", "read_xml_documents", "stamp"]

_NOT_DOCUMENTS = frozenset({"sequence-cwu"})  # sequence listings interleaved in USPTO files

Item = PatentRecord | Issue
"""A reader yields records, and issues for the records it skipped or repaired."""


def stamp(record: PatentRecord, fmt: str, path: Path, line: int | None) -> PatentRecord:
    """Set the provenance fields of a record and finish it (:func:`finish_record`)."""
    record["source_format"] = fmt
    record["source_file"] = str(path)
    record["source_line"] = line
    return finish_record(record)


def read_xml_documents(
    path: Path, fmt: str, extract: Callable[[ET.Element], PatentRecord]
) -> Iterator[Item]:
    """Yield the records of a file of one or more concatenated XML documents.

    Each document is parsed on its own, so a truncated or unsafe document is reported with
    its line and the next one is read.
    """
    with path.open("rb") as stream:
        for line, data in split_documents(stream):
            if not data:
                yield Issue(str(path), line, "error", "XML document too large, skipped")
                continue
            try:
                root = parse_document(data)
                if root.tag in _NOT_DOCUMENTS:
                    continue
                record = extract(root)
                yield stamp(record, fmt, path, line)
            except XmlError as exc:
                inner: int | None = getattr(exc, "line", None)
                where = line + inner - 1 if inner else line
                yield Issue(str(path), where, "error", f"{exc}; document skipped")
            except CorpusError as exc:
                yield Issue(str(path), line, "error", f"{exc}; document skipped")


def read_csv_table(
    path: Path,
    fmt: str,
    to_record: Callable[[dict[str, str]], PatentRecord],
    *,
    check_header: Callable[[list[str]], Issue | None] | None = None,
    skip_blank: bool = True,
    report_repairs: bool = True,
) -> Iterator[Item]:
    """Yield the records of a CSV export with a header row, one per row.

    Rows whose cell count differs from the header's, and rows ``to_record`` rejects, become
    error issues; lines that were not UTF-8 become warnings (when ``report_repairs``).
    ``check_header`` may return an issue that stops the file (a table of the wrong kind).
    """
    repaired: list[int] = []
    header: list[str] | None = None
    rows = csv_rows(path, on_repair=repaired.append if report_repairs else None)
    for line, row in rows:
        if header is None:
            header = [h.strip() for h in row]
            stop = check_header(header) if check_header else None
            if stop is not None:
                yield stop
                return
            continue
        if skip_blank and not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield Issue(
                str(path), line, "error", f"{len(row)} cells for {len(header)} columns; row skipped"
            )
            continue
        try:
            yield stamp(to_record(dict(zip(header, row, strict=True))), fmt, path, line)
        except CorpusError as exc:
            yield Issue(str(path), line, "error", f"{exc}; row skipped")
    for lineno in repaired:
        yield Issue(
            str(path), lineno, "warning", "line is not UTF-8; read as Windows-1252 (Latin-1)"
        )
