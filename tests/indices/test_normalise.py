"""Normalisation functions on hand-computed vectors, and the Normalise step."""

from __future__ import annotations

import numpy as np
import pytest

from sangtao.indices import (
    NormalisationError,
    Normalise,
    SpecError,
    n_borda,
    n_dist2max,
    n_dist2ref,
    n_dist2targ,
    n_fracmax,
    n_goalposts,
    n_minmax,
    n_prank,
    n_rank,
    n_zscore,
    new_coin,
)

from .conftest import small_data, small_meta

X = np.array([2.0, 4.0, np.nan, 10.0, 4.0])


def test_minmax_and_zscore():
    np.testing.assert_allclose(n_minmax(X), [0, 25, np.nan, 100, 25])
    np.testing.assert_allclose(n_minmax(X, (1, 11)), [1, 3.5, np.nan, 11, 3.5])
    # mean 5, sd (n-1) = sqrt(12)
    np.testing.assert_allclose(n_zscore(X, (10, 2)), 10 + 2 * (X - 5) / np.sqrt(12))


def test_distance_and_fraction_methods():
    np.testing.assert_allclose(n_dist2max(X), [0, 0.25, np.nan, 1, 0.25])
    np.testing.assert_allclose(n_dist2ref(X, 1, cap_max=True), [0, 1, np.nan, 1, 1])
    np.testing.assert_allclose(n_dist2ref(X, 1), [0, 1, np.nan, 4, 1])
    np.testing.assert_allclose(n_dist2targ(X, 6.0), [0, 0.5, np.nan, 2, 0.5])
    np.testing.assert_allclose(n_dist2targ(X, 6.0, cap_max=True), [0, 0.5, np.nan, 1, 0.5])
    np.testing.assert_allclose(n_dist2targ(X, 6.0, direction=-1), [2, 1.5, np.nan, 0, 1.5])
    np.testing.assert_allclose(n_fracmax(X), [0.2, 0.4, np.nan, 1, 0.4])


def test_rank_methods_give_ties_the_minimum_rank():
    np.testing.assert_allclose(n_rank(X), [1, 2, np.nan, 4, 2])
    np.testing.assert_allclose(n_borda(X), [0, 1, np.nan, 3, 1])
    np.testing.assert_allclose(n_prank(X), [0, 1 / 3, np.nan, 1, 1 / 3])


def test_goalposts_clip_and_scale():
    np.testing.assert_allclose(n_goalposts(X, (3, 8, 100)), [0, 20, np.nan, 100, 20])
    np.testing.assert_allclose(
        n_goalposts(X, (3, 8, 1), trunc2posts=False), [-0.2, 0.2, np.nan, 1.4, 0.2]
    )
    np.testing.assert_allclose(n_goalposts(X, (3, 8, 1), direction=-1), [1, 0.8, np.nan, 0, 0.8])


def test_zero_spread_is_an_error_not_nan():
    with pytest.raises(NormalisationError, match="all values are equal"):
        n_minmax(np.array([3.0, 3.0, np.nan]))
    with pytest.raises(NormalisationError, match="zero standard deviation"):
        n_zscore(np.array([3.0, 3.0]))


def test_direction_is_applied_before_normalising(small_coin):
    out = Normalise().apply(small_coin).dataset("Normalised")
    # c = (5, 3, 1, 2), Direction -1: highest raw value scores 0
    np.testing.assert_allclose(out["c"], [0, 50, 100, 75])
    np.testing.assert_allclose(out["a"], [0, 300 / 7, 100, np.nan])


def test_indiv_specs_and_directions_override(small_coin):
    step = Normalise(
        global_specs={"f_n": "n_rank"},
        indiv_specs={"a": {"f_n": "n_minmax", "f_n_para": {"l_u": [1, 2]}}},
        directions={"c": 1},
    )
    out = step.apply(small_coin).dataset("Normalised")
    np.testing.assert_allclose(out["a"], [1, 1 + 30 / 70, 2, np.nan])
    np.testing.assert_allclose(out["c"], [4, 3, 1, 2])
    assert step.apply(small_coin).record("Normalise").details["specs_used"]["c"]["direction"] == 1


def test_relative_goalposts_sit_at_five_and_ninety_five_percent(small_coin):
    spec = {"f_n": "n_goalposts", "f_n_para": {"gposts": [0.05, 0.95, 100], "relative": True}}
    out = Normalise(global_specs=spec).apply(small_coin).dataset("Normalised")
    # a = (10, 40, 80): posts 13.5 and 76.5
    np.testing.assert_allclose(out["a"], [0, (40 - 13.5) / 63 * 100, 100, np.nan])
    # c flipped: (-5, -3, -1, -2): posts -4.8 and -1.2
    np.testing.assert_allclose(out["c"], [0, 1.8 / 3.6 * 100, 100, 2.8 / 3.6 * 100])


def test_targets_from_imeta_follow_the_direction():
    meta = small_meta()
    meta["Target"] = [60.0, 3.0, 2.0, None, None, None, None, None]
    coin = new_coin(small_data(), meta)
    spec = {"f_n": "n_dist2targ", "f_n_para": "use_iMeta"}
    out = Normalise(global_specs=spec).apply(coin).dataset("Normalised")
    np.testing.assert_allclose(out["a"], [0, 0.6, 1.4, np.nan])
    # c flipped (-5,-3,-1,-2), target -2: (x + 5)/3
    np.testing.assert_allclose(out["c"], [0, 2 / 3, 4 / 3, 1])


def test_dist2ref_accepts_a_unit_code(small_coin):
    spec = {"f_n": "n_dist2ref", "f_n_para": {"iref": "U2"}}
    out = Normalise(global_specs=spec).apply(small_coin).dataset("Normalised")
    np.testing.assert_allclose(out["a"], [0, 1, 70 / 30, np.nan])


def test_unknown_method_and_constant_indicator_errors(small_coin):
    with pytest.raises(SpecError, match="unknown normalisation 'n_foo'"):
        Normalise(global_specs={"f_n": "n_foo"}).apply(small_coin)
    with pytest.raises(SpecError, match="n_minmax for a"):
        Normalise(global_specs={"f_n": "n_minmax", "f_n_para": {"lu": [0, 1]}}).apply(small_coin)
    data = small_data().assign(b=2.0)
    with pytest.raises(NormalisationError, match="indicator b: n_minmax: all values are equal"):
        Normalise().apply(new_coin(data, small_meta()))
