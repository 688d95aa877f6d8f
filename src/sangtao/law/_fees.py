"""Fee schedules as dated data, and the calculator that itemises an application's fees."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sangtao.law._basis import Confidence, LegalReference
from sangtao.law._fee_facts import FeeFacts, FeeStage, FeeUnit
from sangtao.law._fee_text import format_amount_en, format_amount_vi, quantity_phrases

__all__ = [
    "FeeAssessment",
    "FeeItem",
    "FeeNote",
    "FeeRule",
    "FeeSchedule",
    "NoFeeSchedule",
    "TemporaryReduction",
]


_CONFIDENCE_VI = {
    Confidence.CONFIRMED: "đã được xác nhận",
    Confidence.SINGLE_SOURCE: "mới có một nguồn",
    Confidence.UNCONFIRMED: "chưa được xác nhận",
}


class NoFeeSchedule(LookupError):
    """Raised when no fee schedule (or rule) is in force on the requested date."""


@dataclass(frozen=True, slots=True)
class FeeRule:
    """One line of a fee schedule.

    Parameters
    ----------
    code : str
        Stable identifier, unique within the schedule.
    label_vi, label_en : str
        Name of the fee.
    amount : int
        Amount of one unit, in the schedule's currency.
    unit : FeeUnit
        What a unit is counted on.
    included : int
        For ``*_beyond_limit`` units, how many are covered before the fee applies.
    stage : FeeStage
        When the fee falls due.
    applies_to : frozenset of str
        Object-type codes the fee applies to.
    when : str or None
        A boolean fact of :class:`FeeFacts` that must be true (see ``FEE_CONDITIONS``).
    trademark_kinds : frozenset of str or None
        Restricts a trademark fee to some kinds; ``None`` for all.
    legal_basis : LegalReference
        Circular, appendix and item.
    effective_from, effective_to : datetime.date, datetime.date or None
        Inclusive dates between which the rule is in force.
    confidence : Confidence
        How well the amount is established.
    note : str
        Caveats, conflicts between sources.
    sources : tuple of str
        Where the amount was found.
    """

    code: str
    label_vi: str
    label_en: str
    amount: int
    unit: FeeUnit
    included: int
    stage: FeeStage
    applies_to: frozenset[str]
    when: str | None
    trademark_kinds: frozenset[str] | None
    legal_basis: LegalReference
    effective_from: dt.date
    effective_to: dt.date | None
    confidence: Confidence
    note: str = ""
    sources: tuple[str, ...] = ()

    def in_force_on(self, d: dt.date) -> bool:
        """Whether the rule is in force on ``d``."""
        return self.effective_from <= d and (self.effective_to is None or d <= self.effective_to)

    def applies(self, facts: FeeFacts) -> bool:
        """Whether the rule concerns an application with ``facts`` (ignoring dates)."""
        if facts.object_type not in self.applies_to:
            return False
        if self.when is not None and not getattr(facts, self.when):
            return False
        kinds = self.trademark_kinds
        return kinds is None or (facts.trademark_kind or "individual") in kinds


@dataclass(frozen=True, slots=True)
class TemporaryReduction:
    """A time-limited reduction or exemption that is noted, not computed.

    Parameters
    ----------
    code : str
        Stable identifier.
    instrument : str
        The circular that grants it.
    effective_from, effective_to : datetime.date
        Inclusive window.
    description_vi, description_en : str
        What it reduces.
    confidence : Confidence
        How well the window and content are established.
    note : str
        Caveats.
    """

    code: str
    instrument: str
    effective_from: dt.date
    effective_to: dt.date
    description_vi: str
    description_en: str
    confidence: Confidence
    note: str = ""

    def in_force_on(self, d: dt.date) -> bool:
        """Whether ``d`` falls in the reduction's window."""
        return self.effective_from <= d <= self.effective_to


@dataclass(frozen=True, slots=True)
class FeeItem:
    """One itemised fee of an assessment, with its explanation in both languages."""

    code: str
    label_vi: str
    label_en: str
    quantity: int
    unit: FeeUnit
    unit_amount: int
    amount: int
    stage: FeeStage
    legal_basis: LegalReference
    confidence: Confidence
    explanation_vi: str
    explanation_en: str


@dataclass(frozen=True, slots=True)
class FeeNote:
    """A remark attached to an assessment (unconfirmed amounts, reductions not applied)."""

    code: str
    message_vi: str
    message_en: str


@dataclass(frozen=True, slots=True)
class FeeAssessment:
    """The fees of one application under the schedule in force on a date.

    Attributes
    ----------
    on_date : datetime.date
        The date whose schedule was applied.
    schedule_id : str
        Identifier of that schedule.
    object_type : str
        Object-type code of the application.
    currency : str
        Currency of all amounts (``"VND"``).
    items : tuple of FeeItem
        The fees, in schedule order.
    notes : tuple of FeeNote
        Unconfirmed amounts and reductions that may apply but were not computed.
    """

    on_date: dt.date
    schedule_id: str
    object_type: str
    currency: str
    items: tuple[FeeItem, ...]
    notes: tuple[FeeNote, ...] = ()

    @property
    def total(self) -> int:
        """Sum of all itemised amounts."""
        return sum(item.amount for item in self.items)

    @property
    def unconfirmed_items(self) -> tuple[FeeItem, ...]:
        """Items whose amount is not confirmed by an official or two independent sources."""
        return tuple(i for i in self.items if i.confidence is not Confidence.CONFIRMED)

    def as_dict(self) -> dict[str, Any]:
        """Return the assessment as JSON-ready data (dates as ISO strings, enums as values)."""
        return {
            "on_date": self.on_date.isoformat(),
            "schedule_id": self.schedule_id,
            "object_type": self.object_type,
            "currency": self.currency,
            "total": self.total,
            "items": [
                {
                    "code": i.code,
                    "label_vi": i.label_vi,
                    "label_en": i.label_en,
                    "quantity": i.quantity,
                    "unit": i.unit.value,
                    "unit_amount": i.unit_amount,
                    "amount": i.amount,
                    "stage": i.stage.value,
                    "legal_basis": str(i.legal_basis),
                    "confidence": i.confidence.value,
                    "explanation_vi": i.explanation_vi,
                    "explanation_en": i.explanation_en,
                }
                for i in self.items
            ],
            "notes": [
                {"code": n.code, "message_vi": n.message_vi, "message_en": n.message_en}
                for n in self.notes
            ],
        }

    def item(self, code: str) -> FeeItem:
        """Return the item with ``code``.

        Raises
        ------
        KeyError
            If the assessment has no such item.
        """
        for entry in self.items:
            if entry.code == code:
                return entry
        raise KeyError(f"no fee item {code!r} in this assessment")


@dataclass(frozen=True, slots=True)
class FeeSchedule:
    """A dated schedule of fees, as published in one instrument and its amendments.

    Parameters
    ----------
    id : str
        Stable identifier, e.g. ``"vn-263-2016"``.
    title_vi, title_en : str
        Name of the schedule.
    currency : str
        Currency of its amounts.
    effective_from, effective_to : datetime.date, datetime.date or None
        Inclusive dates between which the schedule is in force.
    instruments : tuple of str
        The instruments that make up the schedule.
    rules : tuple of FeeRule
        Its lines.
    reductions : tuple of TemporaryReduction
        Known temporary reductions during its life (noted, not computed).
    sources : tuple of str
        Where the data were compiled from.
    notes : str
        Caveats for the whole schedule.
    """

    id: str
    title_vi: str
    title_en: str
    currency: str
    effective_from: dt.date
    effective_to: dt.date | None
    instruments: tuple[str, ...]
    rules: tuple[FeeRule, ...]
    reductions: tuple[TemporaryReduction, ...] = ()
    sources: tuple[str, ...] = ()
    notes: str = ""

    def in_force_on(self, d: dt.date) -> bool:
        """Whether the schedule is in force on ``d``."""
        return self.effective_from <= d and (self.effective_to is None or d <= self.effective_to)

    def rule(self, code: str) -> FeeRule:
        """Return the rule with ``code``.

        Raises
        ------
        KeyError
            If the schedule has no such rule.
        """
        for rule in self.rules:
            if rule.code == code:
                return rule
        raise KeyError(f"schedule {self.id} has no fee {code!r}")

    def assess(
        self,
        facts: FeeFacts,
        on_date: dt.date,
        stages: Iterable[FeeStage | str] = (FeeStage.FILING,),
    ) -> FeeAssessment:
        """Itemise the fees due for ``facts`` under this schedule on ``on_date``.

        Parameters
        ----------
        facts : FeeFacts
            The application.
        on_date : datetime.date
            The date whose rules apply (normally the day the fees are paid).
        stages : iterable of FeeStage
            Which stages to include (default: the filing stage, which includes the
            examination request when ``facts.examination_requested``).

        Returns
        -------
        FeeAssessment

        Raises
        ------
        NoFeeSchedule
            If the schedule is not in force on ``on_date``.
        """
        if not self.in_force_on(on_date):
            raise NoFeeSchedule(f"schedule {self.id} is not in force on {on_date.isoformat()}")
        wanted = {FeeStage(s) for s in stages}
        items: list[FeeItem] = []
        for rule in self.rules:
            if rule.stage not in wanted or not rule.in_force_on(on_date) or not rule.applies(facts):
                continue
            quantity = facts.quantity(rule.unit, rule.included)
            if quantity == 0:
                continue
            items.append(self._item(rule, quantity, facts))
        notes = [
            FeeNote(
                f"unconfirmed:{item.code}",
                f"Mức thu “{item.label_vi}” {_CONFIDENCE_VI[item.confidence]}; "
                "cần đối chiếu văn bản chính thức.",
                f"The amount of '{item.label_en}' is {item.confidence.replace('_', ' ')}; "
                "check it against the official text.",
            )
            for item in items
            if item.confidence is not Confidence.CONFIRMED
        ]
        notes.extend(
            FeeNote(
                f"reduction:{r.code}",
                f"{r.instrument}: {r.description_vi} — chưa được trừ trong bảng tính này.",
                f"{r.instrument}: {r.description_en} Not deducted in this assessment.",
            )
            for r in self.reductions
            if r.in_force_on(on_date)
        )
        return FeeAssessment(
            on_date=on_date,
            schedule_id=self.id,
            object_type=facts.object_type,
            currency=self.currency,
            items=tuple(items),
            notes=tuple(notes),
        )

    def _item(self, rule: FeeRule, quantity: int, facts: FeeFacts) -> FeeItem:
        phrase_vi, phrase_en = quantity_phrases(rule.unit, quantity, rule.included, facts)
        return FeeItem(
            code=rule.code,
            label_vi=rule.label_vi,
            label_en=rule.label_en,
            quantity=quantity,
            unit=rule.unit,
            unit_amount=rule.amount,
            amount=quantity * rule.amount,
            stage=rule.stage,
            legal_basis=rule.legal_basis,
            confidence=rule.confidence,
            explanation_vi=f"{phrase_vi} × {format_amount_vi(rule.amount, self.currency)}",
            explanation_en=f"{phrase_en} × {format_amount_en(rule.amount, self.currency)}",
        )
