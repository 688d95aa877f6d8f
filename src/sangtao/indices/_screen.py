"""Screen: remove units with too little data (or too many zeros)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ._coin import Coin, StepRecord
from ._errors import SpecError
from ._step import Step

__all__ = ["Screen"]

_MODES = ("byNA", "byzeros", "byNAandzeros", "none")


class Screen(Step):
    """Remove units by data availability, as COINr's ``Screen()``.

    Parameters
    ----------
    dset : str, optional
        Data set to read (default: the latest).
    unit_screen : {"byNA", "byzeros", "byNAandzeros", "none"}, default "byNA"
        Rule: low availability, low share of non-zero values, either, or none (report only).
    dat_thresh : float, default 2/3
        A unit is kept if its share of available indicator values is at least this.
    nonzero_thresh : float, default 0.05
        A unit is kept if its share of non-zero values (among available ones) is at least
        this.
    Force : mapping of str to bool, optional
        ``{uCode: True}`` keeps, ``{uCode: False}`` removes, whatever the rule says.
    group_thresh : mapping of int to float, optional
        Availability required within every aggregate of a level, e.g. ``{3: 0.66}``:
        a unit is removed if its availability within any sub-index is below 66 %. This
        is the GII's coverage rule by sub-index; COINr has no equivalent (an extension).
    write_to : str, optional
        Data set to write (default ``Screened``).

    Notes
    -----
    The record holds the availability table (``N_missing``, ``N_zero``, ``Dat_Avail``,
    ``Non_Zero``, ``Included``) and the removed units. A unit with no available value has
    an undefined non-zero share; it counts as all zeros.

    References
    ----------
    COINr 1.1.14, ``Screen.data.frame()`` and ``get_data_avail()``
    (``R/screen_units.R``).
    """

    coinr_name = "Screen"
    default_write_to = "Screened"

    def __init__(
        self,
        *,
        dset: str | None = None,
        unit_screen: str = "byNA",
        dat_thresh: float = 2 / 3,
        nonzero_thresh: float = 0.05,
        Force: Mapping[str, bool] | None = None,  # noqa: N803 - COINr's argument name
        group_thresh: Mapping[int, float] | None = None,
        write_to: str | None = None,
    ) -> None:
        self.dset = dset
        self.unit_screen = unit_screen
        self.dat_thresh = dat_thresh
        self.nonzero_thresh = nonzero_thresh
        self.Force = Force
        self.group_thresh = group_thresh
        self.write_to = write_to

    def apply(self, coin: Coin) -> Coin:
        """Screen and write the result; see the class docstring."""
        if self.unit_screen not in _MODES:
            raise SpecError(f"unit_screen must be one of {', '.join(_MODES)}")
        for nm, val in (("dat_thresh", self.dat_thresh), ("nonzero_thresh", self.nonzero_thresh)):
            if not 0 <= float(val) <= 1:
                raise SpecError(f"{nm} must be between 0 and 1, not {val}")
        name, x = self._input(coin, self.dset)
        inds = [c for c in coin.framework.indicators if c in x.columns]
        vals = x[inds].to_numpy(float)
        n_missing = np.isnan(vals).sum(axis=1)
        n_zero = (vals == 0).sum(axis=1)
        k = len(inds)
        avail = 1 - n_missing / k
        with np.errstate(invalid="ignore", divide="ignore"):
            nonzero = 1 - n_zero / (k - n_missing)
        nonzero = np.where(np.isnan(nonzero), 0.0, nonzero)
        low_data = avail < float(self.dat_thresh)
        low_nz = nonzero < float(self.nonzero_thresh)
        table = pd.DataFrame(
            {
                "N_missing": n_missing,
                "N_zero": n_zero,
                "N_miss_or_zero": n_missing + n_zero,
                "Dat_Avail": avail,
                "Non_Zero": nonzero,
                "LowData": low_data,
                "LowNonZero": low_nz,
            },
            index=x.index,
        )
        included = {
            "byNA": ~low_data,
            "byzeros": ~low_nz,
            "byNAandzeros": ~(low_data | low_nz),
            "none": np.ones(len(x), dtype=bool),
        }[self.unit_screen]
        fw = coin.framework
        for level, thresh in (self.group_thresh or {}).items():
            lev = int(level)
            if not 2 <= lev <= fw.n_levels:
                raise SpecError(f"group_thresh level {lev} is not an aggregate level")
            for agg in fw.codes(level=lev):
                cols = [c for c in fw.leaves(agg) if c in x.columns]
                share = 1 - np.isnan(x[cols].to_numpy(float)).mean(axis=1)
                table[f"Avail_{agg}"] = share
                included = included & (share >= float(thresh))
        included = pd.Series(included, index=x.index)
        for ucode, keep in (self.Force or {}).items():
            if ucode not in included.index:
                raise SpecError(f"Force names unit {ucode!r}, which is not in {name}")
            included[ucode] = bool(keep)
        table["Included"] = included
        removed = [str(u) for u in x.index[~included.to_numpy()]]
        write_to = self.write_to or self.default_write_to
        assert write_to is not None
        record = StepRecord(
            self.coinr_name,
            self.get_params(),
            name,
            write_to,
            {"DataSummary": table, "RemovedUnits": removed},
        )
        return coin.with_dataset(write_to, x.loc[included.to_numpy()], record)
