"""Pages: inbox, portfolio, application page, search, e-filing form, receipt and documents."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST
from pydantic import ValidationError

from sangtao.office import priorart
from sangtao.office.audit.models import AuditEvent
from sangtao.office.backoffice.forms import CalculatorForm, FilingForm
from sangtao.office.filing.access import portfolio, visible_application, visible_applications
from sangtao.office.filing.actions import file_application, nfc_tree
from sangtao.office.filing.errors import FilingRejected, IdempotencyConflict, pydantic_errors
from sangtao.office.filing.models import Application, Document, ObjectType
from sangtao.office.filing.receipt import receipt_pdf
from sangtao.office.filing.schemas import FilingIn
from sangtao.office.filing.validation import ReceivedFile
from sangtao.office.procedure.actions import (
    APPROVERS,
    ActRefused,
    ApprovalRequired,
    actor_role,
    assign,
    decide,
    perform_act,
)
from sangtao.office.procedure.calculator import compute_deadlines
from sangtao.office.procedure.models import Notification
from sangtao.office.procedure.rules import allowed_acts, status_label
from sangtao.office.procedure.worklists import worklist
from sangtao.office.search_messages import search_message
from sangtao.search import SearchError
from sangtao.standards import fold


def _visible_or_404(request: HttpRequest, number: str) -> Application:
    app = visible_application(request.user, number)
    if app is None:
        raise Http404(_("No such application that you may see."))
    return app


def home(request: HttpRequest) -> HttpResponse:
    """Send each role where its work is."""
    user: Any = request.user
    if not user.is_authenticated:
        return redirect("login")
    if user.is_office_staff:
        return redirect("backoffice:inbox")
    if user.may_analyse:
        return redirect("backoffice:landscapes")
    return redirect("backoffice:mine")


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """New filings for office staff, filterable by object type."""
    user: Any = request.user
    if not user.is_office_staff:
        return render(request, "backoffice/forbidden.html", status=403)
    qs = visible_applications(user).filter(status="filed").prefetch_related("parties")
    object_type = request.GET.get("type", "")
    if object_type in ObjectType.values:
        qs = qs.filter(object_type=object_type)
    page = Paginator(qs.order_by("-filing_date", "-id"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "backoffice/inbox.html",
        {"page": page, "types": ObjectType.choices, "current_type": object_type},
    )


@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    """The applicant's or agent's own portfolio."""
    qs = portfolio(request.user).prefetch_related("parties").order_by("-filing_date", "-id")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "backoffice/mine.html", {"page": page})


def search(request: HttpRequest) -> HttpResponse:
    """Search by number, applicant or title; Vietnamese matches with or without diacritics."""
    q = request.GET.get("q", "").strip()
    results: list[Application] = []
    if q:
        qs = visible_applications(request.user)
        for term in fold(q).split():
            qs = qs.filter(Q(search_text__contains=term) | Q(number__icontains=term))
        results = list(qs.prefetch_related("parties").order_by("-filing_date")[:200])
    return render(request, "backoffice/search.html", {"q": q, "results": results})


def application_page(request: HttpRequest, number: str) -> HttpResponse:
    """One application: parties, classification, documents, fees, timeline and deadlines."""
    app = _visible_or_404(request, number)
    user: Any = request.user
    history = AuditEvent.objects.filter(object_type="application", object_id=app.number)
    role = actor_role(user, app) if user.is_authenticated else "public"
    acts = allowed_acts(app, role) if user.is_authenticated else []
    assignment = app.assignments.filter(active=True).select_related("examiner").first()
    examiners = (
        get_user_model().objects.filter(
            role__in=["formalities_examiner", "substantive_examiner"], is_active=True
        )
        if user.is_authenticated and user.role in {"head_of_division", "administrator"}
        else []
    )
    return render(
        request,
        "backoffice/application.html",
        {
            "app": app,
            "applicants": app.parties.filter(role="applicant"),
            "inventors": app.parties.filter(role="inventor"),
            "history": history if user.is_authenticated and user.is_office_staff else [],
            "events": app.events.all(),
            "deadlines": app.deadlines.all(),
            "acts": acts,
            "assignment": assignment,
            "examiners": examiners,
            "status_label": status_label(app),
            "letters": app.letters.all(),
            "pending": app.pending_approvals.filter(state="pending").select_related("proposed_by")
            if user.is_authenticated and user.is_office_staff
            else [],
            "can_approve": user.is_authenticated and user.role in APPROVERS,
            "lang": get_language(),
        },
    )


@login_required
@require_POST
def act(request: HttpRequest, number: str) -> HttpResponse:
    """Perform an act from the application page."""
    _visible_or_404(request, number)
    try:
        perform_act(
            actor=request.user,
            number=number,
            act=request.POST.get("act", ""),
            reason=request.POST.get("reason", ""),
            expected_status=request.POST.get("expected_status") or None,
        )
    except ActRefused as exc:
        messages.error(request, exc.message_en if _en() else exc.message_vi)
    except ApprovalRequired:
        messages.info(request, _("Proposed; awaiting approval by the head of division."))
    return redirect("backoffice:application", number=number)


@login_required
@require_POST
def decide_view(request: HttpRequest, number: str, approval_id: int) -> HttpResponse:
    """A head of division approves or rejects a proposed act."""
    _visible_or_404(request, number)
    try:
        decide(
            actor=request.user,
            pending_id=approval_id,
            approve=request.POST.get("decision") == "approve",
            note=request.POST.get("note", ""),
        )
    except ActRefused as exc:
        messages.error(request, exc.message_en if _en() else exc.message_vi)
    return redirect("backoffice:application", number=number)


def letter_pdf(request: HttpRequest, number: str, letter_id: int) -> HttpResponse:
    """An office letter as sent."""
    app = _visible_or_404(request, number)
    letter = app.letters.filter(pk=letter_id).first()
    if letter is None:
        raise Http404(_("No such document."))
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="letter-{letter.pk}.pdf"'
    return response


@login_required
@require_POST
def assign_view(request: HttpRequest, number: str) -> HttpResponse:
    """A head assigns the application to an examiner."""
    _visible_or_404(request, number)
    examiner = get_user_model().objects.filter(pk=request.POST.get("examiner") or 0).first()
    try:
        if examiner is None:
            raise Http404(_("No such examiner."))
        assign(actor=request.user, number=number, examiner=examiner)
    except ActRefused as exc:
        messages.error(request, exc.message_en if _en() else exc.message_vi)
    return redirect("backoffice:application", number=number)


@login_required
def worklist_view(request: HttpRequest) -> HttpResponse:
    """What is the examiner's (or, for a head, the division's) to do."""
    user: Any = request.user
    if not user.is_office_staff:
        return render(request, "backoffice/forbidden.html", status=403)
    buckets = worklist(user, timezone.localdate())
    object_type = request.GET.get("type", "")
    status = request.GET.get("status", "")
    for key, qs in buckets.items():
        if object_type in ObjectType.values:
            qs = qs.filter(object_type=object_type)
        if status:
            qs = qs.filter(status=status)
        buckets[key] = qs
    return render(
        request,
        "backoffice/worklist.html",
        {
            "buckets": [(key, LABELS[key], qs[:100]) for key, qs in buckets.items()],
            "types": ObjectType.choices,
            "current_type": object_type,
            "status": status,
        },
    )


LABELS = {
    "new": _lazy("New"),
    "due_this_week": _lazy("Due this week"),
    "overdue": _lazy("Overdue"),
    "waiting_for_applicant": _lazy("Waiting for the applicant"),
}


def _en() -> bool:
    return (get_language() or "vi").startswith("en")


def receipt(request: HttpRequest, number: str) -> HttpResponse:
    """The filing receipt PDF."""
    app = _visible_or_404(request, number)
    response = HttpResponse(receipt_pdf(app), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="receipt-{number}.pdf"'
    return response


def document(request: HttpRequest, number: str, doc_id: int) -> FileResponse:
    """A document filed with an application."""
    app = _visible_or_404(request, number)
    doc = Document.objects.filter(application=app, pk=doc_id).first()
    if doc is None:
        raise Http404(_("No such document."))
    return FileResponse(doc.file.open("rb"), content_type=doc.media_type, filename=doc.filename)


@login_required
def file_form(request: HttpRequest) -> HttpResponse:
    """File an application through the web; a double submit files once."""
    user: Any = request.user
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        form = FilingForm(request.POST, request.FILES)
        if form.is_valid():
            received_at = timezone.now()
            try:
                payload = nfc_tree(form.payload())
                filing = FilingIn.model_validate(payload)
                files = [
                    ReceivedFile(kind, f.name or kind, f.content_type or "", f.read())
                    for kind in Document.Kind.values
                    if (f := form.cleaned_data.get(f"file_{kind}"))
                ]
                result = file_application(
                    actor=user,
                    filing=filing,
                    files=files,
                    payload=payload,
                    received_at=received_at,
                    idempotency_key="web:" + form.cleaned_data["form_key"],
                    reason="e-filing (web form)",
                )
                return redirect("backoffice:application", number=result.application.number)
            except FilingRejected as exc:
                errors = [e.as_dict() for e in exc.errors]
            except ValidationError as exc:
                errors = pydantic_errors(exc)
            except IdempotencyConflict:
                errors = [
                    {
                        "pointer": "/",
                        "detail_vi": "Biểu mẫu này đã được gửi với nội dung khác.",
                        "detail_en": "This form was already submitted with different content.",
                    }
                ]
    else:
        initial: dict[str, Any] = {"form_key": uuid.uuid4().hex}
        if user.agent_id:
            initial["representative"] = user.agent.licence_number
        if user.party_id:
            p = user.party
            initial["applicants"] = f"{p.name} | {p.address} | {p.country}"
        form = FilingForm(initial=initial)
    status = 422 if errors or (request.method == "POST" and form.errors) else 200
    return render(
        request,
        "backoffice/file.html",
        {"form": form, "filing_errors": errors, "lang": get_language()},
        status=status,
    )


def calculator(request: HttpRequest) -> HttpResponse:
    """The deadline calculator page (open to everyone: it uses no application data)."""
    form = CalculatorForm(request.GET or None)
    results: list[dict[str, Any]] = []
    error = ""
    if form.is_bound and form.is_valid():
        try:
            results = compute_deadlines(form.cleaned_data)
        except ValueError as exc:
            error = search_message(str(exc))
    return render(
        request,
        "backoffice/calculator.html",
        {"form": form, "results": results, "error": error, "lang": get_language()},
    )


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """The user's messages: letters received and deadline reminders."""
    user: Any = request.user
    items = Notification.objects.filter(user=user).select_related("application")[:200]
    if request.method == "POST":
        Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
        return redirect("backoffice:notifications")
    return render(
        request, "backoffice/notifications.html", {"items": items, "lang": get_language()}
    )


def literature(request: HttpRequest) -> HttpResponse:
    """Search the published patent literature (the corpus), open to everyone."""
    q = request.GET.get("q", "").strip()
    mode = request.GET.get("mode", "hybrid")
    result: dict[str, Any] | None = None
    error = ""
    if q:
        try:
            result = priorart.search(q, mode=mode, k=50).as_dict()
        except priorart.IndexMissing:
            error = _("No search index yet; an administrator must run `sangtao search --build`.")
        except SearchError as exc:
            error = search_message(str(exc))
    return render(
        request,
        "backoffice/literature.html",
        {"q": q, "mode": mode, "result": result, "error": error},
    )


@login_required
def prior_art_page(request: HttpRequest, number: str) -> HttpResponse:
    """Prior art for an application, with passages and why each document ranked (staff)."""
    app = _visible_or_404(request, number)
    user: Any = request.user
    if not user.is_office_staff:
        return render(request, "backoffice/forbidden.html", status=403)
    result: dict[str, Any] | None = None
    error = ""
    try:
        result = priorart.prior_art(app).as_dict()
    except priorart.IndexMissing:
        error = _("No search index yet; an administrator must run `sangtao search --build`.")
    return render(
        request,
        "backoffice/prior_art.html",
        {"app": app, "result": result, "error": error, "cutoff": priorart.cutoff(app)},
    )
