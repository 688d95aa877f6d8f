"""XML plumbing for bulk files: split concatenated documents, parse them safely, read text.

USPTO weekly files are many XML documents one after the other, each with its own
``<?xml …?>`` declaration and ``DOCTYPE``. Older USPTO documents (SGML-derived ST.32 and PAP)
declare their drawings as unparsed entities (``<!ENTITY … SYSTEM "….TIF" NDATA TIF>``) and use
ISO character entities (``&lsquo;``) defined in the external DTD. Both are handled here without
ever expanding a declared entity: the unparsed-entity declarations are removed (they only name
image files) and character entities are replaced by the characters HTML5 gives them. Any other
entity declaration stays and :func:`sangtao.standards.parse_xml` refuses the document.
"""

from __future__ import annotations

import html.entities
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from sangtao.standards import MalformedXmlError, parse_xml

from ._norm import clean_text

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "all_text",
    "block_texts",
    "child_text",
    "parse_document",
    "split_documents",
]

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
"""Largest single XML document accepted in a bulk file (the biggest US grants are ~30 MiB)."""

_SUBSET = re.compile(rb"<!DOCTYPE\s+([\w.:-]+)([^\[>]*)\[(.*?)\]\s*>", re.S)
_NDATA = re.compile(rb"""<!ENTITY\s+[\w.:-]+\s+SYSTEM\s+("[^"]*"|'[^']*')\s+NDATA\s+[\w.-]+\s*>""")
_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_NAMED = re.compile(rb"&([A-Za-z][A-Za-z0-9]*);")
_PREDEFINED = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})


def split_documents(stream: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """Yield ``(line, document)`` for each XML document of a concatenated file.

    A document starts at a line beginning with ``<?xml``; a file without any declaration is
    one document. Memory holds one document at a time; a document larger than
    :data:`MAX_DOCUMENT_BYTES` is yielded empty (its line still given) so that the caller
    can report it.
    """
    buf: list[bytes] = []
    size = 0
    start = 1
    too_big = False
    for lineno, line in enumerate(stream, start=1):
        if line.startswith(b"<?xml") and (too_big or any(chunk.strip() for chunk in buf)):
            yield start, b"" if too_big else b"".join(buf)
            buf, size, start, too_big = [], 0, lineno, False
        elif not buf and not too_big:
            start = lineno
        if too_big:
            continue
        size += len(line)
        if size > MAX_DOCUMENT_BYTES:
            buf, too_big = [], True
            continue
        buf.append(line)
    if too_big or any(chunk.strip() for chunk in buf):
        yield start, b"" if too_big else b"".join(buf)


def _drop_unparsed_entities(data: bytes) -> bytes:
    head = _COMMENT.sub(lambda c: b" " * len(c[0]), data[: 1 << 16])
    m = _SUBSET.search(head)
    if not m:
        return data
    rest = _COMMENT.sub(b"", _NDATA.sub(b"", m[3])).strip()
    if rest:
        return data  # something else is declared: let parse_xml judge it
    return data[: m.start()] + b"<!DOCTYPE " + m[1] + m[2].rstrip() + b">" + data[m.end() :]


def _entity(m: re.Match[bytes]) -> bytes:
    name = m[1]
    if name in _PREDEFINED:
        return m[0]
    char = html.entities.html5.get(name.decode("ascii") + ";")
    if char is None:
        return b"&amp;" + name + b";"
    return "".join(f"&#{ord(c)};" for c in char).encode("ascii")


def parse_document(data: bytes) -> ET.Element:
    """Parse one bulk XML document safely, tolerating image entities and ISO character names.

    Raises
    ------
    sangtao.standards.UnsafeXmlError
        If the document declares entities other than unparsed image references, or refers
        to external entities.
    sangtao.standards.MalformedXmlError
        If it is not well-formed (a truncated document, bytes not in its encoding).
    """
    if b"<!ENTITY" in data[: 1 << 16]:
        data = _drop_unparsed_entities(data)
    try:
        return parse_xml(data, max_bytes=MAX_DOCUMENT_BYTES, allow_dtd=True)
    except MalformedXmlError as exc:
        if "undefined entity" not in str(exc):
            raise
    return parse_xml(_NAMED.sub(_entity, data), max_bytes=MAX_DOCUMENT_BYTES, allow_dtd=True)


def all_text(elem: ET.Element | None) -> str:
    """The text of an element and its descendants, white space collapsed, NFC."""
    if elem is None:
        return ""
    return clean_text("".join(elem.itertext()))


def child_text(elem: ET.Element | None, path: str) -> str:
    """The cleaned text at ``path`` under ``elem`` (``""`` if absent)."""
    if elem is None:
        return ""
    found = elem.find(path)
    return all_text(found) if found is not None else ""


def block_texts(elem: ET.Element | None, blocks: Iterable[str]) -> str:
    """The text of the block elements (paragraphs, headings, claims) under ``elem``.

    Each block becomes one paragraph; paragraphs are separated by a blank line. Blocks
    nested in another block are part of the outer one. With no block element, the whole
    text is one paragraph.
    """
    if elem is None:
        return ""
    wanted = frozenset(blocks)
    paragraphs: list[str] = []

    def walk(node: ET.Element) -> None:
        for child in node:
            if child.tag in wanted:
                text = all_text(child)
                if text:
                    paragraphs.append(text)
            else:
                walk(child)

    walk(elem)
    if not paragraphs:
        return all_text(elem)
    return "\n\n".join(paragraphs)
