"""The Vietnamese lunar calendar (Hồ Ngọc Đức's algorithm at UTC+7)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sangtao.law.vn import LunarDate, lunar_to_solar, solar_to_lunar, tet_date


@pytest.mark.parametrize(
    ("year", "tet"),
    [
        (2023, dt.date(2023, 1, 22)),
        (2024, dt.date(2024, 2, 10)),
        (2025, dt.date(2025, 1, 29)),
        (2026, dt.date(2026, 2, 17)),
        (1985, dt.date(1985, 1, 21)),
        (2007, dt.date(2007, 2, 17)),
    ],
)
def test_tet_falls_on_the_known_vietnamese_dates(year, tet):
    assert tet_date(year) == tet
    assert solar_to_lunar(tet) == LunarDate(year, 1, 1)


@pytest.mark.parametrize(
    ("year", "vietnam", "china"),
    [
        (1985, dt.date(1985, 1, 21), dt.date(1985, 2, 20)),
        (2007, dt.date(2007, 2, 17), dt.date(2007, 2, 18)),
    ],
)
def test_vietnamese_and_chinese_calendars_differ_in_some_years(year, vietnam, china):
    assert lunar_to_solar(year, 1, 1) == vietnam
    assert lunar_to_solar(year, 1, 1, tz=8) == china


@pytest.mark.parametrize(
    ("year", "day"),
    [
        (2023, dt.date(2023, 4, 29)),
        (2024, dt.date(2024, 4, 18)),
        (2025, dt.date(2025, 4, 7)),
        (2026, dt.date(2026, 4, 26)),
    ],
)
def test_hung_kings_day_is_the_tenth_of_the_third_month(year, day):
    assert lunar_to_solar(year, 3, 10) == day


def test_leap_months_are_recognised():
    assert solar_to_lunar(dt.date(2023, 3, 22)) == LunarDate(2023, 2, 1, leap=True)
    assert lunar_to_solar(2020, 4, 1, leap=True) == dt.date(2020, 5, 23)


def test_the_last_day_of_the_lunar_year_precedes_tet():
    assert solar_to_lunar(dt.date(2026, 2, 16)) == LunarDate(2025, 12, 29)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((2024, 4, 1, True), "no leap month"),
        ((2023, 5, 1, True), "no leap month 5"),
        ((2024, 13, 1), "no lunar month"),
        ((1700, 1, 1), "supported"),
    ],
)
def test_dates_that_do_not_exist_are_rejected(args, message):
    with pytest.raises(ValueError, match=message):
        lunar_to_solar(*args)


def test_day_thirty_of_a_short_month_is_rejected():
    lengths = {
        m: (lunar_to_solar(2025, m + 1, 1) - lunar_to_solar(2025, m, 1)).days for m in range(1, 6)
    }
    month = min(m for m, days in lengths.items() if days == 29)
    with pytest.raises(ValueError, match="only 29 days"):
        lunar_to_solar(2025, month, 30)


@settings(max_examples=300)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2150, 12, 31)))
def test_solar_to_lunar_round_trips(d):
    lunar = solar_to_lunar(d)
    assert 1 <= lunar.day <= 30
    assert lunar_to_solar(lunar.year, lunar.month, lunar.day, lunar.leap) == d


def test_lunar_dates_print_in_vietnamese_style():
    assert str(LunarDate(2023, 2, 1, leap=True)) == "01/02 (nhuận)/2023 ÂL"
