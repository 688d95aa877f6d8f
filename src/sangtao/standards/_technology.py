"""WIPO's concordance from IPC symbols to 35 fields of technology (Schmoch, 2008).

The table is ``data/ipc/ipc_technology_wipo35.csv`` (see ``data/ipc/README.md``). Each row maps
either a whole subclass (``F21H%``) or one main group with its subgroups (``A61K  31/%``) to a
field; the two never overlap, and a main-group row is more specific than a subclass row.

References
----------
U. Schmoch, *Concept of a Technology Classification for Country Comparisons*, final report to
WIPO, Karlsruhe, Fraunhofer ISI, 2008 (updated by WIPO to 2019).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ._data import TableInfo, read_csv
from ._ipc_symbol import IpcLevel, parse_ipc

__all__ = ["TechnologyConcordance", "TechnologyField", "technology_concordance", "technology_field"]

_INFO = TableInfo(
    edition="WIPO IPC-technology concordance, 35 fields, updates to 10 July 2019",
    source="PatentsView/PatentsView-DB persistent_files/ipc_technology.csv (WIPO concordance)",
    licence="content WIPO; repository GPL-3.0",
)
_FILE = ("ipc", "ipc_technology_wipo35.csv")
_PATTERN = re.compile(r"([A-H]\d{2}[A-Z])(?:\s*(\d{1,4})/)?%", re.ASCII)


@dataclass(frozen=True, slots=True)
class TechnologyField:
    """One of WIPO's 35 fields of technology, in one of its five sectors.

    Attributes
    ----------
    number
        1 to 35.
    name_en, name_fr, name_es
        The field's name in English, French and Spanish.
    sector_en, sector_fr, sector_es
        The sector's name (Electrical engineering, Instruments, Chemistry, Mechanical
        engineering, Other fields).
    """

    number: int
    name_en: str
    name_fr: str
    name_es: str
    sector_en: str
    sector_fr: str
    sector_es: str


class TechnologyConcordance:
    """The IPC to technology-field concordance.

    Attributes
    ----------
    edition, source, licence
        Which table this is.
    fields
        The 35 fields, in order of their number.
    """

    def __init__(
        self,
        fields: dict[int, TechnologyField],
        by_subclass: dict[str, int],
        by_group: dict[tuple[str, str], int],
        info: TableInfo,
    ) -> None:
        self.fields = tuple(fields[n] for n in sorted(fields))
        self._fields = fields
        self._by_subclass = by_subclass
        self._by_group = by_group
        self.edition = info.edition
        self.source = info.source
        self.licence = info.licence

    def __repr__(self) -> str:
        return f"<TechnologyConcordance fields={len(self.fields)}>"

    def field(self, number: int) -> TechnologyField:
        """Return field ``number`` (1–35).

        Raises
        ------
        KeyError
            If there is no such field.
        """
        return self._fields[number]

    def field_for(self, symbol: str) -> TechnologyField | None:
        """Return the field of technology of an IPC symbol.

        Parameters
        ----------
        symbol
            An IPC symbol at subclass level or below, in any form
            :func:`~sangtao.standards.IpcScheme.normalize` accepts. It is not checked against
            an IPC edition, so symbols newer than the shipped IPC table are mapped too.

        Returns
        -------
        TechnologyField or None
            ``None`` for a section or class (they span several fields) and for a symbol the
            concordance does not cover.

        Raises
        ------
        MalformedSymbol
            If the text is not an IPC symbol.
        """
        parsed = parse_ipc(symbol)
        if parsed.level in (IpcLevel.SECTION, IpcLevel.CLASS):
            return None
        number = None
        if parsed.main_group:
            number = self._by_group.get((parsed.subclass, parsed.main_group))
        if number is None:
            number = self._by_subclass.get(parsed.subclass)
        return None if number is None else self._fields[number]


@lru_cache(maxsize=1)
def technology_concordance() -> TechnologyConcordance:
    """Return WIPO's IPC to 35 technology fields concordance, loaded once and cached."""
    fields: dict[int, TechnologyField] = {}
    by_subclass: dict[str, int] = {}
    by_group: dict[tuple[str, str], int] = {}
    for row in read_csv(*_FILE):
        number = int(row["Field_number"])
        fields.setdefault(
            number,
            TechnologyField(
                number=number,
                name_en=row["Field_en"],
                name_fr=row["Field_fr"],
                name_es=row["Field_es"],
                sector_en=row["Sector_en"],
                sector_fr=row["Sector_fr"],
                sector_es=row["Sector_es"],
            ),
        )
        m = _PATTERN.fullmatch(row["IPC_code"].strip())
        if m is None:
            raise ValueError(f"unexpected IPC pattern in {_FILE[-1]}: {row['IPC_code']!r}")
        if m[2] is None:
            by_subclass[m[1]] = number
        else:
            by_group[(m[1], m[2])] = number
    return TechnologyConcordance(fields, by_subclass, by_group, _INFO)


def technology_field(symbol: str) -> TechnologyField | None:
    """Return the WIPO field of technology (1–35) of an IPC symbol, or None.

    A shortcut for ``technology_concordance().field_for(symbol)``; see
    :meth:`TechnologyConcordance.field_for`.

    Examples
    --------
    >>> technology_field("H04W 4/02").name_en
    'Digital communication'
    """
    return technology_concordance().field_for(symbol)
