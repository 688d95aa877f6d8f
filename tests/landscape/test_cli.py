"""The ``sangtao landscape`` command: definitions, build, check."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import sangtao.cli.landscape as cli_landscape
from sangtao.cli import main
from sangtao.landscape import Engine, Landscape, SparkEngine


def test_definitions_lists_the_shipped_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["landscape", "definitions"]) == 0
    out = capsys.readouterr().out
    assert "qd1131-2025" in out and "11 groups" in out and "35 products" in out
    assert "qd21-2026" in out and "30 products" in out and "wipo35" in out


def test_definitions_validates_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: nope\n", encoding="utf-8")
    assert main(["landscape", "definitions", str(bad)]) == 1
    assert "schema: expected 'sangtao.landscape/definition@1'" in capsys.readouterr().err


def test_build_writes_the_report(
    corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "uav"
    args = ["landscape", "build", "qd21-2026", "--group", "P22", "--corpus", str(corpus_dir)]
    assert main([*args, "--out", str(out), "--formats", "csv,html", "--no-topics"]) == 0
    printed = capsys.readouterr().out
    assert "qd21-2026 0.1.0 P22: 74 families" in printed and "proposal" in printed
    assert (out / "report.html").exists() and (out / "tables" / "flows.csv").exists()
    bad = ["landscape", "build", "qd21-2026", "--group", "P99", "--corpus", str(corpus_dir)]
    assert main([*bad, "--out", str(out)]) == 2
    assert "no group or product 'P99'" in capsys.readouterr().err


def test_check_writes_a_sample_then_reads_marks(
    corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = tmp_path / "sample.csv"
    args = ["landscape", "check", "qd1131-2025", "--group", "11.3", "--corpus", str(corpus_dir)]
    assert main([*args, "--out", str(sample), "--matched", "5", "--near", "5"]) == 0
    assert "5 matched and 4 near-miss" in capsys.readouterr().out
    with sample.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    for row in rows:
        row["relevant"] = "yes" if row["stratum"] == "matched" else "no"
    with sample.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert main(["landscape", "check", "qd1131-2025", "--marks", str(sample)]) == 0
    assert '"precision": 1.0' in capsys.readouterr().out


def test_build_runs_on_the_engine_asked_for(
    corpus_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    spark_session: object,
    uav: Landscape,
) -> None:
    """--engine spark builds on a SparkEngine over --corpus, closed afterwards.

    The build itself is the one ``test_engines.py`` checks table by table on every engine;
    here it is replaced by a query through the engine the command made.
    """
    seen: list[tuple[str, int, Engine]] = []

    def build(definition: object, engine: Engine, group: str, top: int) -> Landscape:
        documents = engine.query("SELECT count(*) AS n FROM documents").to_pylist()[0]["n"]
        seen.append((engine.dialect.name, documents, engine))
        return uav

    monkeypatch.setattr(cli_landscape, "build_landscape", build)
    args = ["landscape", "build", "qd1131-2025", "--group", "11", "--corpus", str(corpus_dir)]
    args += ["--formats", "csv", "--no-topics", "--out", str(tmp_path / "out")]
    assert main([*args, "--engine", "spark", "--spark-conf", "spark.sql.shuffle.partitions=3"]) == 0
    assert main(args) == 0
    assert [(name, n) for name, n, _ in seen] == [("spark", 283), ("duckdb", 283)]
    spark = seen[0][2]
    assert isinstance(spark, SparkEngine)
    assert spark.spark.conf.get("spark.sql.shuffle.partitions") == "3"
    assert not spark.spark.catalog.listTables()  # its views dropped on close
    assert (tmp_path / "out" / "tables" / "flows.csv").exists()
    capsys.readouterr()
    assert main([*args, "--engine", "spark", "--spark-conf", "nope"]) == 2
    assert "--spark-conf 'nope': expected KEY=VALUE" in capsys.readouterr().err
