"""Vectorised aggregation of batches of Monte Carlo replications.

A batch shares one normalised indicator matrix (units × indicators) and differs in its
weights (one row per replication) and aggregation method (one choice per replication).
The same rules as :mod:`._aggregate` hold: missing values are dropped with their weights,
weights of the available values summing to zero are an error, and a mean that needs
positive values refuses others instead of returning NaN.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ._errors import AggregationError
from ._framework import Framework

__all__ = ["VECTOR_METHODS", "aggregate_batch", "batch_mean"]

#: Aggregation methods the vectorised analyses support.
VECTOR_METHODS = ("a_amean", "a_gmean", "a_hmean", "a_genmean")


def _check_domain(method: str, v: np.ndarray, avail: np.ndarray, p: float, where: str) -> None:
    if method == "a_amean":
        return
    vals = np.where(avail, v, 1.0)
    if method in ("a_gmean", "a_hmean") or p < 0:
        bad, need = vals <= 0, "positive"
    else:
        bad, need = vals < 0, "non-negative"
    if bad.any():
        raise AggregationError(
            f"{where}: {method} needs {need} values but got {float(vals[bad].min()):g}; "
            "normalise onto a positive scale (e.g. n_minmax with l_u = [1, 100]) or drop "
            "this aggregation alternative"
        )


def batch_mean(
    method: str,
    v: np.ndarray,
    w: np.ndarray,
    para: Mapping[str, Any],
    where: str = "aggregation",
) -> np.ndarray:
    """Weighted means over the last axis of ``v`` (R, n, j) with weights ``w`` (R, j).

    Raises
    ------
    AggregationError
        If the weights of a unit's available values sum to zero, or a value is outside
        the domain of the mean (≤ 0 for ``a_gmean``/``a_hmean``, < 0 for ``a_genmean``).
    """
    avail = ~np.isnan(v)
    wsum = np.einsum("rnj,rj->rn", avail, w)
    if np.any(avail.any(axis=2) & (wsum == 0)):
        raise AggregationError(f"{where}: replication weights of available values sum to zero")
    p = float(para.get("p", 2.0))
    if method == "a_genmean" and p == 0:
        raise AggregationError("a_genmean with p = 0 is the geometric mean: use a_gmean")
    _check_domain(method, v, avail, p, where)
    filled = np.where(avail, v, 1.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        if method == "a_amean":
            return np.einsum("rnj,rj->rn", np.where(avail, v, 0.0), w) / wsum
        if method == "a_gmean":
            return np.exp(np.einsum("rnj,rj->rn", np.where(avail, np.log(filled), 0.0), w) / wsum)
        if method == "a_hmean":
            return wsum / np.einsum("rnj,rj->rn", np.where(avail, 1.0 / filled, 0.0), w)
        return (np.einsum("rnj,rj->rn", np.where(avail, filled**p, 0.0), w) / wsum) ** (1 / p)


def aggregate_batch(
    fw: Framework,
    x: np.ndarray,
    w: np.ndarray,
    choice: np.ndarray,
    methods: Sequence[Sequence[str]],
    para: Mapping[str, Any],
    col: Mapping[str, int],
    target: str,
) -> np.ndarray:
    """Target scores of a batch, shape ``(R, n_units)``.

    Parameters
    ----------
    fw : Framework
    x : numpy.ndarray
        Normalised indicators, units × indicators (``fw.indicators`` order).
    w : numpy.ndarray
        Weights, one row per replication, columns as ``col``.
    choice : numpy.ndarray
        Index into ``methods`` of each replication.
    methods : sequence of sequences of str
        Aggregation alternatives, each one method per level (level 2 first).
    para : mapping
        ``f_ag_para`` (``p`` of ``a_genmean``).
    col : mapping
        Column of each code in ``w``.
    target : str
        Aggregate returned.
    """
    r = w.shape[0]
    values: dict[str, np.ndarray] = {}
    for i, code in enumerate(fw.indicators):
        values[code] = np.broadcast_to(x[:, i], (r, x.shape[0]))
    for lev in range(2, fw.n_levels + 1):
        level_methods = [m[lev - 2] for m in methods]
        picks = {
            method: np.isin(choice, [i for i, m in enumerate(level_methods) if m == method])
            for method in dict.fromkeys(level_methods)
        }
        for agg in fw.codes(level=lev):
            kids = list(fw.children(agg))
            v = np.stack([values[k] for k in kids], axis=2)
            wk = w[:, [col[k] for k in kids]]
            if len(picks) == 1:
                (method,) = picks
                values[agg] = batch_mean(method, v, wk, para, f"aggregating {agg} ({method})")
                continue
            y = np.empty((r, x.shape[0]))
            for method, pick in picks.items():
                if pick.any():
                    y[pick] = batch_mean(
                        method, v[pick], wk[pick], para, f"aggregating {agg} ({method})"
                    )
            values[agg] = y
    return values[target]
