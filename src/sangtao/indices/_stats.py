"""Sample moments exactly as COINr computes them, and the skew/kurtosis outlier test."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._errors import TreatmentError

__all__ = ["check_skew_kurt", "kurt", "skew"]


def _values(x: ArrayLike, na_rm: bool, need: int, what: str) -> np.ndarray | None:
    arr = np.asarray(x, dtype=float)
    nan = np.isnan(arr)
    if nan.any():
        if not na_rm:
            return None
        arr = arr[~nan]
    if arr.size < need:
        raise TreatmentError(f"{what} needs at least {need} non-missing values, got {arr.size}")
    return arr


def skew(x: ArrayLike, na_rm: bool = True) -> float:
    """Sample skewness of type 2 (Excel ``SKEW``), as COINr's ``skew()``.

    G1 = sqrt(n) Σd³ / (Σd²)^(3/2) · sqrt(n(n−1)) / (n−2), with d = x − mean(x).

    Parameters
    ----------
    x : array_like
        Values.
    na_rm : bool, default True
        Drop missing values; if False, any missing value gives NaN.

    Returns
    -------
    float
        The skewness; NaN for a constant vector (0/0).

    Raises
    ------
    TreatmentError
        With fewer than 3 non-missing values.

    References
    ----------
    COINr 1.1.14, ``skew()`` in ``R/treat.R`` (from ``e1071::skewness(type = 2)``).
    Joanes & Gill (1998), *The Statistician* 47(1), doi:10.1111/1467-9884.00122.
    """
    arr = _values(x, na_rm, 3, "skewness")
    if arr is None:
        return float("nan")
    n = arr.size
    d = arr - arr.mean()
    s2 = np.sum(d**2)
    with np.errstate(invalid="ignore", divide="ignore"):
        y = np.sqrt(n) * np.sum(d**3) / s2**1.5
    return float(y * np.sqrt(n * (n - 1)) / (n - 2))


def kurt(x: ArrayLike, na_rm: bool = True) -> float:
    """Sample excess kurtosis of type 2 (Excel ``KURT``), as COINr's ``kurt()``.

    G2 = ((n+1)(r−3) + 6)(n−1) / ((n−2)(n−3)), with r = n Σd⁴ / (Σd²)².

    Raises
    ------
    TreatmentError
        With fewer than 4 non-missing values.

    References
    ----------
    COINr 1.1.14, ``kurt()`` in ``R/treat.R`` (from ``e1071::kurtosis(type = 2)``).
    """
    arr = _values(x, na_rm, 4, "kurtosis")
    if arr is None:
        return float("nan")
    n = arr.size
    d = arr - arr.mean()
    with np.errstate(invalid="ignore", divide="ignore"):
        r = n * np.sum(d**4) / np.sum(d**2) ** 2
    return float(((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3)))


def check_skew_kurt(
    x: ArrayLike, skew_thresh: float = 2.0, kurt_thresh: float = 3.5, na_rm: bool = True
) -> tuple[bool | None, float, float]:
    """COINr's ``check_SkewKurt``: pass if |skew| < ``skew_thresh`` OR kurt < ``kurt_thresh``.

    Returns
    -------
    (passed, skew, kurt)
        ``passed`` is None when the test is undefined (a constant vector), as R's ``NA``.

    References
    ----------
    COINr 1.1.14, ``check_SkewKurt()`` in ``R/treat.R``. The GII uses ``skew_thresh =
    2.25`` (Groeneveld & Meeden 1984, cited in GII 2023, p. 216).
    """
    sk = skew(x, na_rm)
    kt = kurt(x, na_rm)
    if np.isnan(sk) or np.isnan(kt):
        # R: NA | TRUE is TRUE; NA | FALSE and NA | NA are NA.
        if (not np.isnan(sk) and abs(sk) < skew_thresh) or (not np.isnan(kt) and kt < kurt_thresh):
            return True, sk, kt
        return None, sk, kt
    return bool(abs(sk) < skew_thresh or kt < kurt_thresh), sk, kt
