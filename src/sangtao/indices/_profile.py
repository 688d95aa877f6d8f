"""Unit profiles: a unit's strengths and weaknesses (COINr ``get_str_weak``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._coin import Coin
from ._errors import DataError

__all__ = ["get_str_weak", "unit_summary"]


def get_str_weak(
    coin: Coin,
    unit: str,
    *,
    dset: str = "Normalised",
    top_n: int = 5,
    bottom_n: int = 5,
    report_level: int = 2,
    unq_discard: float | None = 0.2,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A unit's strengths and weaknesses: its best- and worst-ranked indicators.

    Parameters
    ----------
    coin : Coin
        The coin.
    unit : str
        The unit's ``uCode``.
    dset : str, default "Normalised"
        Data set ranked; directions are applied in ``Normalised`` so rank 1 is always
        the best performance.
    top_n, bottom_n : int, default 5
        Numbers of strengths and weaknesses.
    report_level : int, default 2
        Level of the ancestor reported beside each indicator (2 = pillar).
    unq_discard : float or None, default 0.2
        Leave out indicators whose share of unique values is below this (many ties make
        a rank meaningless), as COINr.

    Returns
    -------
    (strengths, weaknesses)
        Each with columns ``iCode, iName, Parent, Rank, Value`` (``Value`` from ``Raw``),
        best first for strengths and worst first for weaknesses. Indicators the unit
        lacks are left out.

    References
    ----------
    COINr 1.1.14, ``get_str_weak()`` (``R/results.R``).
    """
    x = coin.dataset(dset)
    fw = coin.framework
    if unit not in x.index:
        raise DataError(f"unit {unit!r} is not in {dset}")
    inds = [c for c in fw.indicators if c in x.columns]
    ranks = x[inds].rank(ascending=False, method="min")
    if unq_discard is not None:
        unq = x[inds].nunique() / x[inds].notna().sum().replace(0, np.nan)
        inds = [c for c in inds if unq[c] >= unq_discard]
    r = pd.Series(ranks.loc[unit, inds], dtype=float).dropna()
    raw = coin.dataset("Raw")
    names = fw.meta["iName"] if "iName" in fw.meta.columns else pd.Series(dtype=object)
    level = min(report_level, fw.n_levels)

    def table(codes: list[str]) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "iCode": codes,
                "iName": [names.get(c, c) for c in codes],
                "Parent": [fw.ancestor(c, level) for c in codes],
                "Rank": [int(v) for v in r.reindex(codes).to_numpy()],
                "Value": [raw.at[unit, c] if unit in raw.index else np.nan for c in codes],
            }
        )

    order = r.sort_values(kind="stable")
    return table(list(order.index[:top_n])), table(list(order.index[::-1][:bottom_n]))


def unit_summary(coin: Coin, unit: str, dset: str = "Aggregated") -> pd.DataFrame:
    """Score and rank of a unit in every aggregate (COINr ``get_unit_summary``).

    Returns
    -------
    pandas.DataFrame
        Index ``iCode`` (aggregates from the top down): ``Level``, ``Score``, ``Rank``
        and ``Of`` (units ranked).
    """
    x = coin.dataset(dset)
    fw = coin.framework
    if unit not in x.index:
        raise DataError(f"unit {unit!r} is not in {dset}")
    rows = []
    for lev in range(fw.n_levels, 1, -1):
        for code in fw.codes(level=lev):
            s = x[code]
            rank = s.rank(ascending=False, method="min")[unit]
            rows.append(
                {
                    "iCode": code,
                    "Level": lev,
                    "Score": float(s[unit]),
                    "Rank": float(rank),
                    "Of": int(s.notna().sum()),
                }
            )
    return pd.DataFrame(rows).set_index("iCode")
