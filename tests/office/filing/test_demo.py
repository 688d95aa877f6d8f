"""``sangtao demo load``: demo users per role, real-record filings of every type, idempotent."""

from __future__ import annotations

import io
import json
import struct
import unicodedata
import zlib
from typing import Any

import pytest
from django.core.management import call_command

from sangtao.office.accounts.models import Role, User
from sangtao.office.audit.models import AuditEvent
from sangtao.office.filing.management.commands.demo import (
    DATA,
    documents_for,
    load_records,
    make_pdf,
    make_png,
)
from sangtao.office.filing.models import Application, Document
from sangtao.office.filing.schemas import FilingIn
from sangtao.office.filing.validation import REQUIRED_DOCUMENTS

ALL_TYPES = set(REQUIRED_DOCUMENTS)


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *_strings(v)]]
    return []


def test_every_demo_payload_is_a_valid_filing_in_nfc() -> None:
    items = json.loads(DATA.read_text(encoding="utf-8"))
    assert {i["object_type"] for i in items} == ALL_TYPES
    for item in items:
        FilingIn.model_validate({k: v for k, v in item.items() if k != "_source"})
        assert item["_source"]["number"]
        assert all(unicodedata.is_normalized("NFC", s) for s in _strings(item))


def test_demo_payloads_keep_real_priority_data_only_in_source() -> None:
    inventions = [i for i in load_records() if i["object_type"] == "invention"]
    assert len(inventions) >= 30
    first = next(i for i in inventions if i["_source"]["number"] == "1-2013-01457")
    assert "pct" not in first and "priorities" not in first
    assert first["_source"]["pct"]["application_number"] == "PCT/US2011/056059"
    assert first["_source"]["priorities"] == [
        {"office": "JP", "number": "2010-230610U", "date": "2010-10-13"}
    ]


def test_non_residents_always_have_a_representative() -> None:
    for item in load_records():
        if any(a["country"] != "VN" for a in item["applicants"]):
            assert item.get("representative"), item["_source"]["number"]


def test_generated_documents_are_real_pdf_and_png() -> None:
    pdf = make_pdf(["Tiêu đề (thử)", "x" * 500])
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    assert b"(Tieu de \\(thu\\)) '" in pdf
    xref = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    assert pdf[xref:].startswith(b"xref")
    png = make_png(3, 2, lambda x, y: x == y)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (3, 2)
    idat_len = struct.unpack(">I", png[33:37])[0]
    assert len(zlib.decompress(png[41 : 41 + idat_len])) == 2 * (1 + 3 * 3)
    for item in load_records(limit=1):
        kinds = {f.kind for f in documents_for(item)}
        assert set(REQUIRED_DOCUMENTS[item["object_type"]]) <= kinds
        first, second = documents_for(item), documents_for(item)
        assert [f.sha256 for f in first] == [f.sha256 for f in second]  # stable for retries


def _load(out: io.StringIO) -> None:
    """The demo load, quick: no embedder, one record a kind, no analysis runs."""
    call_command(
        "demo",
        "load",
        "--embedder",
        "none",
        "--limit",
        "1",
        "--strict",
        "--no-analysis",
        stdout=out,
    )


@pytest.mark.django_db
def test_demo_load_creates_users_and_files_every_type_once() -> None:
    out = io.StringIO()
    _load(out)

    roles = set(User.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    for username in ("admin", "formalities", "examiner", "head", "agent", "applicant"):
        assert User.objects.get(username=username).check_password(f"demo-{username}-2026")
    assert User.objects.get(username="agent").agent is not None
    assert User.objects.get(username="applicant").party is not None

    apps = _filed()
    assert set(apps.values_list("object_type", flat=True)) == ALL_TYPES
    assert apps.count() == len(ALL_TYPES)
    for app in apps:
        kinds = set(Document.objects.filter(application=app).values_list("kind", flat=True))
        assert set(REQUIRED_DOCUMENTS[app.object_type]) <= kinds
        if any(p.country != "VN" for p in app.parties.filter(role="applicant")):
            assert app.representative is not None
    report = out.getvalue()
    assert "http://127.0.0.1:8000/" in report and "demo-agent-2026" in report

    users_before = User.objects.count()
    again = io.StringIO()
    _load(again)
    assert _filed().count() == len(ALL_TYPES)
    assert User.objects.count() == users_before
    assert f"{'total':<26}{0:>10}{len(ALL_TYPES):>10}" in again.getvalue()


@pytest.mark.django_db
def test_every_demo_record_is_accepted_by_the_office() -> None:
    call_command(
        "demo", "load", "--strict", "--embedder", "none", "--no-analysis", stdout=io.StringIO()
    )
    assert _filed().count() == len(load_records())
    # Beside the filings, real applications come with their histories (see test_legacy).
    assert AuditEvent.objects.filter(action="import_application").count() >= 30


def _filed():
    """Applications filed by the demo (not the imported histories)."""
    imported = AuditEvent.objects.filter(action="import_application").values("object_id")
    return Application.objects.exclude(number__in=imported)
