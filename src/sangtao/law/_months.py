"""Calendar-month arithmetic and the deadline value that law packs compute."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from sangtao.law._basis import LegalReference

__all__ = ["Deadline", "WorkingCalendar", "add_months"]


def add_months(d: dt.date, n: int) -> dt.date:
    """Add ``n`` calendar months to ``d``, keeping the day of the month where it exists.

    When the target month has no such day the result is that month's last day, which is
    the rule for periods counted in months in the Vietnamese Civil Code (Art. 148) and in
    most civil-law systems: 31 January + 1 month is 28 (or 29) February.

    Parameters
    ----------
    d : datetime.date
        The start date.
    n : int
        Number of months; may be negative.

    Returns
    -------
    datetime.date
    """
    index = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(index, 12)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise OverflowError(f"{d.isoformat()} + {n} months is outside the supported years")
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(d.day, last))


class WorkingCalendar(Protocol):
    """What a deadline computation needs from an office calendar."""

    def is_working_day(self, d: dt.date) -> bool:
        """Return whether the office is open on ``d``."""
        ...

    def roll_forward(self, d: dt.date) -> dt.date:
        """Return ``d`` if it is a working day, else the next working day."""
        ...


@dataclass(frozen=True, slots=True)
class Deadline:
    """A computed time limit that keeps how it was computed and on what legal basis.

    Attributes
    ----------
    date : datetime.date
        The last day of the period after any roll-over to a working day.
    unrolled_date : datetime.date
        The last day by pure calendar arithmetic, before roll-over.
    start : datetime.date
        The day of the triggering event (not itself counted).
    months, days : int
        The length of the period.
    rule_vi, rule_en : str
        The counting rule applied, in Vietnamese and English.
    legal_basis : tuple of LegalReference
        Where the counting rule comes from.
    """

    date: dt.date
    unrolled_date: dt.date
    start: dt.date
    months: int
    days: int
    rule_vi: str
    rule_en: str
    legal_basis: tuple[LegalReference, ...]

    @property
    def rolled(self) -> bool:
        """Whether the last day fell on a closed day and was moved forward."""
        return self.date != self.unrolled_date
