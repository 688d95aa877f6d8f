"""Users with office roles, IP agents, parties (customers) and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Who a user is to the office; staff roles see unpublished files they handle."""

    APPLICANT = "applicant", _("Applicant")
    AGENT = "agent", _("IP agent")
    FORMALITIES_EXAMINER = "formalities_examiner", _("Formalities examiner")
    SUBSTANTIVE_EXAMINER = "substantive_examiner", _("Substantive examiner")
    HEAD_OF_DIVISION = "head_of_division", _("Head of division")
    ADMINISTRATOR = "administrator", _("Administrator")
    ANALYST = "analyst", _("Ministry analyst")


STAFF_ROLES = frozenset(
    {
        Role.FORMALITIES_EXAMINER,
        Role.SUBSTANTIVE_EXAMINER,
        Role.HEAD_OF_DIVISION,
        Role.ADMINISTRATOR,
    }
)


class Agent(models.Model):
    """A registered industrial-property agent (tổ chức dịch vụ đại diện SHCN)."""

    name = models.CharField(_("name"), max_length=300)
    licence_number = models.CharField(_("licence number"), max_length=40, unique=True)
    address = models.CharField(_("address"), max_length=500, blank=True)
    country = models.CharField(_("country"), max_length=2, default="VN")
    email = models.EmailField(_("email"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("IP agent")
        verbose_name_plural = _("IP agents")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.licence_number})"


class Party(models.Model):
    """A person or organisation known to the office, identified by a customer number."""

    class Kind(models.TextChoices):
        NATURAL = "natural", _("Natural person")
        LEGAL = "legal", _("Legal entity")

    customer_number = models.CharField(_("customer number"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.LEGAL)
    address = models.CharField(_("address"), max_length=500, blank=True)
    country = models.CharField(_("country"), max_length=2, default="VN")
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A user of the platform with exactly one role."""

    role = models.CharField(_("role"), max_length=30, choices=Role.choices, default=Role.APPLICANT)
    agent = models.ForeignKey(
        Agent,
        verbose_name=_("IP agent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    party = models.ForeignKey(
        Party,
        verbose_name=_("party"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )

    @property
    def is_office_staff(self) -> bool:
        """Whether the user works for the office."""
        return self.role in STAFF_ROLES

    @property
    def may_analyse(self) -> bool:
        """Whether the user may open landscapes and indices (staff and ministry analysts).

        An analyst works on published data only: no application, no prior-art report.
        """
        return self.role in STAFF_ROLES or self.role == Role.ANALYST


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A Bearer token for the HTTP API; only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def new_raw_key() -> str:
        """A fresh random token string (shown once)."""
        return "st_" + secrets.token_urlsafe(32)

    @staticmethod
    def hash(raw: str) -> str:
        """The stored form of a raw token."""
        return _hash_token(raw)
