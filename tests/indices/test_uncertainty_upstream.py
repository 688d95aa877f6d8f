"""Imputation and treatment choices as Monte Carlo factors (uncertainty and sensitivity)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sangtao.indices import (
    PipelineSpec,
    SensitivityAnalysis,
    SpecError,
    Treat,
    UncertaintyAnalysis,
    rank_scores,
)

# untreated outliers reach z < -5: centre the z-scores far enough for the geometric mean
POSITIVE = [
    {"f_n": "n_minmax", "f_n_para": {"l_u": [1, 100]}},
    {"f_n": "n_zscore", "f_n_para": {"m_sd": [100, 10]}},
]
IMPUTATIONS = ["nominal", "none", "i_median"]
TREATMENTS = ["nominal", "none", {"global_specs": {"f1_para": {"winmax": 1}}}]


def _spec(asem_dir, impute=None, treat=None):
    """ASEM screened first (so units do not depend on imputation), then imputed and
    treated: missing values reach the means when imputation is off."""
    doc = {
        "name": "ASEM, screen first",
        "data": "asem_idata.csv",
        "meta": "asem_imeta.csv",
        "steps": [
            {"Denominate": {"dset": "Raw"}},
            {"Screen": {"dset": "Denominated", "dat_thresh": 0.9}},
            {"Impute": {"dset": "Screened", "f_i": "i_mean", **(impute or {})}},
            {"Treat": {"dset": "Imputed", **(treat or {})}},
            {"Normalise": {"dset": "Treated", "global_specs": POSITIVE[0]}},
            {"Aggregate": {"dset": "Normalised"}},
        ],
    }
    return PipelineSpec.from_dict(doc, base=asem_dir)


@pytest.fixture(scope="module")
def coin(asem_dir):
    return _spec(asem_dir).build()


@pytest.fixture(scope="module")
def analysis():
    return UncertaintyAnalysis(
        N=400,
        noise={2: 0.25, 3: 0.25},
        imputations=IMPUTATIONS,
        treatments=TREATMENTS,
        normalisations=POSITIVE,
        aggregations=["a_amean", "a_gmean"],
        seed=11,
    )


@pytest.fixture(scope="module")
def result(analysis, coin):
    return analysis.run(coin)


def test_replications_export_the_new_factors_and_their_alternatives(result):
    reps = result.replications
    assert list(reps.columns[:4]) == ["imputation", "treatment", "normalisation", "f_ag"]
    assert set(reps["imputation"]) == {0, 1, 2}
    assert set(reps["treatment"]) == {0, 1, 2}
    alts = result.alternatives
    assert alts["imputation"] == [{}, {"f_i": "none"}, {"f_i": "i_median"}]
    assert alts["treatment"][1] == {"global_specs": "none"}
    assert alts["treatment"][2] == {"global_specs": {"f1_para": {"winmax": 1}}}
    assert alts["normalisation"] == POSITIVE
    assert alts["aggregation"][1] == ["a_gmean"] * 3
    assert not np.isnan(result.scores).any()


def test_replay_of_every_upstream_combination_reproduces_its_ranks_exactly(analysis, coin, result):
    reps = result.replications
    for imp in range(3):
        for treat in range(3):
            i = int(reps.index[(reps["imputation"] == imp) & (reps["treatment"] == treat)][0])
            naive = analysis.replay(coin, result, i).to_numpy()
            np.testing.assert_allclose(result.scores[i], naive, rtol=1e-12)
            np.testing.assert_array_equal(result.ranks[i], rank_scores(naive))


def test_replay_from_the_exported_csv(analysis, coin, result, tmp_path):
    path = tmp_path / "replications.csv"
    result.replications.to_csv(path, index=False, float_format="%.17g")
    back = pd.read_csv(path)
    from_csv = type(result)(**{**result.__dict__, "replications": back})
    for i in (0, 123, 399):
        naive = analysis.replay(coin, from_csv, i).to_numpy()
        np.testing.assert_array_equal(result.ranks[i], rank_scores(naive))


def test_each_choice_equals_an_independent_build(asem_dir, coin):
    # no noise, no other factor: a replication is exactly the build with that choice
    ua = UncertaintyAnalysis(N=60, imputations=IMPUTATIONS, treatments=TREATMENTS, seed=2)
    res = ua.run(coin)
    builds = {
        (1, 0): _spec(asem_dir, impute={"f_i": "none"}),
        (2, 1): _spec(asem_dir, impute={"f_i": "i_median"}, treat={"global_specs": "none"}),
        (0, 2): _spec(asem_dir, treat={"global_specs": {"f1_para": {"winmax": 1}}}),
        (0, 0): _spec(asem_dir),
    }
    reps = res.replications
    for (imp, treat), spec in builds.items():
        expected = spec.build().dataset("Aggregated")["Index"].to_numpy()
        rows = reps.index[(reps["imputation"] == imp) & (reps["treatment"] == treat)]
        assert len(rows) > 0
        for i in rows:
            np.testing.assert_allclose(res.scores[i], expected, rtol=1e-12)
    # the choices matter: imputation off and treatment off move scores
    assert not np.allclose(
        builds[(1, 0)].build().dataset("Aggregated")["Index"],
        builds[(0, 0)].build().dataset("Aggregated")["Index"],
    )


def test_upstream_steps_run_once_per_variant_not_per_replication(coin, monkeypatch):
    calls = []
    original = Treat.apply

    def counting(self, c):
        calls.append(self.global_specs)
        return original(self, c)

    monkeypatch.setattr(Treat, "apply", counting)
    UncertaintyAnalysis(
        N=2000, imputations=IMPUTATIONS, treatments=TREATMENTS, normalisations=POSITIVE, seed=1
    ).run(coin)
    # 3 x 3 combinations, the nominal one reusing the built coin: 8 rebuilds of Treat
    assert len(calls) == 8


def test_same_seed_without_new_factors_keeps_earlier_replications(coin):
    base = UncertaintyAnalysis(N=50, noise={2: 0.25}, normalisations=POSITIVE, seed=5)
    with_nominal = UncertaintyAnalysis(
        N=50, noise={2: 0.25}, normalisations=POSITIVE, imputations=["nominal"], seed=5
    )
    np.testing.assert_array_equal(base.run(coin).scores, with_nominal.run(coin).scores)


def test_choices_that_change_the_units_are_refused(asem_default):
    # ASEM default screens after imputing: without imputation, units drop out
    with pytest.raises(SpecError, match="change the units that reach normalisation"):
        UncertaintyAnalysis(N=5, imputations=["nominal", "none"]).run(asem_default)


def test_a_factor_needs_its_step_and_valid_parameters(asem_dir, coin):
    no_impute = PipelineSpec.from_dict(
        {
            "data": "asem_idata.csv",
            "meta": "asem_imeta.csv",
            "steps": [
                {"Treat": {"dset": "Raw"}},
                {"Normalise": {"dset": "Treated"}},
                {"Aggregate": {"dset": "Normalised"}},
            ],
        },
        base=asem_dir,
    ).build()
    with pytest.raises(SpecError, match="no Impute step before Normalise"):
        UncertaintyAnalysis(N=5, imputations=["i_mean", "i_median"]).run(no_impute)
    with pytest.raises(SpecError, match="Treat has no parameter 'winmax'"):
        UncertaintyAnalysis(N=5, treatments=[{"winmax": 3}]).run(coin)
    with pytest.raises(SpecError, match="f_i must be one of"):
        UncertaintyAnalysis(N=5, imputations=["i_mode"]).run(coin)
    with pytest.raises(SpecError, match="must be a list"):
        UncertaintyAnalysis(N=5, treatments="none").run(coin)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def sensitivity(coin):
    sa = SensitivityAnalysis(
        N=128,
        noise={2: 0.25},
        imputations=["nominal", {"f_i": "i_mean"}],  # the same choice twice: no effect
        treatments=["nominal", "none"],
        aggregations=["a_amean", "a_gmean"],
        Nboot=50,
        seed=4,
    )
    return sa, sa.run(coin)


def test_sensitivity_has_imputation_and_treatment_factors(sensitivity, coin):
    sa, res = sensitivity
    assert list(res.indices.index) == ["weights_L2", "imputation", "treatment", "aggregation"]
    reps = res.replications
    assert len(reps) == 128 * 6
    a = reps[reps["matrix"] == "A"].reset_index(drop=True)
    ab = reps[reps["matrix"] == "AB:treatment"].reset_index(drop=True)
    others = [c for c in reps.columns if c not in ("matrix", "treatment", "y")]
    pd.testing.assert_frame_equal(a[others], ab[others])
    assert (a["treatment"] != ab["treatment"]).any()
    # an imputation choice that changes nothing explains nothing
    assert res.indices.loc["imputation", "STi"] == 0
    assert res.indices.loc["treatment", "STi"] > 0
    ua = sa.uncertainty()
    for i in (0, 200, len(reps) - 1):
        naive = ua.replay(coin, res, i).to_numpy()
        np.testing.assert_allclose(res.scores[i], naive, rtol=1e-12)
        np.testing.assert_array_equal(rank_scores(res.scores[i]), rank_scores(naive))
