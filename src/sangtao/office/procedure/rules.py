"""The bridge from an application in the office to the law pack's procedure and periods."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from sangtao.law import vn
from sangtao.office.filing.models import Application


@dataclass(frozen=True)
class Transition:
    """What an allowed act does, in the office's terms."""

    act: str
    label_vi: str
    label_en: str
    new_status: str
    opens: tuple[str, ...]
    closes: tuple[str, ...]
    terminal: bool
    notice: bool
    wipo_standard: str
    wipo_event_code: str
    legal_basis: str
    needs_approval: bool = False
    appeal: dict[str, Any] | None = None


def _basis(refs: Any) -> str:
    return "; ".join(str(r) for r in refs or ())


def filing_transition(app: Application, role: str, on: dt.date) -> Transition:
    """What filing does under the procedure (its event code and the periods it opens)."""
    return _transition(app, None, "file", role, on, done=set())


def transition(app: Application, act: str, role: str, on: dt.date) -> Transition:
    """Check the act against the procedure; raise ``ActRefused`` with the law's reason."""
    done = set(app.events.values_list("act", flat=True))
    t = _transition(app, app.status, act, role, on, done)
    if act == "request_expedited":
        _check_expedited(app, done)
    return t


# Law 131/2025 Art. 119(2a); conditions as reported for Decree 100/2026 Art. 14a [single source].
EXPEDITED_MAX_CLAIMS = 10
EXPEDITED_MAX_INDEPENDENT = 2


def _check_expedited(app: Application, done: set[str]) -> None:
    from sangtao.office.procedure.actions import ActRefused

    problems_vi, problems_en = [], []
    if app.claims_count > EXPEDITED_MAX_CLAIMS:
        problems_vi.append(f"có {app.claims_count} điểm yêu cầu bảo hộ (tối đa 10)")
        problems_en.append(f"{app.claims_count} claims (at most 10)")
    if app.independent_claims > EXPEDITED_MAX_INDEPENDENT:
        problems_vi.append(f"có {app.independent_claims} điểm độc lập (tối đa 2)")
        problems_en.append(f"{app.independent_claims} independent claims (at most 2)")
    if "request_early_publication" not in done:
        problems_vi.append("chưa yêu cầu công bố sớm")
        problems_en.append("no request for early publication")
    if done & {"divide", "convert_to_utility_solution"}:
        problems_vi.append("là đơn tách hoặc đơn chuyển đổi")
        problems_en.append("a divisional or converted application")
    if problems_en:
        raise ActRefused(
            "expedited_conditions_not_met",
            "Không đủ điều kiện thẩm định nhanh: " + "; ".join(problems_vi) + ".",
            "Expedited examination is not available: " + "; ".join(problems_en) + ".",
            422,
        )


def _transition(
    app: Application, status: str | None, act: str, role: str, on: dt.date, done: set[str]
) -> Transition:
    from sangtao.office.procedure.actions import ActRefused

    proc = vn.procedure(app.object_type)
    try:
        t = proc.apply(status, act, role, on, done=done)
    except vn.ActNotAllowed as exc:
        http_status = 403 if str(exc.reason) == "wrong_role" else 409
        raise ActRefused(
            str(exc.reason),
            _vi_reason(str(exc.reason), act, app.status),
            str(exc),
            http_status,
        ) from exc
    definition = proc.act(act)
    new_status = t.new_status or app.status or "filed"
    return Transition(
        act=act,
        label_vi=definition.name_vi,
        label_en=definition.name_en,
        new_status=new_status,
        opens=tuple(t.opens),
        closes=tuple(t.closes),
        terminal=proc.status(new_status).terminal,
        notice=bool(definition.notice),
        wipo_standard=proc.standard if t.event_code else "",
        wipo_event_code=str(t.event_code.key_event) if t.event_code else "",
        legal_basis=_basis(t.legal_basis),
        needs_approval=bool(t.needs_approval),
        appeal=_appeal(t.appeal),
    )


def _appeal(appeal: Any) -> dict[str, Any] | None:
    if appeal is None:
        return None
    return {
        "period_days": appeal.period_days,
        "body_vi": appeal.body_vi,
        "body_en": appeal.body_en,
        "second_period_days": appeal.second_period_days,
        "second_body_vi": appeal.second_body_vi,
        "second_body_en": appeal.second_body_en,
        "legal_basis": _basis(appeal.legal_basis),
    }


def _vi_reason(reason: str, act: str, status: str) -> str:
    return {
        "unknown_act": f"Không có thao tác {act} cho loại đơn này.",
        "wrong_status": f"Không thể thực hiện {act} khi đơn ở trạng thái {status}.",
        "wrong_role": f"Bạn không có quyền thực hiện {act} đối với đơn này.",
        "wrong_regime": f"Thao tác {act} không tồn tại theo chế độ pháp lý áp dụng.",
        "missing_prerequisite": f"Chưa đủ điều kiện tiên quyết để thực hiện {act}.",
    }.get(reason, f"Thao tác {act} không được phép.")


def facts(app: Application, events: list[Any] | None = None) -> Any:
    """The application's dated facts as the law pack's calculator takes them."""
    events = list(app.events.all()) if events is None else events

    def first(*acts: str) -> dt.date | None:
        dates = [e.effective_date for e in events if e.act in acts]
        return min(dates) if dates else None

    notice_acts = {a.code for a in vn.procedure(app.object_type).acts if a.notice}
    notices = tuple(
        vn.Notice(act=e.act, signed=e.effective_date) for e in events if e.act in notice_acts
    )
    priorities = [p.date for p in app.priorities.all()]  # prefetched at filing
    filing = app.pct_filing_date or timezone.localtime(app.filing_date).date()
    return vn.ApplicationFacts(
        object_type=app.object_type,
        filing_date=filing,
        priority_date=min(priorities) if priorities else None,
        publication_date=first("publish"),
        validity_date=first("formality_accept", "validity_recorded"),
        examination_request_date=first("request_examination")
        or (timezone.localtime(app.filing_date).date() if app.examination_requested else None),
        early_publication_request_date=first("request_early_publication"),
        notices=notices,
        accelerated=any(e.act == "request_expedited" for e in events),
        pct=bool(app.pct_application_number),
    )


def deadlines_opened(
    app: Application, t: Transition, on: dt.date, events: list[Any] | None = None
) -> list[dict[str, Any]]:
    """Deadline rows for the periods the act opens, computed by the law pack."""
    if not t.opens:
        return []
    return deadline_rows(app, t.opens, events)


def deadline_rows(
    app: Application,
    kinds: Any,
    events: list[Any] | None = None,
    *,
    not_before: dt.date | None = None,
) -> list[dict[str, Any]]:
    """Deadline row fields for period kinds; those ending before ``not_before`` are left out."""
    computed = {d.kind: d for d in vn.deadlines(facts(app, events))}
    rows = []
    for kind in dict.fromkeys(kinds):
        d = computed.get(kind)
        if d is None or (not_before is not None and d.date < not_before):
            continue
        period = vn.period_kind(kind)
        rows.append(
            {
                "period": kind,
                "label_vi": d.name_vi,
                "label_en": d.name_en,
                "trigger_date": d.trigger_date,
                "due_date": d.date,
                "unrolled_date": d.unrolled_date,
                "regime": d.regime,
                "rule_vi": d.rule_vi[:300],
                "rule_en": d.rule_en[:300],
                "legal_basis": _basis(d.legal_basis)[:300],
                "confidence": str(d.confidence),
                "note": d.note,
                "responsible": period.actor,
                "on_lapse": period.lapse_act or "",
            }
        )
    return rows


def responsible_users(app: Application, responsible: str) -> list[Any]:
    """Who is reminded of a deadline: the applicant's side or the examiner handling it."""
    user_model = get_user_model()
    if responsible == "office":
        assignment = app.assignments.filter(active=True).select_related("examiner").first()
        if assignment:
            return [assignment.examiner]
        return list(user_model.objects.filter(role="head_of_division", is_active=True))
    if responsible in {"applicant", "agent"}:
        q = Q(pk=app.filed_by_id)
        if app.representative_id:
            q |= Q(agent_id=app.representative_id)
        party_ids = [p.party_id for p in app.parties.all() if p.party_id and p.role == "applicant"]
        if party_ids:
            q |= Q(party_id__in=party_ids)
        return list(user_model.objects.filter(q, is_active=True).distinct())
    return []


def allowed_acts(app: Application, role: str) -> list[Any]:
    """Acts ``role`` may perform on the application now (for the page's buttons)."""
    if role in {"public", "third_party"}:
        return []
    proc = vn.procedure(app.object_type)
    regime = vn.regime_on(timezone.localdate())
    return [a for a in proc.allowed_acts(app.status, role, regime) if a.code != "file"]


def status_label(app: Application) -> tuple[str, str]:
    """The status's Vietnamese and English names."""
    try:
        status = vn.procedure(app.object_type).status(app.status)
    except (KeyError, ValueError):
        return app.status, app.status
    return status.name_vi, status.name_en
