"""The office calendar: weekends, holidays, official schedules, closures announced by the office."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sangtao.law import Confidence
from sangtao.law.vn import ClosedDay, ClosedDayKind, Occasion, OfficeCalendar, OfficialHolidays

CAL = OfficeCalendar()


def span(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


HOLIDAYS_2025 = [
    dt.date(2025, 1, 1),
    *span(dt.date(2025, 1, 25), dt.date(2025, 2, 2)),
    dt.date(2025, 4, 7),
    dt.date(2025, 4, 30),
    dt.date(2025, 5, 1),
    dt.date(2025, 5, 2),
    dt.date(2025, 9, 1),
    dt.date(2025, 9, 2),
]
HOLIDAYS_2026 = [
    dt.date(2026, 1, 1),
    dt.date(2026, 1, 2),
    *span(dt.date(2026, 2, 14), dt.date(2026, 2, 22)),
    dt.date(2026, 4, 26),
    dt.date(2026, 4, 27),
    dt.date(2026, 4, 30),
    dt.date(2026, 5, 1),
    dt.date(2026, 9, 2),
]


@pytest.mark.parametrize("day", HOLIDAYS_2025 + HOLIDAYS_2026)
def test_public_holidays_of_2025_and_2026_are_closed(day):
    assert not CAL.is_working_day(day)
    assert CAL.closure(day).kind is not ClosedDayKind.WEEKEND


def test_weekends_are_closed_and_weekdays_open():
    assert not CAL.is_working_day(dt.date(2025, 6, 7))  # Saturday
    assert not CAL.is_working_day(dt.date(2025, 6, 8))  # Sunday
    assert CAL.is_working_day(dt.date(2025, 6, 9))
    assert CAL.closure(dt.date(2025, 6, 8)).reason_en == "Weekend (Sunday)"


@pytest.mark.parametrize("saturday", [dt.date(2025, 4, 26), dt.date(2026, 1, 10)])
def test_a_saturday_worked_in_exchange_for_a_bridge_day_is_a_working_day(saturday):
    assert saturday.weekday() == 5
    assert CAL.is_working_day(saturday)


def test_a_holiday_on_the_weekend_gives_a_compensatory_day():
    # 1 May 2027 is a Saturday: compensated on Monday 3 May.
    closure = CAL.closure(dt.date(2027, 5, 3))
    assert closure.kind is ClosedDayKind.COMPENSATORY
    assert closure.occasion is Occasion.LABOUR_DAY
    assert closure.reason_vi.startswith("Nghỉ bù")
    assert OfficeCalendar(compensatory_days=False).is_working_day(dt.date(2027, 5, 3))


def test_compensatory_days_follow_a_tet_that_spans_a_weekend():
    # Statutory Tết 2027: Fri 5 - Tue 9 Feb; Sat 6 and Sun 7 are compensated on 10 and 11 Feb.
    assert [c.date for c in CAL.closed_days(2027) if c.occasion is Occasion.TET] == span(
        dt.date(2027, 2, 5), dt.date(2027, 2, 11)
    )


def test_closed_days_give_dated_reasons_in_both_languages():
    days = CAL.closed_days(2026)
    assert [d.date for d in days] == sorted(d.date for d in days)
    tet = next(d for d in days if d.date == dt.date(2026, 2, 17))
    assert tet.kind is ClosedDayKind.OFFICIAL_SCHEDULE
    assert tet.reason_vi.startswith("Tết Âm lịch")
    assert tet.reason_en.startswith("Lunar New Year")
    assert tet.legal_basis.confidence is Confidence.CONFIRMED
    assert dt.date(2026, 6, 6) not in [d.date for d in days]
    with_weekends = CAL.closed_days(2026, include_weekends=True)
    assert dt.date(2026, 6, 6) in [d.date for d in with_weekends]
    assert dt.date(2026, 1, 10) not in [d.date for d in with_weekends]


def test_statutory_days_carry_the_labour_code():
    victory = CAL.closure(dt.date(2026, 4, 30))
    assert victory.kind is ClosedDayKind.PUBLIC_HOLIDAY
    assert "112" in str(victory.legal_basis)


def test_next_working_day_is_the_day_itself_when_open():
    assert CAL.next_working_day(dt.date(2025, 6, 9)) == dt.date(2025, 6, 9)
    assert CAL.next_working_day(dt.date(2026, 2, 14)) == dt.date(2026, 2, 23)
    assert CAL.roll_forward(dt.date(2025, 4, 30)) == dt.date(2025, 5, 5)


def test_add_working_days_skips_closed_days():
    assert CAL.add_working_days(dt.date(2026, 2, 12), 2) == dt.date(2026, 2, 23)
    assert CAL.add_working_days(dt.date(2026, 2, 12), 0) == dt.date(2026, 2, 12)
    with pytest.raises(ValueError, match="non-negative"):
        CAL.add_working_days(dt.date(2026, 2, 12), -1)


def test_an_administrator_adds_closures_on_a_new_calendar():
    day = dt.date(2026, 6, 10)
    closed = CAL.with_closures(day, reason_vi="Sự cố hệ thống", reason_en="System outage")
    assert CAL.is_working_day(day)
    assert not closed.is_working_day(day)
    assert closed.closure(day).kind is ClosedDayKind.OFFICE_CLOSURE
    assert closed.closure(day).reason_en == "System outage"
    assert day in [d.date for d in closed.closed_days(2026)]


def test_closures_may_be_given_to_the_constructor_as_plain_dates():
    calendar = OfficeCalendar(extra_closures=(dt.date(2026, 6, 10),))
    assert calendar.closure(dt.date(2026, 6, 10)).reason_en == "Closure announced by the office"
    with pytest.raises(TypeError):
        OfficeCalendar(extra_closures=("2026-06-10",))  # type: ignore[arg-type]


def test_an_administrator_can_open_a_closed_day():
    opened = CAL.with_working_days(dt.date(2026, 9, 1))
    assert opened.is_working_day(dt.date(2026, 9, 1))
    assert not CAL.is_working_day(dt.date(2026, 9, 1))


def test_a_published_schedule_overrides_the_statutory_rule():
    schedule = OfficialHolidays(
        2026,
        Occasion.NATIONAL_DAY,
        (dt.date(2026, 9, 2), dt.date(2026, 9, 3)),
        source="test schedule",
        confidence=Confidence.CONFIRMED,
    )
    calendar = CAL.with_official_holidays(schedule)
    assert calendar.is_working_day(dt.date(2026, 9, 1))
    assert not calendar.is_working_day(dt.date(2026, 9, 3))
    assert calendar.closure(dt.date(2026, 9, 3)).legal_basis.instrument == "test schedule"


def test_an_explicit_closed_day_keeps_its_own_reason():
    own = ClosedDay(dt.date(2026, 6, 10), ClosedDayKind.OFFICE_CLOSURE, "Kiểm kê", "Inventory")
    assert CAL.with_closures(own).closure(own.date) is own


def test_a_calendar_closed_every_day_cannot_roll_forward():
    sundays = [d for d in span(dt.date(2026, 1, 1), dt.date(2027, 6, 30)) if d.weekday() == 6]
    calendar = OfficeCalendar(
        weekend=frozenset(range(6)), extra_closures=tuple(sundays), official_holidays=()
    )
    with pytest.raises(ValueError, match="no working day"):
        calendar.next_working_day(dt.date(2026, 1, 5))


@pytest.mark.parametrize("weekend", [frozenset({7}), frozenset(range(7))])
def test_a_weekend_must_be_real_days_and_leave_some_open(weekend):
    with pytest.raises(ValueError, match="weekend"):
        OfficeCalendar(weekend=weekend)


def test_calendars_are_values():
    assert OfficeCalendar() == OfficeCalendar()
    assert hash(OfficeCalendar()) == hash(OfficeCalendar())
    assert CAL.with_closures(dt.date(2026, 6, 10)) != CAL


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_next_working_day_is_open_and_nothing_before_it_is(d):
    nxt = CAL.next_working_day(d)
    assert CAL.is_working_day(nxt)
    assert all(not CAL.is_working_day(d + dt.timedelta(i)) for i in range((nxt - d).days))
