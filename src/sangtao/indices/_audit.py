"""The statistical audit of a built index: every analysis table in one call."""

from __future__ import annotations

import pandas as pd

from ._coherence import get_corr_flags, get_cronbach, get_parent_corr, get_pca
from ._coin import Coin
from ._indstats import get_stats
from ._whatif import remove_elements

__all__ = ["audit"]


def audit(coin: Coin, leave_one_out: bool = True) -> dict[str, pd.DataFrame]:
    """Indicator statistics, correlations, flags, Cronbach's α, PCA and leave-one-out.

    Parameters
    ----------
    coin : Coin
        A built coin (with ``Normalised`` and ``Aggregated`` data sets).
    leave_one_out : bool, default True
        Also rebuild the index without each indicator and each level-2 aggregate.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``stats_raw`` and ``stats_normalised`` (:func:`get_stats`), ``parent_corr``
        (:func:`get_parent_corr`), ``corr_flags`` (:func:`get_corr_flags`, within each
        parent), ``cronbach``, ``pca`` (per aggregate), and with ``leave_one_out``
        ``loo_level1`` and ``loo_level2`` (:func:`remove_elements`).

    References
    ----------
    OECD/JRC (2008), *Handbook*, steps 4 and 7; JRC audits of the GII (coherence:
    correlations, PCA, Cronbach's α; leave-one-out rank shifts).
    """
    fw = coin.framework
    tables: dict[str, pd.DataFrame] = {
        "stats_raw": get_stats(coin, "Raw"),
        "stats_normalised": get_stats(coin, "Normalised"),
        "parent_corr": get_parent_corr(coin),
        "corr_flags": get_corr_flags(coin, "Normalised"),
        "cronbach": get_cronbach(coin, "Aggregated"),
        "pca": get_pca(coin, "Aggregated").assign(
            loadings=lambda d: d["loadings"].map(
                lambda m: "; ".join(f"{k}={v:.3f}" for k, v in m.items())
            )
        ),
    }
    if leave_one_out:
        for level in range(1, min(2, fw.n_levels - 1) + 1):
            tables[f"loo_level{level}"] = remove_elements(coin, level=level)[0]
    return tables
