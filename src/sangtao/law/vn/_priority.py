"""Convention priority: the period for each object type and checks of a claimed priority date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sangtao.law._basis import Confidence, LegalReference
from sangtao.law._months import Deadline, WorkingCalendar
from sangtao.law.vn._deadlines import deadline
from sangtao.law.vn._object_types import object_type

__all__ = [
    "NoPriorityRight",
    "PriorityCheck",
    "PriorityIssue",
    "PriorityPeriod",
    "check_priority",
    "priority_period",
    "priority_period_months",
]

_PARIS = "Paris Convention for the Protection of Industrial Property"
_IP_LAW = "Law on Intellectual Property No. 50/2005/QH11 (as amended)"


class NoPriorityRight(ValueError):
    """Raised when an object type carries no right of priority."""


@dataclass(frozen=True, slots=True)
class PriorityPeriod:
    """The priority period of an object type, or why there is none.

    Attributes
    ----------
    type_code : str
        Object-type code.
    months : int or None
        Length of the period; ``None`` when the object carries no priority right.
    legal_basis : tuple of LegalReference
        Where the period comes from.
    reason_vi, reason_en : str
        Explanation (notably why there is no period).
    """

    type_code: str
    months: int | None
    legal_basis: tuple[LegalReference, ...]
    reason_vi: str
    reason_en: str


def _paris(confidence: Confidence, note: str) -> tuple[LegalReference, ...]:
    return (
        LegalReference(_PARIS, "Art. 4C(1)", confidence, note),
        LegalReference(_IP_LAW, "Art. 91", Confidence.UNCONFIRMED, "Provision not retrieved."),
    )


_PATENTS = _paris(Confidence.SINGLE_SOURCE, "12 months for patents and utility models.")
_DESIGNS_MARKS = _paris(
    Confidence.UNCONFIRMED,
    "6 months for industrial designs and trademarks; the Vietnamese application of the rule "
    "to designs and marks is not confirmed in the project's sources.",
)
_NONE_VI = "Pháp luật không quy định quyền ưu tiên theo Công ước Paris cho {name}."
_NONE_EN = "No Paris-Convention priority right exists for {name}."
_NONE_BASIS = (
    LegalReference(
        _IP_LAW,
        "Art. 91",
        Confidence.UNCONFIRMED,
        "Priority is provided for inventions, industrial designs and trademarks only; the "
        "Paris Convention does not cover geographical indications or layout designs.",
    ),
)
_PERIODS = {
    "invention": (12, _PATENTS),
    "utility_solution": (12, _PATENTS),
    "industrial_design": (6, _DESIGNS_MARKS),
    "trademark": (6, _DESIGNS_MARKS),
}


def priority_period(type_code: str) -> PriorityPeriod:
    """Return the priority period of an object type, with its legal basis.

    Parameters
    ----------
    type_code : str
        Object-type code.

    Returns
    -------
    PriorityPeriod
        ``months`` is ``None`` for geographical indications and layout designs.

    Raises
    ------
    UnknownObjectType
        If the code is unknown.
    """
    t = object_type(type_code)
    if type_code not in _PERIODS:
        return PriorityPeriod(
            type_code,
            None,
            _NONE_BASIS,
            _NONE_VI.format(name=t.name_vi.lower()),
            _NONE_EN.format(name=t.name_en.lower() + "s"),
        )
    months, basis = _PERIODS[type_code]
    return PriorityPeriod(
        type_code,
        months,
        basis,
        f"{t.name_vi}: {months} tháng kể từ ngày nộp đơn đầu tiên.",
        f"{t.name_en}: {months} months from the filing date of the first application.",
    )


def priority_period_months(type_code: str) -> int:
    """Return the priority period in months: 12 for inventions and utility solutions, 6 for
    industrial designs and trademarks (Paris Convention Art. 4C(1)).

    Raises
    ------
    NoPriorityRight
        For geographical indications and layout designs.
    UnknownObjectType
        If the code is unknown.
    """
    period = priority_period(type_code)
    if period.months is None:
        raise NoPriorityRight(period.reason_en)
    return period.months


@dataclass(frozen=True, slots=True)
class PriorityIssue:
    """A problem found in a priority claim.

    Attributes
    ----------
    code : str
        ``no_priority_right``, ``priority_date_after_filing_date`` or
        ``priority_period_expired``.
    severity : str
        ``"error"``.
    message_vi, message_en : str
        Explanation for the applicant or examiner.
    """

    code: str
    severity: str
    message_vi: str
    message_en: str


@dataclass(frozen=True, slots=True)
class PriorityCheck:
    """The result of :func:`check_priority`.

    Attributes
    ----------
    issues : tuple of PriorityIssue
        Empty when the claim is in order.
    period : PriorityPeriod
        The period that applied.
    last_day : Deadline or None
        Last day on which the later application could be filed (rolled forward to a working
        day), when the object type has a period.
    """

    issues: tuple[PriorityIssue, ...]
    period: PriorityPeriod
    last_day: Deadline | None

    def __iter__(self) -> Iterator[PriorityIssue]:
        """Iterate over the issues found."""
        return iter(self.issues)

    @property
    def ok(self) -> bool:
        """Whether no error was found."""
        return not any(issue.severity == "error" for issue in self.issues)


def check_priority(
    type_code: str,
    priority_date: dt.date,
    filing_date: dt.date,
    calendar: WorkingCalendar | None = None,
) -> PriorityCheck:
    """Check a claimed priority date against the filing date of the application.

    The period runs from the priority date (not counted) and, when its last day is a day
    the office is closed, extends to the next working day (Paris Convention Art. 4C(2)-(3)).

    Parameters
    ----------
    type_code : str
        Object-type code.
    priority_date : datetime.date
        Filing date of the earlier (first) application.
    filing_date : datetime.date
        Filing date of the application that claims it.
    calendar : WorkingCalendar, optional
        Office calendar (default ``OfficeCalendar()``).

    Returns
    -------
    PriorityCheck
    """
    period = priority_period(type_code)
    issues: list[PriorityIssue] = []
    if period.months is None:
        issues.append(
            PriorityIssue("no_priority_right", "error", period.reason_vi, period.reason_en)
        )
        return PriorityCheck(tuple(issues), period, None)
    if priority_date > filing_date:
        issues.append(
            PriorityIssue(
                "priority_date_after_filing_date",
                "error",
                f"Ngày ưu tiên {priority_date:%d/%m/%Y} sau ngày nộp đơn {filing_date:%d/%m/%Y}.",
                f"The priority date {priority_date.isoformat()} is after the filing date "
                f"{filing_date.isoformat()}.",
            )
        )
    last = deadline(
        priority_date, months=period.months, calendar=calendar, legal_basis=period.legal_basis
    )
    if filing_date > last.date:
        issues.append(
            PriorityIssue(
                "priority_period_expired",
                "error",
                f"Đơn nộp ngày {filing_date:%d/%m/%Y}, quá thời hạn ưu tiên {period.months} tháng "
                f"(hết hạn ngày {last.date:%d/%m/%Y}).",
                f"Filed on {filing_date.isoformat()}, after the {period.months}-month priority "
                f"period ended on {last.date.isoformat()}.",
            )
        )
    return PriorityCheck(tuple(issues), period, last)
