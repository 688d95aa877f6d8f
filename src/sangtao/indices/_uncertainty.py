"""Monte Carlo uncertainty analysis, vectorised over replications.

The normalised data depend only on the (few, discrete) imputation, treatment and
normalisation choices, so they are computed once per combination (a *data variant*,
:mod:`._upstream`); replications are grouped by variant and weights and aggregation
choices are applied to whole batches at once with array operations (:mod:`._mcbatch`),
rather than rebuilding the index once per replication as COINr's ``get_sensitivity``
does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from ._aggregate import Aggregate
from ._coin import Coin
from ._errors import AggregationError, SpecError
from ._framework import Framework
from ._mcbatch import VECTOR_METHODS, aggregate_batch
from ._normalise import Normalise
from ._progress import ProgressCallback, tick
from ._upstream import UPSTREAM_FACTORS, DataVariants, resolve_alternatives
from ._weights import noisy_weights

__all__ = ["UncertaintyAnalysis", "UncertaintyResult"]

#: Columns of the replications table holding a choice among alternatives, in the order
#: of :attr:`DataVariants.dims` (upstream factors, then normalisation).
CHOICE_COLUMNS = (*UPSTREAM_FACTORS, "normalisation")


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
        Each replication's parameters: ``imputation``, ``treatment`` and
        ``normalisation`` (indices into ``alternatives``), ``f_ag`` and one
        ``w_<code>`` column per weight, enough to replay it exactly.
    units : list of str
        Unit codes, the columns of ``scores`` and ``ranks``.
    target : str
        The aggregate analysed.
    alternatives : dict
        The alternatives the indices of ``replications`` point into: ``imputation`` and
        ``treatment`` (step parameter overrides; ``{}`` is the nominal step),
        ``normalisation`` (``global_specs``) and ``aggregation`` (one method per level).
    """

    rank_stats: pd.DataFrame
    scores: np.ndarray
    ranks: np.ndarray
    replications: pd.DataFrame
    units: list[str]
    target: str
    alternatives: dict[str, list[Any]] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class _Context:
    fw: Framework
    data: DataVariants
    methods: list[list[str]]
    para: dict[str, Any]
    weights0: pd.Series
    target: str
    nominal: np.ndarray

    @property
    def units(self) -> list[str]:
        return self.data.units

    def alternatives(self) -> dict[str, list[Any]]:
        return {
            **{f: list(a) for f, a in self.data.upstream.items()},
            "normalisation": list(self.data.normalisations),
            "aggregation": [list(m) for m in self.methods],
        }


def check_noise(noise: Mapping[int, float] | None) -> dict[int, float]:
    """Noise factors by level, each in [0, 1) so that no weight reaches zero or below."""
    out = {}
    for level, f in dict(noise or {}).items():
        if not 0 <= float(f) < 1:
            raise SpecError(
                f"noise factor of level {level} must be in [0, 1), not {f}: a weight "
                "could reach zero or turn negative"
            )
        out[int(level)] = float(f)
    return out


class UncertaintyAnalysis:
    """Monte Carlo uncertainty analysis of a built coin (COINr ``get_sensitivity``, UA).

    Each replication draws, independently:

    - a weight set: every weight w of a level named in ``noise`` becomes
      w·(1 + U(−1, 1)·f) (COINr ``get_noisy_weights``);
    - an imputation, uniformly among ``imputations``, if given;
    - an outlier treatment, uniformly among ``treatments``, if given;
    - a normalisation, uniformly among ``normalisations`` (``global_specs`` mappings of
      :class:`Normalise`), if given;
    - an aggregation method, uniformly among ``aggregations`` (``f_ag`` values: a name
      or one name per level), if given.

    Imputation and treatment alternatives change the coin's own ``Impute`` and ``Treat``
    steps: the build is replayed from the first step varied up to ``Normalise``, once
    per distinct combination (see :mod:`sangtao.indices._upstream`). Other steps keep
    their nominal settings, and the nominal weights and method are those of the coin's
    ``Aggregate`` step.

    Parameters
    ----------
    N : int, default 200
        Number of replications.
    noise : mapping of int to float, optional
        Noise factor by level, each in [0, 1), e.g. ``{2: 0.25, 3: 0.25}``.
    imputations : sequence, optional
        Alternatives of the ``Impute`` step: an ``f_i`` name (``"i_median"``,
        ``"none"`` …) or a mapping of its parameters (``{"f_i": "i_mean_grp",
        "use_group": "EurAsia_group"}``).
    treatments : sequence, optional
        Alternatives of the ``Treat`` step: a ``global_specs`` string (``"none"``,
        ``"gii"``) or a mapping of its parameters, e.g. ``{"global_specs": {"f1_para":
        {"winmax": 3}}}`` (winsorisation limit) or ``{"global_specs": {"f_pass_para":
        {"skew_thresh": 2.25, "kurt_thresh": 3.5}}}`` (thresholds).
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
        imputations: Sequence[str | Mapping[str, Any]] | None = None,
        treatments: Sequence[str | Mapping[str, Any]] | None = None,
        normalisations: Sequence[Mapping[str, Any]] | None = None,
        aggregations: Sequence[str | Sequence[str]] | None = None,
        target: str | None = None,
        seed: int | None = None,
        chunk: int = 2000,
    ) -> None:
        self.N = N
        self.noise = noise
        self.imputations = imputations
        self.treatments = treatments
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
            bad = [m for m in per if m not in VECTOR_METHODS]
            if bad:
                raise SpecError(
                    f"uncertainty analysis supports {', '.join(VECTOR_METHODS)}; not {bad[0]}"
                )
            out.append(per)
        return out

    def _upstream(self) -> dict[str, list[dict[str, Any]]]:
        given = {"imputation": self.imputations, "treatment": self.treatments}
        return {f: resolve_alternatives(f, given[f]) for f in UPSTREAM_FACTORS}

    def _prepare(
        self, coin: Coin, progress: ProgressCallback | None = None, label: str = "uncertainty"
    ) -> _Context:
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
        check_noise(self.noise)
        methods = self._methods(nagg, agg0)
        weights0 = agg0._weights(coin, agg0.w)
        if weights0 is None:
            weights0 = pd.Series(1.0, index=fw.indicators + fw.aggregates)
        weights0 = weights0.reindex(fw.indicators + fw.aggregates)
        norm_alts = list(self.normalisations) if self.normalisations else [norm0.global_specs]
        data = DataVariants(coin, self._upstream(), norm_alts)
        data.compute(progress, f"{label}: data variants")
        positive = [per[0] for per in methods if per[0] in ("a_gmean", "a_hmean")]
        for k, x in enumerate(data.matrices):
            if positive and np.nanmin(x) <= 0:
                combo = [int(c) for c in np.unravel_index(k, data.dims)]
                raise AggregationError(
                    f"normalisation {norm_alts[combo[-1]]} ({data.describe(combo[:-1])}) "
                    f"gives zero or negative values, which {positive[0]} cannot aggregate; "
                    "normalise onto a positive scale"
                )
        nominal = coin.dataset(agg0.write_to or "Aggregated")[target].to_numpy(float)
        return _Context(fw, data, methods, dict(para), weights0, target, nominal)

    def _evaluate(
        self,
        ctx: _Context,
        w_all: np.ndarray,
        choices: Sequence[np.ndarray],
        agg_choice: np.ndarray,
        progress: ProgressCallback | None = None,
        label: str = "uncertainty: replications",
    ) -> np.ndarray:
        """Target scores of a batch of replications, shape ``(R, n_units)``.

        ``choices`` holds each replication's index into the alternatives of every
        factor of :attr:`DataVariants.dims`; replications sharing a data variant are
        aggregated together, ``chunk`` at a time.
        """
        n = w_all.shape[0]
        col = {c: i for i, c in enumerate(ctx.weights0.index)}
        flat = ctx.data.flat(choices)
        scores = np.empty((n, len(ctx.units)))
        done = 0
        tick(progress, 0, n, label)
        for k, x in enumerate(ctx.data.matrices):
            group = np.flatnonzero(flat == k)
            for start in range(0, group.size, self.chunk):
                reps = group[start : start + self.chunk]
                scores[reps] = aggregate_batch(
                    ctx.fw, x, w_all[reps], agg_choice[reps], ctx.methods, ctx.para, col, ctx.target
                )
                done += reps.size
                tick(progress, done, n, label)
        if np.isnan(scores).any():
            bad = [ctx.units[i] for i in np.flatnonzero(np.isnan(scores).any(axis=0))]
            raise AggregationError(
                f"{ctx.target} has no score for {', '.join(bad[:10])} in some replications "
                "(no available value under the chosen imputation)"
            )
        return scores

    def run(self, coin: Coin, *, progress: ProgressCallback | None = None) -> UncertaintyResult:
        """Run the analysis on a built coin; see the class docstring.

        Parameters
        ----------
        coin : Coin
            A built coin with ``Normalise`` and ``Aggregate`` steps.
        progress : callable, optional
            ``progress(done, total, label)`` (see :class:`TextProgress`).
        """
        if self.N < 1:
            raise SpecError("N must be at least 1")
        ctx = self._prepare(coin, progress)
        fw = ctx.fw
        rng = np.random.default_rng(self.seed)
        w_all = noisy_weights(ctx.weights0, fw, check_noise(self.noise), self.N, rng)
        *n_up, n_norm = ctx.data.dims
        norm_choice = rng.integers(n_norm, size=self.N)
        agg_choice = rng.integers(len(ctx.methods), size=self.N)
        up_choice = [rng.integers(k, size=self.N) for k in n_up]
        choices = [*up_choice, norm_choice]
        scores = self._evaluate(ctx, w_all, choices, agg_choice, progress)
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
        reps_table = replications_table(ctx, choices, agg_choice, w_all)
        return UncertaintyResult(
            stats, scores, ranks, reps_table, ctx.units, ctx.target, ctx.alternatives()
        )

    def replay(self, coin: Coin, result: Any, i: int) -> pd.Series:
        """Rebuild replication ``i`` step by step (no vectorisation): its target scores.

        This is the naive baseline and the check that a run can be replayed exactly
        from ``result.replications`` (of an :class:`UncertaintyResult` or a
        :class:`SensitivityResult`): the imputation and treatment chosen are applied to
        the coin's own steps, then ``Normalise`` and ``Aggregate`` run as in a build.
        """
        fw = coin.framework
        norm0, agg0 = self._nominal(coin)
        row = result.replications.iloc[i]
        norm_alts = list(self.normalisations) if self.normalisations else [norm0.global_specs]
        data = DataVariants(coin, self._upstream(), norm_alts)
        built = data.variant([int(row.get(c, 0)) for c in UPSTREAM_FACTORS])
        built = data.normalised_coin(built, norm_alts[int(row["normalisation"])])
        norm_out = coin.record("Normalise").write_to
        weights = {c: float(row[f"w_{c}"]) for c in fw.indicators + fw.aggregates}
        f_ag = str(row["f_ag"]).split("|")
        built = agg0.clone(dset=norm_out, f_ag=f_ag, w=weights).apply(built)
        return built.dataset(agg0.write_to or "Aggregated")[result.target]


def replications_table(
    ctx: _Context, choices: Sequence[np.ndarray], agg_choice: np.ndarray, w_all: np.ndarray
) -> pd.DataFrame:
    """Each replication's parameters (choice indices, aggregation methods, weights)."""
    return pd.DataFrame(
        {
            **{name: np.asarray(c) for name, c in zip(CHOICE_COLUMNS, choices, strict=True)},
            "f_ag": ["|".join(ctx.methods[i]) for i in agg_choice],
            **{f"w_{c}": w_all[:, i] for i, c in enumerate(ctx.weights0.index)},
        }
    )
