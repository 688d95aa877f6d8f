"""``sangtao import_ipvn CSV``: import applications with their histories from WIPO Publish."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sangtao.office.accounts.models import User
from sangtao.office.procedure.legacy import import_ipvn_csv


class Command(BaseCommand):
    """Import IP Viet Nam patent records with their prosecution timelines."""

    help = "Import WIPO Publish patent records (CSV) with real numbers, dates and timelines."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("csv", type=Path)
        parser.add_argument("--as-user", default="admin", help="the importing administrator")
        parser.add_argument("--limit", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        actor = User.objects.filter(username=options["as_user"]).first()
        if actor is None:
            raise CommandError(f"no user {options['as_user']!r}")
        report = import_ipvn_csv(options["csv"], actor=actor, limit=options["limit"])
        self.stdout.write(
            f"imported {len(report.imported)}, already present {len(report.skipped)},"
            f" refused {len(report.refused)}"
        )
        for number, why in report.refused:
            self.stdout.write(f"  refused {number}: {why}")
