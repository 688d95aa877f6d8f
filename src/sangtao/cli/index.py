"""``sangtao index``: build composite indices from a YAML pipeline spec."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from sangtao.indices import (
    IMP_TYPES,
    Coin,
    IndicesError,
    PipelineSpec,
    SensitivityAnalysis,
    TextProgress,
    UncertaintyAnalysis,
    audit,
    compare_published,
    export_coin,
    get_results,
    load_spec,
    read_published_pii,
    write_report,
)


def _progress_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--progress",
        action="store_true",
        help="draw a progress bar on stderr even when stderr is not a terminal (by default "
        "a bar on a terminal, plain periodic lines otherwise)",
    )
    group.add_argument("--quiet", action="store_true", help="no progress output")


def _reporter(ns: argparse.Namespace) -> TextProgress | None:
    if ns.quiet:
        return None
    return TextProgress(sys.stderr, bar=True if ns.progress else None)


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
            "of every aggregate), missing_scores.csv (if a score is missing, and why) and "
            "index.xlsx to --out. Panel iData (several Time values) are built year by year "
            "into --out/<year>/, with results_panel.csv and changes.csv beside them."
        ),
    )
    build.add_argument("spec", type=Path, help="YAML pipeline spec")
    build.add_argument("--data", type=Path, help="iData table (CSV or Excel); default: the spec's")
    build.add_argument("--meta", type=Path, help="iMeta table (CSV or Excel); default: the spec's")
    build.add_argument("--out", type=Path, required=True, help="output directory")
    build.add_argument("--no-excel", action="store_true", help="skip the Excel workbook")
    build.add_argument(
        "--panel-impute",
        choices=IMP_TYPES,
        default=None,
        help="for panel iData (several Time values): impute from other years first",
    )
    _progress_flags(build)
    build.set_defaults(func=_build)

    ua = sub.add_parser(
        "uncertainty",
        help="Monte Carlo uncertainty analysis of a built index",
        description=(
            "Build SPEC, then rerun it N times with noisy weights and, optionally, alternative "
            "imputation, treatment, normalisation and aggregation choices; write "
            "rank_stats.csv (nominal, mean, median, 5th and 95th percentile rank per unit), "
            "replications.csv (each replication's parameters, to replay it) and "
            "alternatives.json (what the choice indices of replications.csv point to)."
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
    ua.add_argument(
        "--imputation",
        action="append",
        default=[],
        metavar="F_I|YAML",
        help="alternative of the spec's Impute step (repeatable): an f_i name (i_mean, "
        "i_median, none, nominal) or a YAML mapping of its parameters",
    )
    ua.add_argument(
        "--treatment",
        action="append",
        default=[],
        metavar="SPECS|YAML",
        help="alternative of the spec's Treat step (repeatable): none, gii, nominal, or a YAML "
        "mapping of its parameters, e.g. '{global_specs: {f1_para: {winmax: 3}}}'",
    )
    ua.add_argument(
        "--normalisation",
        action="append",
        default=[],
        metavar="F_N|YAML",
        help="alternative normalisation (repeatable): an f_n name or a YAML global_specs "
        "mapping, e.g. '{f_n: n_minmax, f_n_para: {l_u: [1, 100]}}'",
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
    _progress_flags(ua)
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
    _progress_flags(rep)
    rep.set_defaults(func=_report)


def _build(ns: argparse.Namespace) -> int:
    progress = _reporter(ns)
    try:
        spec = load_spec(ns.spec)
        idata = spec.read_data(ns.data)
        if spec.is_panel(idata):
            return _build_panel(ns, spec, idata, progress)
        coin = spec.build(data=idata, meta=ns.meta)
        written = export_coin(coin, ns.out, excel=not ns.no_excel)
    except IndicesError as exc:
        print(f"sangtao index build: {exc}", file=sys.stderr)
        return 1
    finally:
        if progress is not None:
            progress.close()
    _print_log(coin)
    if "Aggregated" in coin.data:
        res = get_results(coin)
        top = coin.framework.codes(level=coin.framework.n_levels)[0]
        head = ", ".join(
            f"{u} {s:.2f}" for u, s in zip(res["uCode"][:3], res[top][:3], strict=True)
        )
        print(f"{spec.name or ns.spec.name}: {len(res)} units; top: {head}")
    print(f"wrote {len(written)} file(s) to {ns.out}")
    return 0


def _print_log(coin: Coin, prefix: str = "") -> None:
    for rec in coin.log:
        removed = rec.details.get("RemovedUnits")
        if removed:
            print(f"{prefix}{rec.step}: removed {len(removed)} unit(s): {', '.join(removed)}")
        missing = rec.details.get("units_without_score")
        if missing:
            for agg, units in missing.items():
                print(
                    f"warning: {prefix}{agg} has no score for {', '.join(units)} "
                    "(see missing_scores.csv)",
                    file=sys.stderr,
                )


def _build_panel(
    ns: argparse.Namespace, spec: PipelineSpec, idata: pd.DataFrame, progress: TextProgress | None
) -> int:
    impute = {"imp_type": ns.panel_impute} if ns.panel_impute else None
    purse = spec.build_purse(idata, ns.meta, impute=impute, progress=progress)
    written = 0
    for t, coin in purse.coins.items():
        written += len(export_coin(coin, ns.out / str(t), excel=not ns.no_excel))
        _print_log(coin, f"{t}: ")
    ns.out.mkdir(parents=True, exist_ok=True)
    purse.results().to_csv(ns.out / "results_panel.csv", index=False, float_format="%.17g")
    purse.changes().to_csv(ns.out / "changes.csv", index=False, float_format="%.17g")
    for note in purse.notes:
        print(f"note: {note}")
    print(
        f"{spec.name or ns.spec.name}: {len(purse.times)} years "
        f"({purse.times[0]}-{purse.times[-1]}); wrote {written + 2} file(s) to {ns.out}"
    )
    return 0


def _alternatives(values: list[str], what: str) -> list[Any]:
    """Parse repeatable CLI alternatives: a plain word, or a YAML mapping."""
    out: list[Any] = []
    for value in values:
        try:
            parsed = yaml.safe_load(value)
        except yaml.YAMLError as exc:
            raise ValueError(f"--{what} {value!r} is not valid YAML: {exc}") from None
        if not isinstance(parsed, str | dict):
            raise ValueError(f"--{what} takes a name or a YAML mapping, not {value!r}")
        if what == "normalisation" and isinstance(parsed, str):
            parsed = {"f_n": parsed}
        out.append(parsed)
    return out


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
        choices: dict[str, Any] = {
            "noise": noise,
            "imputations": _alternatives(ns.imputation, "imputation") or None,
            "treatments": _alternatives(ns.treatment, "treatment") or None,
            "normalisations": _alternatives(ns.normalisation, "normalisation") or None,
            "aggregations": ns.aggregation or None,
        }
    except ValueError as exc:
        print(f"sangtao index uncertainty: {exc}", file=sys.stderr)
        return 2
    progress = _reporter(ns)
    try:
        coin = load_spec(ns.spec).build(data=ns.data, meta=ns.meta)
        analysis = UncertaintyAnalysis(N=ns.replications, seed=ns.seed, **choices)
        result = analysis.run(coin, progress=progress)
        sa = None
        if ns.sensitivity:
            sa = SensitivityAnalysis(N=ns.sensitivity, seed=ns.seed, **choices).run(
                coin, progress=progress
            )
    except IndicesError as exc:
        print(f"sangtao index uncertainty: {exc}", file=sys.stderr)
        return 1
    finally:
        if progress is not None:
            progress.close()
    ns.out.mkdir(parents=True, exist_ok=True)
    stats = result.rank_stats.sort_values(["Nominal", "Median"]).reset_index()
    stats.to_csv(ns.out / "rank_stats.csv", index=False, float_format="%.17g")
    result.replications.to_csv(
        ns.out / "replications.csv", index_label="replication", float_format="%.17g"
    )
    (ns.out / "alternatives.json").write_text(
        json.dumps(
            {"seed": ns.seed, "N": ns.replications, **result.alternatives},
            indent=2,
            ensure_ascii=False,
            default=str,
        ),
        encoding="utf-8",
    )
    wide = stats[stats["Interval"] > 20]
    print(
        f"{ns.replications} replications of {result.target}: {len(wide)} unit(s) with a "
        f"5-95 % rank interval wider than 20 positions"
    )
    print(f"wrote rank_stats.csv, replications.csv and alternatives.json to {ns.out}")
    if sa is not None:
        sa.indices.to_csv(ns.out / "sensitivity.csv", float_format="%.10g")
        sa.replications.to_csv(
            ns.out / "sensitivity_runs.csv", index_label="run", float_format="%.17g"
        )
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
            progress = _reporter(ns)
            ua = UncertaintyAnalysis(N=ns.replications, noise={2: 0.25}, seed=1).run(
                coin, progress=progress
            )
            if progress is not None:
                progress.close()
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
