"""Reading iData/iMeta tables from CSV or Excel files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ._coin import Coin, new_coin
from ._errors import DataError

__all__ = ["read_table", "read_coin"]

_NA_VALUES = ["", "NA", "NaN", "nan", "#N/A"]


def read_table(path: str | Path, sheet: str | int | None = None) -> pd.DataFrame:
    """Read a CSV (``.csv``, ``.txt``) or Excel (``.xlsx``, ``.xlsm``) table.

    Parameters
    ----------
    path : str or pathlib.Path
        The file.
    sheet : str or int, optional
        Excel sheet (first sheet by default).

    Returns
    -------
    pandas.DataFrame
        Cells ``""``, ``NA``, ``NaN`` and ``#N/A`` read as missing; other text is kept so
        that validation can name it.

    Raises
    ------
    DataError
        If the file does not exist or has an unsupported extension.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"file not found: {path}")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        return pd.read_csv(path, na_values=_NA_VALUES, keep_default_na=False)
    if suffix in (".xlsx", ".xlsm"):
        return pd.read_excel(
            path,
            sheet_name=0 if sheet is None else sheet,
            na_values=_NA_VALUES,
            keep_default_na=False,
        )
    raise DataError(f"unsupported table format {suffix!r} for {path} (use .csv or .xlsx)")


def read_coin(
    data: str | Path | pd.DataFrame,
    meta: str | Path | pd.DataFrame,
    *,
    level_names: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
) -> Coin:
    """Build a coin from iData and iMeta files (or tables).

    Parameters
    ----------
    data, meta : str, pathlib.Path or pandas.DataFrame
        iData and iMeta, as files (CSV or Excel) or tables.
    level_names : sequence of str, optional
        Names of the levels, lowest first.
    exclude : sequence of str, optional
        Indicator codes to leave out.

    Returns
    -------
    Coin
        See :func:`new_coin`.
    """
    idata = data if isinstance(data, pd.DataFrame) else read_table(data)
    imeta = meta if isinstance(meta, pd.DataFrame) else read_table(meta)
    return new_coin(idata, imeta, level_names=level_names, exclude=exclude)
