"""Paris-Convention priority periods and checks of a priority claim."""

from __future__ import annotations

import datetime as dt

import pytest

from sangtao.law import UnknownObjectType
from sangtao.law.vn import (
    NoPriorityRight,
    OfficeCalendar,
    check_priority,
    priority_period,
    priority_period_months,
)


@pytest.mark.parametrize(
    ("code", "months"),
    [("invention", 12), ("utility_solution", 12), ("industrial_design", 6), ("trademark", 6)],
)
def test_priority_periods(code, months):
    assert priority_period_months(code) == months
    assert "Art. 4C(1)" in str(priority_period(code).legal_basis[0])


@pytest.mark.parametrize("code", ["geographical_indication", "layout_design"])
def test_gi_and_layout_designs_have_no_priority_right(code):
    period = priority_period(code)
    assert period.months is None
    assert period.reason_en.startswith("No Paris-Convention priority right")
    with pytest.raises(NoPriorityRight):
        priority_period_months(code)
    result = check_priority(code, dt.date(2025, 1, 2), dt.date(2025, 3, 3))
    assert [i.code for i in result] == ["no_priority_right"]
    assert not result.ok


def test_unknown_types_raise():
    with pytest.raises(UnknownObjectType):
        priority_period_months("patent")


def test_a_claim_within_the_period_is_in_order():
    result = check_priority("trademark", dt.date(2025, 1, 15), dt.date(2025, 7, 15))
    assert result.ok
    assert list(result) == []
    assert result.last_day.date == dt.date(2025, 7, 15)


def test_a_priority_date_after_the_filing_date_is_an_error():
    result = check_priority("invention", dt.date(2025, 6, 3), dt.date(2025, 6, 2))
    assert [i.code for i in result.issues] == ["priority_date_after_filing_date"]
    issue = result.issues[0]
    assert issue.severity == "error"
    assert "03/06/2025" in issue.message_vi
    assert "2025-06-03" in issue.message_en


def test_a_claim_older_than_the_period_is_an_error():
    result = check_priority("trademark", dt.date(2025, 1, 15), dt.date(2025, 7, 16))
    assert [i.code for i in result.issues] == ["priority_period_expired"]
    assert "6-month" in result.issues[0].message_en
    assert "6 tháng" in result.issues[0].message_vi


def test_a_period_ending_on_a_closed_day_extends_to_the_next_working_day():
    # Six months from 30 Oct 2024 end on Wed 30 April 2025: closed, as are 1-2 May and the
    # weekend, so a filing on Monday 5 May 2025 is still in time; 6 May is not.
    on_time = check_priority("industrial_design", dt.date(2024, 10, 30), dt.date(2025, 5, 5))
    assert on_time.ok
    assert on_time.last_day.unrolled_date == dt.date(2025, 4, 30)
    late = check_priority("industrial_design", dt.date(2024, 10, 30), dt.date(2025, 5, 6))
    assert [i.code for i in late] == ["priority_period_expired"]


def test_the_calendar_can_be_given():
    closed = OfficeCalendar().with_closures(dt.date(2025, 7, 15))
    result = check_priority("trademark", dt.date(2025, 1, 15), dt.date(2025, 7, 16), closed)
    assert result.ok
