"""Indicator statistics with flags (COINr ``get_stats``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._coin import Coin
from ._errors import DataError
from ._stats import kurt, skew

__all__ = ["get_stats"]


def _moment(func: object, x: np.ndarray, need: int) -> float:
    x = x[~np.isnan(x)]
    if x.size < need:
        return float("nan")
    return float(func(x))  # type: ignore[operator]


def get_stats(
    coin: Coin,
    dset: str = "Raw",
    *,
    t_skew: float = 2.0,
    t_kurt: float = 3.5,
    t_avail: float = 0.65,
    t_zero: float = 0.5,
    t_unq: float = 0.5,
    t_collinear: float = 0.9,
) -> pd.DataFrame:
    """Statistics of every indicator (and aggregate) of a data set, with flags.

    Parameters
    ----------
    coin : Coin
        The coin.
    dset : str, default "Raw"
        Data set to describe.
    t_skew, t_kurt : float, default 2 and 3.5
        An indicator is flagged ``OL`` (outliers) when |skew| > ``t_skew`` and kurtosis
        > ``t_kurt`` (type-2 skew and excess kurtosis, as :func:`skew`, :func:`kurt`).
    t_avail : float, default 0.65
        Flag ``LOW`` when the share of units with a value is below this.
    t_zero : float, default 0.5
        Flag ``LOW`` when the share of non-zero values (among available) is below this.
    t_unq : float, default 0.5
        Flag ``LOW`` when the share of unique values (among available) is below this.
    t_collinear : float, default 0.9
        ``Collinear`` lists the siblings (same parent) whose Pearson correlation with
        the indicator exceeds this.

    Returns
    -------
    pandas.DataFrame
        One row per column of the data set (index ``iCode``): ``Min, Max, Mean, Median,
        SD`` (n − 1), ``Skew, Kurt, N.Avail, N.NonZero, N.Neg, N.Unique, Frc.Avail,
        Frc.NonZero, Frc.Unique, Flag.Avail, Flag.NonZero, Flag.Unique, Flag.SkewKurt,
        Flag.Neg, Flag.ZeroVar, Collinear``. Flags are ``"LOW"``, ``"OL"``, ``"NEG"`` or ``"ok"``;
        ``Flag.Neg`` marks an indicator with a negative value (a geometric mean
        cannot aggregate it) and ``Flag.ZeroVar`` one whose available values are all
        equal (min-max and z-score normalisation cannot scale it).

    References
    ----------
    COINr 1.1.14, ``get_stats()`` (``R/analysis.R``); defaults as there.
    """
    x = coin.dataset(dset)
    fw = coin.framework
    codes = [c for c in fw.indicators + fw.aggregates if c in x.columns]
    if not codes:
        raise DataError(f"{dset} holds no indicator or aggregate")
    n = len(x)
    rows = []
    corr = x[codes].corr()
    for code in codes:
        v = x[code].to_numpy(float)
        a = v[~np.isnan(v)]
        n_av = a.size
        sk = _moment(skew, v, 3)
        kt = _moment(kurt, v, 4)
        n_nz = int(np.count_nonzero(a))
        n_neg = int((a < 0).sum())
        n_unq = int(np.unique(a).size)
        parent = fw.parent(code)
        sibs = [s for s in fw.children(parent) if s != code and s in codes] if parent else []
        coll = [s for s in sibs if float(corr.loc[code, s]) > t_collinear]  # type: ignore[arg-type]
        frc_av = n_av / n if n else float("nan")
        frc_nz = n_nz / n_av if n_av else float("nan")
        frc_unq = n_unq / n_av if n_av else float("nan")
        rows.append(
            {
                "iCode": code,
                "Min": float(a.min()) if n_av else np.nan,
                "Max": float(a.max()) if n_av else np.nan,
                "Mean": float(a.mean()) if n_av else np.nan,
                "Median": float(np.median(a)) if n_av else np.nan,
                "SD": float(a.std(ddof=1)) if n_av > 1 else np.nan,
                "Skew": sk,
                "Kurt": kt,
                "N.Avail": n_av,
                "N.NonZero": n_nz,
                "N.Neg": n_neg,
                "N.Unique": n_unq,
                "Frc.Avail": frc_av,
                "Frc.NonZero": frc_nz,
                "Frc.Unique": frc_unq,
                "Flag.Avail": "LOW" if frc_av < t_avail else "ok",
                "Flag.NonZero": "LOW" if frc_nz < t_zero else "ok",
                "Flag.Unique": "LOW" if frc_unq < t_unq else "ok",
                "Flag.SkewKurt": "OL" if abs(sk) > t_skew and kt > t_kurt else "ok",
                "Flag.Neg": "NEG" if n_neg else "ok",
                "Flag.ZeroVar": "ZERO" if n_av > 0 and n_unq == 1 else "ok",
                "Collinear": ", ".join(coll),
            }
        )
    return pd.DataFrame(rows).set_index("iCode")
