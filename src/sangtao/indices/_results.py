"""Results tables: scores and ranks of every aggregate."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._coin import Coin
from ._errors import DataError

__all__ = ["get_results", "rank_scores"]


def rank_scores(scores: pd.Series | np.ndarray) -> np.ndarray:
    """Rank scores highest first, ties sharing the best rank ("sport" ranking, as COINr).

    Missing scores get no rank (NaN).
    """
    s = pd.Series(np.asarray(scores, dtype=float))
    return s.rank(ascending=False, method="min", na_option="keep").to_numpy(float)


def get_results(
    coin: Coin, dset: str = "Aggregated", with_indicators: bool = False
) -> pd.DataFrame:
    """Score and rank of every aggregate, best unit first (COINr ``get_results``).

    Parameters
    ----------
    coin : Coin
        A coin with an aggregated data set.
    dset : str, default "Aggregated"
        The data set.
    with_indicators : bool, default False
        Also list every indicator's score and rank.

    Returns
    -------
    pandas.DataFrame
        Columns ``uCode``, ``uName`` (if known), then for each aggregate from the top
        level down ``<code>`` and ``<code>_rank``; sorted by the top-level score.
        A unit without a top-level score sorts last (its rank is empty).

    References
    ----------
    COINr 1.1.14, ``get_results(tab_type = "Aggs")`` (``R/results.R``).
    """
    data = coin.dataset(dset)
    fw = coin.framework
    codes = [c for lev in range(fw.n_levels, 1, -1) for c in fw.codes(level=lev)]
    if with_indicators:
        codes += fw.indicators
    missing = [c for c in codes if c not in data.columns]
    if missing:
        raise DataError(f"{dset} lacks aggregate(s) {', '.join(missing)}: aggregate first")
    out = pd.DataFrame({"uCode": data.index.to_numpy()})
    if "uName" in coin.units.columns:
        out["uName"] = coin.units.loc[data.index, "uName"].to_numpy()
    for c in codes:
        out[c] = data[c].to_numpy(float)
        out[f"{c}_rank"] = pd.Series(rank_scores(data[c])).astype("Int64")
    top = fw.codes(level=fw.n_levels)[0]
    order = np.lexsort((out["uCode"].to_numpy(str), -np.nan_to_num(out[top], nan=-np.inf)))
    return out.iloc[order].reset_index(drop=True)
