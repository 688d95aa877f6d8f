"""The ``sangtao`` command.

Library commands (``law``, ``index``, …) are argparse sub-commands registered by
modules in this package; anything else is handed to Django's management commands
(``sangtao migrate``, ``sangtao runserver``, ``sangtao token USER``, ``sangtao audit verify``).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

# Modules under sangtao.cli that expose ``register(subparsers)``.
LIBRARY_COMMANDS = {
    "corpus": "sangtao.cli.corpus",
    "eval": "sangtao.cli.eval",
    "index": "sangtao.cli.index",
    "landscape": "sangtao.cli.landscape",
    "law": "sangtao.cli.law",
    "search": "sangtao.cli.search",
}


def _library_parser(name: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sangtao")
    subparsers = parser.add_subparsers(dest="command", required=True)
    module = importlib.import_module(LIBRARY_COMMANDS[name])
    module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``sangtao`` command line."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in LIBRARY_COMMANDS:
        try:
            parser = _library_parser(args[0])
        except ModuleNotFoundError as exc:
            print(f"sangtao: command {args[0]!r} is not available: {exc}", file=sys.stderr)
            return 2
        ns = parser.parse_args(args)
        return int(ns.func(ns) or 0)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["sangtao", *args])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
