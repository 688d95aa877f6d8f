"""Impute: fill missing indicator values by (group) means or medians."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._coin import Coin, StepRecord
from ._errors import SpecError
from ._step import Step, column_values, replace_columns

__all__ = ["Impute", "i_mean", "i_median", "i_mean_grp", "i_median_grp"]


def i_mean(x: np.ndarray) -> np.ndarray:
    """Replace missing values by the mean of the others (COINr ``i_mean``)."""
    x = np.array(x, dtype=float)
    nan = np.isnan(x)
    if nan.any() and not nan.all():
        x[nan] = x[~nan].mean()
    return x


def i_median(x: np.ndarray) -> np.ndarray:
    """Replace missing values by the median of the others (COINr ``i_median``)."""
    x = np.array(x, dtype=float)
    nan = np.isnan(x)
    if nan.any() and not nan.all():
        x[nan] = np.median(x[~nan])
    return x


def _grouped(x: np.ndarray, f: np.ndarray, fill: object) -> np.ndarray:
    x = np.array(x, dtype=float)
    f = np.asarray(f, dtype=object)
    has_group = ~pd.isna(f)
    for g in pd.unique(f[has_group]):
        sel = has_group & (f == g)
        x[sel] = fill(x[sel])  # type: ignore[operator]
    return x


def i_mean_grp(x: np.ndarray, f: np.ndarray) -> np.ndarray:
    """Replace missing values by the mean of the same group (COINr ``i_mean_grp``).

    Units without a group are left unchanged (COINr's ``skip_f_na = TRUE``); a group with
    no available value stays missing.
    """
    return _grouped(x, f, i_mean)


def i_median_grp(x: np.ndarray, f: np.ndarray) -> np.ndarray:
    """Replace missing values by the median of the same group (COINr ``i_median_grp``)."""
    return _grouped(x, f, i_median)


_COLUMN_METHODS = {"i_mean": i_mean, "i_median": i_median}
_GROUP_METHODS = {"i_mean_grp": i_mean_grp, "i_median_grp": i_median_grp}


class Impute(Step):
    """Impute missing values column by column, as COINr's ``Impute()``.

    Parameters
    ----------
    dset : str, optional
        Data set to read (default: the latest).
    f_i : {"i_mean", "i_median", "i_mean_grp", "i_median_grp", "none"}, default "i_mean"
        Imputation method; the ``_grp`` methods need ``use_group``.
    use_group : str, optional
        Group column of iData (iMeta ``Type = Group``), e.g. ``EurAsia_group``.
    disable : bool, default False
        Copy the data set unchanged (COINr's ``disable``), for uncertainty analysis.
    write_to : str, optional
        Data set to write (default ``Imputed``).

    Notes
    -----
    Values that cannot be imputed (an indicator with no data, a group with no data for
    an indicator, a unit without a group) stay missing; the record lists them under
    ``still_missing``.

    References
    ----------
    COINr 1.1.14, ``Impute.coin()``, ``i_mean()``, ``i_mean_grp()`` … (``R/impute.R``).
    """

    coinr_name = "Impute"
    default_write_to = "Imputed"

    def __init__(
        self,
        *,
        dset: str | None = None,
        f_i: str = "i_mean",
        use_group: str | None = None,
        disable: bool = False,
        write_to: str | None = None,
    ) -> None:
        self.dset = dset
        self.f_i = f_i
        self.use_group = use_group
        self.disable = disable
        self.write_to = write_to

    def apply(self, coin: Coin) -> Coin:
        """Impute and write the result; see the class docstring."""
        name, x = self._input(coin, self.dset)
        known = (*_COLUMN_METHODS, *_GROUP_METHODS, "none")
        if self.f_i not in known:
            raise SpecError(f"f_i must be one of {', '.join(known)}, not {self.f_i!r}")
        inds = [c for c in coin.framework.indicators if c in x.columns]
        before = x[inds].isna()
        if not self.disable and self.f_i != "none":
            if self.f_i in _GROUP_METHODS:
                if self.use_group is None:
                    raise SpecError(f"{self.f_i} needs use_group (a group column)")
                if self.use_group not in coin.units.columns:
                    raise SpecError(f"group column {self.use_group!r} not found in iData")
                f = coin.units.loc[x.index, self.use_group].to_numpy()
                method = _GROUP_METHODS[self.f_i]
                values = column_values(x, inds)
                x = replace_columns(x, {c: method(values[:, j], f) for j, c in enumerate(inds)})
            else:
                col_method = _COLUMN_METHODS[self.f_i]
                values = column_values(x, inds)
                x = replace_columns(x, {c: col_method(values[:, j]) for j, c in enumerate(inds)})
        after = x[inds].isna()
        imputed = before & ~after
        details: dict[str, object] = {
            "n_imputed": {c: int(n) for c, n in imputed.sum().items() if n},
            "imputed_points": _points(imputed),
            "still_missing": _points(after),
        }
        write_to = self.write_to or self.default_write_to
        assert write_to is not None
        record = StepRecord(self.coinr_name, self.get_params(), name, write_to, details)
        return coin.with_dataset(write_to, x, record)


def _points(mask: pd.DataFrame) -> list[tuple[str, str]]:
    """(uCode, iCode) pairs where ``mask`` is true."""
    rows, cols = np.nonzero(mask.to_numpy())
    index, columns = mask.index.tolist(), mask.columns.tolist()
    return [(str(index[r]), str(columns[c])) for r, c in zip(rows, cols, strict=True)]
