"""WIPO's 35 fields of technology as a definition, with newer IPC symbols remapped.

The concordance itself is :func:`sangtao.standards.technology_concordance` (Schmoch 2008,
updates to 2019). Symbols introduced after it (G06V, H10B/H10K/H10N, B64U, G16Y …) have no
rule there; ``data/wipo35_remap.yaml`` gives each one the field of the subclass it was split
from, and :func:`technology_field_of` applies it before the concordance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from sangtao.standards import MalformedSymbol, ipc_scheme, technology_concordance

from ._definition import Change, Definition, Node, Strategy

__all__ = ["RemapRule", "remap_rules", "technology_field_of", "wipo35_definition"]


@dataclass(frozen=True, slots=True)
class RemapRule:
    """A symbol newer than the concordance and the field it is counted in."""

    symbol: str
    field: int
    introduced: str
    origin: str


@lru_cache(maxsize=1)
def _remap() -> tuple[dict[str, object], tuple[RemapRule, ...]]:
    text = (
        resources.files("sangtao.landscape")
        .joinpath("data", "wipo35_remap.yaml")
        .read_text("utf-8")
    )
    data = yaml.safe_load(text)
    rules = tuple(
        RemapRule(
            symbol=ipc_scheme().normalize(r["symbol"]).display,
            field=int(r["field"]),
            introduced=str(r["introduced"]),
            origin=str(r["from"]),
        )
        for r in data["rules"]
    )
    return data, rules


def remap_rules() -> tuple[RemapRule, ...]:
    """The remapping of symbols introduced after the WIPO concordance (see the YAML)."""
    return _remap()[1]


def technology_field_of(symbol: str) -> int | None:
    """Return the WIPO field (1–35) of an IPC symbol, newer symbols included.

    Parameters
    ----------
    symbol
        An IPC symbol in any form :meth:`sangtao.standards.IpcScheme.normalize` reads.

    Returns
    -------
    int or None
        ``None`` for sections, classes, malformed text and symbols in no field (CPC Y).

    Examples
    --------
    >>> technology_field_of("G06V 10/82"), technology_field_of("H04W 4/02")
    (6, 4)
    """
    try:
        parsed = ipc_scheme().normalize(symbol)
    except MalformedSymbol:
        return None
    if not parsed.subclass_letter:
        return None
    group = f"{parsed.subclass} {parsed.main_group}/" if parsed.main_group else None
    by_symbol = {r.symbol: r.field for r in remap_rules()}
    if group is not None:
        for rule, number in by_symbol.items():
            if "/" in rule and rule.startswith(group):
                return number
    if parsed.subclass in by_symbol:
        return by_symbol[parsed.subclass]
    found = technology_concordance().field_for(parsed.display)
    return None if found is None else found.number


@lru_cache(maxsize=1)
def wipo35_definition() -> Definition:
    """The WIPO 35 fields of technology as a :class:`Definition` (one group per field).

    Groups are numbered ``"1"`` to ``"35"``; each strategy is ``technology_fields: [n]``,
    ``approved`` since the concordance is WIPO's own, while the remapping of newer symbols
    stays a proposal (noted in the review note).
    """
    concordance = technology_concordance()
    data, _ = _remap()
    names_vi: dict[int, str] = data.get("names_vi") or {}  # type: ignore[assignment]
    changes = tuple(
        Change(
            version=str(c["version"]),
            date=c["date"] if isinstance(c["date"], dt.date) else dt.date.fromisoformat(c["date"]),
            author=str(c["author"]),
            change=str(c["change"]),
        )
        for c in data["changelog"]  # type: ignore[attr-defined]
    )
    groups = tuple(
        Node(
            id=str(f.number),
            name_vi=str(names_vi.get(f.number, f.name_en)),
            name_en=f.name_en,
            strategy=Strategy(
                technology_fields=(f.number,),
                status="approved",
                reviewed_by="WIPO (Schmoch 2008, updated to 2019)",
                reviewed_on=dt.date(2019, 7, 10),
            ),
            tags=(f.sector_en,),
        )
        for f in concordance.fields
    )
    return Definition(
        id="wipo35",
        version=str(data["version"]),
        title_vi="35 lĩnh vực công nghệ của WIPO",
        title_en="WIPO 35 fields of technology",
        taxonomy={"id": "WIPO-35", "source": concordance.source, "edition": concordance.edition},
        status="approved",
        review={
            "note_vi": "Bảng tương ứng IPC của WIPO; việc gán các ký hiệu mới (G06V, H10, B64U, "
            "G16Y) là đề xuất chờ xem xét.",
            "note_en": "WIPO's IPC concordance; the remapping of newer symbols (G06V, H10, B64U, "
            "G16Y) is a proposal for review.",
            "approved_by": "WIPO",
            "approved_on": "2019-07-10",
        },
        classification={"ipc": str(data["concordance"])},
        changelog=changes,
        groups=groups,
        source="<builtin>/wipo35",
    )
