"""Skewness and kurtosis as COINr computes them, and the outlier test."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from sangtao.indices import TreatmentError, check_skew_kurt, kurt, skew


def test_moments_equal_excel_skew_and_kurt():
    x = np.array([1.0, 2.0, 3.0, 4.0, 10.0])
    # by hand: d = (-3, -2, -1, 0, 6), sum d^2 = 50, d^3 = 180, d^4 = 1394, n = 5
    # G1 = sqrt(5)*180/50^1.5 * sqrt(20)/3 = 1.2*sqrt(2); G2 = (6*(2.788-3)+6)*4/6 = 3.152
    assert skew(x) == pytest.approx(stats.skew(x, bias=False), rel=1e-12)
    assert kurt(x) == pytest.approx(stats.kurtosis(x, fisher=True, bias=False), rel=1e-12)
    assert skew(x) == pytest.approx(1.2 * np.sqrt(2), rel=1e-12)
    assert kurt(x) == pytest.approx(3.152, rel=1e-12)


def test_missing_values_are_dropped_or_propagated():
    x = np.array([1.0, 2.0, np.nan, 3.0, 4.0, 10.0])
    assert skew(x) == pytest.approx(skew(x[~np.isnan(x)]))
    assert np.isnan(skew(x, na_rm=False))


def test_too_few_values_raise():
    with pytest.raises(TreatmentError, match="at least 4"):
        kurt([1.0, 2.0, 3.0])
    with pytest.raises(TreatmentError, match="at least 3"):
        skew([1.0, 2.0])


def test_check_skew_kurt_fails_only_if_both_exceed():
    x = np.r_[np.arange(1.0, 11.0), 100.0]  # COINr's test vector
    passed, sk, kt = check_skew_kurt(x)
    assert passed is False and sk >= 2 and kt >= 3.5
    assert check_skew_kurt(np.arange(1.0, 11.0))[0] is True
    # constant vector: test undefined, as R's NA
    assert check_skew_kurt(np.ones(6))[0] is None
