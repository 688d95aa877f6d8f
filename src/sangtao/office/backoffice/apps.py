"""App configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    """Pages for office staff, applicants and agents."""

    name = "sangtao.office.backoffice"
    label = "backoffice"
    verbose_name = _("Back office")
