"""Variance-based sensitivity analysis (Saltelli/Jansen estimators)."""

from __future__ import annotations

import numpy as np
import pytest

from sangtao.indices import SensitivityAnalysis, SpecError, sobol_indices


def test_estimators_on_a_linear_model():
    # y = x1 + 2 x2 with x uniform: S1 = 1/5, S2 = 4/5, no interaction (S = ST)
    rng = np.random.default_rng(0)
    n = 40_000
    a, b = rng.random((n, 2)), rng.random((n, 2))

    def f(x):
        return x[:, 0] + 2 * x[:, 1]

    ab = []
    for i in range(2):
        m = a.copy()
        m[:, i] = b[:, i]
        ab.append(f(m))
    s, st = sobol_indices(f(a), f(b), np.array(ab))
    np.testing.assert_allclose(s, [0.2, 0.8], atol=0.02)
    np.testing.assert_allclose(st, [0.2, 0.8], atol=0.02)


def test_estimators_on_a_product_model():
    # y = x1 * x2, x ~ U(0, 1): V = 7/144, V1 = V2 = 1/48, V12 = 1/144
    rng = np.random.default_rng(1)
    n = 100_000
    a, b = rng.random((n, 2)), rng.random((n, 2))
    ab = []
    for i in range(2):
        m = a.copy()
        m[:, i] = b[:, i]
        ab.append(m[:, 0] * m[:, 1])
    s, st = sobol_indices(a[:, 0] * a[:, 1], b[:, 0] * b[:, 1], np.array(ab))
    np.testing.assert_allclose(s, [3 / 7, 3 / 7], atol=0.02)
    np.testing.assert_allclose(st, [4 / 7, 4 / 7], atol=0.02)


POSITIVE = [
    {"f_n": "n_minmax", "f_n_para": {"l_u": [1, 100]}},
    {"f_n": "n_zscore", "f_n_para": {"m_sd": [10, 2]}},
]


@pytest.fixture(scope="module")
def analysis():
    return SensitivityAnalysis(
        N=256,
        noise={2: 0.25, 3: 0.25},
        normalisations=POSITIVE,
        aggregations=["a_amean", "a_gmean"],
        Nboot=100,
        seed=3,
    )


def test_asem_sensitivity_runs_are_exported_and_replay(analysis, asem_default):
    res = analysis.run(asem_default)
    assert list(res.indices.index) == ["weights_L2", "weights_L3", "normalisation", "aggregation"]
    reps = res.replications
    assert len(reps) == 256 * (4 + 2) == res.scores.shape[0]
    # AB:aggregation differs from A only in the aggregation choice
    a = reps[reps["matrix"] == "A"].reset_index(drop=True)
    ab = reps[reps["matrix"] == "AB:aggregation"].reset_index(drop=True)
    w_cols = [c for c in reps.columns if c.startswith("w_")]
    np.testing.assert_array_equal(a[w_cols], ab[w_cols])
    assert (a["normalisation"] == ab["normalisation"]).all()
    ua = analysis.uncertainty()
    for i in (0, 300, len(reps) - 1):
        np.testing.assert_allclose(ua.replay(asem_default, res, i).to_numpy(), res.scores[i])
    st = res.indices
    assert (st["STi"] >= 0).all()
    # the aggregation method (arithmetic vs geometric) matters most for ASEM
    assert st["STi"].idxmax() == "aggregation"
    assert (st["STi_q5"] <= st["STi"]).all() and (st["STi"] <= st["STi_q95"]).all()


def test_needs_a_factor(asem_default):
    with pytest.raises(SpecError, match="no uncertain factor"):
        SensitivityAnalysis(N=10).run(asem_default)


def test_noise_factor_must_keep_weights_positive(asem_default):
    with pytest.raises(SpecError, match=r"\[0, 1\)"):
        SensitivityAnalysis(N=10, noise={2: 1.0}).run(asem_default)
