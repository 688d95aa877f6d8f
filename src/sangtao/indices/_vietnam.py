"""Viet Nam's provinces: the 34 units of 2025 (GSO codes), the 63 → 34 crosswalk, published
PII results, and synthetic PII-shaped data for tests and benchmarks.

Units are keyed by ``codename`` (``ha_noi``, ``ho_chi_minh`` …), never by GSO code alone:
after 1 July 2025 several new units carry the old code of another province (Bắc Ninh
24 was Bắc Giang's code), so a code means different territory before and after.
"""

from __future__ import annotations

import re
import unicodedata
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from ._coin import Coin
from ._errors import DataError
from ._results import rank_scores
from ._templates import pii_framework

__all__ = [
    "compare_published",
    "fold_name",
    "pii_synthetic_idata",
    "read_published_pii",
    "to_34_provinces",
    "vn_crosswalk",
    "vn_provinces",
]


def _data(name: str) -> pd.DataFrame:
    with resources.files("sangtao.indices").joinpath("data", name).open("rb") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


def fold_name(name: str) -> str:
    """A province name folded for matching: no diacritics, đ → d, no "Thành phố"/"TP"/"City",
    letters only (``"TP HCM"``, ``"Ho Chi Minh City"`` and ``"Thành phố Hồ Chí Minh"`` agree)."""
    s = unicodedata.normalize("NFD", str(name).replace("đ", "d").replace("Đ", "D"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower().strip()
    s = re.sub(r"^(thanh pho|tp\.?)\s+", "", s)
    s = re.sub(r"\s+city$", "", s)
    s = re.sub(r"\bhcm\b", "ho chi minh", s)
    return re.sub(r"[^a-z]", "", s)


def vn_provinces() -> pd.DataFrame:
    """The 34 provincial units from 1 July 2025 with their GSO codes.

    Returns
    -------
    pandas.DataFrame
        Index ``codename``: ``gso_code`` (two digits, text), ``name_vi``, ``name_en``
        (ASCII), ``division_type``.

    References
    ----------
    Decision 19/2025/QĐ-TTg (codes, as cited by ``thanglequoc/vietnamese-provinces-
    database``); PyPI ``vietnam-provinces`` 2025.10.1.
    """
    return _data("vn_provinces_34.csv").set_index("codename")


def vn_crosswalk() -> pd.DataFrame:
    """The 63 provinces before 1 July 2025 and the 34-unit each merged into.

    Returns
    -------
    pandas.DataFrame
        ``gso_code_63, name_vi, name_en, codename, region6_gso, gso_code_34, name_34``
        and ``codename_34`` (the key of :func:`vn_provinces`). The merger is
        whole-province: every old unit maps to exactly one new unit.
    """
    cw = _data("vn_crosswalk_63_34.csv")
    by_code = vn_provinces().reset_index().set_index("gso_code")["codename"]
    cw["codename_34"] = cw["gso_code_34"].map(by_code)
    return cw


def to_34_provinces(
    data: pd.DataFrame,
    *,
    sums: list[str] | None = None,
    ratios: dict[str, tuple[str, str]] | None = None,
    key: str = "codename",
) -> pd.DataFrame:
    """Re-aggregate 63-province data onto the 34 units of 2025.

    Counts are summed; a ratio is re-derived from its summed numerator and denominator
    (never averaged), as a score computed on 63 units is not comparable with one on 34.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per old province, with a ``key`` column (``codename`` or
        ``gso_code_63``).
    sums : list of str
        Count columns to sum.
    ratios : dict, optional
        ``{new_column: (numerator, denominator)}``, computed after summing both.
    key : {"codename", "gso_code_63"}

    Returns
    -------
    pandas.DataFrame
        Index ``codename`` of the 34 units.

    Raises
    ------
    DataError
        If a row names an unknown province, or an old province is missing (a partial
        sum would be silently wrong).
    """
    cw = vn_crosswalk()
    if key not in ("codename", "gso_code_63"):
        raise DataError("key must be 'codename' or 'gso_code_63'")
    if key not in data.columns:
        raise DataError(f"data lacks the key column {key}")
    keys = data[key].astype(str).str.zfill(2) if key == "gso_code_63" else data[key].astype(str)
    known = set(cw[key])
    unknown = sorted(set(keys) - known)
    if unknown:
        raise DataError(f"unknown province(s): {', '.join(unknown[:10])}")
    missing = sorted(known - set(keys))
    if missing:
        raise DataError(
            f"missing old province(s) (the sums would be partial): {', '.join(missing[:10])}"
        )
    target = keys.map(cw.set_index(key)["codename_34"])
    cols = list(sums or []) + [c for pair in (ratios or {}).values() for c in pair]
    summed = (
        data[list(dict.fromkeys(cols))]
        .apply(pd.to_numeric, errors="raise")
        .groupby(target.to_numpy())
        .sum(min_count=1)
    )
    out = summed[list(sums or [])].copy()
    for new, (num, den) in (ratios or {}).items():
        d = summed[den].replace(0, np.nan)
        out[new] = summed[num] / d
    out.index.name = "codename"
    return out


def read_published_pii(path: str | Path) -> pd.DataFrame:
    """Published PII results (scores and ranks as announced), with unit keys added.

    Parameters
    ----------
    path : path
        CSV with ``edition, published, n_units, rank, province_en, score, input_score,
        output_score, source_url, note`` (``examples/pii/pii_published_results.csv``).

    Returns
    -------
    pandas.DataFrame
        The table plus ``codename``: the 34-unit key for an edition on 34 units, the
        63-unit key for earlier editions.
    """
    pub = pd.read_csv(path)
    need = {"edition", "n_units", "rank", "province_en", "score"}
    if not need <= set(pub.columns):
        raise DataError(
            f"published results lack column(s) {', '.join(sorted(need - set(pub.columns)))}"
        )
    p34 = {fold_name(n): c for c, n in vn_provinces()["name_vi"].items()}
    cw = vn_crosswalk()
    p63 = {fold_name(n): c for n, c in zip(cw["name_vi"], cw["codename"], strict=True)}
    keys: list[str] = []
    for n, name in zip(pub["n_units"], pub["province_en"], strict=True):
        table = p34 if int(n) == 34 else p63
        f = fold_name(name)
        if f not in table:
            raise DataError(f"published province {name!r} not found among the {n} units")
        keys.append(str(table[f]))
    pub["codename"] = pd.Series(keys, index=pub.index, dtype=object)
    return pub


def compare_published(
    coin: Coin, published: pd.DataFrame, edition: int, code: str = "PII", dset: str = "Aggregated"
) -> pd.DataFrame:
    """Computed scores and ranks beside the published ones of an edition.

    Returns
    -------
    pandas.DataFrame
        Index ``uCode``: ``computed_score``, ``computed_rank``, ``published_score``,
        ``published_rank``, ``score_diff``, ``rank_diff`` (computed − published); units
        without a published figure have NaN there. Sorted by computed rank.
    """
    x = coin.dataset(dset)
    if code not in x.columns:
        raise DataError(f"{dset} has no column {code}")
    pub = published[published["edition"] == edition].set_index("codename")
    if pub.empty:
        raise DataError(f"no published results for edition {edition}")
    out = pd.DataFrame(
        {"computed_score": x[code], "computed_rank": rank_scores(x[code].to_numpy())},
        index=x.index,
    )
    out["published_score"] = pd.to_numeric(pub["score"], errors="coerce").reindex(out.index)
    out["published_rank"] = pd.to_numeric(pub["rank"], errors="coerce").reindex(out.index)
    out["score_diff"] = out["computed_score"] - out["published_score"]
    out["rank_diff"] = out["computed_rank"] - out["published_rank"]
    out.index.name = "uCode"
    return out.sort_values("computed_rank")


def pii_synthetic_idata(seed: int = 0, missing: float = 0.0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """SYNTHETIC iData for the PII template: 34 provinces × 52 indicators.

    Values are drawn from a latent "development" factor plus noise, log-normal and
    skewed like provincial statistics; the latent factor is raised for the five units
    that lead the published PII 2025 so that demonstrations look plausible. They are
    **not data** and serve only tests, examples and benchmarks.

    Parameters
    ----------
    seed : int
        Random seed.
    missing : float, default 0
        Share of indicator values blanked at random.

    Returns
    -------
    (idata, imeta)
    """
    rng = np.random.default_rng(seed)
    prov = vn_provinces().reset_index()
    meta = pii_framework()
    inds = meta.loc[meta["Type"] == "Indicator", "iCode"].tolist()
    latent = rng.normal(size=len(prov))
    leaders = {"ha_noi": 2.5, "ho_chi_minh": 2.2, "quang_ninh": 1.8, "hai_phong": 1.6, "hue": 1.2}
    latent += prov["codename"].map(leaders).fillna(0.0).to_numpy()
    load = rng.uniform(0.3, 0.9, size=len(inds))
    z = latent[:, None] * load + rng.normal(size=(len(prov), len(inds))) * np.sqrt(1 - load**2)
    values = np.exp(z * rng.uniform(0.3, 1.0, size=len(inds))) * rng.uniform(1, 100, size=len(inds))
    if missing:
        values[rng.random(values.shape) < missing] = np.nan
    idata = pd.DataFrame(values, columns=inds)
    idata.insert(0, "uName", prov["name_vi"])
    idata.insert(0, "uCode", prov["codename"])
    return idata, meta
