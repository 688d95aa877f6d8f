"""Import applications with their history from an earlier system (IP Viet Nam's WIPO Publish).

An office moving from IPAS brings its files with their real numbers, dates and prosecution
timelines. Each record is replayed through the law pack's procedure (``vn.ipvn_transitions``),
so an imported history obeys the same rules as one made here; a record the procedure refuses
is reported and not imported. Each import is one transaction with its audit event. Only
periods still running on the day of the import become deadline rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from sangtao import standards
from sangtao.corpus import read_records
from sangtao.law import vn
from sangtao.office.audit.chain import record
from sangtao.office.filing.models import (
    Application,
    ApplicationParty,
    Classification,
    NumberSequence,
    PriorityClaim,
)
from sangtao.office.procedure import rules
from sangtao.office.procedure.models import Deadline, ProcedureEvent

OFFICE_TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
TYPE_BY_DIGIT = {"1": "invention", "2": "utility_solution"}


@dataclass
class ImportReport:
    """What an import did."""

    imported: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)


def _timeline(text: str) -> list[tuple[dt.date, str]]:
    out = []
    for line in text.split("<lf>"):
        parts = line.split("<t>")
        if len(parts) >= 2 and parts[0].strip():
            day = dt.datetime.strptime(parts[0].strip(), "%d.%m.%Y").date()  # noqa: DTZ007
            out.append((day, parts[1].strip()))
    return out


def import_ipvn_csv(path: Path, *, actor: Any, limit: int | None = None) -> ImportReport:
    """Import the records of a WIPO Publish patent export (CSV) with their timelines."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = {row["ID"]: row for row in csv.DictReader(f)}
    report = ImportReport()
    for rec in read_records(path):
        number = _number(rec)
        row = rows.get(number or "")
        if number is None or row is None:
            continue
        if limit is not None and len(report.imported) >= limit:
            break
        if Application.objects.filter(number=number).exists():
            report.skipped.append(number)
            continue
        try:
            import_record(rec, number, _timeline(row.get("Tiến trình", "")), actor=actor)
        except (vn.ActNotAllowed, KeyError, ValueError) as exc:
            report.refused.append((number, str(exc)))
            continue
        report.imported.append(number)
    return report


def _number(rec: Mapping[str, Any]) -> str | None:
    raw = str(rec.get("application_number") or "")
    if len(raw) == 10 and raw[0] in TYPE_BY_DIGIT:
        return f"{raw[0]}-{raw[1:5]}-{raw[5:]}"
    return None


def import_record(
    rec: Mapping[str, Any], number: str, timeline: list[tuple[dt.date, str]], *, actor: Any
) -> Application:
    """Create one application with its replayed history, open deadlines and audit event."""
    object_type = TYPE_BY_DIGIT[number[0]]
    pub = rec.get("publication_date")
    transitions = vn.ipvn_transitions(object_type, timeline, publication_date=pub)
    filed_on = (
        next((d for d, name in timeline if "Filing" in name), None) or rec["application_date"]
    )
    filed_at = dt.datetime.combine(filed_on, dt.time(8, 0), tzinfo=OFFICE_TZ)
    status = "filed"
    for t in transitions:
        status = t.new_status or status
    title = next((x["text"] for x in rec["titles"] if x.get("lang") == "vi"), "")
    abstract = next((x["text"] for x in rec["abstracts"] if x.get("lang") == "vi"), "")
    digit, year, seq = int(number[0]), int(number[2:6]), int(number[7:])
    with transaction.atomic():
        app = Application.objects.create(
            number=number,
            type_digit=digit,
            year=year,
            sequence=seq,
            object_type=object_type,
            status=status,
            filing_date=filed_at,
            regime=vn.regime_on(filed_on).code,
            filed_by=actor,
            title_vi=title,
            abstract_vi=abstract,
            published_at=dt.datetime.combine(pub, dt.time(0, 0), tzinfo=OFFICE_TZ)
            if pub and any(t.act == "publish" for t in transitions)
            else None,
            search_text=standards.fold(
                " ".join([title] + [p["name"] for p in rec["applicants"] + rec["inventors"]])
            ),
            fees_due={"items": [], "total": 0, "note": "imported; fees paid in the earlier system"},
        )
        _children(app, rec)
        seq_row, _ = NumberSequence.objects.select_for_update().get_or_create(
            type_digit=digit, year=year
        )
        if seq_row.last < seq:
            seq_row.last = seq
            seq_row.save(update_fields=["last"])
        _events(app, transitions, filed_on, actor)
        record(
            actor=actor,
            action="import_application",
            object_type="application",
            object_id=number,
            legal_basis="migration from IP Viet Nam's WIPO Publish record",
            reason=f"{rec.get('source_format')} line {rec.get('source_line')}",
            after={"status": status, "events": len(transitions) + 1},
        )
    return app


def _children(app: Application, rec: Mapping[str, Any]) -> None:
    ApplicationParty.objects.bulk_create(
        ApplicationParty(
            application=app,
            role=role,
            order=i,
            name=p["name"],
            country=(p.get("country") or "VN")[:2],
        )
        for role, people in (("applicant", rec["applicants"]), ("inventor", rec["inventors"]))
        for i, p in enumerate(people)
    )
    PriorityClaim.objects.bulk_create(
        PriorityClaim(
            application=app, kind="paris", office=p["office"], number=p["number"], date=p["date"]
        )
        for p in rec["priorities"]
        if p.get("date") and p.get("office")
    )
    edition = standards.ipc_scheme().edition
    Classification.objects.bulk_create(
        Classification(application=app, scheme="ipc", symbol=s, edition=edition, order=i)
        for i, s in enumerate(rec["ipc"])
    )


def _events(app: Application, transitions: tuple[Any, ...], filed_on: dt.date, actor: Any) -> None:
    proc = vn.procedure(app.object_type)
    now = timezone.now()
    open_kinds: list[str] = []
    status = ""
    acts: list[tuple[str, dt.date, Any]] = [(t.act, t.on_date, t) for t in transitions]
    if not acts or acts[0][0] != "file":
        acts.insert(0, ("file", filed_on, None))
    for act, day, t in acts:
        if t is None:
            t = proc.apply(None, "file", "agent", day)
        definition = proc.act(act)
        new_status = t.new_status or status
        ProcedureEvent.objects.create(
            application=app,
            act=act,
            label_vi=definition.name_vi,
            label_en=definition.name_en,
            occurred_at=now,
            effective_date=day,
            actor=actor,
            actor_role="system",
            status_before=status,
            status_after=new_status,
            wipo_standard=proc.standard if t.event_code else "",
            wipo_event_code=str(t.event_code.key_event) if t.event_code else "",
            legal_basis="; ".join(str(r) for r in t.legal_basis),
            reason="imported from WIPO Publish",
        )
        status = new_status
        open_kinds = [k for k in open_kinds if k not in t.closes] + list(t.opens)
    if proc.status(status).terminal:
        return
    # A period that ended before the import was dealt with in the earlier system, whose
    # record may lack the act that met it: only periods still running become rows.
    rows = rules.deadline_rows(app, open_kinds, not_before=timezone.localdate())
    Deadline.objects.bulk_create(Deadline(application=app, **row) for row in rows)
