"""The prosecution timeline, deadlines as rows, assignments and notifications."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sangtao.office.filing.models import Application


class ProcedureEvent(models.Model):
    """One act on an application, as shown in its timeline (Tiến trình xử lý)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    act = models.CharField(_("act"), max_length=60)
    label_vi = models.CharField(max_length=200)
    label_en = models.CharField(max_length=200)
    occurred_at = models.DateTimeField(_("recorded"))
    effective_date = models.DateField(_("date"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_role = models.CharField(max_length=30)
    status_before = models.CharField(max_length=40)
    status_after = models.CharField(max_length=40)
    wipo_standard = models.CharField(max_length=10, blank=True)
    wipo_event_code = models.CharField(max_length=20, blank=True)
    legal_basis = models.CharField(max_length=300, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["effective_date", "id"]
        indexes = [models.Index(fields=["application", "effective_date"])]

    def __str__(self) -> str:
        return f"{self.application_id} {self.act} {self.effective_date}"


class Deadline(models.Model):
    """A legal time limit of one application, with the rule and basis it was computed from."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        MET = "met", _("Met")
        LAPSED = "lapsed", _("Lapsed")
        CANCELLED = "cancelled", _("Cancelled")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="deadlines")
    period = models.CharField(_("period"), max_length=60)
    label_vi = models.CharField(max_length=200)
    label_en = models.CharField(max_length=200)
    trigger_date = models.DateField(_("runs from"))
    due_date = models.DateField(_("due"))
    unrolled_date = models.DateField()
    regime = models.CharField(max_length=4)
    rule_vi = models.CharField(max_length=300, blank=True)
    rule_en = models.CharField(max_length=300, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    confidence = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)
    responsible = models.CharField(_("responsible"), max_length=30)
    on_lapse = models.CharField(max_length=60, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    opened_by = models.ForeignKey(
        ProcedureEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="opened"
    )
    closed_by = models.ForeignKey(
        ProcedureEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="closed"
    )
    last_reminder_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["state", "due_date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "period"],
                condition=Q(state="open"),
                name="one_open_deadline_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.period} {self.due_date}"


class Assignment(models.Model):
    """Who in the office handles an application at a stage."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assignments"
    )
    examiner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField()
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-assigned_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"], condition=Q(active=True), name="one_active_assignment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id} → {self.examiner_id}"


class Notification(models.Model):
    """A message to a user's inbox (reminders, letters); e-mail is sent after commit."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    application = models.ForeignKey(
        Application, null=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=30)
    message_vi = models.TextField()
    message_en = models.TextField()
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    dedupe_key = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind}"


class PendingApproval(models.Model):
    """An act an examiner proposed that a head of division must approve (grant, refusal …)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="pending_approvals"
    )
    act = models.CharField(max_length=60)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)
    proposed_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["proposed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "act"],
                condition=Q(state="pending"),
                name="one_pending_approval_per_act",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.act} ({self.state})"


class LetterSequence(models.Model):
    """Gap-free numbering of outgoing letters per series and year (e.g. TB-SHTT.IP, QĐ-SHTT)."""

    series = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="uniq_letter_series_year")
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.last}"


class OfficeLetter(models.Model):
    """A notice or decision sent to the applicant: PDF, structured data, signature and delivery."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    event = models.OneToOneField(ProcedureEvent, on_delete=models.PROTECT, related_name="letter")
    number = models.CharField(_("letter number"), max_length=40, unique=True)
    kind = models.CharField(max_length=20)  # notice | decision
    issued_on = models.DateField(_("issued"))
    signed_at = models.DateTimeField(_("digitally signed"))
    sent_at = models.DateTimeField(_("sent"))
    channel = models.CharField(max_length=20, default="inbox")
    response_deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    payload = models.JSONField()
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["issued_on", "id"]

    def __str__(self) -> str:
        return self.number
