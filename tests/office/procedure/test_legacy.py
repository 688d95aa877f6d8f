"""Importing real IP Viet Nam applications with their prosecution histories."""

from __future__ import annotations

import pytest
from django.test import Client

from sangtao.office.audit.chain import verify
from sangtao.office.audit.models import AuditEvent
from sangtao.office.filing.management.commands.demo import HISTORIES
from sangtao.office.filing.models import Application, NumberSequence
from sangtao.office.procedure.legacy import import_ipvn_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(actors):
    return import_ipvn_csv(HISTORIES, actor=actors["admin"])


def test_real_histories_are_replayed_through_the_procedure(imported):
    assert len(imported.imported) >= 30
    # The one timeline the procedure refuses is reported, not imported.
    assert [n for n, _ in imported.refused] == ["1-2021-01646"]
    assert not Application.objects.filter(number="1-2021-01646").exists()
    app = Application.objects.get(number="1-2023-03554")
    acts = [e.act for e in app.events.all()]
    assert acts[0] == "file"
    assert acts.count("file") == 1
    assert "publish" in acts
    assert "notice_intended_grant" in acts
    assert app.status == "grant_intended"
    dates = [e.effective_date for e in app.events.all()]
    assert dates == sorted(dates)


def test_imported_published_applications_are_public_and_numbers_stay_unique(imported):
    app = Application.objects.filter(published_at__isnull=False).first()
    assert app is not None
    assert Client().get(f"/api/v1/applications/{app.number}").status_code == 200
    seq = NumberSequence.objects.get(type_digit=app.type_digit, year=app.year)
    assert seq.last >= app.sequence


def test_import_is_idempotent_and_audited(imported, actors):
    again = import_ipvn_csv(HISTORIES, actor=actors["admin"])
    assert again.imported == []
    assert sorted(again.skipped) == sorted(imported.imported)
    assert AuditEvent.objects.filter(action="import_application").count() == len(imported.imported)
    assert verify().ok
