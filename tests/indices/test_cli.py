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
