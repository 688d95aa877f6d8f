"""Writing and verifying the hash-chained audit log."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from sangtao.office.audit.models import AuditChainHead, AuditEvent

GENESIS = "0" * 64


def _canonical(value: Any) -> Any:
    """JSON-round-trip a value so that what is hashed equals what is stored."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def event_hash(
    prev_hash: str,
    *,
    occurred_at: datetime,
    actor_username: str,
    action: str,
    object_type: str,
    object_id: str,
    legal_basis: str,
    reason: str,
    before: Any,
    after: Any,
) -> str:
    """SHA-256 over the previous hash and the event's canonical JSON."""
    payload = {
        "prev": prev_hash,
        "at": occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": actor_username,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "legal_basis": legal_basis,
        "reason": reason,
        "before": before,
        "after": after,
    }
    data = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest()


def record(
    *,
    actor: Any,
    action: str,
    object_type: str,
    object_id: str,
    legal_basis: str = "",
    reason: str = "",
    before: Any = None,
    after: Any = None,
    occurred_at: datetime | None = None,
) -> AuditEvent:
    """Append an audit event inside the caller's transaction.

    Must run inside ``transaction.atomic``: the chain head is locked until the
    caller commits, so the event lands with the act or not at all.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must be called inside the act's transaction")
    head = AuditChainHead.objects.select_for_update().filter(id=1).first()
    if head is None:
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(
            id=1, defaults={"last_hash": GENESIS, "count": 0}
        )
    at = occurred_at or timezone.now()
    before_c, after_c = _canonical(before), _canonical(after)
    username = getattr(actor, "username", None) or "system"
    digest = event_hash(
        head.last_hash,
        occurred_at=at,
        actor_username=username,
        action=action,
        object_type=object_type,
        object_id=object_id,
        legal_basis=legal_basis,
        reason=reason,
        before=before_c,
        after=after_c,
    )
    event = AuditEvent.objects.create(
        occurred_at=at,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_username=username,
        action=action,
        object_type=object_type,
        object_id=object_id,
        legal_basis=legal_basis,
        reason=reason,
        before=before_c,
        after=after_c,
        prev_hash=head.last_hash,
        hash=digest,
    )
    head.last_hash = digest
    head.count += 1
    head.save(update_fields=["last_hash", "count"])
    return event


@dataclass
class VerifyResult:
    """Outcome of verifying the chain."""

    checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the chain is intact."""
        return not self.problems


def verify() -> VerifyResult:
    """Recompute every hash and link; report edited, inserted or deleted events."""
    result = VerifyResult()
    prev = GENESIS
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        result.checked += 1
        if event.prev_hash != prev:
            result.problems.append(
                f"event #{event.pk}: link broken (an earlier event was deleted or altered)"
            )
        expected = event_hash(
            event.prev_hash,
            occurred_at=event.occurred_at,
            actor_username=event.actor_username,
            action=event.action,
            object_type=event.object_type,
            object_id=event.object_id,
            legal_basis=event.legal_basis,
            reason=event.reason,
            before=event.before,
            after=event.after,
        )
        if expected != event.hash:
            result.problems.append(f"event #{event.pk}: content does not match its hash (edited)")
        prev = event.hash
    head = AuditChainHead.objects.filter(id=1).first()
    if head is not None:
        if head.count != result.checked:
            result.problems.append(
                f"chain head counts {head.count} events but {result.checked} are stored"
                " (events deleted)"
            )
        if head.last_hash != prev:
            result.problems.append("chain head does not match the last event (tail deleted)")
    elif result.checked:
        result.problems.append("chain head missing")
    return result
