"""The Nice Classification of goods and services: the 45 classes and their headings.

The table is ``data/nice/nice_class_headings_13-2026.csv`` (see ``data/nice/README.md``): the
class headings in English and a working Vietnamese translation, to be replaced by IP Viet Nam's
official file. Classes 1–34 are goods and 35–45 services.

References
----------
WIPO, *Nice Classification*, 13th edition, version 2026 (NCL 13-2026), in force on
1 January 2026, https://www.wipo.int/classifications/nice/
"""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, SupportsIndex

from ._data import TableInfo, read_csv
from ._errors import UnknownClass

__all__ = ["NiceClass", "NiceScheme", "is_goods", "is_services", "nice_class", "nice_scheme"]

_INFO = TableInfo(
    edition="13-2026",
    source=(
        "class headings of NCL 13-2026 (English, written for Sáng Tạo from WIPO's published "
        "headings; Vietnamese: working translation pending IP Viet Nam's official file)"
    ),
    licence="content © WIPO (English); Vietnamese working translation: Sáng Tạo project",
)
_FILE = ("nice", "nice_class_headings_13-2026.csv")
_IN_FORCE = dt.date(2026, 1, 1)
_LAST_GOODS_CLASS = 34

Language = Literal["vi", "en"]


@dataclass(frozen=True, slots=True)
class NiceClass:
    """One Nice class.

    Attributes
    ----------
    number
        1 to 45.
    kind
        ``"goods"`` (classes 1–34) or ``"services"`` (35–45).
    heading_en
        The class heading in English.
    heading_vi
        The class heading in Vietnamese (working translation, NFC).
    """

    number: int
    kind: Literal["goods", "services"]
    heading_en: str
    heading_vi: str

    @property
    def symbol(self) -> str:
        """The class number on two digits, as the register writes it: ``"09"``."""
        return f"{self.number:02d}"

    def heading(self, language: Language = "vi") -> str:
        """The class heading in ``"vi"`` or ``"en"``."""
        return self.heading_vi if language == "vi" else self.heading_en


def _class_number(value: object, edition: str) -> int:
    """Read a class number given as an int or as digits ("9", "09", " 25 ")."""
    reason = "a class is a number from 1 to 45"
    if isinstance(value, bool):
        raise UnknownClass(value, "Nice", edition, reason)
    if isinstance(value, str):
        digits = value.strip()
        if not (digits.isascii() and digits.isdigit()):
            raise UnknownClass(value, "Nice", edition, reason)
        number = int(digits)
    elif isinstance(value, SupportsIndex):  # int, numpy integers
        number = operator.index(value)
    else:
        raise UnknownClass(value, "Nice", edition, reason)
    if not 1 <= number <= 45:
        raise UnknownClass(value, "Nice", edition, reason)
    return number


class NiceScheme:
    """One edition of the Nice Classification.

    Attributes
    ----------
    edition
        ``"13-2026"``: edition 13, version 2026.
    in_force
        The date the edition-version entered into force.
    source, licence
        Where the headings come from and under what terms.
    classes
        The 45 classes in order.
    """

    def __init__(self, classes: dict[int, NiceClass], info: TableInfo, in_force: dt.date):
        self._classes = classes
        self.classes = tuple(classes[n] for n in sorted(classes))
        self.edition = info.edition
        self.source = info.source
        self.licence = info.licence
        self.in_force = in_force

    def __repr__(self) -> str:
        return f"<NiceScheme edition={self.edition!r} classes={len(self.classes)}>"

    def __len__(self) -> int:
        return len(self.classes)

    def lookup(self, number: int | str) -> NiceClass:
        """Return class ``number``.

        Parameters
        ----------
        number
            An int or a string of digits (``25``, ``"25"``, ``"09"``).

        Raises
        ------
        UnknownClass
            For anything but a class from 1 to 45 (``0``, ``46``, ``"abc"``, ``True``).
        """
        return self._classes[_class_number(number, self.edition)]

    def is_valid(self, number: object) -> bool:
        """Whether ``number`` names a class of this edition."""
        try:
            _class_number(number, self.edition)
        except UnknownClass:
            return False
        return True


@lru_cache(maxsize=1)
def nice_scheme() -> NiceScheme:
    """Return the shipped Nice edition (NCL 13-2026), loaded once and cached."""
    classes: dict[int, NiceClass] = {}
    for row in read_csv(*_FILE):
        number = int(row["class"])
        kind: Literal["goods", "services"] = "goods" if number <= _LAST_GOODS_CLASS else "services"
        if row["kind"] != kind:
            raise ValueError(f"{_FILE[-1]}: class {number} is marked {row['kind']!r}")
        classes[number] = NiceClass(number, kind, row["heading_en"], row["heading_vi"])
    return NiceScheme(classes, _INFO, _IN_FORCE)


def nice_class(number: int | str) -> NiceClass:
    """Return Nice class ``number`` of the shipped edition.

    Raises
    ------
    UnknownClass
        For anything but a class from 1 to 45.

    Examples
    --------
    >>> nice_class(25).heading_en
    'Clothing, footwear, headwear.'
    """
    return nice_scheme().lookup(number)


def is_goods(number: int | str) -> bool:
    """Whether Nice class ``number`` is a class of goods (1–34).

    Raises
    ------
    UnknownClass
        For anything but a class from 1 to 45.
    """
    return nice_class(number).kind == "goods"


def is_services(number: int | str) -> bool:
    """Whether Nice class ``number`` is a class of services (35–45).

    Raises
    ------
    UnknownClass
        For anything but a class from 1 to 45.
    """
    return nice_class(number).kind == "services"
