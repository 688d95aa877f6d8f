"""How an application appears in the API."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from sangtao.office.filing.models import Application


def application_summary(app: Application) -> dict[str, Any]:
    """The short form used in lists."""
    return {
        "number": app.number,
        "object_type": app.object_type,
        "status": app.status,
        "filing_date": timezone.localtime(app.filing_date).isoformat(timespec="seconds"),
        "title_vi": app.title_vi,
        "published": app.is_published,
    }


def application_detail(app: Application) -> dict[str, Any]:
    """The full form returned after filing and by GET."""
    data = application_summary(app)
    data.update(
        {
            "trademark_kind": app.trademark_kind or None,
            "regime": app.regime,
            "title_original": app.title_original,
            "original_language": app.original_language,
            "abstract_vi": app.abstract_vi,
            "mark": {"text": app.mark_text, "kind": app.mark_kind, "colours": app.mark_colours}
            if app.object_type == "trademark"
            else None,
            "applicants": [
                {"name": p.name, "address": p.address, "country": p.country}
                for p in app.parties.all()
                if p.role == "applicant"
            ],
            "inventors": [
                {"name": p.name, "address": p.address, "country": p.country}
                for p in app.parties.all()
                if p.role == "inventor"
            ],
            "representative": {
                "name": app.representative.name,
                "licence_number": app.representative.licence_number,
            }
            if app.representative
            else None,
            "priorities": [
                {"kind": p.kind, "office": p.office, "number": p.number, "date": p.date.isoformat()}
                for p in app.priorities.all()
            ],
            "classification": [
                {
                    "scheme": c.scheme,
                    "symbol": c.symbol,
                    "edition": c.edition,
                    **({"goods_services": c.goods_services} if c.scheme == "nice" else {}),
                }
                for c in app.classifications.all()
            ],
            "documents": [
                {
                    "kind": d.kind,
                    "filename": d.filename,
                    "media_type": d.media_type,
                    "size": d.size,
                    "sha256": d.sha256,
                }
                for d in app.documents.all()
            ],
            "fees_due": app.fees_due,
            "receipt": reverse("api-1.0.0:receipt", kwargs={"number": app.number}),
        }
    )
    return data
