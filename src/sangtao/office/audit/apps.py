"""App configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The audit log."""

    name = "sangtao.office.audit"
    label = "audit"
    verbose_name = _("Audit")
