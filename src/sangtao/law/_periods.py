"""Kinds of period as dated data, the facts of an application, and the deadlines computed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sangtao.law._basis import Confidence, LegalReference

__all__ = [
    "ApplicationFacts",
    "ComputedDeadline",
    "Extension",
    "Notice",
    "PeriodKind",
    "PeriodRule",
    "RegimeChoice",
    "TriggerEvent",
]


class TriggerEvent(StrEnum):
    """The event from which a period runs."""

    FILING = "filing"
    PRIORITY_OR_FILING = "priority_or_filing"
    PUBLICATION = "publication"
    VALIDITY = "validity"
    EXAMINATION_REQUEST = "examination_request"
    LATER_OF_PUBLICATION_AND_EXAMINATION_REQUEST = "later_of_publication_and_examination_request"
    LATER_OF_EARLY_PUBLICATION_REQUEST_AND_VALIDITY = (
        "later_of_early_publication_request_and_validity"
    )
    NOTICE = "notice"


class RegimeChoice(StrEnum):
    """How the regime of a period is chosen.

    ``trigger``: the regime in force on the trigger date. ``filing``: the regime in force on
    the filing date. ``transitional``: the filing date's regime, except that an application
    filed before the new regime and published on or after its first day gets the new one
    (for an unpublished application the ``on`` date stands in: publication cannot come
    before it).
    """

    TRIGGER = "trigger"
    FILING = "filing"
    TRANSITIONAL = "transitional"


@dataclass(frozen=True, slots=True)
class Extension:
    """How far a period can be extended on request.

    Parameters
    ----------
    months, days : int
        Length of one extension.
    times : int
        How many extensions may be granted.
    confidence : Confidence
        How well the extension rule is established.
    note : str
        Caveats.
    """

    months: int = 0
    days: int = 0
    times: int = 1
    confidence: Confidence = Confidence.UNCONFIRMED
    note: str = ""


@dataclass(frozen=True, slots=True)
class PeriodRule:
    """The length of a kind of period for some object types in one regime.

    Parameters
    ----------
    object_types : frozenset of str
        Object types the rule covers.
    regime : str
        Regime code.
    trigger : TriggerEvent
        Event the period runs from.
    months, days : int
        Length.
    when : frozenset of str
        Conditions on the facts that must all hold (``pct``, ``not_pct``, ``accelerated``,
        ``not_accelerated``, ``deferred_publication``, ``early_publication``).
    or_later : tuple of (TriggerEvent, int, int)
        Alternative ends ``(trigger, months, days)``; the period ends on the latest end
        (e.g. the 19th month from priority, or 2 months after acceptance if that is later).
    extension : Extension or None
        Extension available on request.
    legal_basis : tuple of LegalReference
        Where the rule comes from.
    confidence : Confidence
        How well the *value* is established; ``unconfirmed`` values are configuration.
    note : str
        Visible note, in English (reasons, what is left to check).
    """

    object_types: frozenset[str]
    regime: str
    trigger: TriggerEvent
    months: int
    days: int
    legal_basis: tuple[LegalReference, ...]
    confidence: Confidence
    when: frozenset[str] = frozenset()
    or_later: tuple[tuple[TriggerEvent, int, int], ...] = ()
    extension: Extension | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class PeriodKind:
    """A kind of period (opposition window, response to an office action...) with its rules.

    Parameters
    ----------
    code : str
        Stable identifier, e.g. ``"opposition"``.
    name_vi, name_en : str
        Names.
    actor : str
        Who must act within it: ``applicant``, ``office`` or ``third_party``.
    regime_by : RegimeChoice
        How the regime is chosen for it.
    rules : tuple of PeriodRule
        Its rules; the first one matching object type, regime and conditions applies.
    trigger_acts : tuple of str
        For a period that runs from a notice: the acts whose notices start it (``*appealable``
        stands for every appealable decision).
    lapse_act : str or None
        The act that follows when the period ends unused (e.g. ``deem_withdrawn``).
    note : str
        Caveats.
    """

    code: str
    name_vi: str
    name_en: str
    actor: str
    regime_by: RegimeChoice
    rules: tuple[PeriodRule, ...]
    trigger_acts: tuple[str, ...] = ()
    lapse_act: str | None = None
    note: str = ""

    def rules_for(self, object_type: str, regime: str) -> tuple[PeriodRule, ...]:
        """The rules for an object type in a regime, in order."""
        return tuple(r for r in self.rules if object_type in r.object_types and r.regime == regime)

    @property
    def object_types(self) -> frozenset[str]:
        """Object types any rule of the kind covers."""
        out: frozenset[str] = frozenset()
        for rule in self.rules:
            out |= rule.object_types
        return out


@dataclass(frozen=True, slots=True)
class Notice:
    """An outgoing notice or decision, with the date of its digital signature.

    Periods run from the signature date (Notice 2343/TB-SHTT of IP Viet Nam).

    Parameters
    ----------
    act : str
        The act the notice records, e.g. ``"notice_intended_refusal"``.
    signed : datetime.date
        Signature date.
    """

    act: str
    signed: dt.date


@dataclass(frozen=True, slots=True)
class ApplicationFacts:
    """What is known of an application that deadlines depend on.

    Parameters
    ----------
    object_type : str
        Object-type code.
    filing_date : datetime.date
        Filing date (for a PCT national phase: the international filing date).
    priority_date : datetime.date, optional
        Earliest priority date.
    publication_date : datetime.date, optional
        Publication in the Industrial Property Gazette.
    validity_date : datetime.date, optional
        Acceptance as valid: the decision's date (Regime A) or the internal validity event's
        date (Regime B).
    examination_request_date : datetime.date, optional
        Request for substantive examination.
    early_publication_request_date : datetime.date, optional
        Request for early publication.
    notices : tuple of Notice
        Outgoing notices and decisions with their signature dates.
    accelerated : bool
        Expedited examination under Law 131/2025 (Art. 119(2a)).
    pct : bool
        PCT national phase.
    deferred_publication : bool
        A design whose publication was deferred at filing.
    """

    object_type: str
    filing_date: dt.date
    priority_date: dt.date | None = None
    publication_date: dt.date | None = None
    validity_date: dt.date | None = None
    examination_request_date: dt.date | None = None
    early_publication_request_date: dt.date | None = None
    notices: tuple[Notice, ...] = ()
    accelerated: bool = False
    pct: bool = False
    deferred_publication: bool = False

    def __post_init__(self) -> None:
        if self.priority_date is not None and self.priority_date > self.filing_date:
            raise ValueError("the priority date cannot be after the filing date")
        for name in ("publication_date", "validity_date", "examination_request_date"):
            value = getattr(self, name)
            if value is not None and value < self.filing_date and not self.pct:
                raise ValueError(f"{name} cannot be before the filing date")

    @property
    def priority_or_filing_date(self) -> dt.date:
        """The priority date if claimed, else the filing date."""
        return self.priority_date if self.priority_date is not None else self.filing_date

    @property
    def conditions(self) -> frozenset[str]:
        """The condition names (as used by :class:`PeriodRule` ``when``) that hold."""
        out = {
            "pct" if self.pct else "not_pct",
            "accelerated" if self.accelerated else "not_accelerated",
        }
        if self.deferred_publication:
            out.add("deferred_publication")
        if self.early_publication_request_date is not None:
            out.add("early_publication")
        return frozenset(out)


@dataclass(frozen=True, slots=True)
class ComputedDeadline:
    """A deadline computed for an application, with how and on what basis it was computed.

    Attributes
    ----------
    kind : str
        Period-kind code.
    name_vi, name_en : str
        Period-kind names.
    date : datetime.date
        Last day, rolled forward to a working day of the office calendar.
    unrolled_date : datetime.date
        Last day by calendar arithmetic alone.
    trigger : TriggerEvent
        The event the period ran from (for ``or_later`` rules: the one that gave the end).
    trigger_date : datetime.date
        Its date.
    months, days : int
        Length of the period that gave the end.
    rule_vi, rule_en : str
        The rule applied, in words.
    legal_basis : tuple of LegalReference
        The provisions, then the Civil-Code counting rule.
    regime : str
        Regime applied.
    regime_reason : str
        Why that regime (English).
    confidence : Confidence
        How well the period's value is established.
    note : str
        Visible note (unconfirmed values, transitional questions).
    actor : str
        Who must act: ``applicant``, ``office`` or ``third_party``.
    lapse_act : str or None
        The act that follows when the period ends unused.
    notice_act : str or None
        For a period that runs from a notice: the act of that notice.
    extended_date : datetime.date or None
        Last day after every available extension, rolled forward, when extendable.
    """

    kind: str
    name_vi: str
    name_en: str
    date: dt.date
    unrolled_date: dt.date
    trigger: TriggerEvent
    trigger_date: dt.date
    months: int
    days: int
    rule_vi: str
    rule_en: str
    legal_basis: tuple[LegalReference, ...]
    regime: str
    regime_reason: str
    confidence: Confidence
    note: str
    actor: str
    lapse_act: str | None = None
    notice_act: str | None = None
    extended_date: dt.date | None = None

    @property
    def rolled(self) -> bool:
        """Whether the last day fell on a closed day and moved forward."""
        return self.date != self.unrolled_date

    def as_dict(self) -> dict[str, Any]:
        """The deadline as JSON-ready data (used by the CLI and the HTTP API)."""
        return {
            "kind": self.kind,
            "name_vi": self.name_vi,
            "name_en": self.name_en,
            "date": self.date.isoformat(),
            "unrolled_date": self.unrolled_date.isoformat(),
            "extended_date": None if self.extended_date is None else self.extended_date.isoformat(),
            "trigger": self.trigger.value,
            "trigger_date": self.trigger_date.isoformat(),
            "months": self.months,
            "days": self.days,
            "regime": self.regime,
            "regime_reason": self.regime_reason,
            "actor": self.actor,
            "lapse_act": self.lapse_act,
            "notice_act": self.notice_act,
            "confidence": self.confidence.value,
            "rule_vi": self.rule_vi,
            "rule_en": self.rule_en,
            "legal_basis": [
                {
                    "instrument": ref.instrument,
                    "provision": ref.provision,
                    "confidence": ref.confidence.value,
                }
                for ref in self.legal_basis
            ],
            "note": self.note,
        }
