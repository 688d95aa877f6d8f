"""Aggregation functions on hand-computed rows, and the Aggregate step."""

from __future__ import annotations

import numpy as np
import pytest

from sangtao.indices import (
    Aggregate,
    AggregationError,
    Normalise,
    SpecError,
    a_amean,
    a_copeland,
    a_genmean,
    a_gmean,
    a_hmean,
)

ROWS = np.array([[1.0, 4.0, 16.0], [2.0, np.nan, 8.0], [np.nan, np.nan, np.nan]])
W = np.array([1.0, 2.0, 1.0])


def test_arithmetic_mean_renormalises_over_available_values():
    out = a_amean(ROWS, W)
    np.testing.assert_allclose(out[:2], [(1 + 8 + 16) / 4, (2 + 8) / 2])
    assert np.isnan(out[2])  # nothing available: no score, recorded by the step


def test_geometric_harmonic_and_generalised_means():
    np.testing.assert_allclose(a_gmean(ROWS, W)[:2], [(1 * 16 * 16) ** 0.25, 4.0])
    np.testing.assert_allclose(a_hmean(ROWS, W)[:2], [4 / (1 + 0.5 + 1 / 16), 2 / (0.5 + 0.125)])
    np.testing.assert_allclose(
        a_genmean(ROWS, W, p=2)[:2], [np.sqrt((1 + 32 + 256) / 4), np.sqrt(34)]
    )


def test_bad_inputs_raise_clear_errors():
    with pytest.raises(AggregationError, match="zero or negative"):
        a_gmean(np.array([[1.0, -2.0]]))
    with pytest.raises(AggregationError, match="zero or negative value"):
        a_hmean(np.array([[1.0, 0.0]]))
    with pytest.raises(AggregationError, match="sum to zero"):
        a_amean(np.array([[1.0, 2.0]]), np.array([1.0, -1.0]))
    with pytest.raises(AggregationError, match="use a_gmean"):
        a_genmean(ROWS, W, p=0)


def test_copeland_counts_pairwise_wins_minus_losses():
    x = np.array([[3.0, 1.0, 2.0], [1.0, 3.0, 1.0], [2.0, 2.0, 3.0]])
    # U0 vs U1: U0 wins on 1st and 3rd (w 2/3) -> +1; U0 vs U2: wins 1st only -> -1
    # U1 vs U2: wins 2nd only -> -1
    np.testing.assert_allclose(a_copeland(x), [0, -2, 2])
    # weights can turn a pair: the 2nd indicator alone outweighs the others
    np.testing.assert_allclose(a_copeland(x, np.array([1.0, 5.0, 1.0])), [-2, 2, 0])


def test_aggregate_step_builds_every_level(small_coin):
    norm = Normalise().apply(small_coin)
    agg = Aggregate().apply(norm).dataset("Aggregated")
    # a = (0, 300/7, 100, NA), b = (0, 100/3, NA, 100), weights 1 and 3; c = (0, 50, 100, 75)
    p1 = [0, (300 / 7 + 100) / 4, 100, 100]
    np.testing.assert_allclose(agg["P1"], p1)
    np.testing.assert_allclose(agg["Index"], (np.array(p1) + [0, 50, 100, 75]) / 2)
    assert list(agg.columns) == ["a", "b", "c", "P1", "P2", "Index"]


def test_weights_methods_per_level_and_dat_thresh(small_coin):
    norm = Normalise(global_specs={"f_n": "n_minmax", "f_n_para": {"l_u": [1, 100]}}).apply(
        small_coin
    )
    step = Aggregate(f_ag=["a_amean", "a_gmean"], w=["none", {"P2": 3.0}], dat_thresh=[0.6, None])
    built = step.apply(norm)
    agg = built.dataset("Aggregated")
    x = norm.dataset("Normalised")
    np.testing.assert_allclose(
        agg.loc[["U1", "U2"], "P1"], x.loc[["U1", "U2"], ["a", "b"]].mean(axis=1)
    )
    assert np.isnan(agg.at["U3", "P1"]) and np.isnan(agg.at["U4", "P1"])
    assert built.record("Aggregate").details["below_dat_thresh"] == {"P1": ["U3", "U4"]}
    assert built.record("Aggregate").details["units_without_score"] == {"P1": ["U3", "U4"]}
    # the index falls back on the available pillar, with its weight renormalised
    assert agg.at["U3", "Index"] == pytest.approx(agg.at["U3", "P2"])
    expected = np.exp((np.log(agg.at["U2", "P1"]) + 3 * np.log(agg.at["U2", "P2"])) / 4)
    assert agg.at["U2", "Index"] == pytest.approx(expected)


def test_aggregate_spec_errors(small_coin):
    norm = Normalise().apply(small_coin)
    with pytest.raises(SpecError, match="unknown aggregation 'a_mean'"):
        Aggregate(f_ag="a_mean").apply(norm)
    with pytest.raises(SpecError, match="one entry per aggregation level"):
        Aggregate(f_ag=["a_amean"]).apply(norm)
    with pytest.raises(AggregationError, match="aggregating P1 \\(a_gmean\\)"):
        Aggregate(f_ag="a_gmean").apply(norm)


def test_asem_default_index_matches_coinr_documentation(asem_default):
    # COINr docs (articles/results.html): CHE 68.38, NLD 64.82, DNK 64.80
    top = asem_default.dataset("Aggregated")["Index"].sort_values(ascending=False).head(3)
    assert list(top.index) == ["CHE", "NLD", "DNK"]
    np.testing.assert_allclose(top.round(2).to_numpy(), [68.38, 64.82, 64.80])
    assert not asem_default.dataset("Aggregated").isna().any().any()
