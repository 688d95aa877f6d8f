"""Statutory public holidays (Labour Code 2019, Art. 112)."""

from __future__ import annotations

import datetime as dt

import pytest

from sangtao.law import Confidence
from sangtao.law.vn import OFFICIAL_HOLIDAYS, Occasion, statutory_holidays


def test_a_year_has_eleven_statutory_holiday_days():
    days = statutory_holidays(2027)
    assert sum(len(d) for d in days.values()) == 11
    assert set(days) == set(Occasion)


def test_tet_is_the_last_day_of_the_lunar_year_and_the_first_four_days():
    assert statutory_holidays(2027)[Occasion.TET] == tuple(
        dt.date(2027, 2, d) for d in range(5, 10)
    )


@pytest.mark.parametrize(
    ("year", "days"),
    [
        (2021, (dt.date(2021, 9, 2), dt.date(2021, 9, 3))),  # Thursday -> Friday
        (2022, (dt.date(2022, 9, 1), dt.date(2022, 9, 2))),  # Friday -> Thursday
        (2023, (dt.date(2023, 9, 1), dt.date(2023, 9, 2))),  # Saturday -> Friday
        (2024, (dt.date(2024, 9, 2), dt.date(2024, 9, 3))),  # Monday -> Tuesday
        (2025, (dt.date(2025, 9, 1), dt.date(2025, 9, 2))),  # Tuesday -> Monday
    ],
)
def test_national_day_companion_follows_recent_practice(year, days):
    assert statutory_holidays(year)[Occasion.NATIONAL_DAY] == days


def test_occasions_have_names_in_both_languages():
    assert Occasion.HUNG_KINGS.name_vi.startswith("Giỗ Tổ Hùng Vương")
    assert Occasion.NATIONAL_DAY.name_en == "National Day (2 September)"


def test_every_official_schedule_names_its_source():
    for schedule in OFFICIAL_HOLIDAYS:
        assert schedule.source
        assert schedule.legal_basis.confidence is schedule.confidence
        assert all(d.year in (schedule.year, schedule.year - 1) for d in schedule.closed)
    tet_2026 = next(s for s in OFFICIAL_HOLIDAYS if s.year == 2026 and s.occasion is Occasion.TET)
    assert tet_2026.confidence is Confidence.CONFIRMED
