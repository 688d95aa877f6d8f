"""The analytical patent corpus: bulk formats in, one normalised Parquet schema out.

A plain library: it imports no Django and, of ``sangtao``, only :mod:`sangtao.standards`.

Reading
    :func:`read_records` streams the documents of one bulk file as :class:`PatentRecord`
    dictionaries (one :data:`SCHEMA` row each); :func:`detect_format` tells the format from
    the content; :data:`FORMATS` lists the formats read: USPTO full-text XML (grants and
    applications, v4), ST.32 SGML-derived grants, PAP applications and APS green-book text;
    WIPO ST.36 and ST.96 XML; the EPO full-text TSV; Lens.org CSV and JSON lines; PATENTSCOPE
    CSV; IP Viet Nam's WIPO Publish records.
Storing
    :func:`ingest` writes files into a corpus folder (Parquet partitions, a manifest of file
    SHA-256s, families), in bounded memory, skipping and reporting bad records
    (:class:`Issue`), idempotent; it returns an :class:`IngestReport`.
Querying
    :func:`open_corpus` gives a DuckDB connection with the views ``documents`` (one row per
    ``doc_id``), ``documents_all`` and ``families``; :func:`stats` counts documents by office,
    year, kind, format and text language; :func:`families` lists simple families.
Numbers and families
    :func:`canonical_number`, :func:`doc_id_of` and :func:`family_key` are the rules the
    readers apply.

Errors are :class:`CorpusError` (a :class:`ValueError`) and its :class:`UnknownFormatError`
and :class:`RecordError`.
"""

from ._detect import FORMATS, detect_format, read_records
from ._errors import CorpusError, Issue, RecordError, UnknownFormatError
from ._ingest import FileReport, IngestReport, Progress, ingest
from ._norm import canonical_number, doc_id_of, family_key
from ._schema import SCHEMA, Citation, LangText, Party, PatentRecord, Priority
from ._store import CorpusStats, families, open_corpus, stats

__all__ = [
    "FORMATS",
    "SCHEMA",
    "Citation",
    "CorpusError",
    "CorpusStats",
    "FileReport",
    "IngestReport",
    "Issue",
    "LangText",
    "Party",
    "PatentRecord",
    "Priority",
    "Progress",
    "RecordError",
    "UnknownFormatError",
    "canonical_number",
    "detect_format",
    "doc_id_of",
    "families",
    "family_key",
    "ingest",
    "open_corpus",
    "read_records",
    "stats",
]
