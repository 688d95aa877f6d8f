"""Writing a built coin's stages and results as CSV files and an Excel workbook."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ._coin import Coin
from ._results import get_results

__all__ = ["STAGES", "export_coin"]

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
    the coin has an ``Aggregated`` data set.

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
    if excel and frames:
        path = out / "index.xlsx"
        with pd.ExcelWriter(path, engine="openpyxl") as xl:
            for sheet, frame in frames.items():
                frame.to_excel(xl, sheet_name=sheet, index=False)
        written.append(path)
    return written
