"""Viet Nam's fee schedules (package data, one YAML file per circular) and the fee calculator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib.resources import files

from sangtao.law._fee_data import FeeScheduleError, load_fee_schedule
from sangtao.law._fee_facts import FeeFacts, FeeStage
from sangtao.law._fees import FeeAssessment, FeeSchedule, NoFeeSchedule
from sangtao.law.vn._object_types import OBJECT_TYPES, object_type, trademark_kind

__all__ = ["assess_fees", "fee_schedule_on", "fee_schedules"]

_PATENTS = frozenset({"invention", "utility_solution"})


@lru_cache(maxsize=1)
def fee_schedules() -> tuple[FeeSchedule, ...]:
    """Return the fee schedules shipped with the Viet Nam law pack, oldest first.

    Every ``data/fees_*.yaml`` file of the package is one schedule; their periods of
    validity must not overlap.

    Raises
    ------
    FeeScheduleError
        If a data file is malformed or two schedules overlap.
    """
    data = files("sangtao.law.vn").joinpath("data")
    paths = sorted(
        (p for p in data.iterdir() if p.name.startswith("fees_") and p.name.endswith(".yaml")),
        key=lambda p: p.name,
    )
    schedules = tuple(load_fee_schedule(p, object_types=OBJECT_TYPES) for p in paths)
    return _ordered(schedules)


def _ordered(schedules: Iterable[FeeSchedule]) -> tuple[FeeSchedule, ...]:
    ordered = tuple(sorted(schedules, key=lambda s: s.effective_from))
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if earlier.effective_to is None or earlier.effective_to >= later.effective_from:
            raise FeeScheduleError(f"fee schedules {earlier.id} and {later.id} overlap")
    return ordered


def fee_schedule_on(
    on_date: dt.date, schedules: Sequence[FeeSchedule] | None = None
) -> FeeSchedule:
    """Return the fee schedule in force on ``on_date``.

    Parameters
    ----------
    on_date : datetime.date
        Usually the day the fees are paid.
    schedules : sequence of FeeSchedule, optional
        Schedules to choose from (default: :func:`fee_schedules`).

    Raises
    ------
    NoFeeSchedule
        If none is in force, e.g. before 1 January 2017.
    """
    candidates = fee_schedules() if schedules is None else _ordered(schedules)
    for schedule in candidates:
        if schedule.in_force_on(on_date):
            return schedule
    raise NoFeeSchedule(
        f"no Viet Nam fee schedule is in force on {on_date.isoformat()} "
        f"(known: {', '.join(f'{s.id} from {s.effective_from}' for s in candidates)})"
    )


def assess_fees(
    facts: FeeFacts,
    on_date: dt.date,
    *,
    stages: Iterable[FeeStage | str] = (FeeStage.FILING,),
    schedules: Sequence[FeeSchedule] | None = None,
) -> FeeAssessment:
    """Itemise the official fees of an application under the schedule in force on a date.

    Parameters
    ----------
    facts : FeeFacts
        The application: object type, classes and goods, claims, pages, drawings, designs,
        priorities, and whether examination is requested now.
    on_date : datetime.date
        The date whose schedule applies.
    stages : iterable of FeeStage, optional
        ``filing`` (default; includes the examination request when requested) and/or
        ``grant``.
    schedules : sequence of FeeSchedule, optional
        Schedules to choose from (default: the package data).

    Returns
    -------
    FeeAssessment
        Itemised fees, their total, and notes on unconfirmed amounts and temporary
        reductions (which are never deducted).

    Raises
    ------
    NoFeeSchedule
        If no schedule is in force on ``on_date``.
    UnknownObjectType, UnknownTrademarkKind
        If a code is unknown.
    ValueError
        If the facts do not fit the object type (e.g. a trademark without classes).

    References
    ----------
    Circular 263/2016/TT-BTC as amended by Circular 31/2020/TT-BTC (consolidated text
    23/VBHN-BTC), Biểu mức thu phí, lệ phí sở hữu công nghiệp.
    """
    _validate(facts)
    return fee_schedule_on(on_date, schedules).assess(facts, on_date, stages)


def _validate(facts: FeeFacts) -> None:
    t = object_type(facts.object_type)
    if facts.trademark_kind is not None:
        if t.code != "trademark":
            raise ValueError(f"a trademark kind was given for a {t.code} application")
        trademark_kind(facts.trademark_kind)
    if t.code == "trademark" and not facts.nice_classes:
        raise ValueError("a trademark application needs at least one Nice class")
    if t.code != "trademark" and facts.nice_classes:
        raise ValueError(f"Nice classes were given for a {t.code} application")
    if t.code in _PATENTS and facts.independent_claims < 1:
        raise ValueError(f"a {t.code} application needs at least one independent claim")
    if t.code == "industrial_design" and facts.designs < 1:
        raise ValueError("a design application needs at least one design")
