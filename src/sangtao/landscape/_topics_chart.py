"""The topic map drawn offline with matplotlib (Agg, no pyplot state), ThemeScape-style.

Filled density contours with a terrain colour map (sea for empty space, peaks for dense
topics), the families as dots, and each cluster's number and labels (Vietnamese terms, then
English terms) at a family near the cluster's median point.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib import colormaps
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from ._i18n import label

__all__ = ["FORMATS", "DensityGrid", "density_grid", "topic_map_chart"]

FORMATS = ("png", "svg")
_TERRAIN = ListedColormap(colormaps["terrain"](np.linspace(0.17, 1.0, 64)), name="topic_terrain")
"""matplotlib's terrain without its deep blue: shallow sea, lowlands, then snowy peaks."""


@dataclass(frozen=True, slots=True)
class DensityGrid:
    """A KDE of the map's points on a grid: ``z[i, j]`` is the density at ``(xs[j], ys[i])``."""

    xs: np.ndarray
    ys: np.ndarray
    z: np.ndarray


def density_grid(
    x: Sequence[float] | np.ndarray,
    y: Sequence[float] | np.ndarray,
    *,
    size: int = 100,
    bandwidth: float = 0.5,
    max_points: int = 5000,
    seed: int = 0,
) -> DensityGrid | None:
    """Gaussian KDE of the points on a ``size × size`` grid (Scott's rule × ``bandwidth``).

    Returns ``None`` for fewer than three points or points on a line (singular covariance).
    Above ``max_points`` the KDE is fitted on a seeded sample.
    """
    from scipy.stats import gaussian_kde

    pts = np.vstack([np.asarray(x, float), np.asarray(y, float)])
    if pts.shape[1] < 3 or not np.isfinite(pts).all():
        return None
    sample = pts
    if pts.shape[1] > max_points:
        rng = np.random.default_rng(seed)
        sample = pts[:, np.sort(rng.choice(pts.shape[1], max_points, replace=False))]
    try:
        kde = gaussian_kde(sample, bw_method=lambda k: k.scotts_factor() * bandwidth)
    except (np.linalg.LinAlgError, ValueError):
        return None
    lo, hi = pts.min(axis=1), pts.max(axis=1)
    pad = 0.08 * max(float((hi - lo).max()), 1e-6)
    xs = np.linspace(lo[0] - pad, hi[0] + pad, size)
    ys = np.linspace(lo[1] - pad, hi[1] + pad, size)
    gx, gy = np.meshgrid(xs, ys)
    z = kde(np.vstack([gx.ravel(), gy.ravel()])).reshape(size, size)
    return DensityGrid(xs, ys, z) if np.isfinite(z).all() else None


def _short(terms: str | None, count: int = 2) -> str:
    return ", ".join([t.strip() for t in (terms or "").split(",") if t.strip()][:count])


def _cluster_text(c: dict[str, Any]) -> str:
    lines = [f"{c['cluster']}"]
    for key in ("label_vi", "label_en"):
        text = _short(c.get(key))
        if text and text not in lines:
            lines.append(text)
    if len(lines) == 1 and c.get("top_terms"):
        lines.append(_short(c["top_terms"]))
    return "\n".join(lines)


def topic_map_chart(
    points: list[dict[str, Any]],
    clusters: list[dict[str, Any]],
    *,
    fmt: str = "png",
    density: DensityGrid | None = None,
) -> bytes | None:
    """Draw a topic map as PNG or SVG bytes; ``None`` without points.

    Parameters
    ----------
    points, clusters
        Rows of a :class:`~sangtao.landscape._topics.TopicMap`'s tables (``x``, ``y``,
        ``cluster``; ``cluster``, ``x``, ``y``, ``label_vi``, ``label_en``, ``top_terms``).
    fmt
        ``"png"`` or ``"svg"``.
    density
        The KDE grid; estimated from the points when not given (no contours when it
        cannot be).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}; use {', '.join(FORMATS)}")
    if not points:
        return None
    x = np.array([p["x"] for p in points], dtype=float)
    y = np.array([p["y"] for p in points], dtype=float)
    if density is None:
        density = density_grid(x, y)
    fig = Figure(figsize=(7.2, 6.0))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_facecolor("#cfe3f0")
    if density is not None and density.z.max() > 0:
        levels = np.linspace(0.0, float(density.z.max()), 14)
        levels[0] = float(density.z.max()) * 0.02
        ax.contourf(density.xs, density.ys, density.z, levels=levels, cmap=_TERRAIN, alpha=0.9)
        ax.contour(
            density.xs, density.ys, density.z, levels=levels, colors="#5a4a3a", linewidths=0.3
        )
    n = len(points)
    ax.scatter(x, y, s=max(1.0, min(9.0, 3000.0 / n)), c="#202020", alpha=0.45, linewidths=0)
    for c in clusters:
        if c.get("x") is None or c.get("y") is None:
            continue
        ax.annotate(
            _cluster_text(c),
            (c["x"], c["y"]),
            ha="center",
            va="center",
            fontsize=7,
            bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": "#555555", "alpha": 0.8},
        )
    ax.set_xticks([])
    ax.set_yticks([])
    if density is not None:
        ax.set_xlim(float(density.xs[0]), float(density.xs[-1]))
        ax.set_ylim(float(density.ys[0]), float(density.ys[-1]))
    else:
        pad_x = max(float(np.ptp(x)), 1.0) * 0.08
        pad_y = max(float(np.ptp(y)), 1.0) * 0.08
        ax.set_xlim(float(x.min()) - pad_x, float(x.max()) + pad_x)
        ax.set_ylim(float(y.min()) - pad_y, float(y.max()) + pad_y)
    vi_f, en_f = label("families", "|").split("|")
    vi_c, en_c = label("clusters", "|").split("|")
    ax.set_title(
        f"{label('topics')}\n{n} {vi_f.lower()} · {len(clusters)} {vi_c.lower()} / "
        f"{n} {en_f.lower()} · {len(clusters)} {en_c.lower()}",
        fontsize=10,
    )
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=110, bbox_inches="tight")
    return buffer.getvalue()
