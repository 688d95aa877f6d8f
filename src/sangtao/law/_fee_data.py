"""Reading fee schedules from YAML data files, with strict validation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from sangtao.law._basis import Confidence, LegalReference
from sangtao.law._fee_facts import FEE_CONDITIONS, FeeStage, FeeUnit
from sangtao.law._fees import FeeRule, FeeSchedule, TemporaryReduction

__all__ = ["FeeScheduleError", "load_fee_schedule", "parse_fee_schedule"]


_E = TypeVar("_E", FeeUnit, FeeStage, Confidence)


class FeeScheduleError(ValueError):
    """Raised when a fee-schedule data file is malformed."""


_SCHEDULE_KEYS = {
    "id",
    "title_vi",
    "title_en",
    "currency",
    "effective_from",
    "effective_to",
    "instruments",
    "sources",
    "notes",
}
_RULE_KEYS = {
    "code",
    "label_vi",
    "label_en",
    "amount",
    "unit",
    "included",
    "stage",
    "applies_to",
    "when",
    "trademark_kinds",
    "legal_basis",
    "effective_from",
    "effective_to",
    "confidence",
    "note",
    "sources",
}
_BASIS_KEYS = {"instrument", "appendix", "part", "item", "note"}
_REDUCTION_KEYS = {
    "code",
    "instrument",
    "effective_from",
    "effective_to",
    "description_vi",
    "description_en",
    "confidence",
    "note",
}


def load_fee_schedule(
    source: str | Path | Traversable, *, object_types: Collection[str] | None = None
) -> FeeSchedule:
    """Read a fee schedule from a YAML file.

    Parameters
    ----------
    source : str, pathlib.Path or importlib Traversable
        The data file (package data is read through :mod:`importlib.resources`).
    object_types : collection of str, optional
        Object-type codes the law pack knows; every ``applies_to`` must be one of them.

    Returns
    -------
    FeeSchedule

    Raises
    ------
    FeeScheduleError
        If the file does not describe a valid schedule.
    """
    path = Path(source) if isinstance(source, str) else source
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise FeeScheduleError(f"{path}: not valid YAML: {exc}") from exc
    return parse_fee_schedule(data, origin=str(path), object_types=object_types)


def parse_fee_schedule(
    data: Any, *, origin: str = "<data>", object_types: Collection[str] | None = None
) -> FeeSchedule:
    """Build a :class:`FeeSchedule` from already-parsed YAML data.

    Parameters
    ----------
    data : Any
        A mapping with ``schedule``, ``fees`` and optional ``reductions``.
    origin : str
        Name used in error messages.
    object_types : collection of str, optional
        Object-type codes the law pack knows.

    Raises
    ------
    FeeScheduleError
        If ``data`` does not describe a valid schedule.
    """
    top = _mapping(data, origin, {"schedule", "fees", "reductions"})
    head = _mapping(top.get("schedule"), f"{origin}: schedule", _SCHEDULE_KEYS)
    where = f"{origin}: schedule"
    start = _date(head.get("effective_from"), f"{where}.effective_from")
    end = _optional_date(head.get("effective_to"), f"{where}.effective_to")
    if end is not None and end < start:
        raise FeeScheduleError(f"{where}: effective_to is before effective_from")
    fees = top.get("fees")
    if not isinstance(fees, list) or not fees:
        raise FeeScheduleError(f"{origin}: 'fees' must be a non-empty list")
    rules = tuple(
        _rule(item, f"{origin}: fees[{i}]", start, end, object_types) for i, item in enumerate(fees)
    )
    seen: set[str] = set()
    for rule in rules:
        if rule.code in seen:
            raise FeeScheduleError(f"{origin}: fee code {rule.code!r} is used twice")
        seen.add(rule.code)
    reductions = top.get("reductions") or []
    if not isinstance(reductions, list):
        raise FeeScheduleError(f"{origin}: 'reductions' must be a list")
    return FeeSchedule(
        id=_text(head.get("id"), f"{where}.id"),
        title_vi=_text(head.get("title_vi"), f"{where}.title_vi"),
        title_en=_text(head.get("title_en"), f"{where}.title_en"),
        currency=_text(head.get("currency", "VND"), f"{where}.currency"),
        effective_from=start,
        effective_to=end,
        instruments=_texts(head.get("instruments"), f"{where}.instruments"),
        rules=rules,
        reductions=tuple(
            _reduction(r, f"{origin}: reductions[{i}]") for i, r in enumerate(reductions)
        ),
        sources=_texts(head.get("sources", []), f"{where}.sources"),
        notes=_text(head.get("notes", ""), f"{where}.notes", empty=True),
    )


def _rule(
    raw: Any,
    where: str,
    start: dt.date,
    end: dt.date | None,
    object_types: Collection[str] | None,
) -> FeeRule:
    item = _mapping(raw, where, _RULE_KEYS)
    code = _text(item.get("code"), f"{where}.code")
    where = f"{where} ({code})"
    amount = item.get("amount")
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise FeeScheduleError(f"{where}: amount must be a non-negative integer")
    unit = _choice(FeeUnit, item.get("unit"), f"{where}.unit")
    included = item.get("included", 0)
    if isinstance(included, bool) or not isinstance(included, int) or included < 0:
        raise FeeScheduleError(f"{where}: included must be a non-negative integer")
    if unit.has_limit != ("included" in item):
        raise FeeScheduleError(f"{where}: 'included' is required exactly for *_beyond_limit units")
    applies_to = frozenset(_texts(item.get("applies_to"), f"{where}.applies_to"))
    if not applies_to:
        raise FeeScheduleError(f"{where}: applies_to must not be empty")
    if object_types is not None and not applies_to <= set(object_types):
        unknown = ", ".join(sorted(applies_to - set(object_types)))
        raise FeeScheduleError(f"{where}: unknown object types: {unknown}")
    when = item.get("when")
    if when is not None and when not in FEE_CONDITIONS:
        raise FeeScheduleError(f"{where}: 'when' must be one of {sorted(FEE_CONDITIONS)}")
    kinds = item.get("trademark_kinds")
    rule_start = _date(item.get("effective_from", start), f"{where}.effective_from")
    rule_end = _optional_date(item.get("effective_to", end), f"{where}.effective_to")
    if rule_start < start or (end is not None and (rule_end is None or rule_end > end)):
        raise FeeScheduleError(f"{where}: its dates must lie within the schedule's")
    return FeeRule(
        code=code,
        label_vi=_text(item.get("label_vi"), f"{where}.label_vi"),
        label_en=_text(item.get("label_en"), f"{where}.label_en"),
        amount=amount,
        unit=unit,
        included=included,
        stage=_choice(FeeStage, item.get("stage", "filing"), f"{where}.stage"),
        applies_to=applies_to,
        when=when,
        trademark_kinds=None if kinds is None else frozenset(_texts(kinds, f"{where}.kinds")),
        legal_basis=_basis(item.get("legal_basis"), f"{where}.legal_basis", item),
        effective_from=rule_start,
        effective_to=rule_end,
        confidence=_choice(Confidence, item.get("confidence"), f"{where}.confidence"),
        note=_text(item.get("note", ""), f"{where}.note", empty=True),
        sources=_texts(item.get("sources", []), f"{where}.sources"),
    )


def _basis(raw: Any, where: str, rule: Mapping[str, Any]) -> LegalReference:
    basis = _mapping(raw, where, _BASIS_KEYS)
    parts = [
        _text(basis.get(key), f"{where}.{key}")
        for key in ("appendix", "part", "item")
        if basis.get(key) is not None
    ]
    return LegalReference(
        instrument=_text(basis.get("instrument"), f"{where}.instrument"),
        provision=", ".join(parts),
        confidence=_choice(Confidence, rule.get("confidence"), f"{where}.confidence"),
        note=_text(basis.get("note", ""), f"{where}.note", empty=True),
    )


def _reduction(raw: Any, where: str) -> TemporaryReduction:
    item = _mapping(raw, where, _REDUCTION_KEYS)
    start = _date(item.get("effective_from"), f"{where}.effective_from")
    end = _date(item.get("effective_to"), f"{where}.effective_to")
    if end < start:
        raise FeeScheduleError(f"{where}: effective_to is before effective_from")
    return TemporaryReduction(
        code=_text(item.get("code"), f"{where}.code"),
        instrument=_text(item.get("instrument"), f"{where}.instrument"),
        effective_from=start,
        effective_to=end,
        description_vi=_text(item.get("description_vi"), f"{where}.description_vi"),
        description_en=_text(item.get("description_en"), f"{where}.description_en"),
        confidence=_choice(Confidence, item.get("confidence"), f"{where}.confidence"),
        note=_text(item.get("note", ""), f"{where}.note", empty=True),
    )


def _mapping(raw: Any, where: str, allowed: set[str]) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise FeeScheduleError(f"{where}: expected a mapping")
    unknown = set(raw) - allowed
    if unknown:
        raise FeeScheduleError(f"{where}: unknown keys {sorted(map(str, unknown))}")
    return raw


def _text(raw: Any, where: str, *, empty: bool = False) -> str:
    if not isinstance(raw, str) or (not empty and not raw.strip()):
        raise FeeScheduleError(f"{where}: expected {'a' if empty else 'a non-empty'} string")
    return raw.strip()


def _texts(raw: Any, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list):
        raise FeeScheduleError(f"{where}: expected a list of strings")
    return tuple(_text(x, f"{where}[{i}]") for i, x in enumerate(raw))


def _date(raw: Any, where: str) -> dt.date:
    if isinstance(raw, dt.datetime) or not isinstance(raw, dt.date):
        raise FeeScheduleError(f"{where}: expected a date (YYYY-MM-DD)")
    return raw


def _optional_date(raw: Any, where: str) -> dt.date | None:
    return None if raw is None else _date(raw, where)


def _choice(kind: type[_E], raw: Any, where: str) -> _E:
    try:
        return kind(raw)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise FeeScheduleError(f"{where}: {raw!r} is not one of {allowed}") from None
