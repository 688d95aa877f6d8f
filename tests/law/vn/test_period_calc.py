"""Deadlines of an application across both regimes, month ends, leap years and holidays."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sangtao.law import Confidence, TriggerEvent
from sangtao.law.vn import (
    OBJECT_TYPES,
    ApplicationFacts,
    Notice,
    OfficeCalendar,
    UnknownObjectType,
    deadlines,
    period_kind,
    period_kinds,
    trigger_date,
)

ON = dt.date(2026, 11, 1)
CALENDAR = OfficeCalendar()


def _one(facts, kind, on=ON, **kw):
    found = [d for d in deadlines(facts, on=on, **kw) if d.kind == kind]
    assert len(found) == 1, [d.kind for d in deadlines(facts, on=on)]
    return found[0]


@pytest.mark.parametrize(
    ("type_code", "published", "accelerated", "months", "regime", "due"),
    [
        ("invention", dt.date(2025, 6, 2), False, 9, "A", dt.date(2026, 3, 2)),
        ("utility_solution", dt.date(2025, 6, 2), False, 9, "A", dt.date(2026, 3, 2)),
        ("industrial_design", dt.date(2025, 6, 2), False, 4, "A", dt.date(2025, 10, 2)),
        ("trademark", dt.date(2025, 6, 2), False, 5, "A", dt.date(2025, 11, 3)),  # 2 Nov: Sun
        ("geographical_indication", dt.date(2025, 6, 2), False, 5, "A", dt.date(2025, 11, 3)),
        ("invention", dt.date(2026, 4, 1), False, 6, "B", dt.date(2026, 10, 1)),
        ("invention", dt.date(2026, 4, 1), True, 3, "B", dt.date(2026, 7, 1)),
        ("industrial_design", dt.date(2026, 4, 1), False, 3, "B", dt.date(2026, 7, 1)),
        ("trademark", dt.date(2026, 3, 31), False, 5, "A", dt.date(2026, 8, 31)),
        ("trademark", dt.date(2026, 4, 1), False, 3, "B", dt.date(2026, 7, 1)),
    ],
)
def test_opposition_windows_follow_the_regime_of_the_publication_date(
    type_code, published, accelerated, months, regime, due
):
    facts = ApplicationFacts(
        type_code, dt.date(2025, 1, 6), publication_date=published, accelerated=accelerated
    )
    d = _one(facts, "opposition")
    assert (d.months, d.regime, d.date, d.trigger) == (
        months,
        regime,
        due,
        TriggerEvent.PUBLICATION,
    )
    assert d.actor == "third_party"
    assert any("112a" in ref.provision for ref in d.legal_basis)


@pytest.mark.parametrize(
    ("type_code", "filing", "published", "on", "months", "regime"),
    [
        # Filed and published before 1 April 2026: 42 months.
        ("invention", dt.date(2024, 1, 10), dt.date(2025, 8, 25), ON, 42, "A"),
        ("utility_solution", dt.date(2024, 1, 10), dt.date(2025, 8, 25), ON, 36, "A"),
        # Filed before, published on or after 1 April 2026: the new 36 months.
        ("invention", dt.date(2025, 1, 10), dt.date(2026, 8, 25), ON, 36, "B"),
        # Not yet published on 1 November 2026: it will be published after 1 April 2026.
        ("invention", dt.date(2025, 1, 10), None, ON, 36, "B"),
        # Not yet published and computed before 1 April 2026: still Regime A.
        ("invention", dt.date(2025, 1, 10), None, dt.date(2026, 2, 2), 42, "A"),
        ("invention", dt.date(2026, 5, 4), None, ON, 36, "B"),
    ],
)
def test_the_examination_request_period_follows_the_transitional_rule(
    type_code, filing, published, on, months, regime
):
    facts = ApplicationFacts(type_code, filing, publication_date=published)
    d = _one(facts, "examination_request", on=on)
    assert (d.months, d.regime) == (months, regime)
    assert d.lapse_act == "deem_withdrawn"
    assert "1 April 2026" in d.regime_reason or regime == "A"


def test_the_utility_solution_request_period_of_regime_b_is_unconfirmed_configuration():
    facts = ApplicationFacts("utility_solution", dt.date(2026, 5, 4))
    d = _one(facts, "examination_request")
    assert d.confidence is Confidence.UNCONFIRMED
    assert "not retrieved" in d.note


def test_a_new_period_that_ended_before_the_new_law_is_flagged():
    facts = ApplicationFacts(
        "invention",
        dt.date(2023, 5, 2),
        priority_date=dt.date(2022, 5, 2),
        publication_date=dt.date(2026, 4, 27),
        pct=True,
    )
    d = _one(facts, "examination_request")
    assert d.regime == "B" and d.unrolled_date == dt.date(2025, 5, 2)
    assert "check the transitional provision" in d.note


@pytest.mark.parametrize(
    ("priority", "validity", "unrolled", "due"),
    [
        # 19th month from priority when acceptance comes early.
        (dt.date(2024, 9, 12), dt.date(2025, 4, 10), dt.date(2026, 4, 12), dt.date(2026, 4, 13)),
        # 31 July + 19 months = end of February (leap year 2028).
        (dt.date(2026, 7, 31), dt.date(2026, 9, 1), dt.date(2028, 2, 29), dt.date(2028, 2, 29)),
        # 2 months after a late acceptance wins.
        (dt.date(2024, 1, 15), dt.date(2025, 9, 30), dt.date(2025, 11, 30), dt.date(2025, 12, 1)),
    ],
)
def test_invention_publication_is_the_19th_month_or_2_months_after_acceptance(
    priority, validity, unrolled, due
):
    facts = ApplicationFacts(
        "invention", validity - dt.timedelta(days=30), priority_date=priority,
        validity_date=validity, publication_date=None,
    )  # fmt: skip
    d = _one(facts, "publication", on=dt.date(2025, 3, 1))
    assert (d.unrolled_date, d.date) == (unrolled, due)
    assert d.rolled == (unrolled != due)
    assert "latest of the alternative ends" in d.rule_en


@pytest.mark.parametrize(
    ("signed", "unrolled", "due"),
    [
        # 30 Nov + 3 months = 28 Feb 2025 (not a leap year), a Friday.
        (dt.date(2024, 11, 30), dt.date(2025, 2, 28), dt.date(2025, 2, 28)),
        # 29 Nov 2023 + 3 months = 29 Feb 2024 (leap year), a Thursday.
        (dt.date(2023, 11, 29), dt.date(2024, 2, 29), dt.date(2024, 2, 29)),
        # 29 Oct 2024 + 3 months = 29 Jan 2025, Tết holiday: rolls past the holidays.
        (dt.date(2024, 10, 29), dt.date(2025, 1, 29), dt.date(2025, 2, 3)),
    ],
)
def test_patent_responses_run_3_months_from_the_signature_and_roll_over_holidays(
    signed, unrolled, due
):
    facts = ApplicationFacts(
        "invention", dt.date(2022, 1, 4), notices=(Notice("notice_intended_refusal", signed),)
    )
    d = _one(facts, "substantive_response")
    assert (d.unrolled_date, d.date, d.trigger_date, d.regime) == (unrolled, due, signed, "A")
    assert d.notice_act == "notice_intended_refusal"
    assert d.extended_date is not None and d.extended_date > d.date
    assert d.lapse_act == "refuse"
    assert "IP Viet Nam's own timelines" in d.note
    assert any("2343" in ref.instrument for ref in d.legal_basis)


def test_trademark_responses_run_2_months_and_extend_by_2():
    notice = Notice("notice_intended_refusal", dt.date(2025, 6, 2))
    facts = ApplicationFacts("trademark", dt.date(2025, 1, 6), notices=(notice,))
    d = _one(facts, "substantive_response")
    assert (d.months, d.date, d.extended_date) == (2, dt.date(2025, 8, 4), dt.date(2025, 10, 2))


def test_notices_under_regime_b_take_regime_b_periods():
    facts = ApplicationFacts(
        "trademark",
        dt.date(2025, 1, 6),
        notices=(Notice("notice_intended_grant", dt.date(2026, 4, 2)),),
    )
    d = _one(facts, "grant_fee")
    assert (d.regime, d.months, d.date) == ("B", 3, dt.date(2026, 7, 2))
    assert d.confidence is Confidence.UNCONFIRMED


def test_complaints_run_90_days_from_any_appealable_decision_and_30_from_the_first_answer():
    facts = ApplicationFacts(
        "invention",
        dt.date(2024, 1, 4),
        notices=(
            Notice("refuse", dt.date(2025, 3, 3)),
            Notice("formality_accept", dt.date(2024, 2, 5)),
            Notice("notice_intended_refusal", dt.date(2024, 9, 2)),
            Notice("complaint_first_decision", dt.date(2025, 6, 2)),
        ),
    )
    found = deadlines(facts, on=ON)
    first = [d for d in found if d.kind == "complaint_first"]
    assert sorted(d.notice_act for d in first) == ["formality_accept", "refuse"]
    assert next(d for d in first if d.notice_act == "refuse").date == dt.date(2025, 6, 2)
    second = next(d for d in found if d.kind == "complaint_second")
    assert (second.days, second.date) == (30, dt.date(2025, 7, 2))
    assert "start event" in second.note
    conversion = next(d for d in found if d.kind == "conversion")
    assert conversion.date == dt.date(2025, 6, 3)


def test_pct_national_phase_is_31_months_from_priority():
    facts = ApplicationFacts(
        "invention", dt.date(2018, 3, 14), priority_date=dt.date(2017, 3, 14), pct=True
    )
    d = _one(facts, "pct_national_phase", on=dt.date(2019, 1, 1))
    assert d.date == dt.date(2019, 10, 14)
    plain = ApplicationFacts("invention", dt.date(2018, 3, 14))
    assert "pct_national_phase" not in {d.kind for d in deadlines(plain, on=ON)}


def test_design_deferral_and_early_publication_apply_on_request_only():
    design = ApplicationFacts("industrial_design", dt.date(2026, 1, 30), deferred_publication=True)
    assert _one(design, "publication_deferral").unrolled_date == dt.date(2026, 8, 30)
    early = ApplicationFacts(
        "invention", dt.date(2026, 4, 2), validity_date=dt.date(2026, 5, 4),
        early_publication_request_date=dt.date(2026, 4, 2),
    )  # fmt: skip
    d = _one(early, "publication_early")
    assert (d.regime, d.months, d.trigger_date) == ("B", 1, dt.date(2026, 5, 4))
    assert "publication_early" not in {
        x.kind for x in deadlines(ApplicationFacts("invention", dt.date(2026, 4, 2)), on=ON)
    }


def test_office_targets_and_periods_without_a_trigger():
    facts = ApplicationFacts("layout_design", dt.date(2025, 5, 5))
    kinds = {d.kind for d in deadlines(facts, on=ON)}
    assert kinds == {"formality_examination"}
    mark = ApplicationFacts("trademark", dt.date(2025, 5, 5), publication_date=dt.date(2025, 9, 1))
    exam = _one(mark, "substantive_examination")
    assert (exam.months, exam.actor, exam.date) == (9, "office", dt.date(2026, 6, 1))


def test_deadlines_are_sorted_and_carry_the_civil_code_rule():
    facts = ApplicationFacts(
        "invention", dt.date(2025, 3, 10), priority_date=dt.date(2024, 9, 12),
        publication_date=dt.date(2026, 4, 27), examination_request_date=dt.date(2026, 5, 4),
    )  # fmt: skip
    found = deadlines(facts, on=ON)
    assert [d.date for d in found] == sorted(d.date for d in found)
    for d in found:
        assert d.legal_basis[-1].instrument == "Civil Code No. 91/2015/QH13"
        assert d.rule_vi and d.rule_en and d.regime in {"A", "B"}


def test_bad_facts_are_refused():
    with pytest.raises(UnknownObjectType):
        deadlines(ApplicationFacts("plant_variety", dt.date(2025, 1, 2)))
    with pytest.raises(ValueError, match="priority date cannot be after"):
        ApplicationFacts("invention", dt.date(2025, 1, 2), priority_date=dt.date(2025, 2, 1))
    with pytest.raises(ValueError, match="publication_date"):
        ApplicationFacts("invention", dt.date(2025, 1, 2), publication_date=dt.date(2024, 1, 1))


def test_trigger_dates_of_combined_events():
    facts = ApplicationFacts(
        "invention", dt.date(2025, 1, 2), publication_date=dt.date(2026, 7, 27),
        examination_request_date=dt.date(2026, 9, 1),
    )  # fmt: skip
    later = TriggerEvent.LATER_OF_PUBLICATION_AND_EXAMINATION_REQUEST
    assert trigger_date(later, facts) == dt.date(2026, 9, 1)
    assert trigger_date(TriggerEvent.VALIDITY, facts) is None
    assert trigger_date(TriggerEvent.NOTICE, facts) is None


def test_every_period_kind_has_rules_in_both_regimes_for_its_types():
    for kind in period_kinds():
        for type_code in kind.object_types:
            for regime in ("A", "B"):
                assert kind.rules_for(type_code, regime), (kind.code, type_code, regime)
            for rule in kind.rules:
                if rule.confidence is Confidence.UNCONFIRMED:
                    assert rule.note, (kind.code, rule.regime, sorted(rule.object_types))
    assert period_kind("grant_fee").lapse_act == "refuse"
    with pytest.raises(KeyError):
        period_kind("nothing")


_days = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2035, 12, 31))


@st.composite
def _facts(draw):
    type_code = draw(st.sampled_from(sorted(OBJECT_TYPES)))
    filing = draw(_days)
    priority = draw(st.none() | st.dates(filing - dt.timedelta(days=365), filing))
    publication = draw(st.none() | st.dates(filing, filing + dt.timedelta(days=900)))
    validity = draw(st.none() | st.dates(filing, filing + dt.timedelta(days=400)))
    request = draw(st.none() | st.dates(filing, filing + dt.timedelta(days=1200)))
    acts = ["notice_intended_refusal", "notice_intended_grant", "refuse", "formality_refuse_notice",
            "complaint_first_decision", "grant"]  # fmt: skip
    signed = st.dates(filing, filing + dt.timedelta(days=2000))
    notices = draw(st.lists(st.builds(Notice, st.sampled_from(acts), signed), max_size=3))
    return ApplicationFacts(
        type_code, filing, priority_date=priority, publication_date=publication,
        validity_date=validity, examination_request_date=request, notices=tuple(notices),
        accelerated=draw(st.booleans()), pct=draw(st.booleans()),
        deferred_publication=draw(st.booleans()),
    )  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(_facts(), _days)
def test_a_deadline_never_falls_on_a_closed_day_nor_precedes_its_trigger(facts, on):
    for d in deadlines(facts, calendar=CALENDAR, on=on):
        assert CALENDAR.is_working_day(d.date), d
        assert d.date >= d.unrolled_date > d.trigger_date
        if d.extended_date is not None:
            assert CALENDAR.is_working_day(d.extended_date)
            assert d.extended_date > d.date
        assert d.regime in {"A", "B"}
