"""The ``sangtao index build`` command."""

from __future__ import annotations

import pandas as pd

from sangtao.cli import main


def test_index_build_writes_stages_and_results(asem_dir, tmp_path, capsys):
    out = tmp_path / "out"
    rc = main(
        [
            "index",
            "build",
            str(asem_dir / "default.yaml"),
            "--data",
            str(asem_dir / "asem_idata.csv"),
            "--meta",
            str(asem_dir / "asem_imeta.csv"),
            "--out",
            str(out),
        ]
    )
    assert rc == 0
    printed = capsys.readouterr().out
    assert "top: CHE 68.38, NLD 64.82, DNK 64.80" in printed
    for stem in (
        "raw",
        "denominated",
        "screened",
        "imputed",
        "treated",
        "normalised",
        "aggregated",
    ):
        frame = pd.read_csv(out / f"{stem}.csv")
        assert frame.columns[0] == "uCode"
    res = pd.read_csv(out / "results.csv")
    assert res.loc[0, "uCode"] == "CHE" and round(res.loc[0, "Index"], 2) == 68.38
    assert (out / "index.xlsx").is_file()


def test_index_build_reports_bad_input(tmp_path, capsys):
    spec = tmp_path / "s.yaml"
    spec.write_text("steps:\n  - Normalize: {}\n")
    assert main(["index", "build", str(spec), "--out", str(tmp_path / "o")]) == 1
    assert "unknown step 'Normalize'" in capsys.readouterr().err


def test_index_uncertainty_writes_rank_statistics(asem_dir, tmp_path):
    out = tmp_path / "ua"
    args = ["index", "uncertainty", str(asem_dir / "default.yaml"), "--out", str(out)]
    rc = main([*args, "-n", "50", "--noise", "2=0.25", "--noise", "3=0.25", "--seed", "1"])
    assert rc == 0
    stats = pd.read_csv(out / "rank_stats.csv")
    assert list(stats.columns) == ["uCode", "Nominal", "Mean", "Median", "Q5", "Q95", "Interval"]
    assert stats.loc[0, "uCode"] == "CHE"
    reps = pd.read_csv(out / "replications.csv")
    assert len(reps) == 50 and "w_Physical" in reps.columns
    assert main([*args, "--noise", "two"]) == 2


def test_index_audit_writes_tables(asem_dir, tmp_path, capsys):
    out = tmp_path / "audit"
    rc = main(["index", "audit", str(asem_dir / "default.yaml"), "--out", str(out), "--no-loo"])
    assert rc == 0
    assert "collinear" in capsys.readouterr().out
    cron = pd.read_csv(out / "cronbach.csv", index_col=0)
    assert set(cron.index) >= {"Physical", "Conn", "Index"}
    stats = pd.read_csv(out / "stats_raw.csv", index_col=0)
    assert stats.loc["Flights", "Flag.SkewKurt"] == "OL"
    for name in ("stats_normalised", "parent_corr", "corr_flags", "pca"):
        assert (out / f"{name}.csv").exists()


def test_index_report_with_map_and_published(tmp_path, capsys):
    from pathlib import Path

    pii = Path(__file__).resolve().parents[2] / "examples" / "pii"
    out = tmp_path / "report"
    rc = main(
        [
            "index",
            "report",
            str(pii / "pii.yaml"),
            "--out",
            str(out),
            "--map",
            str(pii / "vn_34_provinces_odv_taliacao.geojson"),
            "--published",
            str(pii / "pii_published_results.csv"),
            "--edition",
            "2025",
            "--no-pdf",
        ]
    )
    assert rc == 0, capsys.readouterr().err
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Hoang Sa" in html and "So sánh với kết quả công bố" in html
    assert "65.68" in html  # Hà Nội's published PII 2025 beside the computed score


def test_index_uncertainty_with_sensitivity(asem_dir, tmp_path, capsys):
    out = tmp_path / "ua"
    rc = main(
        [
            "index",
            "uncertainty",
            str(asem_dir / "default.yaml"),
            "--out",
            str(out),
            "-n",
            "100",
            "--noise",
            "2=0.25",
            "--noise",
            "3=0.25",
            "--aggregation",
            "a_amean",
            "--aggregation",
            "a_genmean",
            "--sensitivity",
            "64",
            "--seed",
            "4",
        ]
    )
    assert rc == 0, capsys.readouterr().err
    sens = pd.read_csv(out / "sensitivity.csv", index_col=0)
    assert list(sens.index) == ["weights_L2", "weights_L3", "aggregation"]
    runs = pd.read_csv(out / "sensitivity_runs.csv")
    assert len(runs) == 64 * 5 and "w_Physical" in runs.columns and "y" in runs.columns


def test_index_uncertainty_with_imputation_and_treatment_choices_replays(asem_dir, tmp_path):
    import json

    import numpy as np

    from sangtao.indices import UncertaintyAnalysis, load_spec, rank_scores

    out = tmp_path / "ua"
    minmax = "{f_n: n_minmax, f_n_para: {l_u: [1, 100]}}"
    args = [
        "index",
        "uncertainty",
        str(asem_dir / "default.yaml"),
        "--out",
        str(out),
        "-n",
        "40",
        "--noise",
        "2=0.25",
        "--imputation",
        "nominal",
        "--imputation",
        "i_median",
        "--treatment",
        "nominal",
        "--treatment",
        "none",
        "--treatment",
        "{global_specs: {f1_para: {winmax: 2}}}",
        "--normalisation",
        minmax,
        "--normalisation",
        "n_rank",
        "--seed",
        "3",
        "--quiet",
    ]
    assert main(args) == 0
    reps = pd.read_csv(out / "replications.csv", index_col="replication")
    assert {"imputation", "treatment", "normalisation", "f_ag", "w_Physical"} <= set(reps)
    alts = json.loads((out / "alternatives.json").read_text(encoding="utf-8"))
    assert alts["seed"] == 3 and alts["N"] == 40
    assert alts["imputation"] == [{}, {"f_i": "i_median"}]
    assert alts["treatment"] == [
        {},
        {"global_specs": "none"},
        {"global_specs": {"f1_para": {"winmax": 2}}},
    ]
    assert alts["normalisation"][1] == {"f_n": "n_rank"}
    # the exported files are enough to replay any replication exactly
    coin = load_spec(asem_dir / "default.yaml").build()
    analysis = UncertaintyAnalysis(
        noise={2: 0.25},
        imputations=alts["imputation"],
        treatments=alts["treatment"],
        normalisations=alts["normalisation"],
        aggregations=alts["aggregation"],
    )
    rerun = UncertaintyAnalysis(
        N=40,
        seed=3,
        noise={2: 0.25},
        imputations=["nominal", "i_median"],
        treatments=alts["treatment"],
        normalisations=alts["normalisation"],
    ).run(coin)

    class FromFiles:
        replications = reps
        target = "Index"

    for i in (0, 17, 39):
        naive = analysis.replay(coin, FromFiles, i).to_numpy()
        np.testing.assert_array_equal(rank_scores(naive), rerun.ranks[i])
    stats = pd.read_csv(out / "rank_stats.csv").set_index("uCode")
    np.testing.assert_array_equal(stats["Median"], rerun.rank_stats.loc[stats.index, "Median"])
    assert main([*args[:-1], "--treatment", "[unclosed"]) == 2


def test_index_build_of_a_panel_writes_every_year(asem_dir, tmp_path, capsys):
    panel = pd.read_csv(asem_dir / "asem_idata_panel.csv")
    data = tmp_path / "panel.csv"
    panel[panel["Time"] <= 2020].to_csv(data, index=False)
    out = tmp_path / "out"
    rc = main(
        [
            "index",
            "build",
            str(asem_dir / "default.yaml"),
            "--data",
            str(data),
            "--out",
            str(out),
            "--no-excel",
            "--panel-impute",
            "latest",
        ]
    )
    assert rc == 0, capsys.readouterr().err
    captured = capsys.readouterr()
    assert "3 years (2018-2020)" in captured.out
    assert "build years: 3/3 (100%)" in captured.err
    for year in (2018, 2019, 2020):
        assert (out / str(year) / "aggregated.csv").is_file()
    res = pd.read_csv(out / "results_panel.csv")
    assert set(res["Time"]) == {2018, 2019, 2020} and len(res) == 3 * 51
    assert set(pd.read_csv(out / "changes.csv")["From"]) == {2018, 2019}
