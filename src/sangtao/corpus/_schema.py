"""The normalised patent-document schema: one row per published document.

Every reader yields :class:`PatentRecord` dictionaries with exactly these keys; the ingest
writes them to Parquet with :data:`SCHEMA`. Text is kept exactly as published (markup removed,
NFC), one entry per language, so that search can index each language with its own analyser.
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

import pyarrow as pa

__all__ = [
    "SCHEMA",
    "Citation",
    "LangText",
    "Party",
    "PatentRecord",
    "Priority",
    "empty_record",
]


class LangText(TypedDict):
    """A text in one language: ``lang`` is an ISO 639-1 code (``"en"``, ``"vi"``) or ``None``."""

    lang: str | None
    text: str


class Party(TypedDict):
    """An applicant or inventor: the name as published and an ST.3 country code where given."""

    name: str
    country: str | None


class Priority(TypedDict):
    """A priority claim (Paris Convention): office (ST.3), number as written, filing date."""

    office: str | None
    number: str
    date: dt.date | None


class Citation(TypedDict):
    """A cited document (patent or non-patent literature).

    ``cited_by`` is ``"examiner"``, ``"applicant"``, ``"third-party"`` or ``"other"``;
    ``category`` the search-report relevance (ST.14: ``"X"``, ``"Y"``, ``"A"``, …) where given.
    For patent literature ``doc_id`` is in the corpus form (``"US-5825759-A"``); for
    non-patent literature only ``text`` is set.
    """

    doc_id: str | None
    office: str | None
    number: str | None
    kind: str | None
    date: dt.date | None
    text: str | None
    cited_by: str | None
    category: str | None


class PatentRecord(TypedDict):
    """One published patent document in the corpus schema; see :data:`SCHEMA` for each field."""

    doc_id: str
    office: str
    number: str
    kind: str | None
    publication_date: dt.date | None
    application_office: str | None
    application_number: str | None
    application_date: dt.date | None
    earliest_priority_date: dt.date | None
    titles: list[LangText]
    abstracts: list[LangText]
    claims: list[LangText]
    descriptions: list[LangText]
    ipc: list[str]
    ipc_raw: list[str]
    cpc: list[str]
    cpc_raw: list[str]
    applicants: list[Party]
    inventors: list[Party]
    priorities: list[Priority]
    citations: list[Citation]
    family_id: str
    source_format: str
    source_file: str
    source_line: int | None
    source_sha256: str


_LANG_TEXT = pa.list_(pa.struct([("lang", pa.string()), ("text", pa.string())]))
_PARTY = pa.list_(pa.struct([("name", pa.string()), ("country", pa.string())]))

SCHEMA = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False).with_metadata(
            {
                "doc": "OFFICE-NUMBER-KIND (ST.3 office, number as below, ST.16 kind), "
                "e.g. US-8930553-B2; OFFICE-NUMBER when the kind is not known"
            }
        ),
        pa.field("office", pa.string(), nullable=False).with_metadata(
            {"doc": "publishing office, ST.3 two-letter code (WO and EP included)"}
        ),
        pa.field("number", pa.string(), nullable=False).with_metadata(
            {
                "doc": "publication number in ST.13-style canonical form: no spaces, slashes or "
                "commas; US grant numbers without leading zeros (8930553, D680087); US "
                "applications as YYYYNNNNNNN; EP seven digits; WO YYYYNNNNNN"
            }
        ),
        pa.field("kind", pa.string()).with_metadata(
            {"doc": "ST.16 kind code (A1, B2, S1…); null where the source does not give it"}
        ),
        pa.field("publication_date", pa.date32()),
        pa.field("application_office", pa.string()).with_metadata(
            {"doc": "ST.3 office of the application (WO for PCT applications)"}
        ),
        pa.field("application_number", pa.string()).with_metadata(
            {"doc": "application number, canonical form (letters and digits only)"}
        ),
        pa.field("application_date", pa.date32()),
        pa.field("earliest_priority_date", pa.date32()).with_metadata(
            {"doc": "earliest priority date; the application date when nothing is claimed"}
        ),
        pa.field("titles", _LANG_TEXT).with_metadata({"doc": "[{lang, text}], NFC"}),
        pa.field("abstracts", _LANG_TEXT).with_metadata({"doc": "[{lang, text}], NFC"}),
        pa.field("claims", _LANG_TEXT).with_metadata(
            {"doc": "[{lang, text}]: all claims of one language, one claim per paragraph"}
        ),
        pa.field("descriptions", _LANG_TEXT).with_metadata(
            {"doc": "[{lang, text}]: the description, paragraphs separated by blank lines"}
        ),
        pa.field("ipc", pa.list_(pa.string())).with_metadata(
            {"doc": "IPC symbols in display form (H04W 4/02) via sangtao.standards"}
        ),
        pa.field("ipc_raw", pa.list_(pa.string())).with_metadata(
            {"doc": "IPC values that could not be parsed, kept as written"}
        ),
        pa.field("cpc", pa.list_(pa.string())).with_metadata(
            {"doc": "CPC symbols in display form (A61K 2039/505)"}
        ),
        pa.field("cpc_raw", pa.list_(pa.string())),
        pa.field("applicants", _PARTY).with_metadata(
            {"doc": "[{name, country}] applicants or assignees/owners, as published"}
        ),
        pa.field("inventors", _PARTY),
        pa.field(
            "priorities",
            pa.list_(
                pa.struct([("office", pa.string()), ("number", pa.string()), ("date", pa.date32())])
            ),
        ).with_metadata({"doc": "[{office, number (as written), date}]"}),
        pa.field(
            "citations",
            pa.list_(
                pa.struct(
                    [
                        ("doc_id", pa.string()),
                        ("office", pa.string()),
                        ("number", pa.string()),
                        ("kind", pa.string()),
                        ("date", pa.date32()),
                        ("text", pa.string()),
                        ("cited_by", pa.string()),
                        ("category", pa.string()),
                    ]
                )
            ),
        ).with_metadata({"doc": "cited documents with cited_by and X/Y/A category"}),
        pa.field("family_id", pa.string(), nullable=False).with_metadata(
            {"doc": "simple family: F- and a hash of the set of priority keys (see families)"}
        ),
        pa.field("source_format", pa.string(), nullable=False),
        pa.field("source_file", pa.string(), nullable=False),
        pa.field("source_line", pa.int64()).with_metadata(
            {"doc": "1-based line in source_file where the record starts"}
        ),
        pa.field("source_sha256", pa.string(), nullable=False),
    ],
    metadata={"doc": "sangtao.corpus patent documents, schema version 1"},
)
"""The Parquet schema of the corpus (schema version 1); each field carries a ``doc`` note."""


def empty_record() -> PatentRecord:
    """Return a record with every list empty and every scalar unset, for readers to fill."""
    return PatentRecord(
        doc_id="",
        office="",
        number="",
        kind=None,
        publication_date=None,
        application_office=None,
        application_number=None,
        application_date=None,
        earliest_priority_date=None,
        titles=[],
        abstracts=[],
        claims=[],
        descriptions=[],
        ipc=[],
        ipc_raw=[],
        cpc=[],
        cpc_raw=[],
        applicants=[],
        inventors=[],
        priorities=[],
        citations=[],
        family_id="",
        source_format="",
        source_file="",
        source_line=None,
        source_sha256="",
    )
