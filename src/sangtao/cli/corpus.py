"""``sangtao corpus``: ingest bulk patent files into the corpus and count what it holds."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from sangtao.corpus import FORMATS, Progress, ingest, stats

DEFAULT_CORPUS_DIR = Path("var") / "corpus"


def default_corpus_dir() -> Path:
    """The corpus folder: ``$SANGTAO_CORPUS_DIR``, else ``./var/corpus``."""
    return Path(os.environ.get("SANGTAO_CORPUS_DIR") or DEFAULT_CORPUS_DIR)


def register(subparsers: Any) -> None:
    """Add the ``corpus`` command and its sub-commands to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "corpus",
        help="the patent corpus: ingest bulk files, statistics",
        description="Ingest bulk patent data into the Parquet corpus and report on it.",
    )
    sub = parser.add_subparsers(dest="corpus_command", required=True)

    ing = sub.add_parser(
        "ingest",
        help="read bulk files or folders into the corpus",
        description=(
            "Read each PATH (a file, or a folder read recursively) into the corpus; the format "
            "is detected from the content. Bad records are reported with file and line and "
            "skipped; files already ingested (same SHA-256) are not read again. Formats: "
            + ", ".join(FORMATS)
            + "."
        ),
    )
    ing.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    ing.add_argument("--corpus", type=Path, default=None, help="corpus folder")
    ing.add_argument("--quiet", action="store_true", help="no progress line")
    ing.add_argument("--json", action="store_true", help="print the report as JSON")
    ing.set_defaults(func=_ingest)

    st = sub.add_parser(
        "stats",
        help="count documents by office, year, kind, format and language",
        description="Count the corpus documents (one per doc_id) with DuckDB.",
    )
    st.add_argument("--corpus", type=Path, default=None, help="corpus folder")
    st.add_argument("--json", action="store_true", help="print JSON")
    st.set_defaults(func=_stats)


def _progress(event: Progress) -> None:
    if event.done:
        print(file=sys.stderr)
        return
    name = Path(event.file).name
    print(
        f"\r[{event.files_done + 1}/{event.files_total}] {name[:50]:50s} "
        f"{event.records:>8,} records {event.issues:>6,} issues",
        end="",
        file=sys.stderr,
        flush=True,
    )


def _ingest(ns: argparse.Namespace) -> int:
    corpus = ns.corpus or default_corpus_dir()
    missing = [p for p in ns.paths if not p.exists()]
    if missing:
        print(f"sangtao corpus ingest: no such file: {missing[0]}", file=sys.stderr)
        return 2
    report = ingest(ns.paths, corpus, progress=None if ns.quiet or ns.json else _progress)
    if ns.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
        return 1 if any(f.status == "failed" for f in report.files) else 0
    issues = sorted(report.issues, key=lambda i: i.severity != "error")  # errors first
    for issue in issues[:50]:
        print(issue, file=sys.stderr)
    if len(report.issues) > 50:
        print(f"… and {len(report.issues) - 50} more issues", file=sys.stderr)
    by_status: dict[str, int] = {}
    for f in report.files:
        by_status[f.status] = by_status.get(f.status, 0) + 1
    statuses = ", ".join(f"{n} {s}" for s, n in sorted(by_status.items()))
    print(f"files: {statuses}")
    print(f"records written: {report.records:,}; records skipped: {report.errors:,}")
    print(
        f"corpus {corpus}: {report.documents:,} documents, {report.families:,} families, "
        f"{report.duplicates:,} doc_ids stored more than once"
    )
    return 1 if any(f.status == "failed" for f in report.files) else 0


def _table(title: str, counts: dict[str, int], limit: int = 15) -> None:
    print(f"{title}:")
    for key, n in list(counts.items())[:limit]:
        print(f"  {key:<20} {n:>10,}")
    if len(counts) > limit:
        print(f"  … {len(counts) - limit} more")


def _stats(ns: argparse.Namespace) -> int:
    corpus = ns.corpus or default_corpus_dir()
    result = stats(corpus)
    if ns.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=1))
        return 0
    print(f"corpus {corpus}")
    print(
        f"documents {result.documents:,} (rows {result.rows:,}, duplicated doc_ids "
        f"{result.duplicates:,}), families {result.families:,}"
    )
    _table("by office", result.by_office)
    _table("by year", dict(sorted(result.by_year.items(), reverse=True)))
    _table("by kind", result.by_kind)
    _table("by format", result.by_format)
    for part, langs in result.text_by_language.items():
        _table(f"documents with {part} by language", langs)
    return 0
