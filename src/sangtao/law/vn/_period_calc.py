"""The deadline calculator: every period that applies to an application, with its rule and basis."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from sangtao.law._months import Deadline, WorkingCalendar
from sangtao.law._periods import (
    ApplicationFacts,
    ComputedDeadline,
    Notice,
    PeriodKind,
    PeriodRule,
    RegimeChoice,
    TriggerEvent,
)
from sangtao.law.vn._deadlines import deadline
from sangtao.law.vn._object_types import object_type
from sangtao.law.vn._procedure import period_kinds, procedure
from sangtao.law.vn._regimes import REGIME_B, REGIMES, regime_on

__all__ = ["deadlines", "trigger_date"]

_ANY_APPEALABLE = "*appealable"
_OFFICE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
_CUTOVER: dt.date = REGIME_B.effective_from or dt.date(2026, 4, 1)
_TRIGGER_VI = {
    TriggerEvent.FILING: "ngày nộp đơn",
    TriggerEvent.PRIORITY_OR_FILING: "ngày ưu tiên (hoặc ngày nộp đơn)",
    TriggerEvent.PUBLICATION: "ngày công bố đơn",
    TriggerEvent.VALIDITY: "ngày đơn được chấp nhận hợp lệ",
    TriggerEvent.EXAMINATION_REQUEST: "ngày yêu cầu thẩm định nội dung",
    TriggerEvent.LATER_OF_PUBLICATION_AND_EXAMINATION_REQUEST: (
        "ngày công bố hoặc ngày yêu cầu thẩm định nội dung, tùy ngày nào muộn hơn"
    ),
    TriggerEvent.LATER_OF_EARLY_PUBLICATION_REQUEST_AND_VALIDITY: (
        "ngày yêu cầu công bố sớm hoặc ngày đơn hợp lệ, tùy ngày nào muộn hơn"
    ),
    TriggerEvent.NOTICE: "ngày ký số thông báo",
}
_TRIGGER_EN = {
    TriggerEvent.FILING: "the filing date",
    TriggerEvent.PRIORITY_OR_FILING: "the priority date (or filing date)",
    TriggerEvent.PUBLICATION: "the publication date",
    TriggerEvent.VALIDITY: "acceptance as valid",
    TriggerEvent.EXAMINATION_REQUEST: "the examination request",
    TriggerEvent.LATER_OF_PUBLICATION_AND_EXAMINATION_REQUEST: (
        "publication or the examination request, whichever is later"
    ),
    TriggerEvent.LATER_OF_EARLY_PUBLICATION_REQUEST_AND_VALIDITY: (
        "the early-publication request or acceptance as valid, whichever is later"
    ),
    TriggerEvent.NOTICE: "the digital-signature date of the notice",
}


def trigger_date(
    trigger: TriggerEvent, facts: ApplicationFacts, notice: Notice | None = None
) -> dt.date | None:
    """Return the date of a trigger event for an application, or ``None`` if it has not happened.

    Parameters
    ----------
    trigger : TriggerEvent
        The event.
    facts : ApplicationFacts
        What is known of the application.
    notice : Notice, optional
        The notice, for ``TriggerEvent.NOTICE``.
    """
    if trigger is TriggerEvent.FILING:
        return facts.filing_date
    if trigger is TriggerEvent.PRIORITY_OR_FILING:
        return facts.priority_or_filing_date
    if trigger is TriggerEvent.PUBLICATION:
        return facts.publication_date
    if trigger is TriggerEvent.VALIDITY:
        return facts.validity_date
    if trigger is TriggerEvent.EXAMINATION_REQUEST:
        return facts.examination_request_date
    if trigger is TriggerEvent.LATER_OF_PUBLICATION_AND_EXAMINATION_REQUEST:
        return _later(facts.publication_date, facts.examination_request_date)
    if trigger is TriggerEvent.LATER_OF_EARLY_PUBLICATION_REQUEST_AND_VALIDITY:
        return _later(facts.early_publication_request_date, facts.validity_date)
    return None if notice is None else notice.signed


def _later(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return None if a is None or b is None else max(a, b)


def deadlines(
    facts: ApplicationFacts,
    calendar: WorkingCalendar | None = None,
    on: dt.date | None = None,
) -> list[ComputedDeadline]:
    """Compute every deadline that applies to an application under Vietnamese law.

    Each period kind of the law pack is looked up for the object type; its regime is chosen
    per kind (by its trigger date, the filing date, or the transitional rule for applications
    filed before 1 April 2026 and published on or after it); the first rule matching the
    object type, regime and conditions (PCT, accelerated, deferred or early publication)
    gives its length. Months are counted as the Civil Code counts them and the last day
    rolls forward to a working day of the office calendar. Periods whose trigger event has
    not happened (no publication date yet, no notice) are left out.

    Parameters
    ----------
    facts : ApplicationFacts
        What is known of the application.
    calendar : WorkingCalendar, optional
        Office calendar for the roll-over (default: ``OfficeCalendar()``).
    on : datetime.date, optional
        The day of the computation (default: today in Asia/Ho_Chi_Minh). It stands in for
        the publication date of an unpublished application under the transitional rule:
        publication cannot come before it.

    Returns
    -------
    list of ComputedDeadline
        Sorted by date, then period kind.

    Raises
    ------
    UnknownObjectType
        If the object type is unknown.

    Examples
    --------
    >>> import datetime as dt
    >>> facts = ApplicationFacts(
    ...     "trademark", dt.date(2025, 3, 10), publication_date=dt.date(2025, 6, 2)
    ... )
    >>> found = deadlines(facts, on=dt.date(2025, 7, 1))
    >>> [(d.kind, d.date.isoformat(), d.regime) for d in found if d.kind == "opposition"]
    [('opposition', '2025-11-03', 'A')]
    """
    object_type(facts.object_type)
    today = dt.datetime.now(_OFFICE_TZ).date() if on is None else on
    out: list[ComputedDeadline] = []
    for kind in period_kinds():
        if facts.object_type not in kind.object_types:
            continue
        if kind.trigger_acts:
            for notice in _notices_for(kind, facts):
                item = _compute(kind, facts, today, calendar, notice)
                if item is not None:
                    out.append(item)
        else:
            item = _compute(kind, facts, today, calendar, None)
            if item is not None:
                out.append(item)
    out.sort(key=lambda d: (d.date, d.kind, d.trigger_date))
    return out


def _notices_for(kind: PeriodKind, facts: ApplicationFacts) -> Iterator[Notice]:
    acts = set(kind.trigger_acts)
    appealable: set[str] = set()
    if _ANY_APPEALABLE in acts:
        appealable = {a.code for a in procedure(facts.object_type).acts if a.appealable}
    for notice in facts.notices:
        if notice.act in acts or notice.act in appealable:
            yield notice


def _matching_rule(kind: PeriodKind, facts: ApplicationFacts, regime: str) -> PeriodRule | None:
    for rule in kind.rules_for(facts.object_type, regime):
        if rule.when <= facts.conditions:
            return rule
    return None


def _choose_regime(
    kind: PeriodKind, facts: ApplicationFacts, today: dt.date, notice: Notice | None
) -> tuple[str, str] | None:
    """Return (regime code, reason) for a period, or None if its trigger has not happened."""
    if notice is not None:
        code = regime_on(notice.signed).code
        return code, f"regime in force on the notice's signature date {notice.signed.isoformat()}"
    if kind.regime_by is RegimeChoice.FILING:
        code = regime_on(facts.filing_date).code
        return code, f"regime in force on the filing date {facts.filing_date.isoformat()}"
    if kind.regime_by is RegimeChoice.TRANSITIONAL:
        if facts.filing_date >= _CUTOVER:
            return REGIME_B.code, "filed on or after 1 April 2026"
        if facts.publication_date is not None:
            if facts.publication_date >= _CUTOVER:
                return REGIME_B.code, (
                    "filed before 1 April 2026 and published on or after it: new timelines "
                    "(transitional rule of Law 131/2025)"
                )
            return regime_on(facts.filing_date).code, "filed and published before 1 April 2026"
        if today >= _CUTOVER:
            return REGIME_B.code, (
                "filed before 1 April 2026 and not published by "
                f"{today.isoformat()}, so published on or after 1 April 2026: new timelines "
                "(transitional rule of Law 131/2025)"
            )
        return regime_on(facts.filing_date).code, (
            "filed before 1 April 2026 and not yet published; Regime B would apply if it is "
            "published on or after 1 April 2026"
        )
    # By trigger date: the regime whose rule's own trigger date falls in it.
    for regime in REGIMES:
        rule = _matching_rule(kind, facts, regime.code)
        if rule is None:
            continue
        start = trigger_date(rule.trigger, facts)
        if start is not None and regime.in_force_on(start):
            return regime.code, f"regime in force on the trigger date {start.isoformat()}"
    return None


def _compute(
    kind: PeriodKind,
    facts: ApplicationFacts,
    today: dt.date,
    calendar: WorkingCalendar | None,
    notice: Notice | None,
) -> ComputedDeadline | None:
    chosen = _choose_regime(kind, facts, today, notice)
    if chosen is None:
        return None
    regime, reason = chosen
    rule = _matching_rule(kind, facts, regime)
    if rule is None:
        return None
    candidates: list[tuple[TriggerEvent, dt.date, int, int]] = []
    for trig, months, days in ((rule.trigger, rule.months, rule.days), *rule.or_later):
        start = trigger_date(trig, facts, notice)
        if start is not None:
            candidates.append((trig, start, months, days))
    if not candidates or trigger_date(rule.trigger, facts, notice) is None:
        return None
    computed = [
        (trig, deadline(start, months=m, days=d, calendar=calendar, legal_basis=rule.legal_basis))
        for trig, start, m, d in candidates
    ]
    trig, best = max(computed, key=lambda pair: pair[1].unrolled_date)
    rule_vi, rule_en = _wording(kind, trig, best, len(computed) > 1)
    notes = [rule.note] if rule.note else []
    if rule.extension is not None and rule.extension.note:
        notes.append(f"Extension: {rule.extension.note}")
    if regime == REGIME_B.code and facts.filing_date < _CUTOVER and best.unrolled_date < _CUTOVER:
        notes.append(
            "The new (Regime B) period ended before 1 April 2026, when the new law took "
            "effect; check the transitional provision before applying a lapse."
        )
    extended = None
    if rule.extension is not None:
        ext = rule.extension
        extended = deadline(
            best.start,
            months=best.months + ext.months * ext.times,
            days=best.days + ext.days * ext.times,
            calendar=calendar,
        ).date
    return ComputedDeadline(
        kind=kind.code,
        name_vi=kind.name_vi,
        name_en=kind.name_en,
        date=best.date,
        unrolled_date=best.unrolled_date,
        trigger=trig,
        trigger_date=best.start,
        months=best.months,
        days=best.days,
        rule_vi=rule_vi,
        rule_en=rule_en,
        legal_basis=best.legal_basis,
        regime=regime,
        regime_reason=reason,
        confidence=rule.confidence,
        note=" ".join(notes),
        actor=kind.actor,
        lapse_act=kind.lapse_act,
        notice_act=None if notice is None else notice.act,
        extended_date=extended,
    )


def _wording(
    kind: PeriodKind, trig: TriggerEvent, best: Deadline, alternatives: bool
) -> tuple[str, str]:
    vi = f"{kind.name_vi}: tính từ {_TRIGGER_VI[trig]}. {best.rule_vi}"
    en = f"{kind.name_en}: runs from {_TRIGGER_EN[trig]}. {best.rule_en}"
    if alternatives:
        vi += " (thời hạn kết thúc muộn nhất trong các cách tính được áp dụng)"
        en += " (the latest of the alternative ends applies)"
    return vi, en
