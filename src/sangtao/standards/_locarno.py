"""The Locarno Classification for industrial designs: 32 classes and their subclasses.

The table is ``data/locarno/locarno_classes_en.csv`` (see ``data/locarno/README.md``), English
headings as published by the Bulgarian Patent Office's e-services. The file does not say which
edition it is. Its structure — 01-05 "Tofu and tofu products", class 23 without 23-02 and with
23-06 to 23-08, 14-06, 27-07, 30-12 — matches, as far as we can tell, the 14th edition
(in force 1 January 2023); some subclass headings keep older wording (01-02 "Fruit and
vegetables"). The edition is therefore labelled ``"14 (inferred)"`` until IP Viet Nam's
Locarno file is imported.

References
----------
WIPO, *Locarno Classification*, https://www.wipo.int/classifications/locarno/ ; recommendation
of the Committee of Experts on the writing of class and subclass numbers ("Cl. 8-05").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ._data import TableInfo, read_csv
from ._errors import MalformedSymbol, UnknownSymbol

__all__ = ["LocarnoEntry", "LocarnoScheme", "locarno_scheme"]

_INFO = TableInfo(
    edition="14 (inferred)",
    source="governmentbg/bpo-eservices, locarno_classes_en.csv (English headings)",
    licence="EUPL-1.2; content © WIPO",
)
_FILE = ("locarno", "locarno_classes_en.csv")
_SCHEME = "Locarno"
_VACANT = "[vacant]"
# "LOC (14) Cl. 06-01", "LOC(14)", "Cl. 6-1": prefixes that carry no part of the code.
_PREFIX = re.compile(r"^(?:LOC\s*(?:\(\s*\d{1,2}\s*\))?\s*)?(?:CL\s*\.?\s*)?", re.ASCII)
_PAIR = re.compile(r"(\d{1,2})\s*[-‐‑‒–—./\s]\s*(\d{1,2})", re.ASCII)
_FOUR = re.compile(r"(\d{2})(\d{2})", re.ASCII)
_ONE = re.compile(r"\d{1,2}", re.ASCII)


@dataclass(frozen=True, slots=True)
class LocarnoEntry:
    """A Locarno class or subclass.

    Attributes
    ----------
    symbol
        ``"06"`` for a class, ``"06-01"`` for a subclass.
    class_number
        1 to 32.
    subclass_number
        The subclass number, ``None`` for a class. Classes 31 and 32 have no subclasses and
        are written ``31-00`` and ``32-00``.
    title
        The English heading (for ``31-00`` and ``32-00``, the class heading).
    level
        ``"class"`` or ``"subclass"``.
    parent
        The class symbol for a subclass, ``None`` for a class.
    """

    symbol: str
    class_number: int
    subclass_number: int | None
    title: str
    level: Literal["class", "subclass"]
    parent: str | None


def _parse(code: object) -> tuple[int, int | None]:
    if not isinstance(code, str):
        raise MalformedSymbol(code, _SCHEME, "expected a string")
    text = unicodedata.normalize("NFKC", code).upper().strip()
    text = _PREFIX.sub("", text).strip()
    if m := _PAIR.fullmatch(text):
        return int(m[1]), int(m[2])
    if m := _FOUR.fullmatch(text):
        return int(m[1]), int(m[2])
    if _ONE.fullmatch(text):
        return int(text), None
    raise MalformedSymbol(code, _SCHEME, 'expected a form like "06-01", "6-1", "0601" or "06"')


def _symbol(class_number: int, subclass_number: int | None) -> str:
    if subclass_number is None:
        return f"{class_number:02d}"
    return f"{class_number:02d}-{subclass_number:02d}"


class LocarnoScheme:
    """One edition of the Locarno Classification.

    Attributes
    ----------
    edition, source, licence
        Which table this is.
    """

    def __init__(self, entries: dict[str, LocarnoEntry], vacant: frozenset[str], info: TableInfo):
        self._entries = entries
        self._vacant = vacant
        self.edition = info.edition
        self.source = info.source
        self.licence = info.licence

    def __repr__(self) -> str:
        return f"<LocarnoScheme edition={self.edition!r} entries={len(self)}>"

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[LocarnoEntry]:
        """Classes and subclasses in order (vacant subclasses left out)."""
        return iter(self._entries.values())

    def __contains__(self, code: object) -> bool:
        return self.is_valid(code)

    @property
    def classes(self) -> tuple[LocarnoEntry, ...]:
        """The classes, in order."""
        return tuple(e for e in self._entries.values() if e.level == "class")

    def normalize(self, code: str) -> str:
        """Write a Locarno code in the recommended form.

        Parameters
        ----------
        code
            ``"06-01"``, ``"6-1"``, ``"6.01"``, ``"0601"``, ``"LOC (14) Cl. 06-01"``, or a
            class alone (``"6"``).

        Returns
        -------
        str
            ``"06-01"`` (``"06"`` for a class). Only the syntax is checked; use
            :meth:`lookup` to check the code exists.

        Raises
        ------
        MalformedSymbol
            If the text is not a Locarno code in any accepted form.
        """
        return _symbol(*_parse(code))

    def is_valid(self, code: object) -> bool:
        """Whether ``code`` is well-formed and a class or non-vacant subclass of this edition."""
        try:
            symbol = _symbol(*_parse(code))
        except MalformedSymbol:
            return False
        return symbol in self._entries

    def lookup(self, code: str) -> LocarnoEntry:
        """Return the class or subclass ``code``.

        Raises
        ------
        MalformedSymbol
            If the text is not a Locarno code.
        UnknownSymbol
            If the code is not in this edition, or names a vacant subclass.
        """
        symbol = _symbol(*_parse(code))
        entry = self._entries.get(symbol)
        if entry is None:
            detail = "vacant subclass" if symbol in self._vacant else ""
            raise UnknownSymbol(symbol, _SCHEME, self.edition, detail)
        return entry


@lru_cache(maxsize=1)
def locarno_scheme() -> LocarnoScheme:
    """Return the shipped Locarno edition (English headings), loaded once and cached."""
    entries: dict[str, LocarnoEntry] = {}
    vacant: set[str] = set()
    for row in read_csv(*_FILE):
        class_number = int(row["class"])
        class_symbol = _symbol(class_number, None)
        heading = row["class_heading"].strip()
        if class_symbol not in entries:
            entries[class_symbol] = LocarnoEntry(
                class_symbol, class_number, None, heading, "class", None
            )
        subclass_number = int(row["subclass"])
        symbol = _symbol(class_number, subclass_number)
        title = row["subclass_heading"].strip()
        if title.lower() == _VACANT:
            vacant.add(symbol)
            continue
        if subclass_number == 0:
            title = heading  # classes without subclasses: the source repeats "00"
        entries[symbol] = LocarnoEntry(
            symbol, class_number, subclass_number, title, "subclass", class_symbol
        )
    return LocarnoScheme(entries, frozenset(vacant), _INFO)
