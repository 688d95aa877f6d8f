"""Vietnamese public holidays: the statutory rule, and official yearly schedules that override it.

Labour Code No. 45/2019/QH14, Art. 112(1) grants 11 paid days: New Year (1/1), Tết (5 days),
Hùng Kings' Day (10/3 lunar), Victory Day (30/4), Labour Day (1/5) and National Day (2/9
plus one adjacent day). The Prime Minister fixes each year's Tết days and the day adjacent
to National Day (Art. 112(3)), and often swaps a working day with a Saturday to bridge a
holiday; those decisions are recorded here as :class:`OfficialHolidays`, each with its source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sangtao.law._basis import Confidence, LegalReference
from sangtao.law.vn._lunar import lunar_to_solar, tet_date

__all__ = [
    "LABOUR_CODE_HOLIDAYS",
    "OFFICIAL_HOLIDAYS",
    "Occasion",
    "OfficialHolidays",
    "statutory_holidays",
]

LABOUR_CODE_HOLIDAYS = LegalReference(
    "Labour Code No. 45/2019/QH14",
    "Art. 112(1)",
    Confidence.CONFIRMED,
    note="The list of 11 paid holiday days is restated in vneconomy.vn (26 Feb 2026).",
)
PRIME_MINISTER_FIXES = LegalReference(
    "Labour Code No. 45/2019/QH14",
    "Art. 112(3)",
    Confidence.UNCONFIRMED,
    note=(
        "The Prime Minister fixes each year's Tết days and the day adjacent to National Day. "
        "Without an official schedule this package uses: Tết = last day of the lunar year and "
        "days 1-4 of the new year; the National-Day companion day per the weekday table "
        "below (from 2021-2025 practice)."
    ),
)


class Occasion(StrEnum):
    """A public-holiday occasion under Labour Code Art. 112(1)."""

    NEW_YEAR = "new_year"
    TET = "tet"
    HUNG_KINGS = "hung_kings"
    VICTORY_DAY = "victory_day"
    LABOUR_DAY = "labour_day"
    NATIONAL_DAY = "national_day"

    @property
    def name_vi(self) -> str:
        """Vietnamese name."""
        return _NAMES[self][0]

    @property
    def name_en(self) -> str:
        """English name."""
        return _NAMES[self][1]


_NAMES = {
    Occasion.NEW_YEAR: ("Tết Dương lịch", "New Year's Day"),
    Occasion.TET: ("Tết Âm lịch (Tết Nguyên đán)", "Lunar New Year (Tết)"),
    Occasion.HUNG_KINGS: (
        "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
        "Hùng Kings' Commemoration Day (10th day of the 3rd lunar month)",
    ),
    Occasion.VICTORY_DAY: ("Ngày Chiến thắng (30/4)", "Victory Day (30 April)"),
    Occasion.LABOUR_DAY: ("Ngày Quốc tế lao động (1/5)", "International Labour Day (1 May)"),
    Occasion.NATIONAL_DAY: ("Quốc khánh (2/9)", "National Day (2 September)"),
}

# Weekday of 2 September -> offset of the companion day. Precedents: 2021 Thu -> 3/9,
# 2022 Fri -> 1/9, 2023 Sat -> 1/9, 2024 Mon -> 3/9, 2025 Tue -> 1/9. Wednesday and
# Sunday have no precedent under the 2019 Code and are a guess [unconfirmed].
_NATIONAL_DAY_COMPANION = {0: 1, 1: -1, 2: -1, 3: 1, 4: -1, 5: -1, 6: 1}


def statutory_holidays(year: int) -> dict[Occasion, tuple[dt.date, ...]]:
    """Return the holiday dates of ``year`` by the statutory rule alone (no compensation).

    Parameters
    ----------
    year : int
        Gregorian year (1801-2198, the range of the lunar calendar).

    Returns
    -------
    dict of Occasion to tuple of datetime.date
    """
    tet = tet_date(year)
    national = dt.date(year, 9, 2)
    companion = national + dt.timedelta(days=_NATIONAL_DAY_COMPANION[national.weekday()])
    return {
        Occasion.NEW_YEAR: (dt.date(year, 1, 1),),
        Occasion.TET: tuple(tet + dt.timedelta(days=i) for i in range(-1, 4)),
        Occasion.HUNG_KINGS: (lunar_to_solar(year, 3, 10),),
        Occasion.VICTORY_DAY: (dt.date(year, 4, 30),),
        Occasion.LABOUR_DAY: (dt.date(year, 5, 1),),
        Occasion.NATIONAL_DAY: tuple(sorted((national, companion))),
    }


@dataclass(frozen=True, slots=True)
class OfficialHolidays:
    """The days actually given for one occasion in one year, as the Government decided.

    When present it replaces the statutory computation (and its compensatory days) for
    that occasion and year.

    Parameters
    ----------
    year : int
        The holiday year.
    occasion : Occasion
        Which holiday.
    closed : tuple of datetime.date
        Every day the public sector is off for it, weekends included.
    working_days : tuple of datetime.date
        Saturdays or Sundays worked in exchange (*làm bù*).
    source : str
        The decision or, failing that, the report it was taken from.
    confidence : Confidence
        How well the schedule is established.
    note : str
        Caveats.
    """

    year: int
    occasion: Occasion
    closed: tuple[dt.date, ...]
    working_days: tuple[dt.date, ...] = ()
    source: str = ""
    confidence: Confidence = Confidence.UNCONFIRMED
    note: str = ""

    @property
    def legal_basis(self) -> LegalReference:
        """The source as a legal reference."""
        return LegalReference(self.source, "", self.confidence, self.note)


def _span(start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    return tuple(start + dt.timedelta(days=i) for i in range((end - start).days + 1))


#: Official schedules known to this package. Add new years here (or pass them to
#: ``OfficeCalendar(official_holidays=...)``) as the Government publishes them.
OFFICIAL_HOLIDAYS: tuple[OfficialHolidays, ...] = (
    OfficialHolidays(
        2025,
        Occasion.TET,
        _span(dt.date(2025, 1, 25), dt.date(2025, 2, 2)),
        source="Government schedule for Tết Ất Tỵ: Sat 25 Jan - Sun 2 Feb 2025 (project brief)",
        confidence=Confidence.UNCONFIRMED,
        note="Official notice not retrieved; statutory weekdays are 27-31 January.",
    ),
    OfficialHolidays(
        2025,
        Occasion.LABOUR_DAY,
        (dt.date(2025, 5, 1), dt.date(2025, 5, 2)),
        working_days=(dt.date(2025, 4, 26),),
        source="Prime Minister's approval to swap Fri 2 May with Sat 26 April 2025",
        confidence=Confidence.UNCONFIRMED,
        note="From background knowledge; the notice was not retrieved.",
    ),
    OfficialHolidays(
        2026,
        Occasion.NEW_YEAR,
        (dt.date(2026, 1, 1), dt.date(2026, 1, 2)),
        working_days=(dt.date(2026, 1, 10),),
        source=(
            "Government approval of 25 Dec 2025 to swap Fri 2 Jan with Sat 10 Jan 2026 "
            "(public sector), reported by 24h.com.vn on 26 Dec 2025"
        ),
        confidence=Confidence.SINGLE_SOURCE,
    ),
    OfficialHolidays(
        2026,
        Occasion.TET,
        _span(dt.date(2026, 2, 14), dt.date(2026, 2, 22)),
        source=(
            "Tết Bính Ngọ: Sat 14 Feb (27 Chạp) - Sun 22 Feb 2026 (mùng 6), statutory days "
            "Mon 16 - Fri 20 Feb; reported by congan.com.vn and vietnammedia.vnanet.vn "
            "(17 Oct 2025)"
        ),
        confidence=Confidence.CONFIRMED,
    ),
    OfficialHolidays(
        2026,
        Occasion.HUNG_KINGS,
        (dt.date(2026, 4, 26), dt.date(2026, 4, 27)),
        source=(
            "10/3 lunar falls on Sun 26 April 2026, compensated on Mon 27 April; "
            "thanhnien.vn, 23 Feb 2026"
        ),
        confidence=Confidence.SINGLE_SOURCE,
    ),
)
