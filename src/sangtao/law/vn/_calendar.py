"""The office calendar of IP Viet Nam: which days are working days, and why others are not."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum

from sangtao.law._basis import Confidence, LegalReference
from sangtao.law.vn._holidays import (
    LABOUR_CODE_HOLIDAYS,
    OFFICIAL_HOLIDAYS,
    Occasion,
    OfficialHolidays,
    statutory_holidays,
)

__all__ = ["COMPENSATORY_DAYS", "ClosedDay", "ClosedDayKind", "OfficeCalendar"]

OFFICE_WEEKEND = LegalReference(
    "WIPO PCT Applicant's Guide, National Chapter VN",
    "the Office is closed on Saturdays and Sundays",
    Confidence.CONFIRMED,
)
COMPENSATORY_DAYS = LegalReference(
    "Labour Code No. 45/2019/QH14",
    "Art. 111(3)",
    Confidence.UNCONFIRMED,
    note=(
        "A holiday that falls on the weekly rest day is compensated on the next working day. "
        "Sometimes cited as Art. 112(3); configurable (OfficeCalendar.compensatory_days)."
    ),
)
_MAX_SEARCH = 400
_WEEKDAYS = (
    ("thứ Hai", "Monday"),
    ("thứ Ba", "Tuesday"),
    ("thứ Tư", "Wednesday"),
    ("thứ Năm", "Thursday"),
    ("thứ Sáu", "Friday"),
    ("thứ Bảy", "Saturday"),
    ("Chủ nhật", "Sunday"),
)


class ClosedDayKind(StrEnum):
    """Why the office is closed on a day."""

    WEEKEND = "weekend"
    PUBLIC_HOLIDAY = "public_holiday"
    COMPENSATORY = "compensatory"
    OFFICIAL_SCHEDULE = "official_schedule"
    OFFICE_CLOSURE = "office_closure"


@dataclass(frozen=True, slots=True)
class ClosedDay:
    """A day the office is closed, with the reason in Vietnamese and English.

    Parameters
    ----------
    date : datetime.date
        The day.
    kind : ClosedDayKind
        Weekend, public holiday, compensatory day, day of an official schedule, or a
        closure the office announced.
    reason_vi, reason_en : str
        Why.
    occasion : Occasion or None
        The holiday it belongs to, if any.
    legal_basis : LegalReference or None
        Where the closure comes from.
    """

    date: dt.date
    kind: ClosedDayKind
    reason_vi: str
    reason_en: str
    occasion: Occasion | None = None
    legal_basis: LegalReference | None = None


@dataclass(frozen=True)
class OfficeCalendar:
    """Working days of the office: weekends, public holidays and announced closures.

    The constructor only stores parameters; the ``with_*`` methods return new calendars.

    Parameters
    ----------
    extra_closures : tuple of ClosedDay or datetime.date
        Further closed days an administrator announced (a plain date gets a generic reason).
    extra_working_days : tuple of datetime.date
        Days the office opens although they would be closed (they win over everything but
        ``extra_closures``).
    official_holidays : tuple of OfficialHolidays
        Government schedules overriding the statutory computation for an occasion and year
        (default :data:`OFFICIAL_HOLIDAYS`; a later entry for the same occasion and year wins).
    weekend : frozenset of int
        Weekly closed days, ``datetime.date.weekday`` numbers (default Saturday and Sunday).
    compensatory_days : bool
        Whether a holiday falling on the weekend is compensated on the next working day.

    Notes
    -----
    A Saturday worked in exchange for a bridge day (*làm bù*) in an official schedule is a
    working day of the office; whether it also counts as a working day for the roll-over of
    a legal time limit is not settled [unconfirmed].
    """

    extra_closures: tuple[ClosedDay, ...] = ()
    extra_working_days: tuple[dt.date, ...] = ()
    official_holidays: tuple[OfficialHolidays, ...] = OFFICIAL_HOLIDAYS
    weekend: frozenset[int] = frozenset({5, 6})
    compensatory_days: bool = True
    _years: dict[int, tuple[dict[dt.date, ClosedDay], frozenset[dt.date]]] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        closures = tuple(
            c if isinstance(c, ClosedDay) else _office_closure(c) for c in self.extra_closures
        )
        object.__setattr__(self, "extra_closures", closures)
        object.__setattr__(self, "extra_working_days", tuple(self.extra_working_days))
        object.__setattr__(self, "official_holidays", tuple(self.official_holidays))
        weekend = frozenset(self.weekend)
        if not weekend <= set(range(7)) or len(weekend) == 7:
            raise ValueError(
                f"weekend days must be some of 0 (Monday) to 6 (Sunday), not all; got {weekend}"
            )
        object.__setattr__(self, "weekend", weekend)

    # -- building new calendars ---------------------------------------------------------

    def with_closures(
        self,
        *days: dt.date | ClosedDay,
        reason_vi: str = "Ngày nghỉ do Cục Sở hữu trí tuệ thông báo",
        reason_en: str = "Closure announced by the office",
    ) -> OfficeCalendar:
        """Return a calendar with further closed days.

        Parameters
        ----------
        *days : datetime.date or ClosedDay
            The days; plain dates get ``reason_vi`` / ``reason_en``.
        reason_vi, reason_en : str
            Reason for plain dates.
        """
        added = tuple(
            d if isinstance(d, ClosedDay) else _office_closure(d, reason_vi, reason_en)
            for d in days
        )
        return replace(self, extra_closures=self.extra_closures + added)

    def with_working_days(self, *days: dt.date) -> OfficeCalendar:
        """Return a calendar on which ``days`` are working days."""
        return replace(self, extra_working_days=self.extra_working_days + tuple(days))

    def with_official_holidays(self, *schedules: OfficialHolidays) -> OfficeCalendar:
        """Return a calendar that also applies ``schedules`` (they win over earlier ones)."""
        return replace(self, official_holidays=self.official_holidays + tuple(schedules))

    # -- questions -----------------------------------------------------------------------

    def closure(self, d: dt.date) -> ClosedDay | None:
        """Return why the office is closed on ``d``, or ``None`` if it is a working day."""
        for closure in reversed(self.extra_closures):
            if closure.date == d:
                return closure
        if d in self.extra_working_days:
            return None
        holidays, working = self._year(d.year)
        if d in holidays:
            return holidays[d]
        following, following_working = self._year(d.year + 1)
        if d in following:
            return following[d]
        if d in working or d in following_working or d.weekday() not in self.weekend:
            return None
        vi, en = _WEEKDAYS[d.weekday()]
        return ClosedDay(
            d,
            ClosedDayKind.WEEKEND,
            f"Nghỉ cuối tuần ({vi})",
            f"Weekend ({en})",
            None,
            OFFICE_WEEKEND,
        )

    def is_working_day(self, d: dt.date) -> bool:
        """Whether the office is open on ``d``."""
        return self.closure(d) is None

    def next_working_day(self, d: dt.date) -> dt.date:
        """Return ``d`` if it is a working day, else the first working day after it.

        Raises
        ------
        ValueError
            If no working day is found within about a year (a misconfigured calendar).
        """
        for offset in range(_MAX_SEARCH):
            candidate = d + dt.timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError(f"no working day within {_MAX_SEARCH} days of {d.isoformat()}")

    def roll_forward(self, d: dt.date) -> dt.date:
        """Move the last day of a period that falls on a closed day to the next working day.

        Same as :meth:`next_working_day`; named for the legal rule (Civil Code Art. 148(5);
        Paris Convention Art. 4C(3)).
        """
        return self.next_working_day(d)

    def add_working_days(self, d: dt.date, n: int) -> dt.date:
        """Return the ``n``-th working day after ``d`` (``d`` itself is not counted).

        Raises
        ------
        ValueError
            If ``n`` is negative.
        """
        if n < 0:
            raise ValueError("n must be non-negative")
        current = d
        for _ in range(n):
            current = self.next_working_day(current + dt.timedelta(days=1))
        return current

    def closed_days(self, year: int, *, include_weekends: bool = False) -> tuple[ClosedDay, ...]:
        """Return the days of ``year`` on which the office is closed, with their reasons.

        Parameters
        ----------
        year : int
            Gregorian year.
        include_weekends : bool
            Also list ordinary weekends (days of holidays are listed either way).

        Returns
        -------
        tuple of ClosedDay
            In date order.
        """
        day = dt.date(year, 1, 1)
        result = []
        while day.year == year:
            closure = self.closure(day)
            if closure is not None and (include_weekends or closure.kind != ClosedDayKind.WEEKEND):
                result.append(closure)
            day += dt.timedelta(days=1)
        return tuple(result)

    # -- computation ---------------------------------------------------------------------

    def _year(self, year: int) -> tuple[dict[dt.date, ClosedDay], frozenset[dt.date]]:
        cached = self._years.get(year)
        if cached is None:
            cached = self._compute_year(year)
            self._years[year] = cached
        return cached

    def _compute_year(self, year: int) -> tuple[dict[dt.date, ClosedDay], frozenset[dt.date]]:
        overrides = {o.occasion: o for o in self.official_holidays if o.year == year}
        days: dict[dt.date, ClosedDay] = {}
        statutory: list[tuple[dt.date, Occasion]] = []
        for occasion, dates in statutory_holidays(year).items():
            if occasion in overrides:
                continue
            for d in dates:
                days[d] = ClosedDay(
                    d,
                    ClosedDayKind.PUBLIC_HOLIDAY,
                    occasion.name_vi,
                    occasion.name_en,
                    occasion,
                    LABOUR_CODE_HOLIDAYS,
                )
                statutory.append((d, occasion))
        for occasion, schedule in overrides.items():
            for d in schedule.closed:
                days[d] = ClosedDay(
                    d,
                    ClosedDayKind.OFFICIAL_SCHEDULE,
                    f"{occasion.name_vi} (lịch nghỉ chính thức năm {year})",
                    f"{occasion.name_en} (official schedule for {year})",
                    occasion,
                    schedule.legal_basis,
                )
        if self.compensatory_days:
            for d, occasion in sorted(statutory):
                if d.weekday() not in self.weekend:
                    continue
                substitute = d + dt.timedelta(days=1)
                while substitute.weekday() in self.weekend or substitute in days:
                    substitute += dt.timedelta(days=1)
                days[substitute] = ClosedDay(
                    substitute,
                    ClosedDayKind.COMPENSATORY,
                    f"Nghỉ bù {occasion.name_vi} ({d.strftime('%d/%m/%Y')})",
                    f"Compensatory day for {occasion.name_en} ({d.isoformat()})",
                    occasion,
                    COMPENSATORY_DAYS,
                )
        working = frozenset(d for o in overrides.values() for d in o.working_days)
        return days, working


def _office_closure(
    d: dt.date,
    reason_vi: str = "Ngày nghỉ do Cục Sở hữu trí tuệ thông báo",
    reason_en: str = "Closure announced by the office",
) -> ClosedDay:
    if not isinstance(d, dt.date) or isinstance(d, dt.datetime):
        raise TypeError(f"expected a date or ClosedDay, got {d!r}")
    return ClosedDay(d, ClosedDayKind.OFFICE_CLOSURE, reason_vi, reason_en)
