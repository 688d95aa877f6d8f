"""Vectorised Monte Carlo uncertainty analysis."""

from __future__ import annotations

import numpy as np
import pytest

from sangtao.indices import AggregationError, SpecError, UncertaintyAnalysis

POSITIVE = [
    {"f_n": "n_minmax", "f_n_para": {"l_u": [1, 100]}},
    {"f_n": "n_zscore", "f_n_para": {"m_sd": [10, 2]}},
]


@pytest.fixture(scope="module")
def analysis():
    return UncertaintyAnalysis(
        N=300,
        noise={2: 0.25, 3: 0.25},
        normalisations=POSITIVE,
        aggregations=["a_amean", "a_gmean"],
        seed=7,
    )


@pytest.fixture(scope="module")
def result(analysis, asem_default):
    return analysis.run(asem_default)


def test_every_replication_replays_exactly(analysis, asem_default, result):
    reps = result.replications
    # one of each combination of normalisation and aggregation
    picks = [
        int(reps.index[(reps["normalisation"] == n) & (reps["f_ag"].str.startswith(a))][0])
        for n in (0, 1)
        for a in ("a_amean", "a_gmean")
    ]
    for i in picks:
        naive = analysis.replay(asem_default, result, i)
        np.testing.assert_allclose(result.scores[i], naive.to_numpy(), rtol=1e-12)


def test_rank_statistics(result, asem_default):
    stats = result.rank_stats
    assert list(stats.columns) == ["Nominal", "Mean", "Median", "Q5", "Q95", "Interval"]
    assert stats.loc["CHE", "Nominal"] == 1
    assert (stats["Q5"] <= stats["Median"]).all() and (stats["Median"] <= stats["Q95"]).all()
    np.testing.assert_allclose(stats["Median"], np.median(result.ranks, axis=0))
    assert result.ranks.shape == (300, 51)
    # each replication ranks 51 distinct positions (no ties in practice)
    assert (np.sort(result.ranks, axis=1) == np.arange(1, 52)).all()


def test_weights_are_noisy_within_bounds_and_choices_are_mixed(result):
    reps = result.replications
    assert reps["w_Physical"].between(0.75, 1.25).all()
    assert (reps["w_LPI"] == 1).all()  # level 1 not perturbed
    assert set(reps["normalisation"]) == {0, 1}
    assert set(reps["f_ag"]) == {"a_amean|a_amean|a_amean", "a_gmean|a_gmean|a_gmean"}


def test_same_seed_same_run(analysis, asem_default, result):
    again = analysis.run(asem_default)
    np.testing.assert_array_equal(again.scores, result.scores)


def test_no_noise_no_choice_reproduces_the_nominal_index(asem_default):
    res = UncertaintyAnalysis(N=3, seed=0).run(asem_default)
    nominal = asem_default.dataset("Aggregated")["Index"].to_numpy()
    np.testing.assert_allclose(res.scores, np.tile(nominal, (3, 1)), rtol=1e-12)
    np.testing.assert_array_equal(res.rank_stats["Q5"], res.rank_stats["Nominal"])


def test_invalid_choices_are_refused(asem_default):
    with pytest.raises(AggregationError, match="a_gmean cannot aggregate"):
        UncertaintyAnalysis(N=5, aggregations=["a_gmean"]).run(asem_default)
    with pytest.raises(SpecError, match="supports a_amean"):
        UncertaintyAnalysis(N=5, aggregations=["a_copeland"]).run(asem_default)
    with pytest.raises(SpecError, match="target 'LPI' is not an aggregate"):
        UncertaintyAnalysis(N=5, target="LPI").run(asem_default)


def test_ten_thousand_replications_run_in_batches(asem_default):
    res = UncertaintyAnalysis(N=10_000, noise={2: 0.5}, seed=3, chunk=2500).run(asem_default)
    assert res.scores.shape == (10_000, 51)
    assert not np.isnan(res.scores).any()
