"""App configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcedureConfig(AppConfig):
    """Acts, deadlines, assignments and notifications."""

    name = "sangtao.office.procedure"
    label = "procedure"
    verbose_name = _("Procedure")
