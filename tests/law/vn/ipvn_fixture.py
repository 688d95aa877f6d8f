"""Reading the real IP Viet Nam timelines of ``tests/law/fixtures/ipvn_timelines.csv``."""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

FIXTURE = Path(__file__).parent.parent / "fixtures" / "ipvn_timelines.csv"
_DATE = re.compile(r"(\d\d)\.(\d\d)\.(\d{4})")


def parse_date(text: str) -> dt.date | None:
    """The last dd.mm.yyyy date in ``text``, if any."""
    found = _DATE.findall(text or "")
    if not found:
        return None
    day, month, year = found[-1]
    return dt.date(int(year), int(month), int(day))


@dataclass(frozen=True)
class RealApplication:
    number: str
    object_type: str
    filing_date: dt.date
    priority_date: dt.date | None
    publication_date: dt.date | None
    grant_date: dt.date | None
    timeline: tuple[tuple[dt.date, str], ...]

    def dates_of(self, prefix: str) -> list[dt.date]:
        return [d for d, name in self.timeline if name.startswith(prefix)]


def load() -> list[RealApplication]:
    with FIXTURE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for row in rows:
        timeline = []
        for line in row["timeline"].split("<lf>"):
            fields = line.split("<t>")
            day = parse_date(fields[0])
            if day is not None and len(fields) > 1 and fields[1].strip():
                timeline.append((day, fields[1].strip()))
        filing = parse_date(row["filing"])
        assert filing is not None
        out.append(
            RealApplication(
                number=row["number"],
                object_type="utility_solution" if row["number"].startswith("2-") else "invention",
                filing_date=filing,
                priority_date=parse_date(row["priority"]),
                publication_date=parse_date(row["publication"]),
                grant_date=parse_date(row["grant"]),
                timeline=tuple(timeline),
            )
        )
    return out
