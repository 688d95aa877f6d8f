"""The coin: a framework, unit data and the data sets produced by each build step.

Named after COINr's ``coin`` object so that a COINr user recognises it: ``Meta`` (framework,
units, weight sets), ``Data`` (named data sets ``Raw`` → ``Aggregated``), ``Log`` (what each
step did, with its parameters) and ``Analysis`` (step details by data set).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ._errors import DataError
from ._framework import Framework

__all__ = ["Coin", "StepRecord", "new_coin"]

_UNIT_COLUMNS = ("uCode", "uName", "Time")


@dataclass(frozen=True)
class StepRecord:
    """What one build step did.

    Attributes
    ----------
    step : str
        COINr name of the step (``Denominate``, ``Treat`` …).
    params : dict
        The step's parameters, as given (enough to replay it).
    dset : str or None
        The data set it read.
    write_to : str or None
        The data set it wrote.
    details : dict
        What it did: tables and counts specific to the step (imputed points, treated
        indicators, removed units, fallbacks taken …).
    """

    step: str
    params: dict[str, Any]
    dset: str | None
    write_to: str | None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class Coin:
    """Framework, units, named data sets, weight sets and the build log.

    Coins are not modified in place: every step returns a new coin that shares the
    unchanged parts.

    Attributes
    ----------
    framework : Framework
        The validated iMeta.
    units : pandas.DataFrame
        One row per unit (index ``uCode``): ``uName``, ``Time``, group, denominator and
        other columns.
    data : mapping of str to pandas.DataFrame
        Data sets by name (``Raw``, ``Denominated`` …), index ``uCode``, one column per
        indicator (and aggregate, for ``Aggregated``).
    weights : mapping of str to pandas.Series
        Weight sets by name; ``Original`` comes from iMeta.
    log : tuple of StepRecord
        Steps applied, in order.
    """

    framework: Framework
    units: pd.DataFrame
    data: Mapping[str, pd.DataFrame]
    weights: Mapping[str, pd.Series]
    log: tuple[StepRecord, ...] = ()

    # ------------------------------------------------------------------ access
    def dataset(self, name: str | None = None) -> pd.DataFrame:
        """A data set by name (a copy); ``None`` gives the most recently written one."""
        if name is None:
            name = self.latest
        try:
            return self.data[name].copy()
        except KeyError:
            raise DataError(
                f"data set {name!r} not found; available: {', '.join(self.data)}"
            ) from None

    @property
    def latest(self) -> str:
        """Name of the most recently written data set."""
        return next(reversed(list(self.data)))

    def record(self, step: str) -> StepRecord:
        """The last record of a step by COINr name (``"Treat"`` …)."""
        for rec in reversed(self.log):
            if rec.step == step:
                return rec
        raise KeyError(f"no {step} step in this coin's log")

    def weight_set(self, name: str = "Original") -> pd.Series:
        """A weight set by name."""
        try:
            return self.weights[name].copy()
        except KeyError:
            raise DataError(
                f"weight set {name!r} not found; available: {', '.join(self.weights)}"
            ) from None

    # ------------------------------------------------------------------ updates
    def with_dataset(self, name: str, frame: pd.DataFrame, record: StepRecord) -> Coin:
        """A new coin with ``frame`` written as data set ``name`` and ``record`` logged."""
        data = {k: v for k, v in self.data.items() if k != name}
        frame = frame.copy()
        frame.index.name = "uCode"
        data[name] = frame
        return dataclasses.replace(self, data=data, log=(*self.log, record))

    def with_weights(self, name: str, weights: pd.Series, record: StepRecord) -> Coin:
        """A new coin with a weight set added (or replaced) and ``record`` logged."""
        sets = dict(self.weights)
        sets[name] = weights.astype(float).copy()
        return dataclasses.replace(self, weights=sets, log=(*self.log, record))

    def __repr__(self) -> str:
        fw = self.framework
        return (
            f"<Coin: {len(self.units)} units, {len(fw.indicators)} indicators, "
            f"{fw.n_levels} levels; data sets: {', '.join(self.data)}>"
        )


def _numeric_column(values: pd.Series, code: str, ucodes: pd.Series) -> np.ndarray:
    """Convert a column to float, naming the first offending cells if that fails."""
    out = pd.to_numeric(values, errors="coerce").astype(float)
    raw = values.astype(object)
    blank = raw.map(lambda v: v is None or (isinstance(v, str) and v.strip() in ("", "NA")))
    bad = out.isna() & ~raw.isna() & ~blank
    if bad.any():
        cells = [f"{u}={raw[i]!r}" for i, u in zip(raw.index[bad], ucodes[bad], strict=True)]
        more = f" (and {len(cells) - 5} more)" if len(cells) > 5 else ""
        raise DataError(
            f"iData column {code} has non-numeric value(s): {', '.join(cells[:5])}{more}"
        )
    inf = ~np.isfinite(out.to_numpy()) & ~out.isna().to_numpy()
    if inf.any():
        units = ", ".join(map(str, ucodes[inf].tolist()[:5]))
        raise DataError(f"iData column {code} has infinite value(s) for unit(s) {units}")
    return out.to_numpy()


def new_coin(
    idata: pd.DataFrame,
    imeta: pd.DataFrame | Framework,
    *,
    level_names: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
) -> Coin:
    """Build a coin from iData and iMeta tables, checking both.

    Parameters
    ----------
    idata : pandas.DataFrame
        One row per unit: ``uCode`` (required), optionally ``uName`` and ``Time``, then
        one column per group, denominator, other and indicator code of iMeta.
    imeta : pandas.DataFrame or Framework
        Indicator metadata in COINr's iMeta layout, or an already validated framework.
    level_names : sequence of str, optional
        Names of the framework levels, lowest first.
    exclude : sequence of str, optional
        Indicator codes to leave out (COINr's ``exclude``); they must not be the only
        child of an aggregate.

    Returns
    -------
    Coin
        With the ``Raw`` data set and the ``Original`` weight set.

    Raises
    ------
    FrameworkError
        If iMeta is invalid.
    DataError
        If ``uCode`` is missing or duplicated, an iMeta column is missing from iData,
        iData has a column not described in iMeta, or a value is non-numeric.

    References
    ----------
    COINr 1.1.14, ``new_coin()`` and ``check_iData()`` (``R/new_coin.R``).
    """
    if isinstance(imeta, Framework):
        framework = imeta
    else:
        meta = imeta
        if exclude:
            unknown = [c for c in exclude if c not in set(meta["iCode"])]
            if unknown:
                raise DataError(f"exclude names unknown iCode(s): {', '.join(unknown)}")
            meta = meta[~meta["iCode"].isin(exclude)]
        names = list(level_names) if level_names is not None else None
        framework = Framework.from_imeta(meta, level_names=names)
    if not isinstance(idata, pd.DataFrame):
        raise DataError("iData must be a table (pandas DataFrame)")
    if "uCode" not in idata.columns:
        raise DataError("iData lacks the required column uCode")
    idata = idata.reset_index(drop=True)
    ucodes = idata["uCode"]
    if ucodes.isna().any() or (ucodes.astype(str).str.strip() == "").any():
        rows = [str(i + 2) for i in np.flatnonzero(ucodes.isna() | (ucodes.astype(str) == ""))]
        raise DataError(f"iData has an empty uCode on row(s) {', '.join(rows[:10])}")
    ucodes = ucodes.astype(str).str.strip()
    if "Time" in idata.columns and idata["Time"].nunique(dropna=True) > 1:
        raise DataError(
            "iData holds several Time values (a panel); build one coin per Time value "
            "by filtering iData first"
        )
    dup = ucodes[ucodes.duplicated()].unique().tolist()
    if dup:
        raise DataError(f"iData has duplicate uCode(s): {', '.join(dup)}")

    described = set(framework.meta.index)
    expected = framework.indicators + framework.groups + framework.denominators
    expected += framework.others
    missing = [c for c in expected if c not in idata.columns]
    if missing:
        raise DataError(f"iData lacks column(s) declared in iMeta: {', '.join(missing)}")
    extra = [
        c
        for c in idata.columns
        if c not in _UNIT_COLUMNS
        and c not in described
        and not str(c).endswith("_group")
        and c not in exclude
    ]
    if extra:
        raise DataError(
            f"iData column(s) not described in iMeta: {', '.join(map(str, extra))} "
            "(add them to iMeta with a Type, or drop them)"
        )
    extra_aggs = [c for c in idata.columns if c in set(framework.aggregates)]
    if extra_aggs:
        raise DataError(f"iData must not hold aggregate column(s): {', '.join(extra_aggs)}")

    raw = pd.DataFrame(
        {c: _numeric_column(idata[c], c, ucodes) for c in framework.indicators},
        index=pd.Index(ucodes, name="uCode"),
    )
    unit_cols: dict[str, Any] = {}
    for c in ("uName", "Time"):
        if c in idata.columns:
            unit_cols[c] = idata[c].to_numpy()
    group_cols = framework.groups + [
        c for c in idata.columns if str(c).endswith("_group") and c not in described
    ]
    for c in group_cols:
        unit_cols[c] = idata[c].map(lambda v: v if not _blank(v) else np.nan).to_numpy()
    for c in framework.denominators:
        unit_cols[c] = _numeric_column(idata[c], c, ucodes)
    for c in framework.others:
        unit_cols[c] = idata[c].to_numpy()
    units = pd.DataFrame(unit_cols, index=pd.Index(ucodes, name="uCode"))
    record = StepRecord(
        "new_coin",
        {"level_names": list(level_names or ()), "exclude": list(exclude)},
        None,
        "Raw",
        {"n_units": len(units), "n_indicators": len(framework.indicators)},
    )
    coin = Coin(
        framework=framework,
        units=units,
        data={},
        weights={"Original": framework.weights},
    )
    return coin.with_dataset("Raw", raw, record)


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() in ("", "NA")
