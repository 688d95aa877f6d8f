"""Imputation by (group) mean and median."""

from __future__ import annotations

import numpy as np
import pytest

from sangtao.indices import Impute, SpecError, i_mean, i_mean_grp, i_median, i_median_grp


def test_column_methods():
    x = np.array([1.0, np.nan, 2.0, 6.0])
    np.testing.assert_allclose(i_mean(x), [1, 3, 2, 6])
    np.testing.assert_allclose(i_median(x), [1, 2, 2, 6])
    assert np.isnan(i_mean(np.array([np.nan, np.nan]))).all()


def test_group_methods_skip_units_without_group_and_empty_groups():
    x = np.array([1.0, np.nan, 3.0, np.nan, 10.0, np.nan, np.nan])
    f = np.array(["a", "a", "a", "b", "b", None, "c"], dtype=object)
    out = i_mean_grp(x, f)
    np.testing.assert_allclose(out[:5], [1, 2, 3, 10, 10])
    assert np.isnan(out[5]) and np.isnan(out[6])
    np.testing.assert_allclose(
        i_median_grp(np.array([1.0, 5.0, 6.0, np.nan]), ["a"] * 4), [1, 5, 6, 5]
    )


def test_impute_step_by_group_records_points(small_coin):
    built = Impute(f_i="i_mean_grp", use_group="grp").apply(small_coin)
    out = built.dataset("Imputed")
    # grp: U1, U2 = x; U3, U4 = y. a(U4) <- a(U3) = 80; b(U3) <- b(U4) = 4
    assert out.at["U4", "a"] == 80.0 and out.at["U3", "b"] == 4.0
    rec = built.record("Impute")
    assert rec.details["imputed_points"] == [("U3", "b"), ("U4", "a")]
    assert rec.details["still_missing"] == []


def test_impute_overall_mean_and_none(small_coin):
    out = Impute(f_i="i_mean").apply(small_coin).dataset("Imputed")
    assert out.at["U4", "a"] == pytest.approx(130 / 3)
    untouched = Impute(f_i="none").apply(small_coin).dataset("Imputed")
    assert untouched.isna().sum().sum() == 2


def test_impute_spec_errors(small_coin):
    with pytest.raises(SpecError, match="needs use_group"):
        Impute(f_i="i_mean_grp").apply(small_coin)
    with pytest.raises(SpecError, match="f_i must be one of"):
        Impute(f_i="i_em").apply(small_coin)
    with pytest.raises(SpecError, match="group column 'nogroup' not found"):
        Impute(f_i="i_median_grp", use_group="nogroup").apply(small_coin)


def test_asem_default_imputes_all_missing_points(asem_default):
    rec = asem_default.record("Impute")
    assert sum(rec.details["n_imputed"].values()) == 65
    assert rec.details["still_missing"] == []
