"""Prior-art report downloads (PDF, JSON) for office staff.

Generating a report is a read: like receipt and letter downloads, it writes no audit event
(the audit log records acts and the issue of documents, not who opened them).
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from sangtao.office import priorart
from sangtao.office.backoffice.staff import forbidden
from sangtao.office.filing.access import visible_application
from sangtao.office.priorart_report import build_report, render_pdf


def _report(request: HttpRequest, number: str) -> dict[str, Any] | HttpResponse:
    """The report, or the response that refuses it (404 unseen, 403 non-staff).

    Raises ``priorart.IndexMissing`` when no search index has been built.
    """
    user: Any = request.user
    app = visible_application(user, number)
    if app is None:
        raise Http404(_("No such application that you may see."))
    if not user.is_office_staff:
        return forbidden(request)
    return build_report(app)


NO_INDEX_VI = "Chưa có chỉ mục tra cứu; quản trị viên cần chạy `sangtao search --build`."
NO_INDEX_EN = "No search index yet; an administrator must run `sangtao search --build`."


def _private(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def prior_art_pdf(request: HttpRequest, number: str) -> HttpResponse:
    """The prior-art report as a bilingual PDF."""
    try:
        report = _report(request, number)
    except priorart.IndexMissing:
        message = _("No search index yet; an administrator must run `sangtao search --build`.")
        return render(
            request,
            "backoffice/message.html",
            {"heading": _("Prior art"), "message": message},
            status=503,
        )
    if isinstance(report, HttpResponse):
        return report
    pdf = render_pdf(report, request.user)
    return _private(HttpResponse(pdf, content_type="application/pdf"), f"prior-art-{number}.pdf")


@login_required
def prior_art_json(request: HttpRequest, number: str) -> HttpResponse:
    """The prior-art report as JSON (the same data as the PDF)."""
    try:
        report = _report(request, number)
    except priorart.IndexMissing:
        error = {"status": 503, "detail_vi": NO_INDEX_VI, "detail_en": NO_INDEX_EN}
        return HttpResponse(
            json.dumps(error, ensure_ascii=False),
            status=503,
            content_type="application/json; charset=utf-8",
        )
    if isinstance(report, HttpResponse):
        return report
    body = json.dumps(report, ensure_ascii=False, indent=1)
    return _private(
        HttpResponse(body, content_type="application/json; charset=utf-8"),
        f"prior-art-{number}.json",
    )
