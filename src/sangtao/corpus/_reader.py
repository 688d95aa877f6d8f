"""What every reader shares: the record/issue stream and the loop over XML documents."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

from sangtao.standards import XmlError

from ._errors import CorpusError, Issue
from ._norm import finish_record
from ._schema import PatentRecord
from ._xmltools import parse_document, split_documents

__all__ = ["Item", "read_xml_documents", "stamp"]

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
