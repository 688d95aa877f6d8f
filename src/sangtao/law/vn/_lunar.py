"""The Vietnamese lunisolar calendar (âm lịch), computed for UTC+7.

The algorithm is Hồ Ngọc Đức's, which follows Jean Meeus, *Astronomical Algorithms*
(1998): new moons and the sun's longitude are computed astronomically, and months and
leap months are placed as in the Chinese calendar but for the meridian of UTC+7 instead
of UTC+8. That is why the Vietnamese and Chinese calendars disagree in some years: Tết
1985 fell on 21 January in Viet Nam but on 20 February in China, and Tết 2007 on
17 February in Viet Nam but 18 February in China.

References
----------
Hồ Ngọc Đức, "Thuật toán tính âm lịch" (Computing the Vietnamese lunar calendar),
https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["LunarDate", "lunar_to_solar", "solar_to_lunar", "tet_date"]

#: Time zone of the Vietnamese calendar, in hours east of UTC.
VIETNAM_TZ = 7.0
_MIN_YEAR, _MAX_YEAR = 1800, 2199
_SYNODIC = 29.530588853
_EPOCH_NEW_MOON = 2415021.076998695  # Julian day of the new moon of 1 January 1900
_DR = math.pi / 180


@dataclass(frozen=True, slots=True, order=True)
class LunarDate:
    """A date in the Vietnamese lunar calendar.

    Attributes
    ----------
    year : int
        Lunar year, numbered as the Gregorian year in which most of it falls.
    month : int
        Month 1-12.
    day : int
        Day 1-30.
    leap : bool
        Whether the month is the leap (intercalary) month.
    """

    year: int
    month: int
    day: int
    leap: bool = False

    def __str__(self) -> str:
        leap = " (nhuận)" if self.leap else ""
        return f"{self.day:02d}/{self.month:02d}{leap}/{self.year} ÂL"


def _jd(d: dt.date) -> int:
    return d.toordinal() + 1721425


def _date(jd: int) -> dt.date:
    return dt.date.fromordinal(jd - 1721425)


def _new_moon(k: int) -> float:
    """Julian day (UT) of the k-th new moon after that of 1 January 1900."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * _DR)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * _DR) + 0.0021 * math.sin(2 * _DR * m)
    c1 = c1 - 0.4068 * math.sin(mpr * _DR) + 0.0161 * math.sin(_DR * 2 * mpr)
    c1 = c1 - 0.0004 * math.sin(_DR * 3 * mpr)
    c1 = c1 + 0.0104 * math.sin(_DR * 2 * f) - 0.0051 * math.sin(_DR * (m + mpr))
    c1 = c1 - 0.0074 * math.sin(_DR * (m - mpr)) + 0.0004 * math.sin(_DR * (2 * f + m))
    c1 = c1 - 0.0004 * math.sin(_DR * (2 * f - m)) - 0.0006 * math.sin(_DR * (2 * f + mpr))
    c1 = c1 + 0.0010 * math.sin(_DR * (2 * f - mpr)) + 0.0005 * math.sin(_DR * (2 * mpr + m))
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd1 + c1 - delta_t


@lru_cache(maxsize=8192)
def _new_moon_day(k: int, tz: float) -> int:
    """Julian day number of the local day that contains the k-th new moon."""
    return math.floor(_new_moon(k) + 0.5 + tz / 24)


def _sun_longitude(jdn: float) -> float:
    """Apparent longitude of the sun, in radians in [0, 2π), at Julian day ``jdn`` (UT)."""
    t = (jdn - 2451545.0) / 36525
    t2 = t * t
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(_DR * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(_DR * 2 * m) + 0.000290 * math.sin(_DR * 3 * m)
    lon = (l0 + dl) * _DR
    return lon - math.pi * 2 * math.floor(lon / (math.pi * 2))


def _sun_sector(day_number: int, tz: float) -> int:
    """Which of the 12 major solar terms (30° sectors) the local day starts in."""
    return math.floor(_sun_longitude(day_number - 0.5 - tz / 24) / math.pi * 6)


@lru_cache(maxsize=1024)
def _month11_start(year: int, tz: float) -> int:
    """Julian day on which lunar month 11 (containing the winter solstice) of ``year`` begins."""
    off = _jd(dt.date(year, 12, 31)) - 2415021
    k = math.floor(off / _SYNODIC)
    nm = _new_moon_day(k, tz)
    if _sun_sector(nm, tz) >= 9:
        nm = _new_moon_day(k - 1, tz)
    return nm


@lru_cache(maxsize=1024)
def _leap_month_offset(a11: int, tz: float) -> int:
    """Offset from month 11 of the first month with no major solar term (the leap month)."""
    k = math.floor((a11 - _EPOCH_NEW_MOON) / _SYNODIC + 0.5)
    i = 1
    arc = _sun_sector(_new_moon_day(k + i, tz), tz)
    while True:
        last = arc
        i += 1
        arc = _sun_sector(_new_moon_day(k + i, tz), tz)
        if arc == last or i >= 14:
            return i - 1


def _check_year(year: int) -> None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise ValueError(f"lunar calendar supported for {_MIN_YEAR}-{_MAX_YEAR}, got {year}")


def solar_to_lunar(d: dt.date, tz: float = VIETNAM_TZ) -> LunarDate:
    """Convert a Gregorian date to the Vietnamese lunar calendar.

    Parameters
    ----------
    d : datetime.date
        Gregorian date (years 1800-2199).
    tz : float, optional
        Time zone of the calendar in hours east of UTC; 7 for Viet Nam, 8 gives the
        Chinese calendar.

    Returns
    -------
    LunarDate
    """
    _check_year(d.year)
    day_number = _jd(d)
    k = math.floor((day_number - _EPOCH_NEW_MOON) / _SYNODIC)
    month_start = _new_moon_day(k + 1, tz)
    if month_start > day_number:
        month_start = _new_moon_day(k, tz)
    a11 = _month11_start(d.year, tz)
    b11 = a11
    if a11 >= month_start:
        lunar_year = d.year
        a11 = _month11_start(d.year - 1, tz)
    else:
        lunar_year = d.year + 1
        b11 = _month11_start(d.year + 1, tz)
    lunar_day = day_number - month_start + 1
    diff = math.floor((month_start - a11) / 29)
    leap = False
    lunar_month = diff + 11
    if b11 - a11 > 365:
        leap_diff = _leap_month_offset(a11, tz)
        if diff >= leap_diff:
            lunar_month = diff + 10
            leap = diff == leap_diff
    if lunar_month > 12:
        lunar_month -= 12
    if lunar_month >= 11 and diff < 4:
        lunar_year -= 1
    return LunarDate(lunar_year, lunar_month, lunar_day, leap)


def lunar_to_solar(
    year: int, month: int, day: int, leap: bool = False, tz: float = VIETNAM_TZ
) -> dt.date:
    """Convert a Vietnamese lunar date to the Gregorian calendar.

    Parameters
    ----------
    year, month, day : int
        Lunar year, month (1-12) and day (1-30).
    leap : bool, optional
        Whether ``month`` is the leap month of that year.
    tz : float, optional
        Time zone of the calendar in hours east of UTC (7 for Viet Nam).

    Returns
    -------
    datetime.date

    Raises
    ------
    ValueError
        If the lunar date does not exist (no such leap month, or day 30 of a
        29-day month).
    """
    _check_year(year)
    if not 1 <= month <= 12 or not 1 <= day <= 30:
        raise ValueError(f"no lunar month {month} or day {day}")
    if month < 11:
        a11 = _month11_start(year - 1, tz)
        b11 = _month11_start(year, tz)
    else:
        a11 = _month11_start(year, tz)
        b11 = _month11_start(year + 1, tz)
    k = math.floor(0.5 + (a11 - _EPOCH_NEW_MOON) / _SYNODIC)
    off = (month - 11) % 12
    if b11 - a11 > 365:
        leap_off = _leap_month_offset(a11, tz)
        leap_month = (leap_off - 2) % 12
        if leap and month != leap_month:
            raise ValueError(f"lunar year {year} has no leap month {month}")
        if leap or off >= leap_off:
            off += 1
    elif leap:
        raise ValueError(f"lunar year {year} has no leap month")
    month_start = _new_moon_day(k + off, tz)
    month_length = _new_moon_day(k + off + 1, tz) - month_start
    if day > month_length:
        raise ValueError(f"lunar month {month}/{year} has only {month_length} days")
    return _date(month_start + day - 1)


def tet_date(year: int) -> dt.date:
    """Return the Gregorian date of Tết Nguyên đán (1st day of the 1st lunar month) of ``year``.

    Examples
    --------
    >>> tet_date(2026)
    datetime.date(2026, 2, 17)
    """
    return lunar_to_solar(year, 1, 1)
