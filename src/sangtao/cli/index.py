"""``sangtao index``: build composite indices from a YAML pipeline spec."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sangtao.indices import (
    IndicesError,
    SensitivityAnalysis,
    UncertaintyAnalysis,
    audit,
    compare_published,
    export_coin,
    get_results,
    load_spec,
    read_published_pii,
    write_report,
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

    ua = sub.add_parser(
        "uncertainty",
        help="Monte Carlo uncertainty analysis of a built index",
        description=(
            "Build SPEC, then rerun its weighting and aggregation N times with noisy weights "
            "(and optionally alternative aggregation methods); write rank_stats.csv (nominal, "
            "mean, median, 5th and 95th percentile rank per unit) and replications.csv (each "
            "replication's parameters, to replay it)."
        ),
    )
    ua.add_argument("spec", type=Path, help="YAML pipeline spec")
    ua.add_argument("--data", type=Path, help="iData table; default: the spec's")
    ua.add_argument("--meta", type=Path, help="iMeta table; default: the spec's")
    ua.add_argument("--out", type=Path, required=True, help="output directory")
    ua.add_argument("-n", "--replications", type=int, default=200, help="number of replications")
    ua.add_argument(
        "--noise",
        action="append",
        default=[],
        metavar="LEVEL=FACTOR",
        help="weight noise by level, e.g. --noise 2=0.25 (repeatable)",
    )
    ua.add_argument(
        "--aggregation",
        action="append",
        default=[],
        metavar="F_AG",
        help="alternative aggregation method (repeatable), e.g. a_amean",
    )
    ua.add_argument("--seed", type=int, default=None, help="random seed")
    ua.add_argument(
        "--sensitivity",
        type=int,
        default=0,
        metavar="N",
        help=(
            "also run a variance-based sensitivity analysis with base sample N (N(d+2) "
            "runs); writes sensitivity.csv (first-order and total indices) and "
            "sensitivity_runs.csv (every run's parameters and output)"
        ),
    )
    ua.set_defaults(func=_uncertainty)

    au = sub.add_parser(
        "audit",
        help="statistical audit of a built index",
        description=(
            "Build SPEC and write the audit tables to --out: stats_raw.csv and "
            "stats_normalised.csv (indicator statistics and flags), parent_corr.csv, "
            "corr_flags.csv (collinear > 0.9 and negative pairs), cronbach.csv, pca.csv and "
            "loo_level1.csv / loo_level2.csv (rank shifts when each element is left out)."
        ),
    )
    au.add_argument("spec", type=Path, help="YAML pipeline spec")
    au.add_argument("--data", type=Path, help="iData table; default: the spec's")
    au.add_argument("--meta", type=Path, help="iMeta table; default: the spec's")
    au.add_argument("--out", type=Path, required=True, help="output directory")
    au.add_argument("--no-loo", action="store_true", help="skip the leave-one-out rebuilds")
    au.set_defaults(func=_audit)

    rep = sub.add_parser(
        "report",
        help="bilingual (Vietnamese/English) HTML and PDF report",
        description=(
            "Build SPEC, audit it, optionally run an uncertainty analysis, and write "
            "report.html and report.pdf to --out."
        ),
    )
    rep.add_argument("spec", type=Path, help="YAML pipeline spec")
    rep.add_argument("--data", type=Path, help="iData table; default: the spec's")
    rep.add_argument("--meta", type=Path, help="iMeta table; default: the spec's")
    rep.add_argument("--out", type=Path, required=True, help="output directory")
    rep.add_argument("--title", default=None, help="report title (default: the spec's name)")
    rep.add_argument("-n", "--replications", type=int, default=0, help="uncertainty runs (0: none)")
    rep.add_argument("--map", type=Path, default=None, help="34-province GeoJSON for a map")
    rep.add_argument("--published", type=Path, default=None, help="published PII results CSV")
    rep.add_argument("--edition", type=int, default=None, help="edition of --published to show")
    rep.add_argument("--no-pdf", action="store_true", help="write the HTML only")
    rep.set_defaults(func=_report)


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
        head = ", ".join(
            f"{u} {s:.2f}" for u, s in zip(res["uCode"][:3], res[top][:3], strict=True)
        )
        print(f"{spec.name or ns.spec.name}: {len(res)} units; top: {head}")
    print(f"wrote {len(written)} file(s) to {ns.out}")
    return 0


def _uncertainty(ns: argparse.Namespace) -> int:
    try:
        noise = {}
        for item in ns.noise:
            level, _, factor = item.partition("=")
            noise[int(level)] = float(factor)
    except ValueError:
        print("sangtao index uncertainty: --noise takes LEVEL=FACTOR, e.g. 2=0.25", file=sys.stderr)
        return 2
    try:
        coin = load_spec(ns.spec).build(data=ns.data, meta=ns.meta)
        analysis = UncertaintyAnalysis(
            N=ns.replications,
            noise=noise,
            aggregations=ns.aggregation or None,
            seed=ns.seed,
        )
        result = analysis.run(coin)
    except IndicesError as exc:
        print(f"sangtao index uncertainty: {exc}", file=sys.stderr)
        return 1
    ns.out.mkdir(parents=True, exist_ok=True)
    stats = result.rank_stats.sort_values(["Nominal", "Median"]).reset_index()
    stats.to_csv(ns.out / "rank_stats.csv", index=False, float_format="%.17g")
    result.replications.to_csv(ns.out / "replications.csv", index_label="replication")
    wide = stats[stats["Interval"] > 20]
    print(
        f"{ns.replications} replications of {result.target}: {len(wide)} unit(s) with a "
        f"5-95 % rank interval wider than 20 positions"
    )
    print(f"wrote rank_stats.csv and replications.csv to {ns.out}")
    if ns.sensitivity:
        try:
            sa = SensitivityAnalysis(
                N=ns.sensitivity,
                noise=noise,
                aggregations=ns.aggregation or None,
                seed=ns.seed,
            ).run(coin)
        except IndicesError as exc:
            print(f"sangtao index uncertainty: {exc}", file=sys.stderr)
            return 1
        sa.indices.to_csv(ns.out / "sensitivity.csv", float_format="%.10g")
        sa.replications.to_csv(ns.out / "sensitivity_runs.csv", index_label="run")
        ranked = ", ".join(f"{f} {v:.2f}" for f, v in sa.indices["STi"].items())
        print(f"sensitivity ({len(sa.replications)} runs), total indices: {ranked}")
    return 0


def _audit(ns: argparse.Namespace) -> int:
    try:
        coin = load_spec(ns.spec).build(data=ns.data, meta=ns.meta)
        tables = audit(coin, leave_one_out=not ns.no_loo)
    except IndicesError as exc:
        print(f"sangtao index audit: {exc}", file=sys.stderr)
        return 1
    ns.out.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        table.to_csv(ns.out / f"{name}.csv", float_format="%.10g")
    flags = tables["corr_flags"]
    n_ol = int((tables["stats_raw"]["Flag.SkewKurt"] == "OL").sum())
    print(
        f"audit: {n_ol} indicator(s) with outliers (raw), "
        f"{int((flags['Flag'] == 'Collinear').sum())} collinear and "
        f"{int((flags['Flag'] == 'Negative').sum())} negative pair(s) within pillars"
    )
    print(f"wrote {len(tables)} table(s) to {ns.out}")
    return 0


def _report(ns: argparse.Namespace) -> int:
    try:
        spec = load_spec(ns.spec)
        coin = spec.build(data=ns.data, meta=ns.meta)
        tables = audit(coin, leave_one_out=False)
        ua = None
        if ns.replications:
            ua = UncertaintyAnalysis(N=ns.replications, noise={2: 0.25}, seed=1).run(coin)
        published = None
        if ns.published is not None:
            pub = read_published_pii(ns.published)
            edition = ns.edition if ns.edition is not None else int(pub["edition"].max())
            top = coin.framework.codes(level=coin.framework.n_levels)[0]
            published = compare_published(coin, pub, edition, code=top)
        written = write_report(
            coin,
            ns.out,
            title=ns.title or spec.name or ns.spec.stem,
            uncertainty=ua,
            audit=tables,
            published=published,
            geojson=ns.map,
            pdf=not ns.no_pdf,
        )
    except IndicesError as exc:
        print(f"sangtao index report: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {', '.join(p.name for p in written)} to {ns.out}")
    return 0
