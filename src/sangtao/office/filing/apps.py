"""App configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilingConfig(AppConfig):
    """Applications, parties, priorities, classification, documents and numbering."""

    name = "sangtao.office.filing"
    label = "filing"
    verbose_name = _("Filing")
