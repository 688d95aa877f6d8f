"""The procedure of an object type as data: statuses, acts, who may perform them, and transitions.

A :class:`Procedure` is a small state machine read from a law pack's data files. It answers
two questions for the office: which acts may this role perform now (:meth:`Procedure.allowed_acts`)
and what does performing one do (:meth:`Procedure.apply`, which returns a :class:`Transition` or
raises :class:`ActNotAllowed` saying why not). It keeps no state: the caller passes the current
status, and the office records the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from sangtao.law._basis import Confidence, LegalReference

__all__ = [
    "Act",
    "ActNotAllowed",
    "Appeal",
    "NotAllowedReason",
    "Procedure",
    "Role",
    "Status",
    "Transition",
    "WipoEvent",
]


class Role(StrEnum):
    """Who performs an act: a party, a member of the office staff, or the system itself."""

    APPLICANT = "applicant"
    AGENT = "agent"
    FORMALITIES_EXAMINER = "formalities_examiner"
    SUBSTANTIVE_EXAMINER = "substantive_examiner"
    HEAD_OF_DIVISION = "head_of_division"
    ADMINISTRATOR = "administrator"
    THIRD_PARTY = "third_party"
    SYSTEM = "system"


class NotAllowedReason(StrEnum):
    """Why :meth:`Procedure.apply` refused an act."""

    UNKNOWN_ACT = "unknown_act"
    WRONG_STATUS = "wrong_status"
    WRONG_ROLE = "wrong_role"
    WRONG_REGIME = "wrong_regime"
    MISSING_PREREQUISITE = "missing_prerequisite"
    NO_PREVIOUS_STATUS = "no_previous_status"


class ActNotAllowed(ValueError):
    """Raised when an act may not be performed: wrong status, wrong role or not in this regime.

    Attributes
    ----------
    act : str
        The act code asked for.
    reason : NotAllowedReason
        Machine-readable reason; the message says it in words.
    """

    def __init__(self, act: str, reason: NotAllowedReason, message: str) -> None:
        super().__init__(message)
        self.act = act
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Status:
    """A status an application can be in.

    Parameters
    ----------
    code : str
        Stable identifier, e.g. ``"under_examination"``.
    name_vi, name_en : str
        Names in Vietnamese and English.
    terminal : bool
        Whether ordinary prosecution has ended (granted, refused, withdrawn...). Remedies such
        as a complaint may still be open.
    note : str
        Caveats.
    """

    code: str
    name_vi: str
    name_en: str
    terminal: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class WipoEvent:
    """The WIPO legal-status event that an act maps to in one standard.

    Parameters
    ----------
    standard : str
        ``"ST.27"`` (patents, utility models, layout designs), ``"ST.61"`` (marks and
        geographical indications) or ``"ST.87"`` (industrial designs).
    category : str
        The category letter, e.g. ``"B"``.
    key_event : str
        The key-event code, a category letter and two digits, e.g. ``"B10"``.
    title : str
        What the event is, in the standard's words where known.
    confidence : Confidence
        How well the code is established; codes not checked against the standard's Annex I
        are ``unconfirmed``.
    note : str
        Caveats.
    """

    standard: str
    category: str
    key_event: str
    title: str
    confidence: Confidence = Confidence.UNCONFIRMED
    note: str = ""

    def __str__(self) -> str:
        return f"{self.standard} {self.key_event}"


@dataclass(frozen=True, slots=True)
class Appeal:
    """Whether and how a decision can be challenged by complaint.

    Parameters
    ----------
    period_days : int
        Days for the first complaint.
    body_vi, body_en : str
        Who decides the first complaint.
    second_period_days : int or None
        Days for a second complaint, if any.
    second_body_vi, second_body_en : str
        Who decides the second complaint.
    legal_basis : tuple of LegalReference
        Where the complaint route comes from.
    note : str
        Caveats (e.g. the start event of the second period).
    """

    period_days: int
    body_vi: str
    body_en: str
    second_period_days: int | None = None
    second_body_vi: str = ""
    second_body_en: str = ""
    legal_basis: tuple[LegalReference, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Act:
    """A procedural act: what it does to the status, who may do it, and what periods it affects.

    Parameters
    ----------
    code : str
        Stable identifier, e.g. ``"notice_intended_refusal"``.
    name_vi, name_en : str
        Names in Vietnamese and English.
    object_types : frozenset of str
        Object types the act exists for.
    from_statuses : tuple of str
        Statuses in which it may be performed; empty for an act that starts the procedure.
    to_status : str or None
        Resulting status; ``None`` leaves the status unchanged.
    to_by_status : Mapping of str to str or None
        Per-status exceptions to ``to_status``.
    resumes_previous : bool
        Whether the act returns the application to the status it had before (restoration).
    roles : frozenset of Role
        Who may perform it.
    needs_approval : bool
        Whether a head of division must approve it before it takes effect.
    regimes : frozenset of str
        Regime codes it exists in.
    opens, closes, extends : tuple of str
        Period kinds it starts, ends, and lengthens.
    notice : bool
        Whether the act is an outgoing notice or decision whose signature date starts periods
        (Notice 2343/TB-SHTT).
    requires : Mapping of str to tuple of str
        Per object type, acts that must already have been performed.
    appeal : Appeal or None
        The complaint route when the act is an appealable decision.
    legal_basis : tuple of LegalReference
        Where the act comes from.
    wipo : Mapping of str to WipoEvent
        Its WIPO legal-status event, per standard.
    note : str
        Caveats.
    """

    code: str
    name_vi: str
    name_en: str
    object_types: frozenset[str]
    from_statuses: tuple[str, ...]
    to_status: str | None
    roles: frozenset[Role]
    regimes: frozenset[str]
    legal_basis: tuple[LegalReference, ...]
    to_by_status: Mapping[str, str | None] = field(default_factory=dict)
    resumes_previous: bool = False
    needs_approval: bool = False
    opens: tuple[str, ...] = ()
    closes: tuple[str, ...] = ()
    extends: tuple[str, ...] = ()
    notice: bool = False
    requires: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    appeal: Appeal | None = None
    wipo: Mapping[str, WipoEvent] = field(default_factory=dict)
    note: str = ""

    @property
    def starts_procedure(self) -> bool:
        """Whether the act is performed on no status (filing)."""
        return not self.from_statuses

    @property
    def appealable(self) -> bool:
        """Whether a complaint lies against the act."""
        return self.appeal is not None

    def result(self, status: str | None) -> str | None:
        """The status the act leads to from ``status`` (``None``: unchanged)."""
        if status is not None and status in self.to_by_status:
            return self.to_by_status[status]
        return self.to_status


@dataclass(frozen=True, slots=True)
class Transition:
    """What performing an act does: the new status, the periods opened and closed, the event.

    Attributes
    ----------
    act : str
        The act performed.
    from_status, new_status : str or None
        Status before and after (``new_status`` equals ``from_status`` when unchanged).
    on_date : datetime.date
        When the act was performed (or, for a notice, signed).
    regime : str
        Regime code the act was performed under.
    opens, closes, extends : tuple of str
        Period kinds started, ended, lengthened.
    event_code : WipoEvent or None
        The WIPO legal-status event for the object type's standard.
    legal_basis : tuple of LegalReference
        Where the act comes from.
    needs_approval : bool
        Whether a head of division must approve it.
    appeal : Appeal or None
        The complaint route when the act is an appealable decision.
    """

    act: str
    from_status: str | None
    new_status: str | None
    on_date: dt.date
    regime: str
    opens: tuple[str, ...]
    closes: tuple[str, ...]
    extends: tuple[str, ...]
    event_code: WipoEvent | None
    legal_basis: tuple[LegalReference, ...]
    needs_approval: bool
    appeal: Appeal | None

    @property
    def status_changed(self) -> bool:
        """Whether the act moved the application to another status."""
        return self.new_status != self.from_status


def _regime_code(regime: object) -> str:
    code = getattr(regime, "code", regime)
    if not isinstance(code, str):
        raise TypeError(f"a regime or regime code is needed, not {regime!r}")
    return code


class Procedure:
    """The statuses and acts of one object type, with the rules for moving between them.

    Parameters
    ----------
    object_type : str
        The object-type code.
    statuses : tuple of Status
        Its statuses.
    acts : tuple of Act
        Its acts.
    standard : str
        The WIPO legal-status standard of the object type (``"ST.27"``, ``"ST.61"``,
        ``"ST.87"``).
    regime_on : callable, optional
        Returns the regime (an object with ``code``, or the code) in force on a date; used by
        :meth:`apply`. Default: every date has regime ``"A"``.
    """

    def __init__(
        self,
        object_type: str,
        statuses: tuple[Status, ...],
        acts: tuple[Act, ...],
        standard: str,
        regime_on: Callable[[dt.date], object] | None = None,
    ) -> None:
        self.object_type = object_type
        self.statuses = statuses
        self.acts = acts
        self.standard = standard
        self._regime_on = regime_on if regime_on is not None else (lambda _d: "A")
        self._statuses = {s.code: s for s in statuses}
        self._acts = {a.code: a for a in acts}

    def __repr__(self) -> str:
        return (
            f"<Procedure {self.object_type}: {len(self.statuses)} statuses, {len(self.acts)} acts>"
        )

    def status(self, code: str) -> Status:
        """Return the status with ``code``.

        Raises
        ------
        KeyError
            If the object type has no such status.
        """
        try:
            return self._statuses[code]
        except KeyError:
            raise KeyError(f"{self.object_type} has no status {code!r}") from None

    def act(self, code: str) -> Act:
        """Return the act with ``code``.

        Raises
        ------
        ActNotAllowed
            With reason ``unknown_act`` if the object type has no such act.
        """
        try:
            return self._acts[code]
        except KeyError:
            raise ActNotAllowed(
                code,
                NotAllowedReason.UNKNOWN_ACT,
                f"{code!r} is not an act of the {self.object_type} procedure",
            ) from None

    def allowed_acts(self, status: str | None, role: Role | str, regime: object) -> tuple[Act, ...]:
        """Return the acts that ``role`` may perform on an application in ``status``.

        Parameters
        ----------
        status : str or None
            Current status; ``None`` before filing.
        role : Role or str
            Who would act.
        regime : Regime or str
            The regime in force (a :class:`~sangtao.law.vn.Regime` or its code).

        Returns
        -------
        tuple of Act
            In the order of the data file. Prerequisite acts (``requires``) are not checked.
        """
        who = Role(role)
        code = _regime_code(regime)
        return tuple(
            a
            for a in self.acts
            if self._status_ok(a, status) and who in a.roles and code in a.regimes
        )

    def apply(
        self,
        status: str | None,
        act_code: str,
        role: Role | str,
        on_date: dt.date,
        *,
        done: Collection[str] | None = None,
        previous_status: str | None = None,
    ) -> Transition:
        """Check that an act may be performed and return what it does.

        Parameters
        ----------
        status : str or None
            Current status; ``None`` before filing.
        act_code : str
            The act.
        role : Role or str
            Who performs it.
        on_date : datetime.date
            When (for a notice, its signature date); selects the regime.
        done : collection of str, optional
            Acts already performed on the application; when given, the act's prerequisites
            (``requires``) are checked.
        previous_status : str, optional
            The status before a suspension, for an act that resumes it (``restore``).

        Returns
        -------
        Transition

        Raises
        ------
        ActNotAllowed
            If the act is unknown, not possible in ``status``, not open to ``role``, does not
            exist in the regime in force on ``on_date``, lacks a prerequisite, or must resume a
            status that was not given. The message says which.
        """
        act = self.act(act_code)
        regime = _regime_code(self._regime_on(on_date))
        if not self._status_ok(act, status):
            where = "before filing" if status is None else f"in status {status!r}"
            allowed = ", ".join(act.from_statuses) or "before filing only"
            raise ActNotAllowed(
                act.code,
                NotAllowedReason.WRONG_STATUS,
                f"{act.code!r} cannot be performed {where} of a {self.object_type} application "
                f"(allowed from: {allowed})",
            )
        who = Role(role)
        if who not in act.roles:
            roles = ", ".join(sorted(act.roles))
            raise ActNotAllowed(
                act.code,
                NotAllowedReason.WRONG_ROLE,
                f"role {who.value!r} may not perform {act.code!r} (roles: {roles})",
            )
        if regime not in act.regimes:
            regimes = ", ".join(sorted(act.regimes))
            raise ActNotAllowed(
                act.code,
                NotAllowedReason.WRONG_REGIME,
                f"{act.code!r} does not exist in regime {regime} in force on "
                f"{on_date.isoformat()} (exists in: {regimes})",
            )
        if done is not None:
            missing = [r for r in act.requires.get(self.object_type, ()) if r not in done]
            if missing:
                raise ActNotAllowed(
                    act.code,
                    NotAllowedReason.MISSING_PREREQUISITE,
                    f"{act.code!r} needs {', '.join(missing)} first",
                )
        new_status = act.result(status)
        if act.resumes_previous:
            if previous_status is None or previous_status not in self._statuses:
                raise ActNotAllowed(
                    act.code,
                    NotAllowedReason.NO_PREVIOUS_STATUS,
                    f"{act.code!r} returns to the status held before; give previous_status",
                )
            new_status = previous_status
        elif new_status is None:
            new_status = status
        return Transition(
            act=act.code,
            from_status=status,
            new_status=new_status,
            on_date=on_date,
            regime=regime,
            opens=act.opens,
            closes=act.closes,
            extends=act.extends,
            event_code=act.wipo.get(self.standard),
            legal_basis=act.legal_basis,
            needs_approval=act.needs_approval,
            appeal=act.appeal,
        )

    @staticmethod
    def _status_ok(act: Act, status: str | None) -> bool:
        if status is None:
            return act.starts_procedure
        return status in act.from_statuses
