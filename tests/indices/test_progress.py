"""Progress of long runs: the callback protocol, the text renderer and the CLI flags."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from sangtao.cli import main
from sangtao.indices import (
    SensitivityAnalysis,
    TextProgress,
    UncertaintyAnalysis,
    build_purse,
    load_spec,
)


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[int, int, str]] = []

    def __call__(self, done: int, total: int, label: str) -> None:
        self.events.append((done, total, label))

    def stages(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for done, total, label in self.events:
            out.setdefault(label, []).append(done)
            assert 0 <= done <= total
        return out


def test_lines_are_written_at_start_end_and_every_interval():
    clock, out = Clock(), io.StringIO()
    bar = TextProgress(out, bar=False, interval=5.0, clock=clock)
    bar(0, 100, "stage")
    for done in range(1, 101):
        clock.t += 0.125  # 12.5 s in all: periodic lines at 5 and 10 s
        bar(done, 100, "stage")
    lines = out.getvalue().splitlines()
    assert lines == [
        "stage: 0/100 (0%) 0.0 s",
        "stage: 40/100 (40%) 5.0 s, about 8 s left",
        "stage: 80/100 (80%) 10.0 s, about 2 s left",
        "stage: 100/100 (100%) 12.5 s",
    ]
    assert "\r" not in out.getvalue()


def test_bar_is_redrawn_in_place_and_ends_its_line():
    clock, out = Clock(), io.StringIO()
    bar = TextProgress(out, bar=True, interval=0.0, width=10, clock=clock)
    bar(0, 4, "runs")
    bar(2, 4, "runs")
    bar(4, 4, "runs")
    text = out.getvalue()
    assert text.count("\r") == 3 and text.endswith("\n") and text.count("\n") == 1
    assert "runs [#####.....]  50% 2/4" in text
    assert "runs [##########] 100% 4/4" in text


def test_an_unfinished_bar_is_closed_by_the_next_stage_or_close():
    out = io.StringIO()
    bar = TextProgress(out, bar=True, interval=0.0)
    bar(1, 3, "one")
    bar(0, 2, "two")
    assert out.getvalue().split("\r")[1].endswith("\n")  # "one" ended before "two"
    bar.close()
    assert out.getvalue().endswith("\n")


def test_bar_by_default_only_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert TextProgress(Tty()).bar is True
    assert TextProgress(io.StringIO()).bar is False
    assert TextProgress(io.StringIO(), bar=True).bar is True


def test_uncertainty_and_sensitivity_report_every_stage(asem_default):
    rec = Recorder()
    UncertaintyAnalysis(
        N=5000,
        noise={2: 0.25},
        normalisations=[{"f_n": "n_minmax", "f_n_para": {"l_u": [1, 100]}}, {"f_n": "n_rank"}],
        chunk=1000,
        seed=1,
    ).run(asem_default, progress=rec)
    stages = rec.stages()
    assert list(stages) == ["uncertainty: data variants", "uncertainty: replications"]
    assert stages["uncertainty: data variants"] == [0, 1, 2]
    reps = stages["uncertainty: replications"]
    assert reps[0] == 0 and reps[-1] == 5000 and reps == sorted(reps) and len(reps) >= 6

    rec = Recorder()
    SensitivityAnalysis(N=64, noise={2: 0.25}, Nboot=40, seed=1).run(asem_default, progress=rec)
    stages = rec.stages()
    assert list(stages) == [
        "sensitivity: data variants",
        "sensitivity: runs",
        "sensitivity: bootstrap",
    ]
    assert stages["sensitivity: runs"][-1] == 64 * 3
    assert stages["sensitivity: bootstrap"][-1] == 40


def test_panel_builds_report_each_year(asem_dir):
    panel = pd.read_csv(asem_dir / "asem_idata_panel.csv")
    panel = panel[panel["Time"] <= 2019]
    meta = pd.read_csv(asem_dir / "asem_imeta.csv")
    rec = Recorder()
    build_purse(panel, meta, load_spec(asem_dir / "default.yaml").steps, progress=rec)
    assert rec.events == [(0, 2, "build years"), (1, 2, "build years"), (2, 2, "build years")]


@pytest.fixture
def ua_args(asem_dir, tmp_path):
    return [
        "index",
        "uncertainty",
        str(asem_dir / "default.yaml"),
        "--out",
        str(tmp_path / "ua"),
        "-n",
        "50",
        "--noise",
        "2=0.25",
        "--seed",
        "1",
    ]


def test_cli_writes_plain_lines_when_stderr_is_not_a_terminal(ua_args, capsys):
    assert main(ua_args) == 0
    err = capsys.readouterr().err
    assert "uncertainty: replications: 50/50 (100%)" in err
    assert "\r" not in err


def test_cli_progress_flag_forces_a_bar_and_quiet_silences_it(ua_args, capsys):
    assert main([*ua_args, "--progress"]) == 0
    err = capsys.readouterr().err
    assert "\runcertainty: replications [" in err and "100% 50/50" in err
    assert main([*ua_args, "--quiet"]) == 0
    assert capsys.readouterr().err == ""
