"""Bad input never becomes a silent NaN in a published score (issue: "Bad input").

Each case gives a clear error, or a documented fallback that the build records:

- missing values beyond thresholds: units screened out (recorded), aggregates below
  ``dat_thresh`` left blank (recorded, exported to ``missing_scores.csv``, warned by the
  CLI), an indicator with no data refused by every normaliser;
- a zero-variance indicator under every normaliser: an error where the method divides
  by the spread, a defined value otherwise;
- zero or negative values into geometric, harmonic and power means: an error;
- weights summing to zero: an error, in every mean and in the Monte Carlo analyses;
- cycles in the framework: an error naming the cycle.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sangtao.cli import main
from sangtao.indices import (
    NORMALISERS,
    Aggregate,
    AggregationError,
    Framework,
    FrameworkError,
    NormalisationError,
    Normalise,
    Screen,
    SpecError,
    Treat,
    TreatmentError,
    UncertaintyAnalysis,
    a_amean,
    a_copeland,
    a_genmean,
    a_gmean,
    a_hmean,
    effective_weights,
    export_coin,
    get_results,
    new_coin,
)
from sangtao.indices._mcbatch import batch_mean

from .conftest import small_data, small_meta

#: Parameters each normaliser needs on the small coin.
PARA = {
    "n_scaled": {"npara": [0, 10]},
    "n_dist2ref": {"iref": "U1"},
    "n_dist2targ": {"targ": 10},
    "n_goalposts": {"gposts": [0, 10, 1]},
}


def _normalise(coin, f_n, code="b"):
    """Normalise ``code`` with ``f_n`` (the other indicators with min-max)."""
    spec = {"f_n": f_n, "f_n_para": PARA.get(f_n, {})}
    return Normalise(indiv_specs={code: spec}).apply(coin)


# ------------------------------------------------------------ missing values
def test_units_below_the_availability_threshold_are_removed_and_recorded(small_coin):
    coin = Screen(dat_thresh=0.7).apply(small_coin)  # U3 and U4 have 2 of 3 values
    rec = coin.record("Screen")
    assert rec.details["RemovedUnits"] == ["U3", "U4"]
    assert list(rec.details["DataSummary"]["Included"]) == [True, True, False, False]
    assert list(coin.dataset().index) == ["U1", "U2"]


def test_aggregates_below_dat_thresh_are_blank_recorded_and_exported(small_coin, tmp_path):
    norm = Normalise().apply(small_coin)
    coin = Aggregate(dat_thresh=[0.6, None]).apply(norm)
    agg = coin.dataset("Aggregated")
    assert agg["P1"].isna().tolist() == [False, False, True, True]
    assert not agg["Index"].isna().any()  # the index falls back on the other pillar
    details = coin.record("Aggregate").details
    assert details["below_dat_thresh"] == {"P1": ["U3", "U4"]}
    assert details["units_without_score"] == {"P1": ["U3", "U4"]}
    written = export_coin(coin, tmp_path, excel=False)
    missing = pd.read_csv(tmp_path / "missing_scores.csv")
    assert tmp_path / "missing_scores.csv" in written
    assert missing.to_dict("records") == [
        {"Aggregate": "P1", "uCode": "U3", "Reason": "below dat_thresh"},
        {"Aggregate": "P1", "uCode": "U4", "Reason": "below dat_thresh"},
    ]
    res = get_results(coin).set_index("uCode").loc[["U1", "U2", "U3", "U4"]]
    assert res["P1_rank"].isna().tolist() == [False, False, True, True]


def test_no_missing_scores_file_when_every_score_exists(small_coin, tmp_path):
    coin = Aggregate().apply(Normalise().apply(small_coin))
    export_coin(coin, tmp_path, excel=False)
    assert not (tmp_path / "missing_scores.csv").exists()


def test_cli_build_warns_about_blank_scores(tmp_path, capsys):
    meta, data = tmp_path / "meta.csv", tmp_path / "data.csv"
    small_meta().to_csv(meta, index=False)
    small_data().to_csv(data, index=False)
    spec = tmp_path / "s.yaml"
    spec.write_text(
        "steps:\n  - Normalise: {}\n  - Aggregate: {dat_thresh: [0.6, null]}\n", encoding="utf-8"
    )
    rc = main(
        ["index", "build", str(spec), "--data", str(data), "--meta", str(meta)]
        + [
            "--out",
            str(tmp_path / "o"),
            "--no-excel",
            "--quiet",
        ]
    )
    assert rc == 0
    err = capsys.readouterr().err
    assert "warning: P1 has no score for U3, U4 (see missing_scores.csv)" in err


@pytest.mark.parametrize("f_n", sorted(NORMALISERS))
def test_an_indicator_without_data_is_refused_by_every_normaliser(f_n):
    coin = new_coin(small_data().assign(b=np.nan), small_meta())
    with pytest.raises(NormalisationError, match="indicator b: no available values"):
        _normalise(coin, f_n)


def test_treatment_needs_four_values():
    coin = new_coin(small_data().assign(b=[1.0, 5.0, np.nan, 2.0]), small_meta())
    with pytest.raises(TreatmentError, match="indicator b: kurtosis needs at least 4"):
        Treat(indiv_specs={"a": "none", "c": "none"}).apply(coin)


# ------------------------------------------------------------ zero variance
#: A constant indicator (b = 2 for every unit, direction +1) under each normaliser:
#: the error raised, or the value every unit gets.
CONSTANT = {
    "n_minmax": "all values are equal",
    "n_zscore": "zero standard deviation",
    "n_dist2max": "all values are equal",
    "n_dist2ref": "reference value equals the minimum",
    "n_scaled": 20.0,
    "n_dist2targ": 0.0,
    "n_fracmax": 1.0,
    "n_rank": 1.0,
    "n_borda": 0.0,
    "n_prank": 0.0,
    "n_goalposts": 0.2,
}


def test_every_normaliser_is_covered():
    assert set(CONSTANT) == set(NORMALISERS)


@pytest.mark.parametrize("f_n", sorted(CONSTANT))
def test_zero_variance_indicator_in_each_normaliser(f_n):
    coin = new_coin(small_data().assign(b=2.0), small_meta())
    expected = CONSTANT[f_n]
    if isinstance(expected, str):
        with pytest.raises(NormalisationError, match=f"indicator b: {f_n}: .*{expected}"):
            _normalise(coin, f_n)
        return
    normed = _normalise(coin, f_n)
    np.testing.assert_allclose(normed.dataset("Normalised")["b"], expected)
    agg = Aggregate().apply(normed).dataset("Aggregated")
    assert np.isfinite(agg[["P1", "P2", "Index"]].to_numpy()).all()


def test_constant_indicator_is_left_untreated_with_a_record():
    coin = new_coin(small_data().assign(b=2.0), small_meta())
    coin = Treat(indiv_specs={"a": "none"}).apply(coin)
    assert coin.record("Treat").details["Dets_Table"].loc["b", "Treatment"].startswith("none")


def test_fraction_of_a_non_positive_maximum_is_refused():
    coin = new_coin(small_data(), small_meta())  # c has direction -1: all values negative
    with pytest.raises(NormalisationError, match="indicator c: n_fracmax: the maximum is -1"):
        _normalise(coin, "n_fracmax", "c")


def test_log_gii_of_an_indicator_without_positive_values_is_refused():
    x = np.array([-50.0, -1, -2, -3, -2, -1, -2, -3, -1, -2, -1.5, -2.5])
    data = pd.DataFrame({"uCode": [f"U{i}" for i in range(12)], "a": x, "b": -x, "c": x})
    meta = small_meta().iloc[:6].drop(columns="Denominator")
    coin = new_coin(data, meta)
    # no winsorising allowed, so the outlier goes straight to the GII log
    gs = {"f1_para": {"winmax": 0}, "f2": "log_GII"}
    with pytest.raises(TreatmentError, match="indicator a: log_GII needs a positive maximum"):
        Treat(global_specs=gs, indiv_specs={"b": "none", "c": "none"}).apply(coin)
    # log_CT, COINr's default, is defined for any values
    treated = Treat(global_specs={"f1_para": {"winmax": 0}}).apply(coin).dataset("Treated")
    assert np.isfinite(treated["a"]).all()


def test_every_step_refuses_a_non_finite_result_it_would_publish(small_coin):
    # last line of defence in each step: whatever the method, no new NaN or infinity
    with pytest.raises(NormalisationError, match="indicator b: n_scaled gives no finite"):
        Normalise(indiv_specs={"b": {"f_n": "n_scaled", "f_n_para": {"npara": [0, 1e-320]}}}).apply(
            small_coin
        )
    x = np.array([-50.0, -1, -2, -3, -2, -1, -2, -3, -1, -2, -1.5, -2.5])
    data = pd.DataFrame({"uCode": [f"U{i}" for i in range(12)], "a": x, "b": -x, "c": x})
    coin = new_coin(data, small_meta().iloc[:6].drop(columns="Denominator"))
    gs = {"f1_para": {"winmax": 0}, "f2": "boxcox", "f2_para": {"lambda": 0.5, "makepos": False}}
    with pytest.raises(TreatmentError, match="indicator a: boxcox gives no finite value for 12"):
        Treat(global_specs=gs, indiv_specs={"b": "none", "c": "none"}).apply(coin)
    norm = Normalise().apply(small_coin)
    with pytest.raises(AggregationError, match="weights must be finite"):
        Aggregate(w={"a": float("inf")}).apply(norm)
    huge = new_coin(small_data().assign(a=1e308, b=1e308), small_meta())
    norm = Normalise(global_specs={"f_n": "none"}).apply(huge)  # raw values, no scaling
    with pytest.raises(AggregationError, match="aggregating P1 \\(a_amean\\) gives no finite"):
        Aggregate().apply(norm)


# ------------------------------------------------------- domain of the means
@pytest.mark.parametrize(
    ("func", "x", "message"),
    [
        (a_gmean, [[1.0, -2.0]], "geometric mean of a zero or negative value"),
        (a_gmean, [[1.0, 0.0]], "geometric mean of a zero or negative value"),
        (a_hmean, [[1.0, -1.0]], "harmonic mean of a zero or negative value"),
        (a_hmean, [[1.0, 0.0]], "harmonic mean of a zero or negative value"),
        (a_genmean, [[1.0, -1.0]], "a_genmean of a negative value"),
    ],
)
def test_means_refuse_values_outside_their_domain(func, x, message):
    with pytest.raises(AggregationError, match=message):
        func(np.array(x))


def test_negative_values_would_have_given_nan_or_inf():
    # what the checks prevent: Σ w/x = 0 and a negative value to a fractional power
    one = np.float64(1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        assert np.isinf(2 * one / (one / one + one / -one))
        assert np.isnan((-8 * one) ** 0.5)
    np.testing.assert_allclose(a_genmean(np.array([[0.0, 4.0]]), p=0.5), 1.0)


@pytest.mark.parametrize("f_ag", ["a_gmean", "a_hmean"])
def test_the_aggregate_step_names_the_aggregate(small_coin, f_ag):
    norm = Normalise(global_specs={"f_n": "n_zscore"}).apply(small_coin)
    with pytest.raises(AggregationError, match=f"aggregating P1 \\({f_ag}\\): .*negative"):
        Aggregate(f_ag=f_ag).apply(norm)


@pytest.mark.parametrize("method", ["a_gmean", "a_hmean", "a_genmean"])
def test_monte_carlo_refuses_negative_values_at_any_level(asem_default, method):
    # arithmetic means of z-scores at level 2, then a mean needing positive values
    ua = UncertaintyAnalysis(
        N=20,
        normalisations=[{"f_n": "n_zscore", "f_n_para": {"m_sd": [0, 1]}}],
        aggregations=[["a_amean", method, "a_amean"]],
    )
    with pytest.raises(AggregationError, match=f"aggregating \\w+ \\({method}\\): .*values"):
        ua.run(asem_default)


def test_monte_carlo_names_the_treatment_choice_that_breaks_a_geometric_mean(asem_default):
    ua = UncertaintyAnalysis(
        N=20,
        treatments=["nominal", "none"],
        # nominal z-scores reach -3.8 on ASEM, untreated ones -4.8
        normalisations=[{"f_n": "n_zscore", "f_n_para": {"m_sd": [4.5, 1]}}],
        aggregations=["a_gmean"],
    )
    UncertaintyAnalysis(N=5, normalisations=ua.normalisations, aggregations=["a_gmean"]).run(
        asem_default
    )
    with pytest.raises(AggregationError, match="treatment #1 .*gives zero or negative values"):
        ua.run(asem_default)


# ------------------------------------------------------ weights summing to zero
@pytest.mark.parametrize("func", [a_amean, a_gmean, a_hmean, a_genmean, a_copeland])
def test_every_mean_refuses_weights_summing_to_zero(func):
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(AggregationError, match="sum to zero"):
        func(x, np.array([1.0, -1.0]))


def test_zero_weights_of_the_available_values_only():
    # U2's only available value has weight 0: its mean is undefined
    with pytest.raises(AggregationError, match=r"sum to zero \(row\(s\) 1\)"):
        a_amean(np.array([[1.0, 2.0], [np.nan, 4.0]]), np.array([1.0, 0.0]))


def test_aggregate_step_and_effective_weights_refuse_zero_sums(small_coin):
    norm = Normalise().apply(small_coin)
    with pytest.raises(AggregationError, match="aggregating P1 \\(a_amean\\): .*sum to zero"):
        Aggregate(w={"a": 1.0, "b": -1.0}).apply(norm)
    meta = small_meta()
    meta.loc[meta["iCode"].isin(["P1", "P2"]), "Weight"] = 0.0
    with pytest.raises(AggregationError, match="children of Index sum to zero"):
        effective_weights(Framework.from_imeta(meta))


def test_monte_carlo_refuses_zero_weight_sums_and_noise_that_reaches_zero(small_coin):
    coin = Aggregate().apply(Normalise().apply(small_coin))
    with pytest.raises(SpecError, match=r"noise factor of level 2 must be in \[0, 1\)"):
        UncertaintyAnalysis(N=10, noise={2: 1.0}).run(coin)
    with pytest.raises(SpecError, match=r"noise factor of level 3 must be in \[0, 1\)"):
        UncertaintyAnalysis(N=10, noise={3: -0.1}).run(coin)
    # a batch whose second replication has weights summing to zero
    v = np.ones((2, 3, 2))
    w = np.array([[1.0, 1.0], [1.0, -1.0]])
    for method in ("a_amean", "a_gmean", "a_hmean", "a_genmean"):
        with pytest.raises(AggregationError, match="Index: replication weights .*sum to zero"):
            batch_mean(method, v, w, {}, "Index")


# ------------------------------------------------------------ framework cycles
@pytest.mark.parametrize(
    ("links", "cycle"),
    [
        ({"P1": "P1"}, "P1 -> P1"),
        ({"Index": "P1", "P1": "Index"}, "P1 -> Index -> P1"),
        ({"Index": "P2", "P2": "Index"}, "Index -> P2 -> Index"),
    ],
)
def test_framework_cycles_are_errors_naming_the_cycle(links, cycle):
    meta = small_meta()
    for code, parent in links.items():
        meta.loc[meta["iCode"] == code, "Parent"] = parent
    with pytest.raises(FrameworkError, match=f"cycle: {cycle}"):
        Framework.from_imeta(meta)
    with pytest.raises(FrameworkError, match="cycle"):
        new_coin(small_data(), meta)
