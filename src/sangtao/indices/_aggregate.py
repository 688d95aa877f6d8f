"""Aggregate: combine indicators up the framework, level by level."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._coin import Coin, StepRecord
from ._errors import AggregationError, SpecError
from ._step import Step

__all__ = [
    "AGGREGATORS",
    "Aggregate",
    "a_amean",
    "a_copeland",
    "a_genmean",
    "a_gmean",
    "a_hmean",
]


def _prep(x: np.ndarray, w: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = np.atleast_2d(np.asarray(x, dtype=float))
    w = np.ones(x.shape[1]) if w is None else np.asarray(w, dtype=float)
    if w.shape != (x.shape[1],):
        raise AggregationError(f"{x.shape[1]} values but {w.size} weights")
    if not np.isfinite(w).all():
        raise AggregationError("weights must be finite numbers (not missing or infinite)")
    avail = ~np.isnan(x)
    return x, w, avail


def _weight_sums(w: np.ndarray, avail: np.ndarray) -> np.ndarray:
    wsum = avail @ w
    bad = avail.any(axis=1) & (wsum == 0)
    if bad.any():
        rows = ", ".join(map(str, np.flatnonzero(bad)[:10]))
        raise AggregationError(
            f"the weights of the available values sum to zero (row(s) {rows}); "
            "the mean is undefined"
        )
    return wsum


def _require_positive(x: np.ndarray, avail: np.ndarray, what: str) -> None:
    """Refuse a zero or negative available value, naming the first one."""
    bad = avail & (np.where(avail, x, 1.0) <= 0)
    if bad.any():
        r, c = np.argwhere(bad)[0]
        raise AggregationError(
            f"{what} of a zero or negative value (row {r}, column {c}: {x[r, c]}); "
            "normalise onto a positive scale first or use another mean"
        )


def a_amean(x: np.ndarray, w: np.ndarray | None = None) -> np.ndarray:
    """Weighted arithmetic mean over available values, weights renormalised (COINr ``a_amean``).

    y = Σ wᵢxᵢ / Σ wᵢ over the available xᵢ; missing values are dropped with their weights
    (the GII's "average of available values"). A row with nothing available gives NaN.

    Parameters
    ----------
    x : numpy.ndarray
        Values, one row per unit (a 1-D array is one unit).
    w : numpy.ndarray, optional
        One weight per column; equal weights by default.

    Raises
    ------
    AggregationError
        If the weights of a row's available values sum to zero.
    """
    x, w, avail = _prep(x, w)
    wsum = _weight_sums(w, avail)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(avail, x, 0.0) @ w / np.where(wsum == 0, np.nan, wsum)


def a_gmean(x: np.ndarray, w: np.ndarray | None = None) -> np.ndarray:
    """Weighted geometric mean exp(Σ w log x / Σ w) over available values (COINr ``a_gmean``).

    Raises
    ------
    AggregationError
        If any value is zero or negative (normalise onto a positive scale first, e.g.
        ``n_minmax`` with ``l_u = [1, 100]`` or ``n_zscore`` with a mean well above 0).
    """
    x, w, avail = _prep(x, w)
    _require_positive(x, avail, "geometric mean")
    wsum = _weight_sums(w, avail)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.exp(np.where(avail, np.log(np.where(avail, x, 1.0)), 0.0) @ w / wsum)


def a_hmean(x: np.ndarray, w: np.ndarray | None = None) -> np.ndarray:
    """Weighted harmonic mean Σ w / Σ (w/x) over available values (COINr ``a_hmean``).

    Raises
    ------
    AggregationError
        If any value is zero or negative. (COINr 1.1.14 refuses zeros only, although
        its documentation asks for positive values: with negative values Σ w/x can
        reach zero and the mean an infinite or meaningless value.)
    """
    x, w, avail = _prep(x, w)
    _require_positive(x, avail, "harmonic mean")
    wsum = _weight_sums(w, avail)
    with np.errstate(invalid="ignore", divide="ignore"):
        return wsum / (np.where(avail, 1.0 / np.where(avail, x, 1.0), 0.0) @ w)


def a_genmean(x: np.ndarray, w: np.ndarray | None = None, p: float = 2.0) -> np.ndarray:
    """Weighted generalised (power) mean (Σ w xᵖ / Σ w)^(1/p) (COINr ``a_genmean``).

    Missing values are dropped with their weights, as in :func:`a_amean`. (COINr 1.1.14
    returns NA for a unit with any missing value; here no silent NaN arises.)

    Raises
    ------
    AggregationError
        If ``p = 0`` (use :func:`a_gmean`), if ``p < 0`` and a value is not positive, or
        if a value is negative (power means are defined on non-negative values: a
        negative value to a fractional power, or a negative mean to the power 1/p, is
        NaN; COINr 1.1.14 does not check).
    """
    if p == 0:
        raise AggregationError("a_genmean with p = 0 is the geometric mean: use a_gmean")
    x, w, avail = _prep(x, w)
    vals = np.where(avail, x, 1.0)
    if p < 0 and (avail & (vals <= 0)).any():
        raise AggregationError("a_genmean with p < 0 needs positive values")
    if (avail & (vals < 0)).any():
        raise AggregationError(
            "a_genmean of a negative value; normalise onto a non-negative scale first"
        )
    wsum = _weight_sums(w, avail)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (np.where(avail, np.where(avail, x, 1.0) ** p, 0.0) @ w / wsum) ** (1 / p)


def outrank_matrix(x: np.ndarray, w: np.ndarray | None = None) -> np.ndarray:
    """COINr's ``outrankMatrix``: weighted share of indicators on which row i beats row j.

    Ties count half; comparisons with a missing value count nothing. Only the upper
    triangle is computed; the lower is 1 − upper, as COINr.
    """
    x, w, _ = _prep(x, w)
    if np.sum(w) == 0:
        raise AggregationError("the weights sum to zero; the outranking shares are undefined")
    w = w / np.sum(w)
    a, b = x[:, None, :], x[None, :, :]
    with np.errstate(invalid="ignore"):
        score = ((a > b) * w).sum(axis=2) + ((a == b) * w).sum(axis=2) / 2
    upper = np.triu(score, k=1)
    out = upper + np.tril(1 - upper.T, k=-1)
    np.fill_diagonal(out, 0.0)
    return out


def a_copeland(x: np.ndarray, w: np.ndarray | None = None) -> np.ndarray:
    """Copeland scores (COINr 1.1 ``a_copeland``).

    Outranking entries above 0.5 become +1, below 0.5 −1, equal 0; a unit's score is the
    row sum: wins minus losses over all pairs.
    """
    orm = outrank_matrix(x, w)
    signed = np.where(orm > 0.5, 1.0, np.where(orm < 0.5, -1.0, 0.0))
    np.fill_diagonal(signed, 0.0)
    return signed.sum(axis=1)


AGGREGATORS: dict[str, Callable[..., np.ndarray]] = {
    "a_amean": a_amean,
    "a_gmean": a_gmean,
    "a_hmean": a_hmean,
    "a_genmean": a_genmean,
    "a_copeland": a_copeland,
}


def _per_level(value: Any, n: int, what: str) -> list[Any]:
    if isinstance(value, list | tuple):
        if len(value) != n:
            raise SpecError(f"{what} must have one entry per aggregation level ({n})")
        return list(value)
    return [value] * n


class Aggregate(Step):
    """Aggregate level by level up the framework, as COINr's ``Aggregate()``.

    Parameters
    ----------
    dset : str, optional
        Data set to read (default: the latest, normally ``Normalised``).
    f_ag : str or list of str, default "a_amean"
        One of :data:`AGGREGATORS`, or one per aggregation level (level 2 first).
    w : None, str, mapping or list, optional
        Weights: ``None`` for iMeta's (the ``Original`` set); the name of a weight set of
        the coin (e.g. written by ``get_PCA``); ``"none"`` for equal weights;
        ``{code: weight}`` overriding the iMeta weights; or one of these per level.
    f_ag_para : mapping or list of mappings, optional
        Extra parameters (``{p: 2}`` for ``a_genmean``), or one per level.
    dat_thresh : float or list of float, optional
        A unit whose share of available children is below this gets no score for that
        aggregate (NaN, listed in the record).
    write_to : str, optional
        Data set to write (default ``Aggregated``).

    Notes
    -----
    Weights are relative within each parent: only their ratios matter. A score is
    missing only when documented and recorded: a unit with no available child value, or
    one below ``dat_thresh``; the record lists, per aggregate, the units left without a
    score (``units_without_score``, ``below_dat_thresh``), and :func:`export_coin`
    writes them to ``missing_scores.csv``. Any other non-finite result (weights of the
    available values summing to zero, a value outside the domain of the mean) raises
    :class:`AggregationError`.

    References
    ----------
    COINr 1.1.14, ``Aggregate.coin()``, ``a_amean()`` … (``R/aggregate.R``). OECD/JRC
    (2008), *Handbook*, steps 6–7.
    """

    coinr_name = "Aggregate"
    default_write_to = "Aggregated"

    def __init__(
        self,
        *,
        dset: str | None = None,
        f_ag: str | Sequence[str] = "a_amean",
        w: Any = None,
        f_ag_para: Mapping[str, Any] | Sequence[Mapping[str, Any] | None] | None = None,
        dat_thresh: float | Sequence[float | None] | None = None,
        write_to: str | None = None,
    ) -> None:
        self.dset = dset
        self.f_ag = f_ag
        self.w = w
        self.f_ag_para = f_ag_para
        self.dat_thresh = dat_thresh
        self.write_to = write_to

    def _weights(self, coin: Coin, spec: Any) -> pd.Series | None:
        if spec is None:
            return coin.weight_set("Original")
        if isinstance(spec, str):
            return None if spec == "none" else coin.weight_set(spec)
        if isinstance(spec, Mapping):
            base = coin.weight_set("Original")
            unknown = [k for k in spec if k not in base.index]
            if unknown:
                raise SpecError(f"weights given for unknown code(s): {', '.join(unknown)}")
            base.update(pd.Series(spec, dtype=float))
            return base
        if isinstance(spec, pd.Series):
            return spec.astype(float)
        raise SpecError("w must be null, a weight-set name, 'none' or a mapping of weights")

    def apply(self, coin: Coin) -> Coin:
        """Aggregate and write the result; see the class docstring."""
        name, x = self._input(coin, self.dset)
        fw = coin.framework
        nagg = fw.n_levels - 1
        if nagg < 1:
            raise SpecError("the framework has a single level: nothing to aggregate")
        f_ags = _per_level(self.f_ag, nagg, "f_ag")
        ws = _per_level(self.w, nagg, "w") if isinstance(self.w, list) else [self.w] * nagg
        paras = (
            _per_level(self.f_ag_para, nagg, "f_ag_para")
            if isinstance(self.f_ag_para, list)
            else [self.f_ag_para] * nagg
        )
        threshs = _per_level(self.dat_thresh, nagg, "dat_thresh")
        missing_inds = [c for c in fw.indicators if c not in x.columns]
        if missing_inds:
            raise SpecError(f"{name} lacks indicator(s) {', '.join(missing_inds)}")
        out = x[fw.indicators].copy()
        no_score: dict[str, list[str]] = {}
        below_thresh: dict[str, list[str]] = {}
        for lev in range(2, fw.n_levels + 1):
            f_ag = f_ags[lev - 2]
            if f_ag not in AGGREGATORS:
                raise SpecError(
                    f"unknown aggregation {f_ag!r}; use one of {', '.join(AGGREGATORS)}"
                )
            func = AGGREGATORS[f_ag]
            wset = self._weights(coin, ws[lev - 2])
            para: dict[str, Any] = dict(paras[lev - 2] or {})  # type: ignore[arg-type]
            thresh = threshs[lev - 2]
            new_cols = {}
            for agg in fw.codes(level=lev):
                kids = list(fw.children(agg))
                vals = out[kids].to_numpy(float)
                w = None if wset is None else wset.reindex(kids).to_numpy(float)
                if w is not None and np.isnan(w).any():
                    lacking = [k for k, v in zip(kids, w, strict=True) if np.isnan(v)]
                    raise SpecError(f"weight set lacks weight(s) for {', '.join(lacking)}")
                try:
                    with np.errstate(all="ignore"):  # non-finite results are refused below
                        y = func(vals, w, **para)
                except AggregationError as exc:
                    raise AggregationError(f"aggregating {agg} ({f_ag}): {exc}") from None
                except TypeError as exc:
                    raise SpecError(f"{f_ag} for {agg}: {exc}") from None
                bad = ~np.isfinite(y) & (~np.isnan(vals)).any(axis=1)
                if bad.any():
                    units = ", ".join(map(str, x.index[bad][:10]))
                    raise AggregationError(
                        f"aggregating {agg} ({f_ag}) gives no finite score for {units} "
                        "although values are available"
                    )
                if thresh is not None:
                    share = (~np.isnan(vals)).mean(axis=1)
                    low = share < float(thresh)
                    if low.any():
                        below_thresh[agg] = [str(u) for u in x.index[low]]
                    y = np.where(low, np.nan, y)
                if np.isnan(y).any():
                    no_score[agg] = [str(u) for u in x.index[np.isnan(y)]]
                new_cols[agg] = y
            out = pd.concat([out, pd.DataFrame(new_cols, index=out.index)], axis=1)
        write_to = self.write_to or self.default_write_to
        assert write_to is not None
        details = {
            "f_ag": f_ags,
            "units_without_score": no_score,
            "below_dat_thresh": below_thresh,
        }
        record = StepRecord(self.coinr_name, self.get_params(), name, write_to, details)
        return coin.with_dataset(write_to, out, record)
