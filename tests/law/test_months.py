"""Calendar-month arithmetic (Civil Code month ends)."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sangtao.law import add_months

dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2025, 1, 31), 1, dt.date(2025, 2, 28)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2025, 3, 31), 1, dt.date(2025, 4, 30)),
        (dt.date(2025, 3, 15), 12, dt.date(2026, 3, 15)),
        (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
        (dt.date(2025, 12, 31), 2, dt.date(2026, 2, 28)),
        (dt.date(2025, 3, 31), -1, dt.date(2025, 2, 28)),
        (dt.date(2025, 5, 10), 0, dt.date(2025, 5, 10)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last_day(start, months, expected):
    assert add_months(start, months) == expected


@given(dates, st.integers(min_value=-600, max_value=600))
def test_add_months_moves_exactly_n_months(d, n):
    result = add_months(d, n)
    assert (result.year * 12 + result.month) - (d.year * 12 + d.month) == n


@given(dates, st.integers(min_value=-600, max_value=600))
def test_add_months_day_is_the_same_or_the_last_of_a_shorter_month(d, n):
    result = add_months(d, n)
    last = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(d.day, last)


@given(dates, st.integers(min_value=0, max_value=600))
def test_add_months_is_monotonic(d, n):
    assert add_months(d, n) <= add_months(d, n + 1)


def test_add_months_outside_supported_years_raises():
    with pytest.raises(OverflowError):
        add_months(dt.date(9999, 12, 1), 1)
