"""Filters on classes, dates, office, kind and language, shared by every backend.

IPC and CPC symbols are indexed as keys at every level of their hierarchy — section ``H``,
class ``H04``, subclass ``H04W``, main group ``H04W 4/`` and the symbol ``H04W 4/02`` — so a
filter at any level is one exact-term lookup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import lru_cache

from sangtao.standards import IpcLevel, IpcScheme, IpcSymbol, MalformedSymbol, ipc_scheme

from ._errors import QueryError
from ._model import Filters, IndexDocument

__all__ = ["class_keys", "date_key", "document_matches", "prepare_filters"]


@lru_cache(maxsize=1)
def _scheme() -> IpcScheme:
    return ipc_scheme()


def _key(symbol: IpcSymbol) -> str:
    level = symbol.level
    if level is IpcLevel.MAIN_GROUP:
        return f"{symbol.subclass} {symbol.main_group}/"
    return symbol.display


@lru_cache(maxsize=65536)
def class_keys(symbol: str) -> tuple[str, ...]:
    """Every filter key a document with ``symbol`` matches; ``()`` if it does not parse."""
    try:
        parsed: IpcSymbol | None = _scheme().normalize(symbol)
    except MalformedSymbol:
        return ()
    keys = []
    while parsed is not None:
        keys.append(_key(parsed))
        parsed = parsed.parent
    return tuple(dict.fromkeys(keys))


def date_key(day: dt.date) -> int:
    """The integer ``YYYYMMDD`` dates are indexed as."""
    return day.year * 10000 + day.month * 100 + day.day


def _prefix(value: str, scheme: str, notes: list[str]) -> str:
    try:
        parsed = _scheme().normalize(value)
    except MalformedSymbol as exc:
        raise QueryError(
            f"{scheme} filter {value!r} is not a classification symbol: {exc.reason}"
        ) from None
    if scheme == "IPC" and parsed.level in (IpcLevel.SECTION, IpcLevel.CLASS, IpcLevel.SUBCLASS):
        if not _scheme().is_valid(parsed.display):
            notes.append(
                f"IPC {parsed.display} is not in the IPC edition {_scheme().edition}; "
                "only documents classified under it as written can match"
            )
    return _key(parsed)


def prepare_filters(filters: Filters | None) -> tuple[Filters, list[str]]:
    """Check and normalise filters: class prefixes to keys, codes to upper case.

    Returns
    -------
    tuple
        The normalised :class:`Filters` and notes (a class not in the IPC edition).

    Raises
    ------
    QueryError
        If a class prefix does not parse, a date is not a date, or ``after`` is not before
        ``before``.
    """
    if filters is None:
        return Filters(), []
    notes: list[str] = []
    for name in ("before", "after"):
        value = getattr(filters, name)
        if value is not None and not isinstance(value, dt.date):
            raise QueryError(f"the {name!r} filter must be a date, not {value!r}")
    if filters.before and filters.after and filters.after >= filters.before:
        raise QueryError(f"no date is on or after {filters.after} and before {filters.before}")
    out = replace(
        filters,
        ipc=tuple(_prefix(p, "IPC", notes) for p in filters.ipc),
        cpc=tuple(_prefix(p, "CPC", notes) for p in filters.cpc),
        office=tuple(o.strip().upper() for o in filters.office),
        kind=tuple(k.strip().upper() for k in filters.kind),
        language=tuple(lang.strip().lower() for lang in filters.language),
    )
    return out, notes


def document_matches(doc: IndexDocument, filters: Filters) -> bool:
    """Whether ``doc`` passes prepared ``filters`` (the reference semantics for backends)."""
    if filters.ipc and not {k for s in doc.ipc for k in class_keys(s)} & set(filters.ipc):
        return False
    if filters.cpc and not {k for s in doc.cpc for k in class_keys(s)} & set(filters.cpc):
        return False
    if filters.before and (doc.publication_date is None or doc.publication_date >= filters.before):
        return False
    if filters.after and (doc.publication_date is None or doc.publication_date < filters.after):
        return False
    if filters.office and doc.office.upper() not in filters.office:
        return False
    if filters.kind and (doc.kind or "").upper() not in filters.kind:
        return False
    return not (filters.language and not set(doc.languages) & set(filters.language))
