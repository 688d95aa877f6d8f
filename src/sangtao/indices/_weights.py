"""Weights: manual (iMeta), equal, effective, PCA-based and noisy weight sets."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ._coin import Coin, StepRecord
from ._errors import AggregationError, SpecError
from ._framework import Framework
from ._step import Step

__all__ = ["PCAWeights", "effective_weights", "equal_weights", "noisy_weights", "pca_loadings"]


def equal_weights(framework: Framework) -> pd.Series:
    """Weight 1 for every indicator and aggregate: equal weights within each parent."""
    codes = framework.indicators + framework.aggregates
    return pd.Series(1.0, index=codes)


def effective_weights(framework: Framework, weights: pd.Series | None = None) -> pd.Series:
    """Effective weight of each element in the index (COINr ``get_eff_weights``).

    Weights are normalised to sum to 1 within each parent, then multiplied down the tree,
    so the effective weights of the elements of one level sum to 1 (per top-level
    element).

    Raises
    ------
    AggregationError
        If the weights of a parent's children sum to zero.

    References
    ----------
    COINr 1.1.14, ``get_eff_weights()`` (``R/weights.R``).
    """
    w = framework.weights if weights is None else weights.reindex(framework.weights.index)
    if w.isna().any():
        raise SpecError(f"weights lack code(s) {', '.join(w.index[w.isna()])}")
    eff = pd.Series(np.nan, index=w.index)
    for code in framework.codes(level=framework.n_levels):
        eff[code] = 1.0
    for lev in range(framework.n_levels, 1, -1):
        for agg in framework.codes(level=lev):
            kids = list(framework.children(agg))
            total = float(w[kids].sum())
            if total == 0:
                raise AggregationError(f"the weights of the children of {agg} sum to zero")
            eff[kids] = w[kids] / total * eff[agg]
    return eff


def noisy_weights(
    weights: pd.Series,
    framework: Framework,
    noise: Mapping[int, float],
    n: int,
    rng: np.random.Generator | int | None = None,
) -> np.ndarray:
    """Random weight sets w·(1 + U(−1, 1)·f) by level (COINr ``get_noisy_weights``).

    Parameters
    ----------
    weights : pandas.Series
        Nominal weights of every indicator and aggregate.
    framework : Framework
        To know each code's level.
    noise : mapping of int to float
        Noise factor ``f`` by level, e.g. ``{2: 0.25}``; levels not named keep their
        nominal weights.
    n : int
        Number of weight sets.
    rng : numpy.random.Generator or int, optional
        Random source or seed.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, len(weights))``, columns in the order of ``weights``.
    """
    rng = np.random.default_rng(rng)
    base = weights.to_numpy(float)
    factors = np.zeros(len(weights))
    for i, code in enumerate(weights.index):
        factors[i] = float(noise.get(framework.level(str(code)), 0.0))
    u = rng.uniform(-1.0, 1.0, size=(n, len(weights)))
    return base * (1 + u * factors)


def pca_loadings(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First-principal-component loadings of centred, scaled columns (R ``prcomp``).

    Returns
    -------
    loadings : numpy.ndarray
        PC1 loadings (unit length), signed so that they sum to a positive number.
    variance_share : numpy.ndarray
        Share of variance explained by each component.
    """
    x = np.asarray(values, dtype=float)
    sd = x.std(axis=0, ddof=1)
    if np.any(sd == 0):
        raise AggregationError("PCA of a column with zero variance")
    z = (x - x.mean(axis=0)) / sd
    _, s, vt = np.linalg.svd(z, full_matrices=False)
    pc1 = vt[0]
    if pc1.sum() < 0:
        pc1 = -pc1
    var = s**2
    return pc1, var / var.sum()


class PCAWeights(Step):
    """Weights from the first principal component within each group (COINr ``get_PCA``).

    For every aggregate at level ``Level + 1``, the scores of its children (the elements
    of level ``Level``) in data set ``dset`` are centred and scaled, and the PC1 loadings
    become the children's weights; the other weights are copied from ``base``. Units
    with a missing value are left out of the PCA (listed in the record).

    Parameters
    ----------
    dset : str, default "Aggregated"
        Data set holding the elements of ``Level``.
    Level : int, default 1
        Level whose weights are replaced.
    by_groups : bool, default True
        One PCA per parent group (COINr default); otherwise one PCA over the whole level.
    weights_to : str, default "PCA"
        Name of the weight set written.
    base : str, default "Original"
        Weight set the other levels' weights come from.

    Notes
    -----
    PC1's sign is arbitrary; here the loadings are signed to sum to a positive number.
    Means renormalise weights (w / Σw), so the sign does not change aggregated scores.
    Loadings can be negative: the record flags them.

    References
    ----------
    COINr 1.1.14, ``get_PCA()`` (``R/PCA.R``); OECD/JRC (2008), *Handbook*, 6.1.
    """

    coinr_name = "get_PCA"

    def __init__(
        self,
        *,
        dset: str = "Aggregated",
        Level: int = 1,  # noqa: N803 - COINr's argument name
        by_groups: bool = True,
        weights_to: str = "PCA",
        base: str = "Original",
    ) -> None:
        self.dset = dset
        self.Level = Level
        self.by_groups = by_groups
        self.weights_to = weights_to
        self.base = base

    def apply(self, coin: Coin) -> Coin:
        """Compute the weight set and write it to the coin."""
        fw = coin.framework
        level = int(self.Level)
        if not 1 <= level < fw.n_levels:
            raise SpecError(f"Level must be between 1 and {fw.n_levels - 1}")
        x = coin.dataset(self.dset)
        w = coin.weight_set(self.base)
        if self.by_groups:
            groups = {agg: list(fw.children(agg)) for agg in fw.codes(level=level + 1)}
        else:
            groups = {"All": fw.codes(level=level)}
        results: dict[str, dict[str, object]] = {}
        for grp, codes in groups.items():
            missing = [c for c in codes if c not in x.columns]
            if missing:
                raise SpecError(f"{self.dset} lacks {', '.join(missing)} for PCA")
            vals = x[codes]
            complete = vals.dropna()
            if len(codes) < 2:
                results[grp] = {"weights": {codes[0]: float(w[codes[0]])}, "note": "one child"}
                continue
            loadings, share = pca_loadings(complete.to_numpy(float))
            w[codes] = loadings
            results[grp] = {
                "weights": dict(zip(codes, loadings.tolist(), strict=True)),
                "variance_share": share.tolist(),
                "units_left_out": [str(u) for u in vals.index.difference(complete.index)],
                "negative_weights": [c for c, v in zip(codes, loadings, strict=True) if v < 0],
            }
        record = StepRecord(self.coinr_name, self.get_params(), self.dset, None, {"PCA": results})
        return coin.with_weights(self.weights_to, w, record)
