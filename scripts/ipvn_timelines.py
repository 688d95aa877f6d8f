"""IP Viet Nam prosecution timelines ("Tiến trình") from the WIPO Publish crawl.

Two jobs:

``events CSV``
    List the distinct event names of the ``Tiến trình`` column (events separated by
    ``<lf>``, fields by ``<t>``: date dd.mm.yyyy, event name, status) with their counts and
    the act each maps to in ``sangtao.law.vn`` (``-`` for a non-act, ``?`` for an unknown
    name). ``--check`` exits with status 1 when a name is unknown.

``fixture CSV OUT [--count N]``
    Write a small CSV fixture of N applications (default 30) for the tests: the ones named
    with ``--include`` first, then every application with a rare event, then the others in
    number order.

Usage::

    .venv/bin/python scripts/ipvn_timelines.py events \
        /work/shared/data/patents/vn-ipvietnam/vn_patent_applications.csv
    .venv/bin/python scripts/ipvn_timelines.py fixture \
        /work/shared/data/patents/vn-ipvietnam/vn_patent_applications.csv \
        tests/law/fixtures/ipvn_timelines.csv --include 1-2020-00462 1-2021-01646
"""

from __future__ import annotations

import argparse
import collections
import csv
import sys
from pathlib import Path

from sangtao.law.vn import ipvn_event, normalise_ipvn_event

TIMELINE = "Tiến trình"
COLUMNS = {
    "ID": "number",
    "Loại đơn": "kind",
    "Trạng thái": "status",
    "(20) Số đơn và Ngày nộp đơn": "filing",
    "(30) Chi tiết về dữ liệu ưu tiên": "priority",
    "(40) Số công bố và ngày công bố": "publication",
    "(86) Số đơn và ngày nộp đơn PCT": "pct_filing",
    "(10) Số bằng và ngày cấp": "grant",
    TIMELINE: "timeline",
}


def events_of(row: dict[str, str]) -> list[list[str]]:
    """Split one application's timeline into [date, name, status] lists."""
    out = []
    for line in row[TIMELINE].split("<lf>"):
        fields = line.split("<t>")
        if len(fields) >= 2 and fields[1].strip():
            out.append([f.strip() for f in fields] + [""] * (3 - len(fields)))
    return out


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def cmd_events(ns: argparse.Namespace) -> int:
    counts: collections.Counter[str] = collections.Counter()
    for row in read(ns.csv):
        counts.update(name for _d, name, *_ in events_of(row))
    by_key: dict[str, list[tuple[str, int]]] = collections.defaultdict(list)
    for name, n in counts.items():
        by_key[normalise_ipvn_event(name)].append((name, n))
    unknown = 0
    sys.stdout.write("count\tact\tevent\n")
    for _key, names in sorted(by_key.items(), key=lambda kv: -sum(n for _, n in kv[1])):
        total = sum(n for _, n in names)
        try:
            act = ipvn_event(names[0][0]).act or "-"
        except KeyError:
            act, unknown = "?", unknown + 1
        shown = names[0][0] if len(names) == 1 else f"{names[0][0]} (+{len(names) - 1} variants)"
        sys.stdout.write(f"{total}\t{act}\t{shown}\n")
    sys.stderr.write(
        f"# {len(by_key)} distinct events ({len(counts)} spellings), {unknown} unknown\n"
    )
    return 1 if ns.check and unknown else 0


def cmd_fixture(ns: argparse.Namespace) -> int:
    rows = sorted(read(ns.csv), key=lambda r: r["ID"])
    counts: collections.Counter[str] = collections.Counter()
    for row in rows:
        counts.update({normalise_ipvn_event(name) for _d, name, *_ in events_of(row)})
    rare = {key for key, n in counts.items() if n <= 3}
    chosen = [r for r in rows if r["ID"] in set(ns.include)]
    chosen += [
        r
        for r in rows
        if r not in chosen and any(normalise_ipvn_event(e[1]) in rare for e in events_of(r))
    ]
    chosen = chosen[: ns.count]
    for row in rows:
        if len(chosen) >= ns.count:
            break
        if row not in chosen:
            chosen.append(row)
    chosen.sort(key=lambda r: r["ID"])
    ns.out.parent.mkdir(parents=True, exist_ok=True)
    with ns.out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS.values())
        for row in chosen:
            writer.writerow(row[col] for col in COLUMNS)
    sys.stderr.write(f"wrote {len(chosen)} applications to {ns.out}\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    events = sub.add_parser("events", help="list distinct event names and their acts")
    events.add_argument("csv", type=Path)
    events.add_argument("--check", action="store_true", help="fail on unknown names")
    events.set_defaults(func=cmd_events)
    fixture = sub.add_parser("fixture", help="write a small fixture CSV")
    fixture.add_argument("csv", type=Path)
    fixture.add_argument("out", type=Path)
    fixture.add_argument("--count", type=int, default=30)
    fixture.add_argument("--include", nargs="*", default=[], help="application numbers to keep")
    fixture.set_defaults(func=cmd_fixture)
    ns = parser.parse_args(argv)
    return int(ns.func(ns))


if __name__ == "__main__":
    raise SystemExit(main())
