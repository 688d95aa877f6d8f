"""API: search the published patent literature; prior art for an application (staff)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from sangtao.api.problems import not_found, problem
from sangtao.office import priorart
from sangtao.office.filing.access import visible_application
from sangtao.office.priorart_report import build_report
from sangtao.office.search_messages import search_message_pair
from sangtao.search import SearchError

router = Router(tags=["search"])


class SearchIn(Schema):
    """A search of the published literature."""

    query: str
    mode: str = "hybrid"
    k: int = 20
    before: dt.date | None = None
    ipc: str | None = None


def _unavailable(request: HttpRequest) -> Any:
    return problem(
        request,
        503,
        "search_unavailable",
        detail_vi="Chưa có chỉ mục tra cứu; quản trị viên cần chạy `sangtao search --build`.",
        detail_en="No search index yet; an administrator must run `sangtao search --build`.",
    )


@router.post("/search", summary="Search published patent documents", auth=None)
def search(request: HttpRequest, body: SearchIn) -> Any:
    """Keyword, dense or hybrid search; Vietnamese matches with or without diacritics."""
    try:
        result = priorart.search(
            body.query,
            mode=body.mode,
            k=max(1, min(body.k, 200)),
            before=body.before,
            ipc=body.ipc,
        )
    except priorart.IndexMissing:
        return _unavailable(request)
    except SearchError as exc:
        return problem(
            request,
            422,
            "invalid_query",
            detail_vi=search_message_pair(str(exc))[0],
            detail_en=str(exc),
        )
    return result.as_dict()


@router.get("/applications/{number}/prior-art", summary="Prior art for an application")
def prior_art(request: HttpRequest, number: str) -> Any:
    """Documents published before the priority or filing date: passages, arms, category.

    The report of the back office's prior-art PDF and JSON: each hit's rank and score in each
    arm, matching passages, query-term coverage and a suggested X/Y/A category (a suggestion
    for the examiner; the rule is in ``category_rule``).
    """
    user = request.auth  # type: ignore[attr-defined]
    app = visible_application(user, number)
    if app is None:
        return not_found(request, number)
    if not user.is_authenticated or not user.is_office_staff:
        return problem(request, 403, "forbidden")
    try:
        return build_report(app)
    except priorart.IndexMissing:
        return _unavailable(request)
