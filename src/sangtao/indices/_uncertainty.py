"""Monte Carlo uncertainty analysis, vectorised over replications.

The normalised data depend only on the (few, discrete) normalisation choices, so they are
computed once per choice; weights and aggregation choices are then applied to whole
batches of replications at once with array operations, rather than rebuilding the index
once per replication as COINr's ``get_sensitivity`` does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from ._aggregate import Aggregate
from ._coin import Coin
from ._errors import AggregationError, SpecError
from ._normalise import Normalise
from ._weights import noisy_weights

__all__ = ["UncertaintyAnalysis", "UncertaintyResult"]

_VECTOR_METHODS = ("a_amean", "a_gmean", "a_hmean", "a_genmean")


@dataclass(frozen=True, eq=False)
class UncertaintyResult:
    """Outcome of an uncertainty analysis.

    Attributes
    ----------
    rank_stats : pandas.DataFrame
        Per unit (index ``uCode``): ``Nominal`` rank and the ``Mean``, ``Median``, ``Q5``
        and ``Q95`` of its rank over replications (COINr's ``RankStats``), plus
        ``Interval`` = Q95 − Q5.
    scores : numpy.ndarray
        Target scores, shape ``(N, n_units)``.
    ranks : numpy.ndarray
        Target ranks (1 = best, ties share the best rank), shape ``(N, n_units)``.
    replications : pandas.DataFrame
        Each replication's parameters: ``normalisation`` (index into the alternatives),
        ``f_ag`` and one ``w_<code>`` column per weight, enough to replay it exactly.
    units : list of str
        Unit codes, the columns of ``scores`` and ``ranks``.
    target : str
        The aggregate analysed.
    """

    rank_stats: pd.DataFrame
    scores: np.ndarray
    ranks: np.ndarray
    replications: pd.DataFrame
    units: list[str]
    target: str


@dataclass(frozen=True, eq=False)
class _Context:
    fw: Any
    matrices: list[np.ndarray]
    methods: list[list[str]]
    para: dict[str, Any]
    weights0: pd.Series
    units: list[str]
    target: str
    nominal: np.ndarray


def _batch_mean(method: str, v: np.ndarray, w: np.ndarray, para: Mapping[str, Any]) -> np.ndarray:
    """Weighted means over the last axis of ``v`` (R, n, j) with weights ``w`` (R, j)."""
    avail = ~np.isnan(v)
    wsum = np.einsum("rnj,rj->rn", avail, w)
    if np.any(avail.any(axis=2) & (wsum == 0)):
        raise AggregationError("replication weights of available values sum to zero")
    filled = np.where(avail, v, 1.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        if method == "a_amean":
            return np.einsum("rnj,rj->rn", np.where(avail, v, 0.0), w) / wsum
        if method == "a_gmean":
            return np.exp(np.einsum("rnj,rj->rn", np.where(avail, np.log(filled), 0.0), w) / wsum)
        if method == "a_hmean":
            return wsum / np.einsum("rnj,rj->rn", np.where(avail, 1.0 / filled, 0.0), w)
        p = float(para.get("p", 2.0))
        return (np.einsum("rnj,rj->rn", np.where(avail, filled**p, 0.0), w) / wsum) ** (1 / p)


class UncertaintyAnalysis:
    """Monte Carlo uncertainty analysis of a built coin (COINr ``get_sensitivity``, UA).

    Each replication draws, independently:

    - a weight set: every weight w of a level named in ``noise`` becomes
      w·(1 + U(−1, 1)·f) (COINr ``get_noisy_weights``);
    - a normalisation, uniformly among ``normalisations`` (``global_specs`` mappings of
      :class:`Normalise`), if given;
    - an aggregation method, uniformly among ``aggregations`` (``f_ag`` values: a name
      or one name per level), if given.

    Other steps keep their nominal settings: the data normalised are the input of the
    coin's ``Normalise`` step, and the nominal weights and method are those of its
    ``Aggregate`` step.

    Parameters
    ----------
    N : int, default 200
        Number of replications.
    noise : mapping of int to float, optional
        Noise factor by level, e.g. ``{2: 0.25, 3: 0.25}``.
    normalisations : sequence of mappings, optional
        Alternative ``global_specs`` for normalisation.
    aggregations : sequence, optional
        Alternative ``f_ag`` values among ``a_amean``, ``a_gmean``, ``a_hmean``,
        ``a_genmean``.
    target : str, optional
        Aggregate whose ranks are analysed (default: the top of the framework).
    seed : int, optional
        Random seed; the same seed gives the same replications.
    chunk : int, default 2000
        Replications computed at once (bounds memory).

    References
    ----------
    Saisana, Saltelli & Tarantola (2005), "Uncertainty and sensitivity analysis
    techniques as tools for the quality assessment of composite indicators", *JRSS A*
    168(2), doi:10.1111/j.1467-985X.2005.00350.x. COINr 1.1.14, ``get_sensitivity()``
    (``R/sensitivity.R``).
    """

    def __init__(
        self,
        *,
        N: int = 200,  # noqa: N803 - COINr's argument name
        noise: Mapping[int, float] | None = None,
        normalisations: Sequence[Mapping[str, Any]] | None = None,
        aggregations: Sequence[str | Sequence[str]] | None = None,
        target: str | None = None,
        seed: int | None = None,
        chunk: int = 2000,
    ) -> None:
        self.N = N
        self.noise = noise
        self.normalisations = normalisations
        self.aggregations = aggregations
        self.target = target
        self.seed = seed
        self.chunk = chunk

    # ----------------------------------------------------------------- set-up
    def _nominal(self, coin: Coin) -> tuple[Normalise, Aggregate]:
        norm_rec = coin.record("Normalise")
        agg_rec = coin.record("Aggregate")
        if agg_rec.dset != norm_rec.write_to:
            raise SpecError(
                "the coin's Aggregate step must read the data written by its Normalise step"
            )
        return Normalise(**norm_rec.params), Aggregate(**agg_rec.params)

    def _methods(self, nagg: int, nominal: Aggregate) -> list[list[str]]:
        alts = list(self.aggregations) if self.aggregations else [nominal.f_ag]
        out = []
        for alt in alts:
            per = [alt] * nagg if isinstance(alt, str) else list(alt)
            if len(per) != nagg:
                raise SpecError(f"an aggregation alternative needs {nagg} entries, one per level")
            bad = [m for m in per if m not in _VECTOR_METHODS]
            if bad:
                raise SpecError(
                    f"uncertainty analysis supports {', '.join(_VECTOR_METHODS)}; not {bad[0]}"
                )
            out.append(per)
        return out

    def _prepare(self, coin: Coin) -> _Context:
        """Everything a batch of replications needs: normalised matrices, weights …"""
        fw = coin.framework
        nagg = fw.n_levels - 1
        norm0, agg0 = self._nominal(coin)
        target = self.target or fw.codes(level=fw.n_levels)[0]
        if target not in fw.aggregates:
            raise SpecError(f"target {target!r} is not an aggregate")
        if isinstance(agg0.w, list):
            raise SpecError("uncertainty analysis needs one nominal weight set for all levels")
        para = agg0.f_ag_para if isinstance(agg0.f_ag_para, Mapping) else {}
        if agg0.dat_thresh is not None:
            raise SpecError("uncertainty analysis does not support dat_thresh")
        methods = self._methods(nagg, agg0)
        weights0 = agg0._weights(coin, agg0.w)
        if weights0 is None:
            weights0 = pd.Series(1.0, index=fw.indicators + fw.aggregates)
        weights0 = weights0.reindex(fw.indicators + fw.aggregates)

        norm_alts = list(self.normalisations) if self.normalisations else [norm0.global_specs]
        matrices = []
        for gs in norm_alts:
            normed = norm0.clone(global_specs=gs).apply(coin).dataset(norm0.write_to)
            matrices.append(normed[fw.indicators].to_numpy(float))
            for per in methods:
                if per[0] in ("a_gmean", "a_hmean") and np.nanmin(matrices[-1]) <= 0:
                    raise AggregationError(
                        f"normalisation {gs} gives zero or negative values, which {per[0]} "
                        "cannot aggregate; normalise onto a positive scale"
                    )
        units = [str(u) for u in coin.dataset(norm0.write_to).index]
        nominal = coin.dataset(agg0.write_to or "Aggregated")[target].to_numpy(float)
        return _Context(fw, matrices, methods, dict(para), weights0, units, target, nominal)

    def _evaluate(
        self, ctx: _Context, w_all: np.ndarray, norm_choice: np.ndarray, agg_choice: np.ndarray
    ) -> np.ndarray:
        """Target scores of a batch of replications, shape ``(R, n_units)``."""
        n = w_all.shape[0]
        col = {c: i for i, c in enumerate(ctx.weights0.index)}
        scores = np.empty((n, len(ctx.units)))
        for start in range(0, n, self.chunk):
            sl = slice(start, min(start + self.chunk, n))
            for o, x in enumerate(ctx.matrices):
                reps = np.flatnonzero(norm_choice[sl] == o) + start
                if reps.size == 0:
                    continue
                scores[reps] = self._aggregate(
                    ctx.fw, x, w_all[reps], agg_choice[reps], ctx.methods, ctx.para, col, ctx.target
                )
        if np.isnan(scores).any():
            bad = [ctx.units[i] for i in np.flatnonzero(np.isnan(scores).any(axis=0))]
            raise AggregationError(f"{ctx.target} has no score for {', '.join(bad[:10])}")
        return scores

    def run(self, coin: Coin) -> UncertaintyResult:
        """Run the analysis on a built coin; see the class docstring."""
        if self.N < 1:
            raise SpecError("N must be at least 1")
        ctx = self._prepare(coin)
        fw = ctx.fw
        rng = np.random.default_rng(self.seed)
        w_all = noisy_weights(ctx.weights0, fw, dict(self.noise or {}), self.N, rng)
        norm_choice = rng.integers(len(ctx.matrices), size=self.N)
        agg_choice = rng.integers(len(ctx.methods), size=self.N)
        scores = self._evaluate(ctx, w_all, norm_choice, agg_choice)
        ranks = rankdata(-scores, method="min", axis=1).astype(float)
        stats = pd.DataFrame(
            {
                "Nominal": rankdata(-ctx.nominal, method="min").astype(float),
                "Mean": ranks.mean(axis=0),
                "Median": np.median(ranks, axis=0),
                "Q5": np.quantile(ranks, 0.05, axis=0),
                "Q95": np.quantile(ranks, 0.95, axis=0),
            },
            index=pd.Index(ctx.units, name="uCode"),
        )
        stats["Interval"] = stats["Q95"] - stats["Q5"]
        reps_table = pd.DataFrame(
            {
                "normalisation": norm_choice,
                "f_ag": ["|".join(ctx.methods[i]) for i in agg_choice],
                **{f"w_{c}": w_all[:, i] for i, c in enumerate(ctx.weights0.index)},
            }
        )
        return UncertaintyResult(stats, scores, ranks, reps_table, ctx.units, ctx.target)

    @staticmethod
    def _aggregate(
        fw: Any,
        x: np.ndarray,
        w: np.ndarray,
        choice: np.ndarray,
        methods: list[list[str]],
        para: Mapping[str, Any],
        col: Mapping[str, int],
        target: str,
    ) -> np.ndarray:
        r = w.shape[0]
        values: dict[str, np.ndarray] = {}
        for i, code in enumerate(fw.indicators):
            values[code] = np.broadcast_to(x[:, i], (r, x.shape[0]))
        for lev in range(2, fw.n_levels + 1):
            for agg in fw.codes(level=lev):
                kids = list(fw.children(agg))
                v = np.stack([values[k] for k in kids], axis=2)
                wk = w[:, [col[k] for k in kids]]
                y = np.empty((r, x.shape[0]))
                level_methods = [m[lev - 2] for m in methods]
                for method in dict.fromkeys(level_methods):
                    pick = np.isin(choice, [i for i, m in enumerate(level_methods) if m == method])
                    if pick.any():
                        y[pick] = _batch_mean(method, v[pick], wk[pick], para)
                values[agg] = y
        return values[target]

    def replay(self, coin: Coin, result: UncertaintyResult, i: int) -> pd.Series:
        """Rebuild replication ``i`` step by step (no vectorisation): its target scores.

        This is the naive baseline and the check that a run can be replayed exactly
        from ``result.replications``.
        """
        fw = coin.framework
        norm0, agg0 = self._nominal(coin)
        row = result.replications.iloc[i]
        norm_alts = list(self.normalisations) if self.normalisations else [norm0.global_specs]
        built = norm0.clone(global_specs=norm_alts[int(row["normalisation"])]).apply(coin)
        weights = {c: float(row[f"w_{c}"]) for c in fw.indicators + fw.aggregates}
        f_ag = str(row["f_ag"]).split("|")
        built = agg0.clone(dset=norm0.write_to, f_ag=f_ag, w=weights).apply(built)
        return built.dataset(agg0.write_to or "Aggregated")[result.target]
