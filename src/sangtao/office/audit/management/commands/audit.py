"""``sangtao audit verify``: check the audit log's hash chain."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sangtao.office.audit.chain import verify


class Command(BaseCommand):
    """Audit log tools."""

    help = "Audit log tools: 'verify' recomputes the hash chain and reports tampering."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify()
        if result.ok:
            self.stdout.write(f"audit log intact: {result.checked} events verified")
            return
        for problem in result.problems:
            self.stderr.write(problem)
        raise CommandError(f"audit log tampered: {len(result.problems)} problem(s)")
