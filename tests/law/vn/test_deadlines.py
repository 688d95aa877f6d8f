"""Deadlines counted by the Civil Code, rolled to a working day."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sangtao.law import Confidence, LegalReference
from sangtao.law.vn import CIVIL_CODE_PERIODS, OfficeCalendar, deadline


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # 30 April 2025 (Wed), 1-2 May closed, 3-4 May weekend -> Monday 5 May.
        (dt.date(2025, 3, 30), dt.date(2025, 5, 5)),
        # 30 April 2026 (Thu), 1 May (Fri), weekend -> Monday 4 May.
        (dt.date(2026, 3, 30), dt.date(2026, 5, 4)),
    ],
)
def test_a_deadline_landing_on_30_april_rolls_to_the_next_working_day(start, expected):
    result = deadline(start, months=1)
    assert result.unrolled_date == start.replace(month=4)
    assert result.date == expected
    assert result.rolled
    assert "next working day" in result.rule_en
    assert "ngày làm việc tiếp theo" in result.rule_vi


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (dt.date(2025, 1, 31), dt.date(2025, 2, 28)),
        (dt.date(2024, 1, 31), dt.date(2024, 2, 29)),
    ],
)
def test_a_month_from_31_january_ends_on_the_last_day_of_february(start, expected):
    result = deadline(start, months=1)
    assert result.unrolled_date == expected
    assert result.date == expected  # both are working days
    assert not result.rolled


def test_days_are_counted_from_the_day_after_the_event():
    assert deadline(dt.date(2025, 6, 2), days=10).unrolled_date == dt.date(2025, 6, 12)
    both = deadline(dt.date(2025, 1, 31), months=1, days=1)
    assert both.unrolled_date == dt.date(2025, 3, 1)


def test_a_deadline_keeps_its_legal_basis_and_rule():
    own = LegalReference("Circular 23/2023/TT-BKHCN", "response period", Confidence.UNCONFIRMED)
    result = deadline(dt.date(2025, 6, 2), months=2, legal_basis=(own,))
    assert result.legal_basis == (own, CIVIL_CODE_PERIODS)
    assert CIVIL_CODE_PERIODS.provision == "Arts. 147-148"
    assert CIVIL_CODE_PERIODS.confidence is Confidence.UNCONFIRMED
    assert result.rule_en.startswith("2 months from 2025-06-02")
    assert result.rule_vi.startswith("Thời hạn 2 tháng kể từ ngày 02/06/2025")
    assert (result.start, result.months, result.days) == (dt.date(2025, 6, 2), 2, 0)


def test_the_calendar_used_for_the_roll_over_can_be_given():
    closed = OfficeCalendar().with_closures(dt.date(2025, 6, 12))
    assert deadline(dt.date(2025, 6, 2), days=10, calendar=closed).date == dt.date(2025, 6, 13)


@pytest.mark.parametrize(("months", "days"), [(0, 0), (-1, 0), (0, -3)])
def test_empty_or_negative_periods_are_rejected(months, days):
    with pytest.raises(ValueError, match="period"):
        deadline(dt.date(2025, 6, 2), months=months, days=days)


CAL = OfficeCalendar()


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31)),
    st.integers(min_value=0, max_value=48),
    st.integers(min_value=0, max_value=90),
)
def test_a_computed_deadline_is_always_a_working_day_on_or_after_the_calendar_date(
    start, months, days
):
    if months == days == 0:
        days = 1
    result = deadline(start, months=months, days=days, calendar=CAL)
    assert CAL.is_working_day(result.date)
    assert result.date >= result.unrolled_date > start
    assert result.rolled == (not CAL.is_working_day(result.unrolled_date))
