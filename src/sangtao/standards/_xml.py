"""Parsing untrusted XML (e-filings, bulk data) without the classic XML attacks.

Built on ``defusedxml``: document type declarations are refused by default, entity
declarations always, external references never followed, and the input's size is capped before
parsing starts.

References
----------
Python documentation, *XML vulnerabilities*, https://docs.python.org/3/library/xml.html ;
defusedxml, https://github.com/tiran/defusedxml
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import defusedxml
import defusedxml.ElementTree as DefusedET

from ._errors import MalformedXmlError, UnsafeXmlError

__all__ = ["DEFAULT_MAX_XML_BYTES", "parse_xml"]

DEFAULT_MAX_XML_BYTES = 32 * 1024 * 1024
"""The default size cap of :func:`parse_xml`: 32 MiB."""


def parse_xml(
    data: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_XML_BYTES,
    allow_dtd: bool = False,
) -> ET.Element:
    """Parse an untrusted XML document and return its root element.

    Parameters
    ----------
    data
        The document's bytes; the XML declaration (or UTF-8 by default) gives the encoding.
    max_bytes
        Refuse documents longer than this many bytes, before parsing.
    allow_dtd
        Accept a document type declaration such as USPTO's
        ``<!DOCTYPE us-patent-grant SYSTEM "us-patent-grant-v45.dtd" [ ]>``. The external DTD
        is not read, and entity declarations are still refused.

    Returns
    -------
    xml.etree.ElementTree.Element
        The root element.

    Raises
    ------
    UnsafeXmlError
        If the document is larger than ``max_bytes``, has a document type declaration (unless
        ``allow_dtd``), declares entities (the "billion laughs" expansion) or refers to
        external entities.
    MalformedXmlError
        If the document is not well-formed; ``line`` and ``column`` say where.
    TypeError
        If ``data`` is not bytes.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"parse_xml expects bytes, not {type(data).__name__}")
    size = len(data) if not isinstance(data, memoryview) else data.nbytes
    if size > max_bytes:
        raise UnsafeXmlError(f"XML document of {size} bytes exceeds the limit of {max_bytes}")
    try:
        return DefusedET.fromstring(
            bytes(data),
            forbid_dtd=not allow_dtd,
            forbid_entities=True,
            forbid_external=True,
        )
    except defusedxml.DTDForbidden as exc:
        raise UnsafeXmlError(f"document type declarations are not accepted ({exc})") from exc
    except defusedxml.EntitiesForbidden as exc:
        raise UnsafeXmlError(f"entity declarations are not accepted ({exc})") from exc
    except defusedxml.ExternalReferenceForbidden as exc:
        raise UnsafeXmlError(f"external references are not accepted ({exc})") from exc
    except defusedxml.DefusedXmlException as exc:
        raise UnsafeXmlError(f"unsafe XML ({exc})") from exc
    except ET.ParseError as exc:
        line, column = exc.position if exc.position else (None, None)
        raise MalformedXmlError(f"malformed XML: {exc}", line, column) from exc
