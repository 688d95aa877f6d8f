"""Harmonisation accuracy on the hand-cleaned drone gold set (WIPO open-source manual)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sangtao.landscape import evaluate_harmonisation, gold_pairs_from_lens, read_gold_pairs
from sangtao.landscape._gold import write_gold_pairs

from .conftest import CORPUS_FIXTURES, FIXTURES

GOLD = FIXTURES / "drones_gold_pairs.csv"


def test_accuracy_on_the_drone_gold_set() -> None:
    score = evaluate_harmonisation(read_gold_pairs(GOLD))
    assert (score.names, score.gold_clusters, score.predicted_clusters) == (1312, 1253, 1294)
    assert score.accuracy == pytest.approx(0.9322, abs=1e-4)
    assert score.baseline_accuracy == pytest.approx(0.9200, abs=1e-4)
    assert score.accuracy > score.baseline_accuracy
    assert score.precision == pytest.approx(0.80)
    assert score.recall == pytest.approx(0.2532, abs=1e-4)
    assert score.baseline_recall == 0.0


def test_gold_pairs_are_read_from_the_two_lens_files(tmp_path: Path) -> None:
    cleaned = CORPUS_FIXTURES / "lens" / "drones_tac_cleaned_slice.csv"
    pairs = gold_pairs_from_lens(FIXTURES / "drones_families_slice.csv", cleaned)
    assert pairs == [("ASK IND SPA", "ASK IND SPA")]  # the one row in both slices
    write_gold_pairs(pairs, tmp_path / "g.csv")
    assert read_gold_pairs(tmp_path / "g.csv") == pairs
    assert set(pairs) <= set(read_gold_pairs(GOLD))
