"""Office acts on applications: one function per legal act, one transaction, one audit event."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from sangtao import standards
from sangtao.law import vn
from sangtao.office.accounts.models import Agent, Party, User
from sangtao.office.audit.chain import record
from sangtao.office.filing.errors import ErrorList, IdempotencyConflict
from sangtao.office.filing.models import (
    Application,
    ApplicationParty,
    Classification,
    Document,
    IdempotencyKey,
    NumberSequence,
    PriorityClaim,
)
from sangtao.office.filing.schemas import FilingIn
from sangtao.office.filing.validation import ReceivedFile, check_files, validate
from sangtao.office.sequences import next_value

FILING_BASIS = "Luật SHTT 50/2005/QH11 Điều 108; Nghị định 65/2023/NĐ-CP"


@dataclass
class FilingResult:
    """What the filer gets back: the application and whether this was a replay."""

    application: Application
    replayed: bool = False


def nfc_tree(value: Any) -> Any:
    """Return ``value`` with every string in NFC (Vietnamese is stored composed)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc_tree(v) for v in value]
    if isinstance(value, dict):
        return {nfc_tree(k): nfc_tree(v) for k, v in value.items()}
    return value


def request_fingerprint(payload: dict[str, Any], files: list[ReceivedFile]) -> str:
    """A stable hash of what was asked, to tell a retry from a different request."""
    body = dict(payload)
    body.pop("documents", None)
    doc = json.dumps(body, sort_keys=True, ensure_ascii=False, default=str)
    parts = [doc] + sorted(f"{f.kind}:{f.filename}:{f.sha256}" for f in files)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _replay(user: User, key: str, fingerprint: str) -> FilingResult | None:
    found = IdempotencyKey.objects.select_related("application").filter(user=user, key=key).first()
    if found is None:
        return None
    if found.request_hash != fingerprint:
        raise IdempotencyConflict(key)
    return FilingResult(found.application, replayed=True)


def _next_number(type_digit: int, year: int) -> int:
    """Take the next number; the row stays locked until the filing commits or rolls back."""
    return next_value(NumberSequence, type_digit=type_digit, year=year)


def file_application(
    *,
    actor: User,
    filing: FilingIn,
    files: list[ReceivedFile],
    payload: dict[str, Any],
    received_at: Any = None,
    idempotency_key: str | None = None,
    reason: str = "e-filing",
) -> FilingResult:
    """Receive an application: validate, number, store, assess fees and audit, atomically.

    Raises ``FilingRejected`` (nothing stored, no number consumed) or
    ``IdempotencyConflict`` when the key was used with a different request.
    """
    received_at = received_at or timezone.now()
    fingerprint = request_fingerprint(payload, files)
    local_date = timezone.localtime(received_at).date()
    errors = ErrorList()
    check_files(files, errors)
    agent = _representative(actor, filing, errors)
    norm = validate(
        filing,
        files,
        filing_date=local_date,
        agent_licence=agent.licence_number if agent else None,
        errors=errors,
    )
    if errors.errors and idempotency_key:
        # A retry of an accepted filing returns it even if today's checks would differ.
        replay = _replay(actor, idempotency_key, fingerprint)
        if replay:
            return replay
    errors.raise_if_any()
    # A retry of an accepted filing is detected optimistically: the key's unique
    # constraint fails inside the transaction, which rolls back (no number is consumed).

    otype = vn.object_type(filing.object_type)
    fees = vn.assess_fees(_fee_facts(filing), local_date)
    regime = vn.regime_on(local_date)
    written: list[str] = []
    try:
        with transaction.atomic():
            seq = _next_number(otype.number_digit, local_date.year)
            number = str(vn.format_application_number(filing.object_type, local_date.year, seq))
            app = _create(
                actor,
                filing,
                agent,
                number,
                otype.number_digit,
                seq,
                received_at,
                regime=regime.code,
                fees=fees,
            )
            _create_children(app, filing, norm, files, received_at, written)
            from sangtao.office.procedure.actions import record_filing

            record_filing(app, actor, received_at)
            if idempotency_key:
                IdempotencyKey.objects.create(
                    user=actor, key=idempotency_key, request_hash=fingerprint, application=app
                )
            record(
                actor=actor,
                action="file_application",
                object_type="application",
                object_id=number,
                legal_basis=FILING_BASIS,
                reason=reason,
                after=_snapshot(app),
                occurred_at=received_at,
            )
    except IntegrityError:
        _remove_orphans(written)
        if idempotency_key:
            replay = _replay(actor, idempotency_key, fingerprint)
            if replay:
                return replay
        raise
    except BaseException:
        _remove_orphans(written)
        raise
    return FilingResult(app)


def _representative(actor: User, filing: FilingIn, errors: ErrorList) -> Agent | None:
    if actor.agent_id is not None:
        agent = actor.agent
        if filing.representative and filing.representative.licence_number != (
            agent.licence_number if agent else None
        ):
            errors.add(
                "/representative/licence_number",
                "not_your_agency",
                "Đại diện chỉ được nộp đơn dưới số chứng chỉ hành nghề của chính mình.",
                "An agent may file only under its own licence number.",
            )
        return agent
    if filing.representative is None:
        return None
    agent = Agent.objects.filter(
        licence_number=filing.representative.licence_number, active=True
    ).first()
    if agent is None:
        errors.add(
            "/representative/licence_number",
            "unknown_agent",
            "Không có tổ chức đại diện SHCN đang hoạt động với số này.",
            "No active registered IP agent has this licence number.",
        )
    return agent


def _fee_facts(filing: FilingIn) -> Any:
    return vn.FeeFacts(
        object_type=filing.object_type,
        trademark_kind=filing.trademark_kind,
        nice_classes={n.nice_class: len(n.goods) for n in filing.nice}
        if filing.object_type == "trademark"
        else {},
        independent_claims=filing.independent_claims,
        description_pages=filing.description_pages,
        drawings=filing.drawings_count,
        designs=max(filing.designs_count, 1)
        if filing.object_type == "industrial_design"
        else filing.designs_count,
        priority_claims=len(filing.priorities),
        examination_requested=filing.examination_requested,
    )


def _create(
    actor: User,
    filing: FilingIn,
    agent: Agent | None,
    number: str,
    digit: int,
    seq: int,
    received_at: Any,
    *,
    regime: str,
    fees: Any,
) -> Application:
    mark = filing.mark
    return Application.objects.create(
        number=number,
        type_digit=digit,
        year=timezone.localtime(received_at).year,
        sequence=seq,
        object_type=filing.object_type,
        trademark_kind=filing.trademark_kind
        or ("individual" if filing.object_type == "trademark" else ""),
        filing_date=received_at,
        regime=regime,
        fees_due=fees.as_dict(),
        fees_total=fees.total,
        search_text=_search_text(filing),
        filed_by=actor,
        representative=agent,
        title_vi=filing.title_vi,
        title_original=filing.title_original,
        original_language=filing.original_language,
        abstract_vi=filing.abstract_vi,
        abstract_original=filing.abstract_original,
        mark_text=mark.text if mark else "",
        mark_kind=mark.kind if mark else "",
        mark_colours=mark.colours if mark else "",
        claims_count=filing.claims_count,
        independent_claims=filing.independent_claims,
        description_pages=filing.description_pages,
        drawings_count=filing.drawings_count,
        designs_count=filing.designs_count,
        examination_requested=filing.examination_requested,
        pct_application_number=filing.pct.application_number if filing.pct else "",
        pct_filing_date=filing.pct.filing_date if filing.pct else None,
        pct_publication_number=filing.pct.publication_number if filing.pct else "",
        pct_publication_date=filing.pct.publication_date if filing.pct else None,
    )


def _create_children(
    app: Application,
    filing: FilingIn,
    norm: Any,
    files: list[ReceivedFile],
    received_at: Any,
    written: list[str],
) -> None:
    """Insert parties, priorities, classes and documents (one statement per kind)."""
    numbers = [p.customer_number for p in filing.applicants + filing.inventors if p.customer_number]
    known = {p.customer_number: p for p in Party.objects.filter(customer_number__in=numbers)}
    parties = [
        ApplicationParty(
            application=app,
            role=role,
            order=i,
            party=known.get(p.customer_number or ""),
            name=p.name,
            address=p.address,
            country=p.country.upper(),
            kind=p.kind,
        )
        for role, people in (("applicant", filing.applicants), ("inventor", filing.inventors))
        for i, p in enumerate(people)
    ]
    priorities = [
        PriorityClaim(
            application=app,
            kind=prio.kind,
            office=prio.office.upper(),
            number=prio.number,
            date=prio.date,
        )
        for prio in filing.priorities
    ]
    nice_edition = standards.nice_scheme().edition
    classes = (
        [("ipc", sym, ed, "", 0) for sym, ed in norm.ipc]
        + [("locarno", sym, ed, "", 0) for sym, ed in norm.locarno]
        + [
            (
                "nice",
                f"{n.nice_class:02d}",
                nice_edition,
                "; ".join(g.strip() for g in n.goods),
                len(n.goods),
            )
            for n in filing.nice
        ]
        + [("vienna", code, "", "", 0) for code in norm.vienna]
    )
    classifications = [
        Classification(
            application=app,
            scheme=scheme,
            symbol=sym,
            edition=ed,
            goods_services=goods,
            goods_count=count,
            order=i,
        )
        for i, (scheme, sym, ed, goods, count) in enumerate(classes)
    ]
    documents = []
    for f in files:
        doc = Document(
            application=app,
            kind=f.kind,
            filename=f.filename,
            media_type=f.media_type,
            size=len(f.content),
            sha256=f.sha256,
            received_at=received_at,
        )
        doc.file.save(f.sha256, ContentFile(f.content), save=False)
        written.append(str(doc.file.name))
        documents.append(doc)
    # The response and the audit snapshot read these lists, not the database again.
    app._prefetched_objects_cache = {  # type: ignore[attr-defined]
        "parties": ApplicationParty.objects.bulk_create(parties),
        "priorities": PriorityClaim.objects.bulk_create(priorities),
        "classifications": Classification.objects.bulk_create(classifications),
        "documents": Document.objects.bulk_create(documents),
    }


def _remove_orphans(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        if not Document.objects.filter(file=name).exists():
            default_storage.delete(name)


def _search_text(filing: FilingIn) -> str:
    """What back-office search matches: title, mark and party names, folded."""
    names = " ".join(p.name for p in filing.applicants + filing.inventors)
    mark = filing.mark.text if filing.mark else ""
    return standards.fold(" ".join([filing.title_vi, filing.title_original, mark, names]))


def _snapshot(app: Application) -> dict[str, Any]:
    return {
        "number": app.number,
        "object_type": app.object_type,
        "status": app.status,
        "filing_date": app.filing_date.isoformat(),
        "regime": app.regime,
        "fees_total": app.fees_total,
        "documents": [
            {"kind": d.kind, "filename": d.filename, "sha256": d.sha256}
            for d in app.documents.all()
        ],
    }


__all__ = ["FilingResult", "file_application", "nfc_tree"]
