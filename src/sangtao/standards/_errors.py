"""Exceptions raised by :mod:`sangtao.standards`.

Every error is a :class:`ValueError` and names the offending input, so that a form or an API
can show it to the person who typed it.
"""

from __future__ import annotations

__all__ = [
    "MalformedSymbol",
    "MalformedXmlError",
    "UnknownClass",
    "UnknownCountry",
    "UnknownSymbol",
    "UnsafeXmlError",
    "XmlError",
]


class MalformedSymbol(ValueError):
    """A classification symbol is not written in any form the scheme accepts.

    Parameters
    ----------
    symbol
        The input exactly as given.
    scheme
        The scheme that was asked (``"IPC"``, ``"Locarno"``, ``"Vienna"``).
    reason
        What is wrong with it, in a few words.
    """

    def __init__(self, symbol: object, scheme: str, reason: str) -> None:
        self.symbol = symbol
        self.scheme = scheme
        self.reason = reason
        super().__init__(f"malformed {scheme} symbol {symbol!r}: {reason}")


class UnknownSymbol(ValueError):
    """A well-formed symbol that does not exist in the scheme's edition.

    Parameters
    ----------
    symbol
        The symbol, in the scheme's canonical form where it could be normalised.
    scheme
        The scheme that was asked.
    edition
        The edition that was searched, so that the message says which one.
    detail
        An optional explanation (for example "vacant subclass").
    """

    noun = "symbol"

    def __init__(self, symbol: object, scheme: str, edition: str, detail: str = "") -> None:
        self.symbol = symbol
        self.scheme = scheme
        self.edition = edition
        message = f"unknown {scheme} {self.noun} {symbol!r} (edition {edition})"
        super().__init__(f"{message}: {detail}" if detail else message)


class UnknownClass(UnknownSymbol):
    """A Nice class number outside 1–45, or not a number at all."""

    noun = "class"


class UnknownCountry(UnknownSymbol):
    """A code that is not a WIPO ST.3 two-letter code of a state or an organisation."""

    noun = "code"


class XmlError(ValueError):
    """Base class of the errors raised by :func:`sangtao.standards.parse_xml`."""


class UnsafeXmlError(XmlError):
    """The document uses a feature refused for safety (DTD, entities, external references, size)."""


class MalformedXmlError(XmlError):
    """The document is not well-formed XML.

    Parameters
    ----------
    message
        The parser's description of the fault.
    line, column
        Where the parser stopped (line from 1, column from 0, as expat reports them).
    """

    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        self.line = line
        self.column = column
        super().__init__(message)
