"""Acts on applications: one legal act per call, one transaction, deadlines and audit with it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from sangtao.office.audit.chain import record
from sangtao.office.filing.models import Application
from sangtao.office.procedure import rules
from sangtao.office.procedure.models import (
    Assignment,
    Deadline,
    Notification,
    OfficeLetter,
    PendingApproval,
    ProcedureEvent,
)


class ActRefused(Exception):
    """The act may not be performed now by this actor; nothing changed (the refusal is audited)."""

    def __init__(self, code: str, message_vi: str, message_en: str, status: int = 409):
        super().__init__(message_en)
        self.code, self.message_vi, self.message_en, self.status = (
            code,
            message_vi,
            message_en,
            status,
        )


class ApprovalRequired(Exception):
    """The act was proposed; a head of division must approve it (nothing else changed)."""

    def __init__(self, pending: PendingApproval):
        super().__init__(f"{pending.act} awaits approval")
        self.pending = pending


@dataclass
class ActResult:
    """The event recorded, the deadlines it opened and closed, and the letter it sent."""

    event: ProcedureEvent
    opened: list[Deadline]
    closed: list[Deadline]
    letter: OfficeLetter | None = None


def actor_role(actor: Any, application: Application) -> str:
    """The procedural role of ``actor`` towards ``application`` (None-actor is the system)."""
    if actor is None:
        return "system"
    if actor.is_office_staff:
        return str(actor.role)
    if actor.agent_id and actor.agent_id == application.representative_id:
        return "agent"
    if application.filed_by_id == actor.pk:
        return "agent" if actor.agent_id else "applicant"
    if (
        actor.party_id
        and application.parties.filter(party_id=actor.party_id, role="applicant").exists()
    ):
        return "applicant"
    return "third_party"


def _refuse(actor: Any, app: Application, act: str, exc: ActRefused) -> None:
    with transaction.atomic():
        record(
            actor=actor,
            action="act_refused",
            object_type="application",
            object_id=app.number,
            reason=exc.message_en,
            after={"act": act, "code": exc.code},
        )


def perform_act(
    *,
    actor: Any,
    number: str,
    act: str,
    reason: str = "",
    effective_date: dt.date | None = None,
    expected_status: str | None = None,
    approved_by: Any = None,
) -> ActResult:
    """Perform ``act`` on application ``number``.

    The application row is locked for the act, so of two concurrent acts one wins and the
    other sees the new status and is refused with a conflict. ``expected_status`` lets a
    client say which status it acted on (like HTTP If-Match). An act the law reserves for
    approval (grant, refusal …) proposed by an examiner raises :class:`ApprovalRequired`
    and waits for :func:`decide`; a head of division acts directly.
    """
    now = timezone.now()
    on = effective_date or timezone.localtime(now).date()
    refusal: ActRefused | None = None
    pending: PendingApproval | None = None
    with transaction.atomic():
        app = Application.objects.select_for_update().get(number=number)
        role = actor_role(actor, app)
        try:
            if expected_status is not None and expected_status != app.status:
                raise ActRefused(
                    "status_changed",
                    f"Đơn đã chuyển sang trạng thái {app.status}; thao tác không được thực hiện.",
                    f"The application is now {app.status}; the act was not performed.",
                )
            transition = rules.transition(app, act, role, on)
        except ActRefused as exc:
            refusal = exc
        else:
            if transition.needs_approval and approved_by is None and role not in APPROVERS:
                pending = _propose(actor, app, act, reason, now)
            else:
                return _apply(actor, app, act, role, reason, on, now, transition, approved_by)
    if refusal is None:
        # The proposal is committed; the act itself waits for a head of division.
        assert pending is not None
        raise ApprovalRequired(pending)
    _refuse(actor, app, act, refusal)
    raise refusal


def _apply(
    actor: Any,
    app: Application,
    act: str,
    role: str,
    reason: str,
    on: dt.date,
    now: dt.datetime,
    transition: rules.Transition,
    approved_by: Any = None,
) -> ActResult:
    before = {"status": app.status}
    event = ProcedureEvent.objects.create(
        application=app,
        act=act,
        label_vi=transition.label_vi,
        label_en=transition.label_en,
        occurred_at=now,
        effective_date=on,
        actor=actor,
        actor_role=role,
        status_before=app.status,
        status_after=transition.new_status,
        wipo_standard=transition.wipo_standard,
        wipo_event_code=transition.wipo_event_code,
        legal_basis=transition.legal_basis,
        reason=reason,
    )
    closed = list(
        Deadline.objects.filter(
            application=app, state=Deadline.State.OPEN, period__in=transition.closes
        )
    )
    for d in closed:
        d.state, d.closed_by = Deadline.State.MET, event
        d.save(update_fields=["state", "closed_by"])
    if transition.terminal:
        Deadline.objects.filter(application=app, state=Deadline.State.OPEN).update(
            state=Deadline.State.CANCELLED, closed_by=event
        )
    app.status = transition.new_status
    fields = ["status"]
    if act == "publish" and app.published_at is None:
        # Publication ends confidentiality: from now on the public may see the application.
        app.published_at = now
        fields.append("published_at")
    app.save(update_fields=fields)
    opened = [
        Deadline.objects.create(application=app, opened_by=event, **fields)
        for fields in rules.deadlines_opened(app, transition, on)
    ]
    letter = None
    if transition.notice:
        from sangtao.office.procedure.letters import issue_letter

        letter = issue_letter(app, event, transition, opened, now)
    PendingApproval.objects.filter(
        application=app, act=act, state=PendingApproval.State.PENDING
    ).update(
        state=PendingApproval.State.APPROVED,
        decided_by=approved_by or actor,
        decided_at=now,
    )
    record(
        actor=actor,
        action=f"act:{act}",
        object_type="application",
        object_id=app.number,
        legal_basis=transition.legal_basis,
        reason=reason,
        before=before,
        after={
            "status": app.status,
            "opened": [[d.period, d.due_date.isoformat()] for d in opened],
            "closed": [d.period for d in closed],
            "letter": letter.number if letter else None,
            "approved_by": getattr(approved_by, "username", None),
        },
        occurred_at=now,
    )
    return ActResult(event, opened, closed, letter)


APPROVERS = frozenset({"head_of_division", "administrator"})


def _propose(actor: Any, app: Application, act: str, reason: str, now: dt.datetime) -> Any:
    pending, created = PendingApproval.objects.get_or_create(
        application=app,
        act=act,
        state=PendingApproval.State.PENDING,
        defaults={"proposed_by": actor, "reason": reason, "proposed_at": now},
    )
    if created:
        record(
            actor=actor,
            action="propose_act",
            object_type="application",
            object_id=app.number,
            reason=reason,
            after={"act": act},
            occurred_at=now,
        )
    return pending


def decide(*, actor: Any, pending_id: int, approve: bool, note: str = "") -> ActResult | None:
    """A head of division approves (the act is performed) or rejects a proposed act."""
    if actor is None or actor.role not in APPROVERS:
        raise ActRefused(
            "not_allowed",
            "Chỉ trưởng phòng mới được phê duyệt.",
            "Only a head of division may approve.",
            403,
        )
    pending = PendingApproval.objects.select_related("application", "proposed_by").get(
        pk=pending_id
    )
    if pending.state != PendingApproval.State.PENDING:
        raise ActRefused(
            "already_decided",
            "Đề xuất này đã được xử lý.",
            "This proposal was already decided.",
        )
    if approve:
        return perform_act(
            actor=pending.proposed_by,
            number=pending.application.number,
            act=pending.act,
            reason=pending.reason,
            approved_by=actor,
        )
    with transaction.atomic():
        PendingApproval.objects.filter(pk=pending.pk, state=PendingApproval.State.PENDING).update(
            state=PendingApproval.State.REJECTED,
            decided_by=actor,
            decided_at=timezone.now(),
            decision_note=note,
        )
        record(
            actor=actor,
            action="reject_proposal",
            object_type="application",
            object_id=pending.application.number,
            reason=note,
            after={"act": pending.act, "proposed_by": pending.proposed_by.username},
        )
    return None


def assign(*, actor: Any, number: str, examiner: Any, reason: str = "") -> Assignment:
    """A head of division assigns (or reassigns) an application to an examiner."""
    if actor is None or actor.role not in {"head_of_division", "administrator"}:
        raise ActRefused(
            "not_allowed",
            "Chỉ trưởng phòng mới được phân công đơn.",
            "Only a head of division may assign applications.",
            403,
        )
    if not examiner.is_office_staff:
        raise ActRefused(
            "not_staff",
            "Chỉ phân công cho cán bộ của Cục.",
            "Applications are assigned to office staff only.",
            422,
        )
    with transaction.atomic():
        app = Application.objects.select_for_update().get(number=number)
        previous = Assignment.objects.filter(application=app, active=True).first()
        if previous:
            previous.active = False
            previous.save(update_fields=["active"])
        assignment = Assignment.objects.create(
            application=app, examiner=examiner, assigned_by=actor, assigned_at=timezone.now()
        )
        record(
            actor=actor,
            action="assign",
            object_type="application",
            object_id=app.number,
            reason=reason,
            before={"examiner": previous.examiner.username if previous else None},
            after={"examiner": examiner.username},
        )
    return assignment


@dataclass
class SweepReport:
    """What one run of the daily sweep did."""

    day: dt.date
    lapsed: int = 0
    acts: int = 0
    reminders: int = 0


REMINDER_DAYS = (30, 7, 1)


def sweep(day: dt.date) -> SweepReport:
    """Apply lapses of deadlines that ended before ``day`` and send reminders; idempotent."""
    report = SweepReport(day)
    overdue = Deadline.objects.filter(state=Deadline.State.OPEN, due_date__lt=day)
    for deadline in overdue.select_related("application"):
        with transaction.atomic():
            d = Deadline.objects.select_for_update().get(pk=deadline.pk)
            if d.state != Deadline.State.OPEN:
                continue
            d.state = Deadline.State.LAPSED
            d.save(update_fields=["state"])
            record(
                actor=None,
                action="deadline_lapsed",
                object_type="application",
                object_id=deadline.application.number,
                legal_basis=d.legal_basis,
                after={"period": d.period, "due": d.due_date.isoformat()},
            )
            report.lapsed += 1
        if d.on_lapse:
            try:
                perform_act(
                    actor=None,
                    number=deadline.application.number,
                    act=d.on_lapse,
                    reason=f"lapse of {d.period} (due {d.due_date:%d/%m/%Y})",
                    effective_date=day,
                )
                report.acts += 1
            except ActRefused:
                pass  # the application moved on; the refusal is audited
    for days in REMINDER_DAYS:
        target = day + dt.timedelta(days=days)
        for d in Deadline.objects.filter(state=Deadline.State.OPEN, due_date=target).select_related(
            "application"
        ):
            report.reminders += _remind(d, days, day)
    return report


def _remind(d: Deadline, days: int, day: dt.date) -> int:
    app = d.application
    users = rules.responsible_users(app, d.responsible)
    sent = 0
    for user in users:
        key = f"reminder:{d.pk}:{days}:{user.pk}"
        with transaction.atomic():
            _, created = Notification.objects.get_or_create(
                dedupe_key=key,
                defaults={
                    "user": user,
                    "application": app,
                    "kind": "deadline_reminder",
                    "message_vi": f"Đơn {app.number}: {d.label_vi} hết hạn ngày "
                    f"{d.due_date:%d/%m/%Y} (còn {days} ngày).",
                    "message_en": f"Application {app.number}: {d.label_en} ends on "
                    f"{d.due_date:%d/%m/%Y} ({days} days left).",
                    "created_at": timezone.now(),
                },
            )
            if created:
                Deadline.objects.filter(pk=d.pk).update(last_reminder_on=day)
                record(
                    actor=None,
                    action="deadline_reminder",
                    object_type="application",
                    object_id=app.number,
                    after={"period": d.period, "user": user.username, "days_left": days},
                )
                sent += 1
    return sent


def record_filing(app: Application, actor: Any, received_at: dt.datetime) -> ProcedureEvent:
    """The timeline's first event and the deadlines filing opens (in the filing's transaction)."""
    on = timezone.localtime(received_at).date()
    role = "agent" if getattr(actor, "agent_id", None) else "applicant"
    t = rules.filing_transition(app, role, on)
    event = ProcedureEvent.objects.create(
        application=app,
        act="file",
        label_vi=t.label_vi,
        label_en=t.label_en,
        occurred_at=received_at,
        effective_date=on,
        actor=actor,
        actor_role=role,
        status_before="",
        status_after=app.status,
        wipo_standard=t.wipo_standard,
        wipo_event_code=t.wipo_event_code,
        legal_basis=t.legal_basis,
    )
    Deadline.objects.bulk_create(
        [
            Deadline(application=app, opened_by=event, **fields)
            for fields in rules.deadlines_opened(app, t, on, events=[event])
        ]
    )
    return event
