"""WIPO Standard ST.3: two-letter codes of states, other entities and organisations.

The table is ``data/st3/st3_codes.csv`` (see ``data/st3/README.md``): every ISO 3166-1 alpha-2
code (ST.3 takes its state codes from ISO 3166-1), the codes ST.3 gives intergovernmental
organisations (WO, IB, EP, EM, AP, OA, EA, GC, BX, QZ, XN, XU, XV and XX), and a few former
codes still met in older patent documents (SU, DD, CS, YU…), which are only returned when asked
for. English names follow ISO 3166-1; Vietnamese names are given for the usual filing origins.

References
----------
WIPO, *Standard ST.3: Recommended standard on two-letter codes for the representation of
states, other entities and intergovernmental organizations*; ISO 3166-1:2020.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ._data import TableInfo, read_csv
from ._errors import UnknownCountry

__all__ = ["Country", "St3Table", "country", "is_st3", "st3_table"]

_INFO = TableInfo(
    edition="ISO 3166-1 alpha-2 (2024) with the ST.3 organisation codes",
    source=(
        "compiled for Sáng Tạo from ISO 3166-1 and WIPO ST.3; Vietnamese names: working translation"
    ),
    licence="facts (codes and names); compilation: Sáng Tạo project",
)
_FILE = ("st3", "st3_codes.csv")

Kind = Literal["state", "organisation", "former"]
_KINDS: dict[str, Kind] = {"state": "state", "organisation": "organisation", "former": "former"}


@dataclass(frozen=True, slots=True)
class Country:
    """A two-letter ST.3 code and what it stands for.

    Attributes
    ----------
    code
        Two capital letters, ``"VN"``.
    kind
        ``"state"`` (a state or other entity of ISO 3166-1), ``"organisation"`` (an
        intergovernmental organisation or office) or ``"former"`` (a withdrawn code).
    name_en
        The English short name (ISO 3166-1 for states).
    name_vi
        The Vietnamese name, or ``None`` where none has been entered yet.
    """

    code: str
    kind: Kind
    name_en: str
    name_vi: str | None

    @property
    def name(self) -> str:
        """The Vietnamese name where known, else the English name."""
        return self.name_vi or self.name_en


def _code(value: object) -> str:
    if not isinstance(value, str):
        return ""
    return value.strip().upper()


class St3Table:
    """The ST.3 code table.

    Attributes
    ----------
    edition, source, licence
        Which table this is.
    """

    def __init__(self, rows: dict[str, Country], info: TableInfo) -> None:
        self._rows = rows
        self.edition = info.edition
        self.source = info.source
        self.licence = info.licence

    def __repr__(self) -> str:
        return f"<St3Table codes={len(self)}>"

    def __len__(self) -> int:
        return sum(1 for c in self._rows.values() if c.kind != "former")

    def __iter__(self) -> Iterator[Country]:
        """Current codes (states and organisations) in alphabetical order."""
        return (c for c in self._rows.values() if c.kind != "former")

    def is_st3(self, code: str, *, include_former: bool = False) -> bool:
        """Whether ``code`` is an ST.3 code (case and surrounding spaces are ignored).

        Parameters
        ----------
        code
            ``"VN"``, ``"wo"``, ``" EP "``.
        include_former
            Also accept withdrawn codes such as ``"SU"`` and ``"DD"``.
        """
        found = self._rows.get(_code(code))
        return found is not None and (include_former or found.kind != "former")

    def lookup(self, code: str, *, include_former: bool = False) -> Country:
        """Return the entry of ``code``.

        Raises
        ------
        UnknownCountry
            If ``code`` is not an ST.3 code (or is a former code and ``include_former`` is
            false).
        """
        found = self._rows.get(_code(code))
        if found is None or (found.kind == "former" and not include_former):
            detail = (
                f"{found.code} ({found.name_en}) is a former code; pass include_former=True"
                if found is not None
                else "not a WIPO ST.3 two-letter code"
            )
            raise UnknownCountry(code, "ST.3", self.edition, detail)
        return found


@lru_cache(maxsize=1)
def st3_table() -> St3Table:
    """Return the ST.3 code table, loaded once and cached."""
    rows: dict[str, Country] = {}
    for row in read_csv(*_FILE):
        kind = _KINDS.get(row["kind"])
        if kind is None:
            raise ValueError(f"{_FILE[-1]}: unexpected kind {row['kind']!r} for {row['code']}")
        rows[row["code"]] = Country(
            code=row["code"],
            kind=kind,
            name_en=row["name_en"],
            name_vi=row["name_vi"] or None,
        )
    return St3Table(rows, _INFO)


def country(code: str, *, include_former: bool = False) -> Country:
    """Return the ST.3 entry of a two-letter code (``"VN"``, ``"wo"``).

    Raises
    ------
    UnknownCountry
        If ``code`` is not an ST.3 code.

    Examples
    --------
    >>> country("vn").name_vi
    'Việt Nam'
    """
    return st3_table().lookup(code, include_former=include_former)


def is_st3(code: str, *, include_former: bool = False) -> bool:
    """Whether ``code`` is a WIPO ST.3 two-letter code of a state, entity or organisation."""
    return st3_table().is_st3(code, include_former=include_former)
