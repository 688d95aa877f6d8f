"""API for the procedure: acts, the timeline, deadlines and WIPO legal-status events."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from sangtao.api.problems import not_found, problem
from sangtao.office.filing.access import visible_application, visible_applications
from sangtao.office.procedure.actions import ActRefused, ApprovalRequired, decide, perform_act
from sangtao.office.procedure.calculator import compute_deadlines
from sangtao.office.procedure.models import Deadline, OfficeLetter, PendingApproval, ProcedureEvent

router = Router(tags=["procedure"])


class ActIn(Schema):
    """An act to perform on an application."""

    act: str
    reason: str = ""
    effective_date: dt.date | None = None
    expected_status: str | None = None


def _event(e: ProcedureEvent) -> dict[str, Any]:
    return {
        "act": e.act,
        "label_vi": e.label_vi,
        "label_en": e.label_en,
        "date": e.effective_date.isoformat(),
        "recorded_at": e.occurred_at.isoformat(timespec="seconds"),
        "by_role": e.actor_role,
        "status_before": e.status_before,
        "status_after": e.status_after,
        "wipo": {"standard": e.wipo_standard, "code": e.wipo_event_code}
        if e.wipo_event_code
        else None,
        "legal_basis": e.legal_basis,
    }


def _deadline(d: Deadline) -> dict[str, Any]:
    return {
        "period": d.period,
        "label_vi": d.label_vi,
        "label_en": d.label_en,
        "runs_from": d.trigger_date.isoformat(),
        "due": d.due_date.isoformat(),
        "due_before_roll_forward": d.unrolled_date.isoformat(),
        "regime": d.regime,
        "rule_vi": d.rule_vi,
        "rule_en": d.rule_en,
        "legal_basis": d.legal_basis,
        "confidence": d.confidence,
        "note": d.note,
        "responsible": d.responsible,
        "state": d.state,
    }


@router.post("/applications/{number}/acts", summary="Perform an act")
def post_act(request: HttpRequest, number: str, body: ActIn) -> Any:
    """Perform a procedural act (respond, request examination, withdraw, …)."""
    user = request.auth  # type: ignore[attr-defined]
    if not user.is_authenticated:
        return problem(
            request,
            401,
            "unauthorized",
            detail_vi="Cần mã truy cập để thực hiện thao tác.",
            detail_en="A Bearer token is required to act.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not visible_applications(user).filter(number=number).exists():
        return not_found(request, number)
    try:
        result = perform_act(
            actor=user,
            number=number,
            act=body.act,
            reason=body.reason,
            effective_date=body.effective_date,
            expected_status=body.expected_status,
        )
    except ActRefused as exc:
        return _refused(request, exc)
    except ApprovalRequired as wait:
        return HttpResponse(
            json.dumps(_pending(wait.pending)), status=202, content_type="application/json"
        )
    data = _event(result.event)
    data["deadlines_opened"] = [_deadline(d) for d in result.opened]
    data["letter"] = _letter(result.letter) if result.letter else None
    return HttpResponse(json.dumps(data), status=201, content_type="application/json")


def _refused(request: HttpRequest, exc: ActRefused) -> HttpResponse:
    return problem(
        request,
        exc.status,
        "act_refused",
        detail_vi=exc.message_vi,
        detail_en=exc.message_en,
        errors=[
            {
                "pointer": "/act",
                "code": exc.code,
                "detail_vi": exc.message_vi,
                "detail_en": exc.message_en,
            }
        ],
    )


def _pending(p: PendingApproval) -> dict[str, Any]:
    return {
        "approval": p.pk,
        "act": p.act,
        "state": p.state,
        "proposed_by": p.proposed_by.username,
        "proposed_at": p.proposed_at.isoformat(timespec="seconds"),
        "detail_vi": "Đã gửi đề xuất; chờ trưởng phòng phê duyệt.",
        "detail_en": "Proposed; awaiting approval by the head of division.",
    }


def _letter(letter: OfficeLetter) -> dict[str, Any]:
    return {
        "id": letter.pk,
        "pdf": f"/api/v1/applications/{letter.application.number}/letters/{letter.pk}.pdf",
        "sha256": letter.sha256,
        **letter.payload,
    }


class DecisionIn(Schema):
    """A head of division's decision on a proposed act."""

    approve: bool
    note: str = ""


@router.post("/approvals/{approval_id}", summary="Approve or reject a proposed act")
def post_decision(request: HttpRequest, approval_id: int, body: DecisionIn) -> Any:
    """Approve (the act is performed) or reject a proposal."""
    user = request.auth  # type: ignore[attr-defined]
    if not user.is_authenticated or not user.is_office_staff:
        return problem(request, 403, "forbidden")
    if not PendingApproval.objects.filter(pk=approval_id).exists():
        return problem(request, 404, "not_found")
    try:
        result = decide(actor=user, pending_id=approval_id, approve=body.approve, note=body.note)
    except ActRefused as exc:
        return _refused(request, exc)
    if result is None:
        return {"approval": approval_id, "state": "rejected"}
    data = _event(result.event)
    data["letter"] = _letter(result.letter) if result.letter else None
    return HttpResponse(json.dumps(data), status=201, content_type="application/json")


@router.get("/applications/{number}/letters", summary="Office letters")
def get_letters(request: HttpRequest, number: str) -> Any:
    """Notices and decisions sent on the application, as structured data with PDF links."""
    app = visible_application(request.auth, number)  # type: ignore[attr-defined]
    if app is None:
        return not_found(request, number)
    return {"number": number, "letters": [_letter(x) for x in app.letters.all()]}


@router.get("/applications/{number}/letters/{letter_id}.pdf", summary="Letter PDF")
def get_letter_pdf(request: HttpRequest, number: str, letter_id: int) -> Any:
    """The letter as sent (PDF)."""
    app = visible_application(request.auth, number)  # type: ignore[attr-defined]
    letter = app.letters.filter(pk=letter_id).first() if app else None
    if letter is None:
        return not_found(request, number)
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="letter-{letter.pk}.pdf"'
    return response


@router.get("/applications/{number}/events", summary="Prosecution timeline")
def get_events(request: HttpRequest, number: str) -> Any:
    """The acts on the application, oldest first (Tiến trình xử lý)."""
    app = visible_application(request.auth, number)  # type: ignore[attr-defined]
    if app is None:
        return not_found(request, number)
    return {"number": number, "events": [_event(e) for e in app.events.all()]}


@router.get("/applications/{number}/deadlines", summary="Deadlines")
def get_deadlines(request: HttpRequest, number: str) -> Any:
    """Every deadline of the application with its rule and legal basis."""
    app = visible_application(request.auth, number)  # type: ignore[attr-defined]
    if app is None:
        return not_found(request, number)
    return {"number": number, "deadlines": [_deadline(d) for d in app.deadlines.all()]}


@router.get("/applications/{number}/legal-status", summary="WIPO legal-status events")
def get_legal_status(request: HttpRequest, number: str) -> Any:
    """The application's events as WIPO ST.27 / ST.61 / ST.87 legal-status events."""
    app = visible_application(request.auth, number)  # type: ignore[attr-defined]
    if app is None:
        return not_found(request, number)
    return {
        "number": number,
        "office": "VN",
        "events": [
            {
                "standard": e.wipo_standard,
                "code": e.wipo_event_code,
                "date": e.effective_date.isoformat(),
                "national_act": e.act,
            }
            for e in app.events.all()
            if e.wipo_event_code
        ],
    }


class CalculatorQuery(Schema):
    """Facts for the deadline calculator."""

    type: str
    filing_date: dt.date
    priority_date: dt.date | None = None
    publication_date: dt.date | None = None
    validity_date: dt.date | None = None
    examination_request_date: dt.date | None = None
    notice_signed: dt.date | None = None
    notice_act: str = "notice_intended_refusal"
    accelerated: bool = False
    pct: bool = False


@router.get("/deadlines", summary="Deadline calculator", auth=None)
def calculate_deadlines(request: HttpRequest, q: Query[CalculatorQuery]) -> Any:
    """Every deadline that applies to the given facts, with its rule and legal basis."""
    try:
        result = compute_deadlines(q.model_dump())
    except ValueError as exc:
        return problem(
            request,
            422,
            "validation",
            detail_vi=f"Dữ kiện không hợp lệ: {exc}",
            detail_en=f"Invalid facts: {exc}",
        )
    return {"deadlines": result}
