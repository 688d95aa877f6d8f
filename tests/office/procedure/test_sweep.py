"""The daily deadline sweep: lapses with their consequence, reminders, idempotence."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from sangtao.office.audit.models import AuditEvent
from sangtao.office.filing.actions import file_application
from sangtao.office.filing.errors import ErrorList
from sangtao.office.filing.models import Application
from sangtao.office.filing.schemas import FilingIn
from sangtao.office.filing.validation import decode_inline_documents
from sangtao.office.procedure.actions import assign, sweep
from sangtao.office.procedure.models import Deadline, Notification
from sangtao.office.procedure.worklists import worklist

pytestmark = pytest.mark.django_db


def _file(actors, payload) -> Application:
    filing = FilingIn.model_validate(payload)
    errors = ErrorList()
    files = decode_inline_documents(filing, errors)
    return file_application(
        actor=actors["agent"], filing=filing, files=files, payload=payload
    ).application


def test_missed_examination_request_deems_the_application_withdrawn(actors, filing):
    app = _file(actors, filing("invention"))
    request_deadline = Deadline.objects.get(application=app, period="examination_request")
    assert request_deadline.on_lapse == "deem_withdrawn"
    day = request_deadline.due_date + dt.timedelta(days=1)
    first = sweep(day)
    assert first.lapsed >= 1
    app.refresh_from_db()
    assert app.status == "deemed_withdrawn"
    request_deadline.refresh_from_db()
    assert request_deadline.state == "lapsed"
    events = list(app.events.values_list("act", flat=True))
    assert events[-1] == "deem_withdrawn"
    audit_count = AuditEvent.objects.count()
    again = sweep(day)
    assert (again.lapsed, again.acts, again.reminders) == (0, 0, 0)
    assert AuditEvent.objects.count() == audit_count


def test_reminders_go_to_the_responsible_side_once(actors, filing):
    app = _file(actors, filing("trademark"))
    d = Deadline.objects.filter(application=app, state="open").first()
    assert d is not None
    day = d.due_date - dt.timedelta(days=7)
    sent = sweep(day).reminders
    assert sent >= 1
    assert sweep(day).reminders == 0
    assert Notification.objects.filter(kind="deadline_reminder").count() == sent


def test_sweep_command_reports_what_it_did(actors, filing, capsys):
    _file(actors, filing("trademark"))
    call_command("deadlines", "sweep", "--date", "2026-11-24")
    assert "2026-11-24" in capsys.readouterr().out


def test_worklists_follow_assignment(actors, filing):
    app = _file(actors, filing("trademark"))
    assign(actor=actors["head"], number=app.number, examiner=actors["formalities"])
    today = dt.date.today()
    mine = worklist(actors["formalities"], today)
    assert app in mine["new"]
    assert app not in worklist(actors["examiner"], today)["new"]
    assert app in worklist(actors["head"], today)["new"]
    # Reassignment moves it.
    assign(actor=actors["head"], number=app.number, examiner=actors["examiner"])
    assert app in worklist(actors["examiner"], today)["new"]
    assert app not in worklist(actors["formalities"], today)["new"]


def test_only_a_head_assigns(actors, filing):
    from sangtao.office.procedure.actions import ActRefused

    app = _file(actors, filing("trademark"))
    with pytest.raises(ActRefused):
        assign(actor=actors["examiner"], number=app.number, examiner=actors["examiner"])


def test_worklist_page_filters_by_type_and_stage(actors, filing):
    from django.test import Client

    tm = _file(actors, filing("trademark"))
    inv = _file(actors, filing("invention"))
    browser = Client()
    browser.force_login(actors["head"])
    page = browser.get("/worklist/", {"type": "trademark"}).content.decode()
    assert tm.number in page
    assert inv.number not in page
    assert tm.number not in browser.get("/worklist/", {"status": "published"}).content.decode()
