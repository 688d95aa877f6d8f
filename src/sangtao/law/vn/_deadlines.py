"""Time limits counted as the Vietnamese Civil Code counts them."""

from __future__ import annotations

import datetime as dt

from sangtao.law._basis import Confidence, LegalReference
from sangtao.law._months import Deadline, WorkingCalendar, add_months
from sangtao.law.vn._calendar import OfficeCalendar

__all__ = ["CIVIL_CODE_PERIODS", "deadline"]

CIVIL_CODE_PERIODS = LegalReference(
    "Civil Code No. 91/2015/QH13",
    "Arts. 147-148",
    Confidence.UNCONFIRMED,
    note=(
        "The day of the event is not counted (Art. 147); a period in months ends on the "
        "corresponding day of the last month, or on that month's last day if it has no such "
        "day (Art. 148); a last day on a weekend or public holiday moves to the end of the "
        "next working day (Art. 148). Configurable."
    ),
)

_DEFAULT_CALENDAR = OfficeCalendar()


def deadline(
    start: dt.date,
    *,
    months: int = 0,
    days: int = 0,
    calendar: WorkingCalendar | None = None,
    legal_basis: tuple[LegalReference, ...] = (),
) -> Deadline:
    """Compute the last day of a period that starts with an event on ``start``.

    Months are added first (same day of the month, else the month's last day), then days;
    the start day is not counted. A last day on which the office is closed rolls forward
    to the next working day.

    Parameters
    ----------
    start : datetime.date
        Day of the triggering event (filing, publication, signature of a notice...).
    months, days : int
        Length of the period; both non-negative, not both zero.
    calendar : WorkingCalendar, optional
        Office calendar used for the roll-over (default: ``OfficeCalendar()``).
    legal_basis : tuple of LegalReference, optional
        The provision that sets this period; the Civil Code counting rule is appended.

    Returns
    -------
    Deadline

    Raises
    ------
    ValueError
        If a length is negative or both are zero.

    Examples
    --------
    >>> import datetime as dt
    >>> deadline(dt.date(2025, 1, 31), months=1).date
    datetime.date(2025, 2, 28)
    """
    if months < 0 or days < 0:
        raise ValueError("a period cannot be negative")
    if months == 0 and days == 0:
        raise ValueError("a period needs months or days")
    cal = _DEFAULT_CALENDAR if calendar is None else calendar
    unrolled = add_months(start, months) + dt.timedelta(days=days)
    final = cal.roll_forward(unrolled)
    length_vi = " ".join(
        part
        for part in (f"{months} tháng" if months else "", f"{days} ngày" if days else "")
        if part
    )
    length_en = " and ".join(
        part
        for part in (
            f"{months} month{'s' if months != 1 else ''}" if months else "",
            f"{days} day{'s' if days != 1 else ''}" if days else "",
        )
        if part
    )
    rule_vi = (
        f"Thời hạn {length_vi} kể từ ngày {start:%d/%m/%Y} (không tính ngày bắt đầu) "
        f"kết thúc ngày {unrolled:%d/%m/%Y}"
    )
    rule_en = (
        f"{length_en} from {start.isoformat()} (start day not counted) "
        f"ends on {unrolled.isoformat()}"
    )
    if final != unrolled:
        rule_vi += f"; là ngày nghỉ nên chuyển sang ngày làm việc tiếp theo {final:%d/%m/%Y}"
        rule_en += f", a closed day, so it moves to the next working day {final.isoformat()}"
    return Deadline(
        date=final,
        unrolled_date=unrolled,
        start=start,
        months=months,
        days=days,
        rule_vi=rule_vi,
        rule_en=rule_en,
        legal_basis=(*legal_basis, CIVIL_CODE_PERIODS),
    )
