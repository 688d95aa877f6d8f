"""From corpus rows to :class:`IndexDocument`: what search reads of the corpus."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from sangtao.corpus import open_corpus

from ._model import IndexDocument

__all__ = ["corpus_documents", "document_from_record"]

_COLUMNS = (
    "doc_id, office, kind, publication_date, earliest_priority_date, titles, abstracts, "
    "claims, descriptions, ipc, cpc, applicants"
)


def _texts(value: Any) -> tuple[tuple[str | None, str], ...]:
    return tuple((t.get("lang"), t["text"]) for t in value or () if t and t.get("text"))


def document_from_record(record: Mapping[str, Any]) -> IndexDocument:
    """Turn one corpus row (a :class:`sangtao.corpus.PatentRecord`) into an indexed document."""

    def day(value: Any) -> dt.date | None:
        return value if isinstance(value, dt.date) else None

    return IndexDocument(
        doc_id=record["doc_id"],
        office=record.get("office") or "",
        kind=record.get("kind"),
        publication_date=day(record.get("publication_date")),
        priority_date=day(record.get("earliest_priority_date")),
        titles=_texts(record.get("titles")),
        abstracts=_texts(record.get("abstracts")),
        claims=_texts(record.get("claims")),
        descriptions=_texts(record.get("descriptions")),
        ipc=tuple(record.get("ipc") or ()),
        cpc=tuple(record.get("cpc") or ()),
        applicants=tuple(p["name"] for p in record.get("applicants") or () if p.get("name")),
    )


def corpus_documents(corpus_dir: Path | str, batch_size: int = 1000) -> Iterator[IndexDocument]:
    """Stream the de-duplicated documents of a corpus (the ``documents`` view) by ``doc_id``.

    Parameters
    ----------
    corpus_dir
        A folder written by :func:`sangtao.corpus.ingest`.
    batch_size
        Rows fetched from DuckDB at a time (memory stays bounded).
    """
    con = open_corpus(corpus_dir)
    try:
        reader = con.sql(f"SELECT {_COLUMNS} FROM documents ORDER BY doc_id").to_arrow_reader(
            batch_size
        )
        for batch in reader:
            for row in batch.to_pylist():
                yield document_from_record(row)
    finally:
        con.close()
