"""Charts of a landscape, drawn offline with matplotlib Figure objects (no pyplot state).

Each function returns PNG bytes, or ``None`` when there is nothing to draw; the report
inlines them as ``data:`` URIs, so reports open without a network.
"""

from __future__ import annotations

import io
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ._i18n import label
from ._topics_chart import topic_map_chart

__all__ = ["CHARTS", "render_charts"]

_BLUE = "#1f5f8b"
_PALE = "#9ec3dc"
_RED = "#b03a2e"


def _png(fig: Figure) -> bytes:
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return buffer.getvalue()


def _figure(height: float = 3.4) -> tuple[Figure, Any]:
    fig = Figure(figsize=(7.2, height))
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def filings_chart(rows: list[dict[str, Any]], pub: list[dict[str, Any]]) -> bytes | None:
    """Families per priority year (incomplete years pale) and per publication year (line)."""
    if not rows:
        return None
    rows = rows[-30:]
    fig, ax = _figure()
    years = [r["year"] for r in rows]
    ax.bar(
        years,
        [r["families"] for r in rows],
        color=[_PALE if r["incomplete"] else _BLUE for r in rows],
        label=label("priority_year"),
    )
    shown = [r for r in pub if years[0] <= r["year"] <= years[-1]]
    if shown:
        ax.plot(
            [r["year"] for r in shown],
            [r["families"] for r in shown],
            color=_RED,
            marker="o",
            markersize=3,
            label=label("publication_year"),
        )
    ax.set_ylabel(label("families"))
    ax.legend(frameon=False, fontsize=8)
    ax.set_title(label("filings"), fontsize=10)
    return _png(fig)


def applicants_chart(rows: list[dict[str, Any]]) -> bytes | None:
    """Top applicants by families."""
    rows = rows[:15]
    if not rows:
        return None
    fig, ax = _figure(0.8 + 0.28 * len(rows))
    names = [str(r["applicant"])[:45] for r in rows][::-1]
    ax.barh(names, [r["families"] for r in rows][::-1], color=_BLUE)
    ax.set_xlabel(label("families"))
    ax.tick_params(axis="y", labelsize=7)
    ax.set_title(label("top_applicants"), fontsize=10)
    return _png(fig)


def flows_chart(rows: list[dict[str, Any]]) -> bytes | None:
    """Origin × office matrix of families (top 10 each), as a heat map with counts."""
    if not rows:
        return None
    origin_tot: dict[str, int] = {}
    office_tot: dict[str, int] = {}
    for r in rows:
        origin_tot[r["origin"]] = origin_tot.get(r["origin"], 0) + r["families"]
        office_tot[r["office"]] = office_tot.get(r["office"], 0) + r["families"]
    origins = sorted(origin_tot, key=lambda k: (-origin_tot[k], k))[:10]
    offices = sorted(office_tot, key=lambda k: (-office_tot[k], k))[:10]
    grid = [[0] * len(offices) for _ in origins]
    for r in rows:
        if r["origin"] in origins and r["office"] in offices:
            grid[origins.index(r["origin"])][offices.index(r["office"])] = r["families"]
    fig, ax = _figure(0.9 + 0.32 * len(origins))
    ax.imshow(grid, cmap="Blues", aspect="auto")
    ax.set_xticks(range(len(offices)), offices, fontsize=8)
    ax.set_yticks(range(len(origins)), origins, fontsize=8)
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            if value:
                ax.text(j, i, str(value), ha="center", va="center", fontsize=7)
    ax.set_xlabel(label("office"))
    ax.set_ylabel(label("origin"))
    ax.set_title(label("flows"), fontsize=10)
    return _png(fig)


def rta_chart(rows: list[dict[str, Any]]) -> bytes | None:
    """RTA of the countries with the most families in the set (reliable ones dark)."""
    rows = [r for r in rows if r["rta"] is not None and r["families_in_set"] > 0][:15]
    if not rows:
        return None
    fig, ax = _figure(0.8 + 0.28 * len(rows))
    ax.barh(
        [r["country"] for r in rows][::-1],
        [r["rta"] for r in rows][::-1],
        color=[_BLUE if r["reliable"] else _PALE for r in rows][::-1],
    )
    ax.axvline(1.0, color=_RED, linewidth=1)
    ax.set_xlabel("RTA")
    ax.set_title(label("rta"), fontsize=10)
    return _png(fig)


def ipc_chart(rows: list[dict[str, Any]]) -> bytes | None:
    """Families by IPC subclass (top 15)."""
    rows = rows[:15]
    if not rows:
        return None
    fig, ax = _figure(0.8 + 0.28 * len(rows))
    ax.barh([r["subclass"] for r in rows][::-1], [r["families"] for r in rows][::-1], color=_BLUE)
    ax.set_xlabel(label("families"))
    ax.set_title(label("ipc"), fontsize=10)
    return _png(fig)


CHARTS = ("filings", "top_applicants", "flows", "rta", "ipc", "topics")
"""The charts of a report, in order (``topics``: the topic map, when the landscape has one)."""


def render_charts(tables: dict[str, list[dict[str, Any]]]) -> dict[str, bytes]:
    """Draw every chart that has data; keys are those of :data:`CHARTS`."""
    drawn = {
        "filings": filings_chart(
            tables.get("filings_by_priority_year", []),
            tables.get("filings_by_publication_year", []),
        ),
        "top_applicants": applicants_chart(tables.get("top_applicants", [])),
        "flows": flows_chart(tables.get("flows", [])),
        "rta": rta_chart(tables.get("rta", [])),
        "ipc": ipc_chart(tables.get("ipc_subclasses", [])),
        "topics": topic_map_chart(
            tables.get("topics_points", []), tables.get("topics_clusters", [])
        ),
    }
    return {k: v for k, v in drawn.items() if v is not None}
