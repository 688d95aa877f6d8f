"""WIPO standards and international classifications, with the edition each check was made against.

A plain library: it imports neither Django nor any other ``sangtao`` package.

Classifications
    :func:`ipc_scheme` (IPC, English titles), :func:`technology_field` (WIPO's 35 fields of
    technology), :func:`nice_scheme` and :func:`nice_class` (Nice, headings in Vietnamese and
    English), :func:`locarno_scheme` (Locarno), :func:`vienna_code_is_wellformed` (Vienna,
    syntax only). Every table has ``edition``, ``source`` and ``licence``; tables are read
    from package data on first use and cached.
Codes
    :func:`country` and :func:`is_st3` (WIPO ST.3 two-letter codes).
XML
    :func:`parse_xml` parses untrusted XML safely.
Text
    :func:`nfc` (the stored form) and :func:`fold` (the matching form) for Vietnamese text.

Errors are :class:`ValueError` subclasses: :class:`MalformedSymbol`, :class:`UnknownSymbol`
(and its :class:`UnknownClass`, :class:`UnknownCountry`), :class:`XmlError` (and its
:class:`UnsafeXmlError`, :class:`MalformedXmlError`).
"""

from ._errors import (
    MalformedSymbol,
    MalformedXmlError,
    UnknownClass,
    UnknownCountry,
    UnknownSymbol,
    UnsafeXmlError,
    XmlError,
)
from ._ipc import IpcEntry, IpcScheme, ipc_scheme
from ._ipc_symbol import IpcLevel, IpcSymbol
from ._locarno import LocarnoEntry, LocarnoScheme, locarno_scheme
from ._nice import NiceClass, NiceScheme, is_goods, is_services, nice_class, nice_scheme
from ._st3 import Country, St3Table, country, is_st3, st3_table
from ._technology import (
    TechnologyConcordance,
    TechnologyField,
    technology_concordance,
    technology_field,
)
from ._text import fold, nfc
from ._vienna import normalize_vienna_code, vienna_code_is_wellformed
from ._xml import DEFAULT_MAX_XML_BYTES, parse_xml

__all__ = [
    "DEFAULT_MAX_XML_BYTES",
    "Country",
    "IpcEntry",
    "IpcLevel",
    "IpcScheme",
    "IpcSymbol",
    "LocarnoEntry",
    "LocarnoScheme",
    "MalformedSymbol",
    "MalformedXmlError",
    "NiceClass",
    "NiceScheme",
    "St3Table",
    "TechnologyConcordance",
    "TechnologyField",
    "UnknownClass",
    "UnknownCountry",
    "UnknownSymbol",
    "UnsafeXmlError",
    "XmlError",
    "country",
    "fold",
    "ipc_scheme",
    "is_goods",
    "is_services",
    "is_st3",
    "locarno_scheme",
    "nfc",
    "nice_class",
    "nice_scheme",
    "normalize_vienna_code",
    "parse_xml",
    "st3_table",
    "technology_concordance",
    "technology_field",
    "vienna_code_is_wellformed",
]
