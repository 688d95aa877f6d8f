"""Precision checks: a sample to mark (CSV out), marks read back (CSV in), estimates."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sangtao.landscape import (
    LandscapeError,
    estimate_precision_recall,
    load_definition,
    precision_sample,
    write_sample,
)
from sangtao.landscape._review import read_marks


def test_sample_has_matched_and_near_miss_strata(corpus_dir: Path) -> None:
    sample = precision_sample(
        load_definition("qd1131-2025"), corpus_dir, "11.3", matched=10, near=10, seed=1
    )
    rows = sample.to_pylist()
    matched = [r for r in rows if r["stratum"] == "matched"]
    near = [r for r in rows if r["stratum"] == "near-miss"]
    assert len(matched) == 10 and {r["stratum_size"] for r in matched} == {74}
    assert len(near) == 4 and {r["stratum_size"] for r in near} == {4}
    assert all("11.3 exclude keywords" in r["criteria_hit"] for r in near)
    assert all("drone" in r["title"].lower() for r in near)
    again = precision_sample(
        load_definition("qd1131-2025"), corpus_dir, "11.3", matched=10, near=10, seed=1
    )
    assert again["doc_id"].to_pylist() == sample["doc_id"].to_pylist()


def test_marks_give_precision_and_recall(corpus_dir: Path, tmp_path: Path) -> None:
    sample = precision_sample(
        load_definition("qd1131-2025"), corpus_dir, "11.3", matched=20, near=10
    )
    path = write_sample(sample, tmp_path / "sample.csv")
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    for row in rows:
        # an examiner's marks: bee drones and antisense "drones" are not UAVs
        title = row["title"].lower()
        row["relevant"] = (
            "no" if ("pupa" in title or "brood" in title or "gene" in title) else "yes"
        )
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    estimate = estimate_precision_recall(path)
    relevant = sum(1 for r in rows if r["stratum"] == "matched" and r["relevant"] == "yes")
    assert estimate.matched_marked == 20 and estimate.matched_relevant == relevant
    assert estimate.precision == pytest.approx(relevant / 20)
    assert estimate.precision_low is not None and estimate.precision_low < estimate.precision
    assert estimate.near_marked == 4 and estimate.near_relevant == 0
    assert estimate.recall == pytest.approx(1.0)


def test_wilson_interval_and_recall_from_rows() -> None:
    rows = [{"stratum": "matched", "stratum_size": 100, "relevant": i < 8} for i in range(10)] + [
        {"stratum": "near-miss", "stratum_size": 50, "relevant": i < 2} for i in range(10)
    ]
    e = estimate_precision_recall(rows)
    assert e.precision == 0.8
    assert e.precision_low == pytest.approx(0.4902, abs=1e-4)
    assert e.precision_high == pytest.approx(0.9433, abs=1e-4)
    assert e.recall == pytest.approx(80 / (80 + 10))


def test_bad_marks_are_reported_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "marks.csv"
    path.write_text(
        "stratum,stratum_size,doc_id,relevant\nmatched,3,US-1,yes\nmatched,3,US-2,maybe\n",
        encoding="utf-8",
    )
    with pytest.raises(LandscapeError, match="line 3: relevant = 'maybe'"):
        read_marks(path)
    path.write_text("doc_id,relevant\nUS-1,yes\n", encoding="utf-8")
    with pytest.raises(LandscapeError, match="missing column"):
        read_marks(path)
