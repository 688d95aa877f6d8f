"""The audit log: append-only, hash-chained, and `sangtao audit verify` catches tampering."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from sangtao.office.audit import guards
from sangtao.office.audit.chain import record, verify
from sangtao.office.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _events(n: int) -> None:
    for i in range(n):
        with transaction.atomic():
            record(
                actor=None,
                action="test_act",
                object_type="thing",
                object_id=str(i),
                after={"i": i, "text": "Động cơ"},
            )


def test_an_intact_chain_verifies(capsys):
    _events(5)
    assert verify().ok
    call_command("audit", "verify")
    assert "5 events verified" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        record(actor=None, action="x", object_type="y", object_id="z")


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_auditevent SET reason = 'x'", "DELETE FROM audit_auditevent"]
)
def test_the_database_refuses_edits_and_deletes(statement):
    _events(2)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute(statement)
    assert AuditEvent.objects.count() == 2


def _drop_guards() -> None:
    # Simulates someone with owner rights editing the table behind the application.
    guards.remove(connection)


def test_an_edited_event_is_detected():
    _events(4)
    _drop_guards()
    victim = AuditEvent.objects.order_by("id")[1]
    AuditEvent.objects.filter(pk=victim.pk).update(reason="rewritten history")
    result = verify()
    assert not result.ok
    assert any(f"#{victim.pk}" in p and "edited" in p for p in result.problems)
    with pytest.raises(CommandError):
        call_command("audit", "verify")


def test_a_deleted_event_is_detected():
    _events(4)
    _drop_guards()
    AuditEvent.objects.filter(pk=AuditEvent.objects.order_by("id")[1].pk).delete()
    assert not verify().ok


def test_a_deleted_last_event_is_detected():
    _events(3)
    _drop_guards()
    AuditEvent.objects.filter(pk=AuditEvent.objects.order_by("-id")[0].pk).delete()
    result = verify()
    assert not result.ok
