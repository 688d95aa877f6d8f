"""Statistical coherence: correlations and their flags, Cronbach's alpha, PCA per aggregate."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._coin import Coin
from ._errors import DataError, SpecError

__all__ = ["get_corr", "get_corr_flags", "get_cronbach", "get_pca", "get_parent_corr"]

_METHODS = ("pearson", "spearman", "kendall")


def _data(coin: Coin, dset: str) -> pd.DataFrame:
    x = coin.dataset(dset)
    fw = coin.framework
    return x[[c for c in fw.indicators + fw.aggregates if c in x.columns]]


def _codes(coin: Coin, x: pd.DataFrame, level: int) -> list[str]:
    codes = [c for c in coin.framework.codes(level=level) if c in x.columns]
    if not codes:
        raise DataError(f"the data set holds nothing at level {level} (aggregate first?)")
    return codes


def get_corr(
    coin: Coin,
    dset: str = "Aggregated",
    levels: tuple[int, int] = (1, 1),
    *,
    method: str = "pearson",
    grouplev: int | None = None,
) -> pd.DataFrame:
    """Correlation matrix between the elements of two levels (COINr ``get_corr``).

    Parameters
    ----------
    coin : Coin
        The coin.
    dset : str, default "Aggregated"
        Data set (must hold the aggregates if a level is above 1).
    levels : (int, int), default (1, 1)
        Levels of the rows and of the columns, e.g. ``(1, 2)`` for indicators against
        pillars.
    method : {"pearson", "spearman", "kendall"}
        Correlation type; pairs of units with a missing value are dropped pairwise.
    grouplev : int, optional
        Keep only pairs that share an ancestor at this level (others are NaN), e.g.
        ``grouplev = 2`` for correlations within each pillar.

    Returns
    -------
    pandas.DataFrame
        Rows: codes of ``levels[0]``; columns: codes of ``levels[1]``.

    References
    ----------
    COINr 1.1.14, ``get_corr()`` (``R/correlations.R``).
    """
    if method not in _METHODS:
        raise SpecError(f"method must be one of {', '.join(_METHODS)}")
    x = _data(coin, dset)
    rows, cols = _codes(coin, x, levels[0]), _codes(coin, x, levels[1])
    full = x[list(dict.fromkeys(rows + cols))].corr(method=method)  # type: ignore[arg-type]
    out = full.loc[rows, cols].copy()
    if grouplev is not None:
        fw = coin.framework
        if grouplev <= max(levels):
            raise SpecError("grouplev must be above both levels")
        anc_r = {c: fw.ancestor(c, grouplev) for c in rows}
        anc_c = {c: fw.ancestor(c, grouplev) for c in cols}
        mask = np.array([[anc_r[r] == anc_c[c] for c in cols] for r in rows])
        out = out.where(mask)
    return out


def get_parent_corr(coin: Coin, dset: str = "Aggregated", method: str = "pearson") -> pd.DataFrame:
    """Correlation of every element with each of its ancestors (parent, …, index).

    Returns
    -------
    pandas.DataFrame
        Index: indicator and aggregate codes below the top; one column per level above
        1 (``Level_2`` …), each the correlation with the ancestor at that level (NaN at
        or below the element's own level).
    """
    x = _data(coin, dset)
    fw = coin.framework
    codes = [c for c in fw.indicators + fw.aggregates if fw.level(c) < fw.n_levels]
    corr = x.corr(method=method)  # type: ignore[arg-type]
    table = {}
    for lev in range(2, fw.n_levels + 1):
        col = []
        for c in codes:
            if fw.level(c) >= lev:
                col.append(np.nan)
                continue
            anc = fw.ancestor(c, lev)
            ok = c in corr.index and anc in corr.index
            col.append(float(corr.loc[c, anc]) if ok else np.nan)  # type: ignore[arg-type]
        table[f"Level_{lev}"] = col
    return pd.DataFrame(table, index=pd.Index(codes, name="iCode"))


def get_corr_flags(
    coin: Coin,
    dset: str = "Normalised",
    *,
    level: int = 1,
    grouplev: int = 2,
    cor_thresh: float = 0.9,
    neg_thresh: float = -0.4,
    method: str = "pearson",
) -> pd.DataFrame:
    """Pairs flagged for collinearity or negative correlation within each group.

    Parameters
    ----------
    coin : Coin
        The coin.
    dset : str, default "Normalised"
        Use a data set with directions applied, so that a negative correlation means a
        conflict and not a "bad" indicator.
    level : int, default 1
        Level of the elements compared.
    grouplev : int, default 2
        Elements are compared within each ancestor at this level.
    cor_thresh : float, default 0.9
        Pairs correlated above this are flagged ``Collinear``.
    neg_thresh : float, default -0.4
        Pairs correlated below this are flagged ``Negative`` (COINr's vignette uses
        −0.4; set 0 to flag every negative correlation).
    method : str, default "pearson"

    Returns
    -------
    pandas.DataFrame
        Columns ``Group, Ind1, Ind2, Corr, Flag``, one row per flagged pair.

    References
    ----------
    COINr 1.1.14, ``get_corr_flags()`` (``R/correlations.R``); the JRC GII audits flag
    collinearity above about 0.9 and negative correlations.
    """
    corr = get_corr(coin, dset, (level, level), method=method, grouplev=grouplev)
    fw = coin.framework
    codes = list(corr.index)
    mat = corr.to_numpy(float)
    rows = []
    for i, a in enumerate(codes):
        for j in range(i + 1, len(codes)):
            b, r = codes[j], float(mat[i, j])
            if np.isnan(r):
                continue
            flag = "Collinear" if r > cor_thresh else "Negative" if r < neg_thresh else None
            if flag:
                rows.append((fw.ancestor(a, grouplev), a, b, float(r), flag))
    return pd.DataFrame(rows, columns=["Group", "Ind1", "Ind2", "Corr", "Flag"])


def cronbach_alpha(x: pd.DataFrame | np.ndarray) -> float:
    """Cronbach's α from the pairwise-complete covariance matrix C of k columns.

    α = k / (k − 1) · (1 − tr C / Σ C).
    """
    frame = pd.DataFrame(x)
    k = frame.shape[1]
    if k < 2:
        raise DataError("Cronbach's alpha needs at least two columns")
    c = frame.cov().to_numpy()
    total = c.sum()
    if not np.isfinite(total) or total == 0:
        return float("nan")
    return float(k / (k - 1) * (1 - np.trace(c) / total))


def get_cronbach(
    coin: Coin, dset: str = "Normalised", aggregates: Sequence[str] | None = None
) -> pd.DataFrame:
    """Cronbach's α of the children of each aggregate (COINr ``get_cronbach``).

    Parameters
    ----------
    coin : Coin
        The coin.
    dset : str, default "Normalised"
        Data set holding the children (``Aggregated`` for aggregates of aggregates).
    aggregates : sequence of str, optional
        Aggregates to assess; default: every aggregate whose children are all in ``dset``.

    Returns
    -------
    pandas.DataFrame
        Index ``iCode`` (the aggregate): ``Level``, ``k`` (children) and ``alpha``; α is
        NaN for an aggregate with one child. Above 0.7 is usually deemed acceptable.

    References
    ----------
    Cronbach (1951), *Psychometrika* 16, doi:10.1007/BF02310555. COINr 1.1.14,
    ``get_cronbach()`` (covariance with ``use = "pairwise.complete.obs"``): for the
    ASEM P2P pillar on the Raw data it prints 0.05126659.
    """
    x = coin.dataset(dset)
    fw = coin.framework
    if aggregates is None:
        aggregates = [a for a in fw.aggregates if all(k in x.columns for k in fw.children(a))]
    rows = []
    for agg in aggregates:
        kids = list(fw.children(agg))
        missing = [k for k in kids if k not in x.columns]
        if missing:
            raise DataError(f"{dset} lacks {', '.join(missing)} (children of {agg})")
        alpha = cronbach_alpha(x[kids]) if len(kids) > 1 else float("nan")
        rows.append({"iCode": agg, "Level": fw.level(agg), "k": len(kids), "alpha": alpha})
    return pd.DataFrame(rows, columns=["iCode", "Level", "k", "alpha"]).set_index("iCode")


def pca(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """PCA of the columns of ``x`` (centred and scaled, as ``prcomp(scale. = TRUE)``).

    Returns
    -------
    (eigenvalues, loadings)
        Eigenvalues of the correlation matrix, largest first, and the matching unit
        eigenvectors as columns (sign fixed so that the PC1 loadings sum to ≥ 0).
    """
    z = (x - x.mean(axis=0)) / x.std(axis=0, ddof=1)
    vals, vecs = np.linalg.eigh(np.cov(z, rowvar=False))
    order = np.argsort(vals)[::-1]
    vals, vecs = np.clip(vals[order], 0.0, None), vecs[:, order]
    if vecs[:, 0].sum() < 0:
        vecs[:, 0] = -vecs[:, 0]
    return vals, vecs


def get_pca(
    coin: Coin, dset: str = "Normalised", aggregates: Sequence[str] | None = None
) -> pd.DataFrame:
    """Principal components of the children of each aggregate (COINr ``get_PCA``).

    Units with a missing child value are left out (complete cases, as COINr).

    Returns
    -------
    pandas.DataFrame
        Index ``iCode`` (the aggregate): ``k``, ``n`` (complete units), ``eig1``
        (first eigenvalue), ``var1`` (share of variance explained by PC1), ``var_cum2``
        (by PC1 + PC2), ``n_eig_gt1`` (components with eigenvalue > 1) and
        ``loadings`` (PC1 loadings by child, a dict). The JRC looks for one dominant
        component (eigenvalue > 1, typically > 60 % of the variance).

    References
    ----------
    OECD/JRC (2008), *Handbook*, step 4. COINr 1.1.14, ``get_PCA()`` (``R/PCA.R``).
    """
    x = coin.dataset(dset)
    fw = coin.framework
    if aggregates is None:
        aggregates = [a for a in fw.aggregates if all(k in x.columns for k in fw.children(a))]
    rows = []
    for agg in aggregates:
        kids = list(fw.children(agg))
        complete = x[kids].dropna().to_numpy(float)
        row: dict[str, object] = {"iCode": agg, "k": len(kids), "n": len(complete)}
        if len(kids) < 2 or len(complete) < 3 or np.any(complete.std(axis=0) == 0):
            row.update(eig1=np.nan, var1=np.nan, var_cum2=np.nan, n_eig_gt1=0, loadings={})
        else:
            vals, vecs = pca(complete)
            share = vals / vals.sum()
            row.update(
                eig1=float(vals[0]),
                var1=float(share[0]),
                var_cum2=float(share[:2].sum()),
                n_eig_gt1=int((vals > 1).sum()),
                loadings=dict(zip(kids, vecs[:, 0].round(12).tolist(), strict=True)),
            )
        rows.append(row)
    return pd.DataFrame(rows).set_index("iCode")
