"""App configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Users, roles, agents, parties and API tokens."""

    name = "sangtao.office.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
