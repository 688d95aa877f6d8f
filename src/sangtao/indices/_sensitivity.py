"""Variance-based sensitivity analysis (first-order and total Sobol' indices), vectorised.

The uncertain choices are those of :class:`UncertaintyAnalysis`: weight noise by level,
the imputation, the outlier treatment, the normalisation method and the aggregation
method. Each is one *factor* (the weights of a level form a group factor), sampled with
Saltelli's design of N(d + 2) runs, and every run is evaluated in batches with the
vectorised aggregation of the uncertainty analysis, grouped by data variant.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from ._coin import Coin
from ._errors import SpecError
from ._progress import ProgressCallback, tick
from ._uncertainty import CHOICE_COLUMNS, UncertaintyAnalysis, check_noise, replications_table

__all__ = ["SensitivityAnalysis", "SensitivityResult", "sobol_indices"]


def sobol_indices(
    y_a: np.ndarray, y_b: np.ndarray, y_ab: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """First-order (Saltelli 2010) and total (Jansen 1999) Sobol' indices.

    Parameters
    ----------
    y_a, y_b : numpy.ndarray
        Model outputs on the sample matrices A and B, shape ``(N,)``.
    y_ab : numpy.ndarray
        Outputs on A with column(s) of factor i taken from B, shape ``(d, N)``.

    Returns
    -------
    (S, ST)
        ``S_i = mean(y_B (y_ABi − y_A)) / V`` and ``ST_i = mean((y_A − y_ABi)²) / (2V)``,
        with V the variance of the pooled A and B outputs. Both are 0 when V = 0.

    References
    ----------
    Saltelli A. et al. (2010), "Variance based sensitivity analysis of model output.
    Design and estimator for the total sensitivity index", *Computer Physics
    Communications* 181(2), 259–270, doi:10.1016/j.cpc.2009.09.018 (table 2, b and f).
    Jansen M.J.W. (1999), *Computer Physics Communications* 117, 35–43.
    """
    v = np.var(np.concatenate([y_a, y_b]))
    if v == 0:
        return np.zeros(len(y_ab)), np.zeros(len(y_ab))
    s = np.mean(y_b * (y_ab - y_a), axis=1) / v
    st = np.mean((y_a - y_ab) ** 2, axis=1) / (2 * v)
    return s, st


@dataclass(frozen=True, eq=False)
class SensitivityResult:
    """Outcome of a sensitivity analysis.

    Attributes
    ----------
    indices : pandas.DataFrame
        Index ``Factor``: ``Si``, ``STi`` and their bootstrap ``Si_q5, Si_q95, STi_q5,
        STi_q95``.
    replications : pandas.DataFrame
        One row per run (N(d + 2)): ``matrix`` (``A``, ``B`` or ``AB:<factor>``),
        ``sample`` (row of the design), the run's parameters (``imputation``,
        ``treatment``, ``normalisation``, ``f_ag``, ``w_<code>`` as in
        :class:`UncertaintyResult`, so :meth:`UncertaintyAnalysis.replay` of
        :meth:`SensitivityAnalysis.uncertainty` replays it) and the output ``y``.
    scores : numpy.ndarray
        Target scores of every run, shape ``(N(d + 2), n_units)``.
    output : str
        What ``y`` is: the mean absolute rank shift against the nominal ranks.
    units : list of str
    target : str
    """

    indices: pd.DataFrame
    replications: pd.DataFrame
    scores: np.ndarray
    output: str
    units: list[str]
    target: str
    alternatives: dict[str, list[Any]] = field(default_factory=dict)


class SensitivityAnalysis:
    """Variance-based sensitivity of an index's ranks to the uncertain build choices.

    Factors (each a column group of Saltelli's sample matrices A and B, uniform on
    [0, 1)):

    - ``weights_L<level>`` for each level in ``noise``: every weight w of the level
      becomes w·(1 + (2u − 1)·f), one u per weight (a group factor);
    - ``imputation``, ``treatment``, ``normalisation`` and ``aggregation``, each if it
      has several alternatives: alternative ⌊u·k⌋.

    The output of a run is COINr's: the mean over units of |rank − nominal rank| of the
    target.

    Parameters
    ----------
    N : int, default 1000
        Base sample size; N(d + 2) runs with d factors.
    noise, imputations, treatments, normalisations, aggregations, target
        As :class:`UncertaintyAnalysis`.
    Nboot : int, default 500
        Bootstrap resamples for the 5–95 % intervals of the indices.
    seed : int, optional
        Random seed.
    chunk : int, default 2000
        Runs evaluated at once.

    References
    ----------
    Saisana, Saltelli & Tarantola (2005), *JRSS A* 168(2),
    doi:10.1111/j.1467-985X.2005.00350.x. COINr 1.1.14, ``get_sensitivity(SA_type =
    "SA")``, ``SA_sample()``, ``SA_estimate()`` (``R/sensitivity.R``).
    """

    def __init__(
        self,
        *,
        N: int = 1000,  # noqa: N803 - COINr's argument name
        noise: Mapping[int, float] | None = None,
        imputations: Sequence[str | Mapping[str, Any]] | None = None,
        treatments: Sequence[str | Mapping[str, Any]] | None = None,
        normalisations: Sequence[Mapping[str, Any]] | None = None,
        aggregations: Sequence[str | Sequence[str]] | None = None,
        target: str | None = None,
        Nboot: int = 500,  # noqa: N803 - COINr's argument name
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
        self.Nboot = Nboot
        self.seed = seed
        self.chunk = chunk

    def uncertainty(self) -> UncertaintyAnalysis:
        """The matching :class:`UncertaintyAnalysis` (to replay a run)."""
        return UncertaintyAnalysis(
            N=1,
            noise=self.noise,
            imputations=self.imputations,
            treatments=self.treatments,
            normalisations=self.normalisations,
            aggregations=self.aggregations,
            target=self.target,
            chunk=self.chunk,
        )

    def run(self, coin: Coin, *, progress: ProgressCallback | None = None) -> SensitivityResult:
        """Run the analysis on a built coin; see the class docstring.

        ``progress(done, total, label)`` is called as the data variants are built, the
        runs evaluated and the bootstrap resamples drawn (see :class:`TextProgress`).
        """
        if self.N < 2:
            raise SpecError("N must be at least 2")
        ua = self.uncertainty()
        noise = check_noise(self.noise)
        ctx = ua._prepare(coin, progress, "sensitivity")
        fw = ctx.fw
        codes = list(ctx.weights0.index)
        w0 = ctx.weights0.to_numpy(float)
        # factors: name -> columns of the design
        factors: dict[str, list[int]] = {}
        weight_cols: dict[int, tuple[list[int], float]] = {}
        ncol = 0
        for level, f in sorted(noise.items()):
            idx = [i for i, c in enumerate(codes) if fw.level(c) == level]
            if not idx or f == 0:
                continue
            factors[f"weights_L{level}"] = list(range(ncol, ncol + len(idx)))
            weight_cols[level] = (idx, f)
            ncol += len(idx)
        sizes = dict(zip(CHOICE_COLUMNS, ctx.data.dims, strict=True))
        sizes["aggregation"] = len(ctx.methods)
        for name, k in sizes.items():
            if k > 1:
                factors[name] = [ncol]
                ncol += 1
        if not factors:
            raise SpecError(
                "no uncertain factor: give noise, imputations, treatments, normalisations "
                "or aggregations"
            )
        rng = np.random.default_rng(self.seed)
        a = rng.random((self.N, ncol))
        b = rng.random((self.N, ncol))
        blocks = [a, b]
        labels = ["A", "B"]
        for name, cols in factors.items():
            ab = a.copy()
            ab[:, cols] = b[:, cols]
            blocks.append(ab)
            labels.append(f"AB:{name}")
        u = np.vstack(blocks)
        runs = u.shape[0]
        w_all = np.broadcast_to(w0, (runs, len(codes))).copy()
        for level, (idx, f) in weight_cols.items():
            cols = factors[f"weights_L{level}"]
            w_all[:, idx] = w0[idx] * (1 + (2 * u[:, cols] - 1) * f)
        picked = {
            name: (
                np.minimum((u[:, factors[name][0]] * k).astype(int), k - 1)
                if name in factors
                else np.zeros(runs, dtype=int)
            )
            for name, k in sizes.items()
        }
        agg_choice = picked.pop("aggregation")
        choices = [picked[c] for c in CHOICE_COLUMNS]
        scores = ua._evaluate(ctx, w_all, choices, agg_choice, progress, "sensitivity: runs")
        ranks = rankdata(-scores, method="min", axis=1)
        nominal = rankdata(-ctx.nominal, method="min")
        y = np.abs(ranks - nominal).mean(axis=1)

        n, d = self.N, len(factors)
        y_a, y_b = y[:n], y[n : 2 * n]
        y_ab = y[2 * n :].reshape(d, n)
        s, st = sobol_indices(y_a, y_b, y_ab)
        boot = rng.integers(n, size=(self.Nboot, n))
        bs = np.empty((self.Nboot, d))
        bst = np.empty((self.Nboot, d))
        step = max(1, self.Nboot // 20)
        tick(progress, 0, self.Nboot, "sensitivity: bootstrap")
        for k, pick in enumerate(boot):
            bs[k], bst[k] = sobol_indices(y_a[pick], y_b[pick], y_ab[:, pick])
            if (k + 1) % step == 0 or k + 1 == self.Nboot:
                tick(progress, k + 1, self.Nboot, "sensitivity: bootstrap")
        indices = pd.DataFrame(
            {
                "Si": s,
                "STi": st,
                "Si_q5": np.quantile(bs, 0.05, axis=0),
                "Si_q95": np.quantile(bs, 0.95, axis=0),
                "STi_q5": np.quantile(bst, 0.05, axis=0),
                "STi_q95": np.quantile(bst, 0.95, axis=0),
            },
            index=pd.Index(list(factors), name="Factor"),
        )
        reps = pd.concat(
            [
                pd.DataFrame(
                    {"matrix": np.repeat(labels, n), "sample": np.tile(np.arange(n), len(labels))}
                ),
                replications_table(ctx, choices, agg_choice, w_all),
                pd.DataFrame({"y": y}),
            ],
            axis=1,
        )
        return SensitivityResult(
            indices,
            reps,
            scores,
            "mean |rank - nominal rank|",
            ctx.units,
            ctx.target,
            ctx.alternatives(),
        )
