"""``sangtao deadlines sweep [--date YYYY-MM-DD]``: the daily, idempotent deadline sweep."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from sangtao.office.procedure.actions import sweep


class Command(BaseCommand):
    """Apply lapses and send reminders for one day; running it twice changes nothing."""

    help = "Daily deadline sweep: lapses (e.g. deemed withdrawal) and reminders."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["sweep"])
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        day = options["date"] or timezone.localdate()
        report = sweep(day)
        self.stdout.write(
            f"{day:%Y-%m-%d}: {report.lapsed} deadlines lapsed, {report.acts} acts applied,"
            f" {report.reminders} reminders sent"
        )
