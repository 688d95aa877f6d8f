"""Office letters: notices and decisions, numbered, rendered bilingually to PDF with their data."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from sangtao.office.filing.models import Application
from sangtao.office.procedure.models import (
    Deadline,
    LetterSequence,
    Notification,
    OfficeLetter,
    ProcedureEvent,
)
from sangtao.office.procedure.rules import Transition, responsible_users
from sangtao.office.sequences import next_value

DECISION_ACTS = frozenset(
    {
        "formality_accept",
        "formality_refuse",
        "grant",
        "refuse",
        "deem_withdrawn",
        "complaint_first_decision",
    }
)
SERIES = {"decision": "QĐ-SHTT", "notice": "TB-SHTT.IP"}


def issue_letter(
    app: Application,
    event: ProcedureEvent,
    t: Transition,
    opened: list[Deadline],
    now: dt.datetime,
) -> OfficeLetter:
    """Number, render and deliver the letter an act sends (inside the act's transaction).

    The letter is signed when issued here, so periods run from ``event.effective_date``
    (Notice 2343/TB-SHTT: from the digital-signature date).
    """
    kind = "decision" if t.act in DECISION_ACTS else "notice"
    series = SERIES[kind]
    seq = next_value(LetterSequence, series=series, year=event.effective_date.year)
    number = f"{seq:05d}/{series}"
    response = next((d for d in opened if d.responsible in {"applicant", "agent"}), None)
    payload = _payload(app, event, t, kind, number, response, now)
    html = render_to_string("procedure/letter.html", {"p": payload, "app": app, "event": event})
    from weasyprint import HTML

    pdf = HTML(string=html).write_pdf()
    letter = OfficeLetter.objects.create(
        application=app,
        event=event,
        number=number,
        kind=kind,
        issued_on=event.effective_date,
        signed_at=now,
        sent_at=now,
        response_deadline=response,
        payload=payload,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
    for user in responsible_users(app, "applicant"):
        Notification.objects.get_or_create(
            dedupe_key=f"letter:{letter.pk}:{user.pk}",
            defaults={
                "user": user,
                "application": app,
                "kind": "letter",
                "message_vi": f"Đơn {app.number}: {t.label_vi} (số {number}).",
                "message_en": f"Application {app.number}: {t.label_en} (no. {number}).",
                "created_at": now,
            },
        )
    return letter


def _payload(
    app: Application,
    event: ProcedureEvent,
    t: Transition,
    kind: str,
    number: str,
    response: Deadline | None,
    now: dt.datetime,
) -> dict[str, Any]:
    """The letter as structured data, so agents' software can docket it."""
    return {
        "number": number,
        "kind": kind,
        "application": app.number,
        "object_type": app.object_type,
        "act": t.act,
        "title_vi": t.label_vi,
        "title_en": t.label_en,
        "issued_on": event.effective_date.isoformat(),
        "signed_at": timezone.localtime(now).isoformat(timespec="seconds"),
        "legal_basis": t.legal_basis,
        "reason": event.reason,
        "addressees": [
            {"name": p.name, "country": p.country}
            for p in app.parties.all()
            if p.role == "applicant"
        ],
        "representative": app.representative.name if app.representative else None,
        "response_deadline": {
            "period": response.period,
            "due": response.due_date.isoformat(),
            "rule_vi": response.rule_vi,
            "rule_en": response.rule_en,
            "legal_basis": response.legal_basis,
        }
        if response
        else None,
        "appeal": t.appeal if kind == "decision" else None,
        "wipo_event": {"standard": t.wipo_standard, "code": t.wipo_event_code}
        if t.wipo_event_code
        else None,
    }
