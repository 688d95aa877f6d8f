"""``sangtao index``: build composite indices from a YAML pipeline spec."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sangtao.indices import (
    IndicesError,
    export_coin,
    get_results,
    load_spec,
)


def register(subparsers: Any) -> None:
    """Add the ``index`` command and its sub-commands to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "index",
        help="build composite indicators (COINr-style pipelines)",
        description="Build composite indicators from iData/iMeta tables and a YAML spec.",
    )
    sub = parser.add_subparsers(dest="index_command", required=True)

    build = sub.add_parser(
        "build",
        help="run a pipeline spec and write every stage",
        description=(
            "Run SPEC (a YAML pipeline with COINr's step and method names) and write one CSV "
            "per stage (raw.csv … aggregated.csv, uCode first), results.csv (score and rank "
            "of every aggregate) and index.xlsx to --out."
        ),
    )
    build.add_argument("spec", type=Path, help="YAML pipeline spec")
    build.add_argument("--data", type=Path, help="iData table (CSV or Excel); default: the spec's")
    build.add_argument("--meta", type=Path, help="iMeta table (CSV or Excel); default: the spec's")
    build.add_argument("--out", type=Path, required=True, help="output directory")
    build.add_argument("--no-excel", action="store_true", help="skip the Excel workbook")
    build.set_defaults(func=_build)


def _build(ns: argparse.Namespace) -> int:
    try:
        spec = load_spec(ns.spec)
        coin = spec.build(data=ns.data, meta=ns.meta)
        written = export_coin(coin, ns.out, excel=not ns.no_excel)
    except IndicesError as exc:
        print(f"sangtao index build: {exc}", file=sys.stderr)
        return 1
    for rec in coin.log:
        removed = rec.details.get("RemovedUnits")
        if removed:
            print(f"{rec.step}: removed {len(removed)} unit(s): {', '.join(removed)}")
        missing = rec.details.get("units_without_score")
        if missing:
            for agg, units in missing.items():
                print(
                    f"warning: {agg} has no score for {', '.join(units)} (no available data)",
                    file=sys.stderr,
                )
    if "Aggregated" in coin.data:
        res = get_results(coin)
        top = coin.framework.codes(level=coin.framework.n_levels)[0]
        head = ", ".join(f"{u} {s:.2f}" for u, s in zip(res["uCode"][:3], res[top][:3], strict=True))
        print(f"{spec.name or ns.spec.name}: {len(res)} units; top: {head}")
    print(f"wrote {len(written)} file(s) to {ns.out}")
    return 0
