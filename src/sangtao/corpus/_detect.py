"""Which bulk format a file holds, judged from its first bytes, and the reader for it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from ._aps import read_aps
from ._epo import read_epo_tsv
from ._errors import Issue, UnknownFormatError
from ._ipvn import read_ipvn_csv
from ._lens import read_lens_csv, read_lens_jsonl
from ._patentscope import read_patentscope_csv
from ._reader import Item, read_xml_documents
from ._schema import PatentRecord
from ._st96 import extract_st96
from ._uspto_legacy import extract_pap, extract_st32
from ._uspto_xml import extract_st36

__all__ = ["FORMATS", "detect_format", "iter_items", "read_records"]

FORMATS: dict[str, str] = {
    "uspto-grant-xml": "USPTO full-text grants, XML v4 (ipg, 2005–)",
    "uspto-application-xml": "USPTO full-text applications, XML v4 (ipa, 2005–)",
    "uspto-sgml": "USPTO full-text grants, ST.32 SGML/XML v2.4–2.5 (2001–2004)",
    "uspto-pap": "USPTO full-text applications, PAP XML v1.5–1.6 (2001–2004)",
    "uspto-aps": "USPTO APS green-book text (grants 1976–2001)",
    "st36": "WIPO ST.36 patent document XML (EPO and other offices)",
    "st96": "WIPO ST.96 patent publication XML",
    "epo-tsv": "EPO full-text data for text analytics (TSV)",
    "lens-csv": "Lens.org CSV export",
    "lens-jsonl": "Lens.org JSON lines",
    "patentscope-csv": "WIPO PATENTSCOPE CSV export",
    "ipvn-csv": "IP Viet Nam WIPO Publish patent records (CSV)",
}
"""Supported formats: name → description."""

_ROOT = re.compile(rb"<(?!\?|!)([\w.:-]+)")
_EPO_PARTS = (b"\tTITLE\t", b"\tABSTR\t", b"\tDESCR\t", b"\tCLAIM\t", b"\tPDFEP\t", b"\tAMEND\t")
_XML_ROOTS = {
    b"us-patent-grant": "uspto-grant-xml",
    b"us-patent-application": "uspto-application-xml",
    b"PATDOC": "uspto-sgml",
    b"patent-application-publication": "uspto-pap",
    b"patent-document": "st36",
    b"ep-patent-document": "st36",
    b"wo-patent-document": "st36",
}


def _xml_root(head: bytes) -> bytes | None:
    body = re.sub(rb"<!--.*?-->", b"", head, flags=re.S)
    body = re.sub(rb"<!DOCTYPE[^\[>]*(\[.*?\])?\s*>", b"", body, flags=re.S)
    m = _ROOT.search(body)
    return m[1] if m else None


def detect_format(path: Path | str) -> str:
    """Return the format name (a key of :data:`FORMATS`) of a file, from its content.

    Parameters
    ----------
    path
        The file. Its first 64 KiB are read; the name is not used.

    Raises
    ------
    UnknownFormatError
        If the content matches no supported format.
    """
    path = Path(path)
    with path.open("rb") as stream:
        head = stream.read(1 << 16)
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"PK\x03\x04"):
        raise UnknownFormatError(f"{path}: a ZIP archive; unpack it first")
    if text.startswith(b"PATN"):
        return "uspto-aps"
    if text.startswith(b"<"):
        root = _xml_root(text)
        if root is None:
            raise UnknownFormatError(f"{path}: XML without a root element in its first 64 KiB")
        local = root.rsplit(b":", 1)[-1]
        if local in _XML_ROOTS:
            return _XML_ROOTS[local]
        if local.endswith(b"PatentPublication"):
            return "st96"
        raise UnknownFormatError(f"{path}: unsupported XML root <{root.decode(errors='replace')}>")
    if text.startswith(b"{") and (b'"lensId"' in text or b'"publicationKey"' in text):
        return "lens-jsonl"
    first = re.split(rb"\r\n|\r|\n", text, maxsplit=1)[0]
    if first.count(b"\t") >= 6 and any(part in first for part in _EPO_PARTS):
        return "epo-tsv"
    if b"Publication Number" in first and b"Priority Data" in first:
        return "patentscope-csv"
    if (
        b"Jurisdiction" in first and b"Publication Number" in first
    ) or b"applicants_use_me" in first:
        return "lens-csv"
    if first.startswith(b"ID,") and (b"(20)" in first or b"WipoPublish" in first):
        return "ipvn-csv"
    raise UnknownFormatError(f"{path}: content matches no supported patent format")


_READERS: dict[str, Callable[[Path], Iterator[Item]]] = {
    "uspto-grant-xml": partial(read_xml_documents, fmt="uspto-grant-xml", extract=extract_st36),
    "uspto-application-xml": partial(
        read_xml_documents, fmt="uspto-application-xml", extract=extract_st36
    ),
    "uspto-sgml": partial(read_xml_documents, fmt="uspto-sgml", extract=extract_st32),
    "uspto-pap": partial(read_xml_documents, fmt="uspto-pap", extract=extract_pap),
    "uspto-aps": read_aps,
    "st36": partial(read_xml_documents, fmt="st36", extract=extract_st36),
    "st96": partial(read_xml_documents, fmt="st96", extract=extract_st96),
    "epo-tsv": read_epo_tsv,
    "lens-csv": read_lens_csv,
    "lens-jsonl": read_lens_jsonl,
    "patentscope-csv": read_patentscope_csv,
    "ipvn-csv": read_ipvn_csv,
}


def iter_items(path: Path, fmt: str | None = None) -> Iterator[Item]:
    """Yield the records and issues of one file (the format detected unless given)."""
    fmt = fmt or detect_format(path)
    if fmt not in _READERS:
        raise UnknownFormatError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    return _READERS[fmt](path)


def read_records(
    path: Path | str,
    *,
    format: str | None = None,  # noqa: A002 - the word users expect
    on_issue: Callable[[Issue], None] | None = None,
) -> Iterator[PatentRecord]:
    """Stream the documents of one bulk file as :class:`PatentRecord` dictionaries.

    Parameters
    ----------
    path
        A file in one of the :data:`FORMATS`.
    format
        The format name; detected from the content when omitted.
    on_issue
        Called with each :class:`Issue` (records skipped or repaired); by default issues
        are dropped.

    Yields
    ------
    PatentRecord
        One per document, in file order; memory holds one document at a time.

    Raises
    ------
    UnknownFormatError
        If the format cannot be detected.
    """
    for item in iter_items(Path(path), format):
        if isinstance(item, Issue):
            if on_issue is not None:
                on_issue(item)
        else:
            yield item
