"""Panel data: imputation over time, one coin per year (COINr's purse), year-on-year changes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ._coin import Coin, new_coin
from ._errors import DataError, SpecError
from ._framework import Framework
from ._progress import ProgressCallback, tick
from ._results import rank_scores
from ._step import Step

__all__ = ["IMP_TYPES", "Purse", "build_purse", "impute_panel"]

#: Panel imputation methods (COINr ``impute_panel(imp_type = )``).
IMP_TYPES = ("latest", "constant", "linear", "linear-constant")


def _fill_series(
    t: np.ndarray, y: np.ndarray, imp_type: str, max_time: int | None
) -> tuple[np.ndarray, np.ndarray]:
    """Impute one unit's time series ``y`` at sorted times ``t``.

    Returns the filled series and, per point, the time its value comes from (NaN for an
    interpolated or still missing value).
    """
    obs = ~np.isnan(y)
    origin = np.where(obs, t, np.nan)
    if obs.all() or not obs.any():
        return y, origin
    out = y.copy()
    pos = np.flatnonzero(obs)
    miss = np.flatnonzero(~obs)
    if imp_type == "latest":
        for i in miss:
            prev = pos[pos < i]
            if prev.size and (max_time is None or i - prev[-1] <= max_time):
                out[i], origin[i] = y[prev[-1]], t[prev[-1]]
        return out, origin
    if imp_type == "constant":
        # stats::approx(method = "constant", f = 0, rule = 2): the value of the last
        # earlier observation; before the first observation, the first
        src = pos[np.clip(np.searchsorted(pos, miss, side="right") - 1, 0, pos.size - 1)]
        out[miss], origin[miss] = y[src], t[src]
        return out, origin
    to, yo = t[pos], y[pos]
    interp = np.interp(t[miss], to, yo)  # linear inside, nearest value outside (rule = 2)
    before, after = t[miss] < to[0], t[miss] > to[-1]
    if imp_type == "linear":
        out[miss] = interp
    else:  # linear-constant: nothing before the first observation
        out[miss] = np.where(before, np.nan, interp)
    origin[miss] = np.where(before & (imp_type == "linear"), to[0], np.where(after, to[-1], np.nan))
    return out, origin


def impute_panel(
    idata: pd.DataFrame,
    imp_type: str = "latest",
    *,
    cols: Sequence[str] | None = None,
    max_time: int | None = None,
    time_col: str = "Time",
    unit_col: str = "uCode",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Impute panel data from other time points of the same unit (COINr ``impute_panel``).

    Parameters
    ----------
    idata : pandas.DataFrame
        iData with several ``Time`` values, one row per unit and time.
    imp_type : {"latest", "constant", "linear", "linear-constant"}, default "latest"
        - ``latest``: the last earlier observation, looking back at most ``max_time``
          time points (in rows of that unit's series); never backwards in time.
        - ``constant``: ``stats::approx(method = "constant", rule = 2)``: the last
          earlier observation, and before the first observation the first one.
        - ``linear``: ``stats::approx(method = "linear", rule = 2)``: linear
          interpolation between observations; outside them the nearest observation.
        - ``linear-constant``: linear interpolation between observations, the last
          observation carried forward after the end, nothing before the first (no
          value is taken from the future outside the observed span).
    cols : sequence of str, optional
        Columns to impute; default every numeric column but ``Time``.
    max_time : int, optional
        For ``latest``: how many time points back to look.
    time_col, unit_col : str
        Column names.

    Returns
    -------
    (imputed, source_time)
        The imputed iData (same rows and columns) and a table (columns ``cols``) of the
        time each value comes from (COINr's ``DataT``); NaN for an interpolated value
        and for a value still missing.

    Notes
    -----
    COINr 1.1.14 documents ``latest``, ``constant`` and ``linear``; ``linear-constant``
    is defined here as above (the name is from later COINr sources, whose exact
    semantics were not confirmed).

    References
    ----------
    COINr 1.1.14, ``impute_panel()`` (``R/impute.R``) and its tests
    (``tests/testthat/test-impute_panel.R``).
    """
    if imp_type not in IMP_TYPES:
        raise SpecError(f"imp_type must be one of {', '.join(IMP_TYPES)}, not {imp_type!r}")
    for c in (time_col, unit_col):
        if c not in idata.columns:
            raise DataError(f"panel iData lacks the column {c}")
    times = pd.to_numeric(idata[time_col], errors="coerce")
    if times.isna().any():
        raise DataError(f"{time_col} must be numeric and present on every row")
    if idata[time_col].nunique() < 2:
        raise DataError("panel imputation needs at least two time points")
    if idata.duplicated([unit_col, time_col]).any():
        raise DataError(f"panel iData has duplicate ({unit_col}, {time_col}) rows")
    if cols is None:
        cols = [
            c
            for c in idata.columns
            if c not in (time_col, unit_col) and pd.api.types.is_numeric_dtype(idata[c])
        ]
    out = idata.copy()
    src = pd.DataFrame(np.nan, index=idata.index, columns=list(cols))
    for _, rows in idata.groupby(unit_col, sort=False).groups.items():
        order = np.argsort(times[rows].to_numpy(), kind="stable")
        idx = pd.Index(rows)[order]
        t = times[idx].to_numpy(float)
        for c in cols:
            y = pd.to_numeric(idata.loc[idx, c], errors="coerce").to_numpy(float)
            filled, origin = _fill_series(t, y, imp_type, max_time)
            out.loc[idx, c] = filled
            src.loc[idx, c] = origin
    return out, src


@dataclass(frozen=True, eq=False)
class Purse:
    """One coin per time point (COINr's ``purse``).

    Attributes
    ----------
    coins : mapping of int to Coin
        Built coins by ``Time``, in time order.
    notes : list of str
        Comparability notes gathered while building (imputation across time, units
        present only in some years, per-year normalisation).
    """

    coins: Mapping[int, Coin]
    notes: list[str] = field(default_factory=list)

    @property
    def times(self) -> list[int]:
        """Time points, ascending."""
        return sorted(self.coins)

    def results(self, code: str | None = None, dset: str = "Aggregated") -> pd.DataFrame:
        """Scores and ranks of ``code`` (default: the index) for every unit and year.

        Returns
        -------
        pandas.DataFrame
            Long table: ``Time, uCode, Score, Rank``.
        """
        rows = []
        for t in self.times:
            coin = self.coins[t]
            fw = coin.framework
            c = code or fw.codes(level=fw.n_levels)[0]
            s = coin.dataset(dset)[c]
            rows.append(
                pd.DataFrame(
                    {
                        "Time": t,
                        "uCode": s.index,
                        "Score": s.to_numpy(),
                        "Rank": rank_scores(s.to_numpy()),
                    }
                )
            )
        return pd.concat(rows, ignore_index=True)

    def changes(self, code: str | None = None, dset: str = "Aggregated") -> pd.DataFrame:
        """Year-on-year changes of scores and ranks, with a comparability note per row.

        Returns
        -------
        pandas.DataFrame
            ``uCode, From, To, Score_from, Score_to, ScoreChange, Rank_from, Rank_to,
            RankChange`` (negative is an improvement) and ``Note``: empty when both
            years hold the same units, else which units entered or left (ranks and
            min-max scores depend on the set of units).
        """
        res = self.results(code, dset)
        rows: list[pd.DataFrame] = []
        times = self.times
        for t0, t1 in zip(times[:-1], times[1:], strict=True):
            a = res[res["Time"] == t0].set_index("uCode")
            b = res[res["Time"] == t1].set_index("uCode")
            entered = sorted(set(b.index) - set(a.index))
            left = sorted(set(a.index) - set(b.index))
            note = ""
            if entered or left:
                note = (
                    f"unit set changed ({len(entered)} entered, {len(left)} left): compare "
                    "ranks and scores with care"
                )
            common = a.index.intersection(b.index)
            part = pd.DataFrame(
                {
                    "uCode": common,
                    "From": t0,
                    "To": t1,
                    "Score_from": a.loc[common, "Score"].to_numpy(float),
                    "Score_to": b.loc[common, "Score"].to_numpy(float),
                    "Rank_from": a.loc[common, "Rank"].to_numpy(float),
                    "Rank_to": b.loc[common, "Rank"].to_numpy(float),
                    "Note": note,
                }
            )
            part["ScoreChange"] = part["Score_to"] - part["Score_from"]
            part["RankChange"] = part["Rank_to"] - part["Rank_from"]
            rows.append(part)
        columns = [
            "uCode",
            "From",
            "To",
            "Score_from",
            "Score_to",
            "ScoreChange",
            "Rank_from",
            "Rank_to",
            "RankChange",
            "Note",
        ]
        if not rows:
            return pd.DataFrame(columns=columns)
        return pd.concat(rows, ignore_index=True)[columns]


def build_purse(
    idata: pd.DataFrame,
    imeta: pd.DataFrame | Framework,
    steps: Sequence[Step],
    *,
    impute: Mapping[str, Any] | None = None,
    level_names: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    progress: ProgressCallback | None = None,
) -> Purse:
    """Build one coin per ``Time`` value of a panel with the same steps (COINr ``new_coin``
    on panel data, then the build functions' ``.purse`` methods).

    Parameters
    ----------
    idata : pandas.DataFrame
        Panel iData with a ``Time`` column.
    imeta : pandas.DataFrame or Framework
        The framework, shared by every year.
    steps : sequence of Step
        Build steps applied to each year's coin (e.g. ``load_spec(...).steps``).
    impute : mapping, optional
        Panel imputation before building: ``{"imp_type": "latest", "max_time": 2}``
        (:func:`impute_panel` arguments).
    level_names : sequence of str, optional
    exclude : sequence of str, optional
        Indicator codes to leave out (COINr's ``exclude``), in every year.
    progress : callable, optional
        ``progress(done, total, "build years")`` after each year (see
        :class:`TextProgress`).

    Returns
    -------
    Purse
        With comparability notes.

    Notes
    -----
    Each year is normalised on its own units, as COINr's purse does by default: a
    min-max score says where a unit stands among that year's units, so a score change
    mixes the unit's own change with the others'. The notes say so; compare ranks, or
    normalise against fixed goalposts (``n_goalposts``) for comparable scores.
    """
    if "Time" not in idata.columns:
        raise DataError("panel iData lacks the column Time")
    if exclude:
        if isinstance(imeta, Framework):
            raise SpecError("exclude needs iMeta as a table, not a built Framework")
        unknown = [c for c in exclude if c not in set(imeta["iCode"])]
        if unknown:
            raise DataError(f"exclude names unknown iCode(s): {', '.join(unknown)}")
        imeta = imeta[~imeta["iCode"].isin(exclude)]
        idata = idata.drop(columns=[c for c in exclude if c in idata.columns])
    notes: list[str] = []
    if impute:
        fw = imeta if isinstance(imeta, Framework) else Framework.from_imeta(imeta)
        inds = [c for c in fw.indicators if c in idata.columns]
        before = idata[inds].isna().to_numpy().sum()
        idata, _ = impute_panel(idata, cols=inds, **dict(impute))
        after = idata[inds].isna().to_numpy().sum()
        notes.append(
            f"panel imputation ({dict(impute)}) filled {before - after} point(s) from other "
            f"years; {after} still missing"
        )
    coins: dict[int, Coin] = {}
    units_by_year: dict[int, set[str]] = {}
    years = sorted(idata["Time"].dropna().unique())
    if idata["Time"].isna().any():
        raise DataError("panel iData has rows without a Time value")
    tick(progress, 0, len(years), "build years")
    for done, time_value in enumerate(years, start=1):
        t = int(time_value)
        rows = idata[idata["Time"] == time_value]
        coin = new_coin(rows.reset_index(drop=True), imeta, level_names=level_names)
        for step in steps:
            coin = step.clone().apply(coin)
        coins[t] = coin
        units_by_year[t] = set(coin.dataset().index)
        for rec in coin.log:
            removed = rec.details.get("RemovedUnits")
            if removed:
                notes.append(f"{t}: {rec.step} removed {', '.join(map(str, removed))}")
        tick(progress, done, len(years), "build years")
    common = set.intersection(*units_by_year.values()) if units_by_year else set()
    varying = sorted(set.union(*units_by_year.values()) - common) if units_by_year else []
    if varying:
        notes.append(f"units not present in every year: {', '.join(varying)}")
    if any(rec.step == "Normalise" for c in coins.values() for rec in c.log):
        notes.append(
            "each year is normalised on its own units: score changes are relative to the "
            "other units of that year; compare ranks, or use fixed goalposts"
        )
    return Purse(coins, notes)
