"""Writing a built coin's stages and results as CSV files and an Excel workbook."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ._coin import Coin
from ._results import get_results

__all__ = ["STAGES", "export_coin", "missing_scores"]

#: COINr data-set name → file stem, in build-stage order.
STAGES = {
    "Raw": "raw",
    "Denominated": "denominated",
    "Screened": "screened",
    "Imputed": "imputed",
    "Treated": "treated",
    "Normalised": "normalised",
    "Aggregated": "aggregated",
}


def export_coin(coin: Coin, out: str | Path, excel: bool = True) -> list[Path]:
    """Write one CSV per stage, ``results.csv`` and (optionally) ``index.xlsx``.

    Each stage file has ``uCode`` first, then one column per indicator (and aggregate, in
    ``aggregated.csv``). Only stages the build produced are written. ``results.csv`` has
    the score and rank of every aggregate (see :func:`get_results`); it is written only if
    the coin has an ``Aggregated`` data set. ``missing_scores.csv`` (and a sheet) lists
    every aggregate score left missing and why (see :func:`missing_scores`), so that no
    published blank goes unexplained; it is written only if there is one.

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    frames: dict[str, pd.DataFrame] = {}
    for dset, stem in STAGES.items():
        if dset not in coin.data:
            continue
        frame = coin.dataset(dset).reset_index()
        path = out / f"{stem}.csv"
        frame.to_csv(path, index=False, float_format="%.17g")
        written.append(path)
        frames[dset] = frame
    if "Aggregated" in coin.data:
        results = get_results(coin)
        path = out / "results.csv"
        results.to_csv(path, index=False, float_format="%.17g")
        written.append(path)
        frames = {"Results": results, **frames}
    missing = missing_scores(coin)
    if not missing.empty:
        path = out / "missing_scores.csv"
        missing.to_csv(path, index=False)
        written.append(path)
        frames["MissingScores"] = missing
    if excel and frames:
        path = out / "index.xlsx"
        with pd.ExcelWriter(path, engine="openpyxl") as xl:
            for sheet, frame in frames.items():
                frame.to_excel(xl, sheet_name=sheet, index=False)
        written.append(path)
    return written


def missing_scores(coin: Coin) -> pd.DataFrame:
    """Aggregate scores left missing by the ``Aggregate`` step, and why.

    Returns
    -------
    pandas.DataFrame
        ``Aggregate, uCode, Reason``: ``below dat_thresh`` (too few available children)
        or ``no available data``; empty if every score exists or nothing was
        aggregated.
    """
    rows: list[dict[str, str]] = []
    try:
        rec = coin.record("Aggregate")
    except KeyError:
        return pd.DataFrame(columns=["Aggregate", "uCode", "Reason"])
    below = rec.details.get("below_dat_thresh", {})
    for agg, units in rec.details.get("units_without_score", {}).items():
        for u in units:
            reason = "below dat_thresh" if u in below.get(agg, ()) else "no available data"
            rows.append({"Aggregate": agg, "uCode": u, "Reason": reason})
    return pd.DataFrame(rows, columns=["Aggregate", "uCode", "Reason"])
