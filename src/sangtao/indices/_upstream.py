"""Data variants for Monte Carlo analyses: the build replayed with other upstream choices.

An uncertainty or sensitivity analysis may vary the steps that run before normalisation
(imputation, outlier treatment). Each distinct combination of those choices is a *data
variant*: the coin's log is replayed once per variant, from the first step varied up to
the nominal ``Normalise`` step, and each variant is then normalised once per
normalisation alternative. Replications are grouped by variant and the weighting and
aggregation are vectorised within each group, so the cost of the upstream steps grows
with the (small) number of variants, not with the number of replications.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._coin import Coin
from ._errors import SpecError
from ._normalise import Normalise
from ._pipeline import STEPS
from ._progress import ProgressCallback, tick
from ._step import column_values

__all__ = ["UPSTREAM_FACTORS", "DataVariants", "rebuild_upstream", "resolve_alternatives"]

#: Upstream factors: name in results → COINr step, and the parameter a string sets.
UPSTREAM_FACTORS = {"imputation": ("Impute", "f_i"), "treatment": ("Treat", "global_specs")}


def resolve_alternatives(
    factor: str, alts: Sequence[str | Mapping[str, Any]] | None
) -> list[dict[str, Any]]:
    """Parameter overrides of a step, one per alternative (``[{}]``: nominal only).

    A string sets the step's main parameter (``f_i`` of Impute, ``global_specs`` of
    Treat), except ``"nominal"``: the coin's own step, unchanged; a mapping overrides
    any of its parameters.
    """
    if not alts:
        return [{}]
    if isinstance(alts, str | Mapping):
        raise SpecError(f"{factor} alternatives must be a list")
    key = UPSTREAM_FACTORS[factor][1]
    out: list[dict[str, Any]] = []
    for alt in alts:
        if alt == "nominal":
            out.append({})
        elif isinstance(alt, str):
            out.append({key: alt})
        elif isinstance(alt, Mapping):
            out.append(copy.deepcopy(dict(alt)))
        else:
            raise SpecError(f"a {factor} alternative is a string or a mapping, not {alt!r}")
    return out


def rebuild_upstream(coin: Coin, overrides: Mapping[str, Mapping[str, Any]]) -> Coin:
    """Replay the coin's log up to its ``Normalise`` step with some steps' parameters changed.

    Parameters
    ----------
    coin : Coin
        A built coin with a ``Normalise`` step.
    overrides : mapping
        ``{COINr step name: {parameter: value}}``; the last record of that step before
        ``Normalise`` gets the parameters. Empty overrides leave the coin as it is.

    Returns
    -------
    Coin
        With every data set from the first step changed up to the input of
        ``Normalise`` rewritten (same data-set names as the original build).

    Raises
    ------
    SpecError
        If the coin has no such step before ``Normalise``, or an override names an
        unknown parameter.
    """
    active = {s: dict(p) for s, p in overrides.items() if p}
    if not active:
        return coin
    log = list(coin.log)
    norm_at = max((i for i, r in enumerate(log) if r.step == "Normalise"), default=None)
    if norm_at is None:
        raise SpecError("the coin has no Normalise step")
    where: dict[int, dict[str, Any]] = {}
    for name, params in active.items():
        found = [i for i, r in enumerate(log[:norm_at]) if r.step == name]
        if not found:
            hint = " (f_i: none keeps the data as they are)" if name == "Impute" else ""
            raise SpecError(
                f"the coin has no {name} step before Normalise, so its choices cannot vary; "
                f"add a {name} step to the build{hint}"
            )
        where[found[-1]] = params
    for i in range(min(where), norm_at):
        rec = log[i]
        if rec.step not in STEPS or rec.write_to is None:
            continue  # weight sets (get_PCA) do not change the data
        step = STEPS[rec.step](**copy.deepcopy(rec.params))
        step.set_params(dset=rec.dset, write_to=rec.write_to)
        coin = step.set_params(**copy.deepcopy(where.get(i, {}))).apply(coin)
    return coin


class DataVariants:
    """The normalised indicator matrices of every combination of upstream choices.

    Parameters
    ----------
    coin : Coin
        The built coin (nominal choices).
    upstream : mapping
        ``{factor: [overrides, ...]}`` for each factor of :data:`UPSTREAM_FACTORS`.
    normalisations : sequence of mappings
        ``global_specs`` alternatives of the Normalise step (``None``: its defaults).

    Attributes
    ----------
    dims : tuple of int
        Number of alternatives of each upstream factor, then of normalisation.
    matrices : list of numpy.ndarray
        Normalised indicators (units × indicators), flat in the order of ``dims``.
    units : list of str
    """

    def __init__(
        self,
        coin: Coin,
        upstream: Mapping[str, list[dict[str, Any]]],
        normalisations: Sequence[Mapping[str, Any] | None],
    ) -> None:
        self.coin = coin
        self.upstream = {f: list(upstream.get(f, [{}])) for f in UPSTREAM_FACTORS}
        self.normalisations = list(normalisations)
        self.dims = (*(len(v) for v in self.upstream.values()), len(self.normalisations))
        norm_rec = coin.record("Normalise")
        assert norm_rec.dset is not None
        assert norm_rec.write_to is not None
        self._norm = Normalise(**copy.deepcopy(norm_rec.params)).set_params(
            dset=norm_rec.dset, write_to=norm_rec.write_to
        )
        self._dset = norm_rec.dset
        self.units = [str(u) for u in coin.dataset(self._dset).index]
        self.matrices: list[np.ndarray] = []

    def compute(
        self, progress: ProgressCallback | None = None, label: str = "data variants"
    ) -> DataVariants:
        """Build every variant once and normalise it with every alternative."""
        total = int(np.prod(self.dims))
        self.matrices = []
        tick(progress, 0, total, label)
        for combo in itertools.product(*(range(n) for n in self.dims[:-1])):
            variant = self.variant(combo)
            for gs in self.normalisations:
                normed = self.normalise(variant, gs)
                self.matrices.append(column_values(normed, self.coin.framework.indicators))
                tick(progress, len(self.matrices), total, label)
        return self

    def overrides(self, combo: Sequence[int]) -> dict[str, dict[str, Any]]:
        """Step parameter overrides of an upstream combination (one index per factor)."""
        return {
            UPSTREAM_FACTORS[f][0]: alts[int(i)]
            for (f, alts), i in zip(self.upstream.items(), combo, strict=True)
        }

    def variant(self, combo: Sequence[int]) -> Coin:
        """The coin rebuilt with an upstream combination; its units must be the nominal ones."""
        coin = rebuild_upstream(self.coin, self.overrides(combo))
        got = coin.dataset(self._dset).index
        if list(map(str, got)) != self.units:
            lost = sorted(set(self.units) - set(map(str, got)))
            new = sorted(set(map(str, got)) - set(self.units))
            raise SpecError(
                f"the choices {self.describe(combo)} change the units that reach "
                f"normalisation (left out: {', '.join(lost) or 'none'}; added: "
                f"{', '.join(new) or 'none'}); ranks over different units are not "
                "comparable — screen units before imputing, or drop this alternative"
            )
        return coin

    def normalise(self, coin: Coin, global_specs: Mapping[str, Any] | None) -> pd.DataFrame:
        """The normalised data set of a (variant) coin with one normalisation alternative."""
        return self.normalised_coin(coin, global_specs).dataset(self._norm.write_to)

    def normalised_coin(self, coin: Coin, global_specs: Mapping[str, Any] | None) -> Coin:
        """A (variant) coin with its Normalise step rerun with ``global_specs``."""
        return self._norm.clone(global_specs=global_specs).apply(coin)

    def describe(self, combo: Sequence[int]) -> str:
        """Human-readable upstream choices, e.g. ``imputation #1 {'f_i': 'i_median'}``."""
        parts = [
            f"{f} #{int(i)} {alts[int(i)]}"
            for (f, alts), i in zip(self.upstream.items(), combo, strict=True)
            if alts[int(i)]
        ]
        return ", ".join(parts) or "nominal"

    def flat(self, choices: Sequence[np.ndarray]) -> np.ndarray:
        """Index into :attr:`matrices` of each replication's (upstream…, normalisation)."""
        return np.ravel_multi_index(tuple(np.asarray(c) for c in choices), self.dims)
