"""EPO "full-text data for text analytics": one TSV line per document, language and part.

Columns: office (``EP``), number (7 digits), kind, publication date, language, part
(``TITLE``, ``ABSTR``, ``DESCR``, ``CLAIM``, ``AMEND``, ``ACSTM``, ``PDFEP``), text. Text parts
are XML fragments (``<p>``, ``<heading>``, ``<claim>``) turned into plain paragraphs here.
The lines of one document follow each other; a document is yielded when the next begins. The
format carries no classification, parties or priorities: records are text only.

References
----------
EPO, *EP full-text data for text analytics*, data description (2019–).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from sangtao.standards import XmlError

from ._errors import CorpusError, Issue
from ._norm import clean_text, lang_text, parse_date
from ._reader import Item, stamp
from ._schema import PatentRecord, empty_record
from ._textfile import text_lines
from ._xmltools import block_texts, parse_document

__all__ = ["read_epo_tsv"]

_PARTS = {"TITLE": "titles", "ABSTR": "abstracts", "DESCR": "descriptions", "CLAIM": "claims"}
_BLOCKS = ("p", "heading", "claim", "li")
_TAG = re.compile(r"<[^>]*>")


def _fragment_text(text: str) -> str:
    if "<" not in text:
        return clean_text(text)
    root = parse_document(b"<part>" + text.encode("utf-8") + b"</part>")
    return block_texts(root, _BLOCKS)


def read_epo_tsv(path: Path, fmt: str = "epo-tsv") -> Iterator[Item]:
    """Yield the documents of an EPO full-text TSV file."""
    key: tuple[str, ...] | None = None
    record: PatentRecord | None = None
    start = 1
    repaired: list[int] = []
    for lineno, line in enumerate(text_lines(path, repaired.append), start=1):
        if not line.strip():
            continue
        cols = line.split("\t", 6)
        if len(cols) != 7:
            yield Issue(
                str(path), lineno, "error", f"expected 7 tab-separated columns, got {len(cols)}"
            )
            continue
        office, number, kind, date, lang, part, text = cols
        if (office, number, kind, date) != key:
            if record is not None:
                try:
                    yield stamp(record, fmt, path, start)
                except CorpusError as exc:
                    yield Issue(str(path), start, "error", f"{exc}; document skipped")
            key, start = (office, number, kind, date), lineno
            record = empty_record()
            record["office"], record["number"], record["kind"] = office, number, kind
            record["publication_date"] = parse_date(date)
        assert record is not None
        field = _PARTS.get(part)
        if field is None:
            continue
        try:
            body = _fragment_text(text)
        except XmlError as exc:
            yield Issue(
                str(path), lineno, "warning", f"{part} is not well-formed ({exc}); tags stripped"
            )
            body = clean_text(_TAG.sub(" ", text))
        record[field].extend(lang_text(lang, body))  # type: ignore[literal-required]
    if record is not None:
        try:
            yield stamp(record, fmt, path, start)
        except CorpusError as exc:
            yield Issue(str(path), start, "error", f"{exc}; document skipped")
    for lineno in repaired:
        yield Issue(
            str(path), lineno, "warning", "line is not UTF-8; read as Windows-1252 (Latin-1)"
        )
