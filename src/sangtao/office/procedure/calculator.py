"""The deadline calculator for agents and staff (API and page), on the law pack."""

from __future__ import annotations

from typing import Any

from sangtao.law import vn


def compute_deadlines(facts: dict[str, Any]) -> list[dict[str, Any]]:
    """Deadlines for the given facts; raises ``ValueError`` with a reason for bad facts."""
    vn.object_type(facts["type"])  # UnknownObjectType is a ValueError
    notices: tuple[vn.Notice, ...] = ()
    if facts.get("notice_signed"):
        notices = (
            vn.Notice(facts.get("notice_act") or "notice_intended_refusal", facts["notice_signed"]),
        )
    app = vn.ApplicationFacts(
        object_type=facts["type"],
        filing_date=facts["filing_date"],
        priority_date=facts.get("priority_date"),
        publication_date=facts.get("publication_date"),
        validity_date=facts.get("validity_date"),
        examination_request_date=facts.get("examination_request_date"),
        notices=notices,
        accelerated=bool(facts.get("accelerated")),
        pct=bool(facts.get("pct")),
    )
    return [d.as_dict() for d in vn.deadlines(app)]
