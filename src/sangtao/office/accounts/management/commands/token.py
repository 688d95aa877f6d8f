"""``sangtao token USERNAME``: issue an API Bearer token."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sangtao.office.accounts.actions import issue_api_token
from sangtao.office.accounts.models import User


class Command(BaseCommand):
    """Issue a Bearer token for the API."""

    help = "Issue an API Bearer token for USERNAME and print it once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--reason", default="issued from the command line")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no user {options['username']!r}")
        self.stdout.write(issue_api_token(actor=None, user=user, reason=options["reason"]))
