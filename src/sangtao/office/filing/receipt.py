"""The filing receipt: a bilingual PDF listing number, date, parties, fees and file hashes.

Rendered once, after the filing has committed (off the filing request), then served as stored.
"""

from __future__ import annotations

import hashlib

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from sangtao.office.audit.chain import record
from sangtao.office.filing.models import Application, Receipt

RECEIPT_BASIS = "Nghị định 65/2023/NĐ-CP (tiếp nhận đơn)"


def render_receipt(app: Application) -> bytes:
    """Render the receipt PDF (WeasyPrint)."""
    from weasyprint import HTML

    html = render_to_string(
        "filing/receipt.html",
        {
            "app": app,
            "filing_local": timezone.localtime(app.filing_date),
            "applicants": [p for p in app.parties.all() if p.role == "applicant"],
            "inventors": [p for p in app.parties.all() if p.role == "inventor"],
            "fees": app.fees_due,
        },
    )
    return HTML(string=html).write_pdf()


def receipt_pdf(app: Application) -> bytes:
    """The stored receipt, rendering and recording it on first request."""
    existing = Receipt.objects.filter(application=app).first()
    if existing is not None:
        return bytes(existing.pdf)
    pdf = render_receipt(app)
    digest = hashlib.sha256(pdf).hexdigest()
    try:
        with transaction.atomic():
            Receipt.objects.create(
                application=app, pdf=pdf, sha256=digest, rendered_at=timezone.now()
            )
            record(
                actor=None,
                action="issue_receipt",
                object_type="application",
                object_id=app.number,
                legal_basis=RECEIPT_BASIS,
                reason="filing receipt issued",
                after={"sha256": digest, "bytes": len(pdf)},
            )
    except IntegrityError:
        return bytes(Receipt.objects.get(application=app).pdf)
    return pdf
