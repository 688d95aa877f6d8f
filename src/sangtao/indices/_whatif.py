"""What-if analysis: rebuild a coin from its log with indicators removed or added.

``regen`` replays a coin's build log (COINr ``Regen``); ``change_ind`` adds or drops
indicators; ``remove_elements`` leaves each indicator or aggregate out in turn and
reports the rank changes; ``compare_coins`` sets two builds side by side.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._coin import Coin, StepRecord
from ._errors import DataError, FrameworkError, SpecError
from ._framework import Framework
from ._results import rank_scores
from ._step import Step

__all__ = ["change_ind", "compare_coins", "regen", "remove_elements"]


def _steps(coin: Coin) -> list[Step]:
    from ._pipeline import STEPS  # local: _pipeline imports the steps

    steps = []
    for rec in coin.log:
        if rec.step == "new_coin":
            continue
        if rec.step not in STEPS:
            raise SpecError(f"cannot replay step {rec.step!r}")
        steps.append(STEPS[rec.step](**rec.params))
    return steps


def regen(coin: Coin, framework: Framework | None = None, raw: pd.DataFrame | None = None) -> Coin:
    """Rebuild a coin by replaying its log, optionally on a new framework or raw data.

    Parameters
    ----------
    coin : Coin
        A built coin.
    framework : Framework, optional
        Replacement framework (e.g. with an indicator removed).
    raw : pandas.DataFrame, optional
        Replacement ``Raw`` data set (index ``uCode``, one column per indicator).

    Returns
    -------
    Coin
        The rebuilt coin; its log repeats the original steps.

    References
    ----------
    COINr 1.1.14, ``Regen()`` (``R/regen.R``).
    """
    fw = framework or coin.framework
    raw = coin.dataset("Raw") if raw is None else raw
    raw = raw[list(fw.indicators)]
    weights = dict(coin.weights)
    weights["Original"] = fw.weights
    base = dataclasses.replace(coin, framework=fw, data={}, weights=weights, log=())
    rec = StepRecord("new_coin", {}, None, "Raw", {"regen": True})
    built = base.with_dataset("Raw", raw, rec)
    for step in _steps(coin):
        built = step.apply(built)
    return built


def _drop_from_meta(meta: pd.DataFrame, fw: Framework, codes: Sequence[str]) -> pd.DataFrame:
    gone: set[str] = set()
    for code in codes:
        if code not in fw.meta.index:
            raise DataError(f"{code!r} is not an element of the framework")
        gone.update(fw.leaves(code))
        if fw.level(code) > 1:
            stack = [code]
            while stack:
                c = stack.pop()
                gone.add(c)
                if fw.level(c) > 1:
                    stack.extend(fw.children(c))
    # an aggregate left without children goes too, up the tree
    changed = True
    while changed:
        changed = False
        for agg in fw.aggregates:
            if agg not in gone and all(k in gone for k in fw.children(agg)):
                if fw.parent(agg) is None:
                    raise FrameworkError(f"removing {', '.join(codes)} empties the index")
                gone.add(agg)
                changed = True
    return meta[~meta["iCode"].isin(gone)]


def change_ind(
    coin: Coin,
    drop: Sequence[str] = (),
    add_meta: pd.DataFrame | None = None,
    add_data: pd.DataFrame | None = None,
) -> Coin:
    """Rebuild a coin with indicators dropped and/or added (COINr ``change_ind``).

    Parameters
    ----------
    coin : Coin
        A built coin.
    drop : sequence of str
        Indicator or aggregate codes to remove (an aggregate takes its subtree; an
        aggregate left with no children is removed too).
    add_meta : pandas.DataFrame, optional
        iMeta rows of indicators to add (their parents must exist).
    add_data : pandas.DataFrame, optional
        Their raw values: index ``uCode`` (the coin's units), one column per added code.

    Returns
    -------
    Coin
        The rebuilt coin.
    """
    fw = coin.framework
    meta = fw.meta.reset_index(drop=True)
    meta = _drop_from_meta(meta, fw, list(drop)) if drop else meta
    raw = coin.dataset("Raw")
    if add_meta is not None:
        if add_data is None:
            raise DataError("add_meta needs add_data with the added indicators' values")
        new = [str(c) for c in add_meta["iCode"]]
        lacking = [c for c in new if c not in add_data.columns]
        if lacking:
            raise DataError(f"add_data lacks column(s) {', '.join(lacking)}")
        missing_units = raw.index.difference(add_data.index)
        if len(missing_units):
            raise DataError(f"add_data lacks unit(s) {', '.join(map(str, missing_units[:10]))}")
        meta = pd.concat([meta, add_meta], ignore_index=True)
        raw = pd.concat([raw, add_data.loc[raw.index, new].astype(float)], axis=1)
    new_fw = Framework.from_imeta(meta, level_names=fw.level_names or None)
    return regen(coin, framework=new_fw, raw=raw)


def compare_coins(
    coin1: Coin,
    coin2: Coin,
    code: str | None = None,
    dset: str = "Aggregated",
    labels: tuple[str, str] = ("coin1", "coin2"),
) -> pd.DataFrame:
    """Scores and ranks of one element in two builds, with rank changes.

    Parameters
    ----------
    coin1, coin2 : Coin
        Two builds (e.g. two specs, or two years of a panel) with units in common.
    code : str, optional
        Element compared; default the top of ``coin1``'s framework.
    dset : str, default "Aggregated"
    labels : (str, str)
        Names of the two builds in the column names.

    Returns
    -------
    pandas.DataFrame
        Index ``uCode`` (units of either build): ``<label>_score``, ``<label>_rank``
        for each, ``RankChange`` (rank in 2 − rank in 1; negative is an improvement)
        and ``AbsRankChange``, sorted by the rank in build 1. A unit missing from one
        build has no change.

    References
    ----------
    COINr 1.1.14, ``compare_coins()`` (``R/compare.R``).
    """
    fw = coin1.framework
    code = code or fw.codes(level=fw.n_levels)[0]
    frames = []
    for coin, label in zip((coin1, coin2), labels, strict=True):
        x = coin.dataset(dset)
        if code not in x.columns:
            raise DataError(f"{label}: {dset} has no column {code}")
        s = x[code]
        frames.append(
            pd.DataFrame(
                {f"{label}_score": s, f"{label}_rank": rank_scores(s.to_numpy())}, index=s.index
            )
        )
    out = frames[0].join(frames[1], how="outer")
    out["RankChange"] = out[f"{labels[1]}_rank"] - out[f"{labels[0]}_rank"]
    out["AbsRankChange"] = out["RankChange"].abs()
    out.index.name = "uCode"
    return out.sort_values(f"{labels[0]}_rank", na_position="last")


def remove_elements(
    coin: Coin, level: int = 1, code: str | None = None, dset: str = "Aggregated"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Leave each element of a level out in turn and measure the rank changes.

    Parameters
    ----------
    coin : Coin
        A built coin.
    level : int, default 1
        Level whose elements are removed one at a time (1 = indicators).
    code : str, optional
        Element whose ranks are compared; default the top of the framework.
    dset : str, default "Aggregated"

    Returns
    -------
    (summary, ranks)
        ``summary``: index ``Removed``: ``MeanAbsRankChange``, ``MaxAbsRankChange`` and
        ``Note`` (why an element could not be removed, e.g. the only child of the
        index). ``ranks``: one column per removal (plus ``Nominal``) with the ranks of
        ``code``, index ``uCode``.

    References
    ----------
    COINr 1.1.14, ``remove_elements()`` (``R/compare.R``).
    """
    fw = coin.framework
    code = code or fw.codes(level=fw.n_levels)[0]
    if not 1 <= level < fw.level(code):
        raise SpecError(f"level must be between 1 and {fw.level(code) - 1}")
    nominal = coin.dataset(dset)[code]
    ranks = {"Nominal": pd.Series(rank_scores(nominal.to_numpy()), index=nominal.index)}
    rows = []
    for elem in fw.codes(level=level):
        try:
            other = change_ind(coin, drop=[elem])
        except (FrameworkError, DataError, SpecError) as exc:
            rows.append({"Removed": elem, "MeanAbsRankChange": np.nan, "Note": str(exc)})
            continue
        s = other.dataset(dset)[code].reindex(nominal.index)
        r = pd.Series(rank_scores(s.to_numpy()), index=nominal.index)
        ranks[elem] = r
        diff = (r - ranks["Nominal"]).abs()
        rows.append(
            {
                "Removed": elem,
                "MeanAbsRankChange": float(diff.mean()),
                "MaxAbsRankChange": float(diff.max()),
                "Note": "",
            }
        )
    summary = pd.DataFrame(
        rows, columns=["Removed", "MeanAbsRankChange", "MaxAbsRankChange", "Note"]
    )
    return summary.set_index("Removed"), pd.DataFrame(ranks)
