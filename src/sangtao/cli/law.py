"""``sangtao law``: the Viet Nam law pack from the command line (deadline calculator)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from sangtao.law import ApplicationFacts, ComputedDeadline, Notice
from sangtao.law.vn import OBJECT_TYPES, deadlines

_DEFAULT_NOTICE_ACT = "notice_intended_refusal"


def register(subparsers: Any) -> None:
    """Add the ``law`` command and its sub-commands to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "law",
        help="Vietnamese industrial-property law: deadlines",
        description="Rules of the Viet Nam law pack, with their legal basis.",
    )
    sub = parser.add_subparsers(dest="law_command", required=True)
    calc = sub.add_parser(
        "deadlines",
        help="list every deadline that applies to an application",
        description=(
            "Compute every deadline that applies to an application: its date (rolled to a "
            "working day of IP Viet Nam), the rule, the legal basis, the regime (A before / B "
            "from 1 April 2026, with the transitional rule) and how well the value is "
            "established. Unconfirmed values are shown with their note."
        ),
    )
    calc.add_argument("--type", required=True, choices=sorted(OBJECT_TYPES), dest="object_type")
    calc.add_argument("--filing-date", required=True, type=_date, help="YYYY-MM-DD")
    calc.add_argument("--priority-date", type=_date, help="earliest priority date")
    calc.add_argument("--publication-date", type=_date, help="publication in the Gazette")
    calc.add_argument(
        "--validity-date", type=_date, help="acceptance as valid (decision or validity event)"
    )
    calc.add_argument("--examination-request-date", type=_date)
    calc.add_argument(
        "--notice-signed",
        action="append",
        default=[],
        type=_notice,
        metavar="[ACT:]DATE",
        help=(
            "signature date of an office notice; ACT is the notice's act code (default "
            f"{_DEFAULT_NOTICE_ACT}, e.g. notice_intended_grant:2025-05-02); repeatable"
        ),
    )
    calc.add_argument("--accelerated", action="store_true", help="expedited examination")
    calc.add_argument("--pct", action="store_true", help="PCT national phase")
    calc.add_argument("--on", type=_date, help="day of the computation (default: today)")
    calc.add_argument("--json", action="store_true", help="print JSON instead of a table")
    calc.set_defaults(func=_deadlines)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _notice(text: str) -> Notice:
    act, sep, day = text.rpartition(":")
    return Notice(act if sep else _DEFAULT_NOTICE_ACT, _date(day))


def _deadlines(ns: argparse.Namespace) -> int:
    try:
        facts = ApplicationFacts(
            object_type=ns.object_type,
            filing_date=ns.filing_date,
            priority_date=ns.priority_date,
            publication_date=ns.publication_date,
            validity_date=ns.validity_date,
            examination_request_date=ns.examination_request_date,
            notices=tuple(ns.notice_signed),
            accelerated=ns.accelerated,
            pct=ns.pct,
        )
    except ValueError as exc:
        sys.stderr.write(f"sangtao law deadlines: {exc}\n")
        return 2
    found = deadlines(facts, on=ns.on)
    if ns.json:
        sys.stdout.write(json.dumps([d.as_dict() for d in found], ensure_ascii=False, indent=2))
        sys.stdout.write("\n")
        return 0
    sys.stdout.write(_table(found))
    return 0


def _table(found: list[ComputedDeadline]) -> str:
    if not found:
        return "Không có thời hạn nào / No deadline applies.\n"
    lines = [
        "Hạn / Due     Chế độ/Regime  Độ tin cậy/Confidence  Thời hạn / Period",
        "-" * 78,
    ]
    for d in found:
        lines.append(
            f"{d.date.isoformat()}    {d.regime:<13}  {d.confidence.value:<21}  {d.name_vi}"
        )
        lines.append(f"{'':14}{'':15}{'':23}{d.name_en}")
        lines.append(f"{'':6}{d.rule_vi}")
        lines.append(f"{'':6}{d.rule_en}")
        basis = "; ".join(str(ref) for ref in d.legal_basis)
        lines.append(f"{'':6}Căn cứ / Basis: {basis}")
        if d.extended_date is not None:
            lines.append(f"{'':6}Gia hạn tối đa / With extension: {d.extended_date.isoformat()}")
        if d.note:
            lines.append(f"{'':6}Ghi chú / Note: {d.note}")
        lines.append("")
    return "\n".join(lines)
