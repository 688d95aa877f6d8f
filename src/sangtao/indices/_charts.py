"""Charts rendered offline with matplotlib (no display, no network).

Every function returns a :class:`matplotlib.figure.Figure` built without pyplot, so it
works in a server or a notebook alike; save it with ``fig.savefig(path)``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.collections import PatchCollection
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath

from ._coin import Coin
from ._errors import DataError
from ._vietnam import fold_name, vn_provinces

__all__ = [
    "plot_choropleth_vn",
    "plot_corr",
    "plot_heatmap",
    "plot_rank_intervals",
    "plot_ranking",
    "plot_unit_profile",
]

_CMAP = "viridis"


def _top(coin: Coin) -> str:
    return coin.framework.codes(level=coin.framework.n_levels)[0]


def _labels(coin: Coin, units: list[str]) -> list[str]:
    if "uName" in coin.units.columns:
        return [str(coin.units.at[u, "uName"]) for u in units]
    return units


def plot_ranking(
    coin: Coin, code: str | None = None, dset: str = "Aggregated", stack: bool = True
) -> Figure:
    """Horizontal bars of a score, best unit on top, stacked by the weighted contribution
    of each child (COINr ``plot_bar(stack_children = TRUE)``) when ``stack``."""
    fw = coin.framework
    code = code or _top(coin)
    x = coin.dataset(dset)
    s = x[code].dropna().sort_values()
    units = list(s.index)
    fig = Figure(figsize=(7, max(3.0, 0.22 * len(units) + 1)))
    ax = fig.add_subplot()
    kids = list(fw.children(code)) if fw.level(code) > 1 and stack else []
    if kids and all(k in x.columns for k in kids):
        w = coin.weight_set().reindex(kids).to_numpy(float)
        vals = x.loc[units, kids].to_numpy(float)
        avail = ~np.isnan(vals)
        share = np.where(avail, vals * w, 0.0) / (avail @ w)[:, None]
        left = np.zeros(len(units))
        for j, k in enumerate(kids):
            ax.barh(range(len(units)), share[:, j], left=left, label=k)
            left += share[:, j]
        ax.legend(fontsize=7, loc="lower right")
    else:
        ax.barh(range(len(units)), s.to_numpy())
    ax.set_yticks(range(len(units)), _labels(coin, units), fontsize=7)
    ax.set_xlabel(f"{code} score")
    ax.set_title(f"{code}: ranking")
    fig.tight_layout()
    return fig


def plot_heatmap(
    coin: Coin, level: int = 2, dset: str = "Aggregated", top: int | None = None
) -> Figure:
    """Units × aggregates of one level (pillars by default), units ordered by the index."""
    fw = coin.framework
    x = coin.dataset(dset)
    codes = [c for c in fw.codes(level=level) if c in x.columns]
    if not codes:
        raise DataError(f"{dset} holds nothing at level {level}")
    order = x[_top(coin)].sort_values(ascending=False).index if _top(coin) in x.columns else x.index
    units = list(order[:top] if top else order)
    vals = x.loc[units, codes].to_numpy(float)
    fig = Figure(figsize=(1 + 0.6 * len(codes), max(3.0, 0.22 * len(units) + 1.5)))
    ax = fig.add_subplot()
    im = ax.imshow(np.ma.masked_invalid(vals), aspect="auto", cmap=_CMAP)
    ax.set_xticks(range(len(codes)), codes, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(units)), _labels(coin, units), fontsize=7)
    fig.colorbar(im, ax=ax, shrink=0.6)
    ax.set_title(f"Level {level} scores")
    fig.tight_layout()
    return fig


def plot_rank_intervals(
    rank_stats: pd.DataFrame, labels: Mapping[str, str] | None = None
) -> Figure:
    """Nominal rank and the 5th–95th percentile interval of each unit (uncertainty plot).

    ``rank_stats`` is :attr:`UncertaintyResult.rank_stats`.
    """
    st = rank_stats.sort_values(["Nominal", "Median"])
    n = len(st)
    fig = Figure(figsize=(7, max(3.0, 0.2 * n + 1)))
    ax = fig.add_subplot()
    y = np.arange(n)
    ax.hlines(y, st["Q5"], st["Q95"], color="0.6", lw=3, label="5–95 %")
    ax.plot(st["Median"], y, "o", ms=3, color="C1", label="median")
    ax.plot(st["Nominal"], y, "|", ms=8, color="C0", label="nominal")
    names = [labels.get(u, u) if labels else u for u in st.index]
    ax.set_yticks(y, names, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel("rank")
    ax.legend(fontsize=7)
    ax.set_title("Rank intervals under uncertainty")
    fig.tight_layout()
    return fig


def plot_corr(corr: pd.DataFrame, title: str = "Correlations") -> Figure:
    """A correlation matrix (e.g. :func:`get_corr`) as a heatmap with values."""
    vals = corr.to_numpy(float)
    fig = Figure(figsize=(1.5 + 0.45 * vals.shape[1], 1.2 + 0.4 * vals.shape[0]))
    ax = fig.add_subplot()
    im = ax.imshow(np.ma.masked_invalid(vals), cmap="RdBu_r", vmin=-1, vmax=1)
    ax.set_xticks(range(vals.shape[1]), list(corr.columns), rotation=90, fontsize=7)
    ax.set_yticks(range(vals.shape[0]), list(corr.index), fontsize=7)
    if vals.size <= 400:
        for (i, j), v in np.ndenumerate(vals):
            if np.isfinite(v):
                ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=5)
    fig.colorbar(im, ax=ax, shrink=0.7)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_unit_profile(coin: Coin, unit: str, level: int = 2, dset: str = "Aggregated") -> Figure:
    """A unit's scores at one level beside the median of all units."""
    fw = coin.framework
    x = coin.dataset(dset)
    if unit not in x.index:
        raise DataError(f"unit {unit!r} is not in {dset}")
    codes = [c for c in fw.codes(level=level) if c in x.columns]
    pos = np.arange(len(codes))
    fig = Figure(figsize=(max(5.0, 0.7 * len(codes) + 2), 3.5))
    ax = fig.add_subplot()
    ax.bar(pos - 0.2, x.loc[unit, codes].to_numpy(float), 0.4, label=_labels(coin, [unit])[0])
    ax.bar(pos + 0.2, x[codes].median().to_numpy(float), 0.4, label="median", color="0.7")
    ax.set_xticks(pos, codes, rotation=45, ha="right", fontsize=8)
    ax.legend(fontsize=8)
    ax.set_title(f"Profile: {_labels(coin, [unit])[0]}")
    fig.tight_layout()
    return fig


def _rings(geometry: Mapping[str, Any]) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for poly in geometry["coordinates"] for ring in poly]
    raise DataError(f"unsupported geometry {geometry['type']}")


def _path(rings: list[list[list[float]]]) -> MplPath:
    verts, codes = [], []
    for ring in rings:
        pts = np.asarray(ring, dtype=float)[:, :2]
        verts.append(pts)
        c = np.full(len(pts), MplPath.LINETO, dtype=MplPath.code_type)
        c[0] = MplPath.MOVETO
        c[-1] = MplPath.CLOSEPOLY
        codes.append(c)
    return MplPath(np.concatenate(verts), np.concatenate(codes))


#: Labels drawn on every map of Viet Nam.
ARCHIPELAGOS = {
    "Quần đảo Hoàng Sa\n(Hoang Sa, Đà Nẵng)": (112.0, 17.4),
    "Quần đảo Trường Sa\n(Truong Sa, Khánh Hòa)": (114.6, 12.0),
}


def plot_choropleth_vn(
    values: pd.Series, geojson: str | Path, title: str = "", cmap: str = _CMAP
) -> Figure:
    """Choropleth of Viet Nam's 34 provinces, Hoàng Sa and Trường Sa included and labelled.

    Parameters
    ----------
    values : pandas.Series
        Values by province ``codename`` (``ha_noi`` …) or GSO code (``"01"`` …).
    geojson : path
        34-province boundaries with a ``ten_tinh`` name property, e.g.
        ``examples/pii/vn_34_provinces_odv_taliacao.geojson`` (derived from Open
        Development Vietnam; includes the archipelagos).
    title : str

    Raises
    ------
    DataError
        If a boundary name matches no province, or the file lacks the archipelagos
        (nothing east of 111° E), which official maps of Viet Nam must show.
    """
    doc = json.loads(Path(geojson).read_text(encoding="utf-8"))
    prov = vn_provinces()
    by_name = {fold_name(n): c for c, n in prov["name_vi"].items()}
    by_code = {g: c for c, g in prov["gso_code"].items()}
    vals = {by_code.get(str(k), str(k)): float(v) for k, v in values.items()}
    patches, colours = [], []
    east = 0
    for feat in doc["features"]:
        name = feat["properties"].get("ten_tinh") or feat["properties"].get("name")
        key = by_name.get(fold_name(str(name)))
        if key is None:
            raise DataError(f"boundary {name!r} matches no province")
        rings = _rings(feat["geometry"])
        east += sum(1 for r in rings if np.asarray(r)[:, 0].min() > 111.0)
        patches.append(PathPatch(_path(rings)))
        colours.append(vals.get(key, np.nan))
    if east == 0:
        raise DataError("the boundaries lack Hoàng Sa and Trường Sa; use the ODV-derived file")
    fig = Figure(figsize=(6, 8))
    ax = fig.add_subplot()
    arr = np.asarray(colours, dtype=float)
    finite = arr[np.isfinite(arr)]
    norm = Normalize(finite.min(), finite.max()) if finite.size else Normalize(0, 1)
    cm = colormaps[cmap].with_extremes(bad="0.9")
    coll = PatchCollection(patches, cmap=cm, norm=norm, edgecolor="0.3", linewidth=0.3)
    coll.set_array(np.ma.masked_invalid(arr))
    ax.add_collection(coll)
    for label, (lon, lat) in ARCHIPELAGOS.items():
        ax.annotate(label, (lon, lat), fontsize=6, ha="center", color="0.2")
    ax.set_xlim(102.0, 117.8)
    ax.set_ylim(6.5, 23.6)
    ax.set_aspect("equal")
    ax.set_axis_off()
    fig.colorbar(coll, ax=ax, shrink=0.5)
    ax.set_title(title)
    fig.tight_layout()
    return fig
