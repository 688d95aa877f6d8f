"""Denominate: divide indicators by denominators (GDP, population, area …)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ._coin import Coin, StepRecord
from ._errors import DataError, SpecError
from ._step import Step

__all__ = ["Denominate"]


class Denominate(Step):
    """Divide indicators by denominators, as COINr's ``Denominate()``.

    Parameters
    ----------
    dset : str, optional
        Data set to read (default: the latest, normally ``Raw``).
    denoms : pandas.DataFrame, optional
        Denominator values indexed by ``uCode``; default: the coin's denominator
        columns (iMeta ``Type = Denominator``).
    denomby : mapping or pandas.DataFrame, optional
        Which denominator divides which indicator: ``{iCode: Denominator}`` or
        ``{iCode: {"Denominator": d, "ScaleFactor": s}}`` or a table with columns
        ``iCode, Denominator[, ScaleFactor]``. Default: iMeta's ``Denominator`` column.
    f_denom : {"divide", "multiply"}, default "divide"
        The operation; COINr's default is division.
    write_to : str, optional
        Data set to write (default ``Denominated``).

    Notes
    -----
    With a scale factor s the result is x / (d / s), as COINr. A zero denominator is an
    error (it would give an infinite value); a missing denominator gives a missing value,
    counted in the record.

    References
    ----------
    COINr 1.1.14, ``Denominate.coin()`` and ``Denominate.data.frame()``
    (``R/denominate.R``).
    """

    coinr_name = "Denominate"
    default_write_to = "Denominated"

    def __init__(
        self,
        *,
        dset: str | None = None,
        denoms: pd.DataFrame | None = None,
        denomby: Mapping[str, Any] | pd.DataFrame | None = None,
        f_denom: str = "divide",
        write_to: str | None = None,
    ) -> None:
        self.dset = dset
        self.denoms = denoms
        self.denomby = denomby
        self.f_denom = f_denom
        self.write_to = write_to

    def _specs(self, coin: Coin) -> dict[str, tuple[str, float]]:
        if self.denomby is None:
            col = coin.framework.column("Denominator")
            if col is None:
                raise SpecError("no Denominator column in iMeta; give denomby")
            return {
                str(i): (str(col[i]), 1.0)
                for i in coin.framework.indicators
                if isinstance(col[i], str) and col[i].strip() not in ("", "NA")
            }
        if isinstance(self.denomby, pd.DataFrame):
            rows = self.denomby.to_dict("records")
            spec = {}
            for r in rows:
                spec[str(r["iCode"])] = (str(r["Denominator"]), float(r.get("ScaleFactor", 1.0)))
            return spec
        spec = {}
        for icode, val in self.denomby.items():
            if isinstance(val, Mapping):
                spec[str(icode)] = (str(val["Denominator"]), float(val.get("ScaleFactor", 1.0)))
            else:
                spec[str(icode)] = (str(val), 1.0)
        return spec

    def apply(self, coin: Coin) -> Coin:
        """Denominate and write the result; see the class docstring."""
        if self.f_denom not in ("divide", "multiply"):
            raise SpecError(f"f_denom must be 'divide' or 'multiply', not {self.f_denom!r}")
        name, x = self._input(coin, self.dset)
        denoms = coin.units if self.denoms is None else self.denoms
        spec = self._specs(coin)
        unknown = [i for i in spec if i not in x.columns]
        if unknown:
            raise SpecError(f"denomby names indicator(s) not in {name}: {', '.join(unknown)}")
        missing_units = [u for u in x.index if u not in denoms.index]
        if missing_units:
            raise DataError(
                f"denominators lack unit(s) present in {name}: {', '.join(missing_units[:10])}"
            )
        d_matched = denoms.loc[x.index]
        n_missing: dict[str, int] = {}
        for icode, (dcode, scale) in spec.items():
            if dcode not in d_matched.columns:
                raise DataError(f"denominator {dcode!r} (for {icode}) not found in the data")
            d = pd.to_numeric(d_matched[dcode], errors="coerce").to_numpy(float) / scale
            if self.f_denom == "divide":
                zero = d == 0
                if zero.any():
                    units = ", ".join(x.index[zero][:10])
                    raise DataError(f"denominator {dcode} is 0 for unit(s) {units} ({icode})")
                x[icode] = x[icode].to_numpy(float) / d
            else:
                x[icode] = x[icode].to_numpy(float) * d
            n_missing[icode] = int(np.isnan(d).sum())
        details = {
            "denominated": {i: d for i, (d, _) in spec.items()},
            "scale_factors": {i: s for i, (_, s) in spec.items() if s != 1.0},
            "missing_denominators": {i: n for i, n in n_missing.items() if n},
        }
        write_to = self.write_to or self.default_write_to
        assert write_to is not None
        record = StepRecord(self.coinr_name, self.get_params(), name, write_to, details)
        return coin.with_dataset(write_to, x, record)
