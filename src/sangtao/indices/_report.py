"""A bilingual (Vietnamese/English) report of a built index, as HTML and PDF."""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from ._charts import (
    plot_choropleth_vn,
    plot_corr,
    plot_heatmap,
    plot_rank_intervals,
    plot_ranking,
    plot_unit_profile,
)
from ._coherence import get_corr
from ._coin import Coin
from ._results import get_results
from ._uncertainty import UncertaintyResult

__all__ = ["write_report"]

_CSS = """
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; margin: 1.5em; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; border-bottom: 1px solid #999; }
.en { color: #555; font-weight: normal; }
table { border-collapse: collapse; font-size: 8pt; margin: 0.5em 0; }
td, th { border: 1px solid #ccc; padding: 2px 5px; text-align: right; }
th { background: #eee; } td:first-child, th:first-child { text-align: left; }
img { max-width: 100%; } .note { font-size: 8pt; color: #444; }
@page { size: A4; margin: 1.5cm; }
"""


def _h(vi: str, en: str, level: int = 2) -> str:
    return f"<h{level}>{html.escape(vi)} <span class='en'>/ {html.escape(en)}</span></h{level}>"


def _img(fig: Figure) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    return f"<img src='data:image/png;base64,{base64.b64encode(buf.getvalue()).decode()}'/>"


def _table(df: pd.DataFrame, digits: int = 2) -> str:
    return df.to_html(float_format=lambda v: f"{v:.{digits}f}", na_rep="–", border=0, escape=True)


def write_report(
    coin: Coin,
    out: str | Path,
    *,
    title: str = "Composite index",
    uncertainty: UncertaintyResult | None = None,
    audit: Mapping[str, pd.DataFrame] | None = None,
    published: pd.DataFrame | None = None,
    geojson: str | Path | None = None,
    unit: str | None = None,
    pdf: bool = True,
) -> list[Path]:
    """Write ``report.html`` (self-contained, charts inline) and ``report.pdf``.

    Sections, each headed in Vietnamese then English: results (ranking bars and a
    table), pillar heatmap, the map of Viet Nam's provinces (with Hoàng Sa and Trường
    Sa) when ``geojson`` is given, a unit profile, correlations, the audit tables,
    the uncertainty rank intervals, and published results beside computed ones.

    Parameters
    ----------
    coin : Coin
        A built coin.
    out : path
        Output directory (created).
    title : str
    uncertainty : UncertaintyResult, optional
    audit : mapping, optional
        Tables from :func:`audit`.
    published : pandas.DataFrame, optional
        From :func:`compare_published`.
    geojson : path, optional
        34-province boundaries for the map (units keyed by province ``codename``).
    unit : str, optional
        Unit profiled (default: the top-ranked).
    pdf : bool, default True
        Also render the PDF with WeasyPrint.

    Returns
    -------
    list of pathlib.Path
        Files written.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    fw = coin.framework
    top = fw.codes(level=fw.n_levels)[0]
    res = get_results(coin)
    unit = unit or str(res["uCode"].iloc[0])
    parts = [
        f"<html><head><meta charset='utf-8'><title>{html.escape(title)}</title>",
        f"<style>{_CSS}</style></head><body>",
        _h(title, title, 1),
    ]
    parts.append(
        f"<p class='note'>{len(res)} đơn vị / units · {len(fw.indicators)} chỉ số / indicators · "
        f"{fw.n_levels} cấp / levels. Các bước / steps: "
        f"{html.escape(', '.join(r.step for r in coin.log))}.</p>"
    )
    parts += [_h("Kết quả xếp hạng", "Results"), _img(plot_ranking(coin))]
    cols = ["uCode"] + (["uName"] if "uName" in res.columns else []) + [top, f"{top}_rank"]
    cols += [c for lev in range(fw.n_levels - 1, 1, -1) for c in fw.codes(level=lev)][:10]
    parts.append(_table(res[cols].set_index("uCode")))
    parts += [_h("Bản đồ nhiệt các trụ cột", "Pillar heatmap"), _img(plot_heatmap(coin, 2))]
    if geojson is not None:
        scores = coin.dataset("Aggregated")[top]
        parts += [
            _h("Bản đồ các tỉnh, thành phố", "Map of the provinces"),
            _img(plot_choropleth_vn(scores, geojson, title=top)),
            "<p class='note'>Bản đồ thể hiện quần đảo Hoàng Sa và Trường Sa / The map shows "
            "the Hoang Sa and Truong Sa archipelagos. Ranh giới / boundaries: Open Development "
            "Vietnam, via TaliaCao/Vietnam-Shape-Map.</p>",
        ]
    parts += [_h("Hồ sơ đơn vị", "Unit profile"), _img(plot_unit_profile(coin, unit))]
    parts += [
        _h("Tương quan", "Correlations"),
        _img(plot_corr(get_corr(coin, "Aggregated", (2, 2)), "Level 2")),
    ]
    if audit:
        parts.append(_h("Kiểm định thống kê", "Statistical audit"))
        for name, table in audit.items():
            parts += [f"<h3>{html.escape(name)}</h3>", _table(table.head(60), 3)]
    if uncertainty is not None:
        parts += [
            _h("Phân tích bất định", "Uncertainty analysis"),
            _img(plot_rank_intervals(uncertainty.rank_stats)),
            _table(uncertainty.rank_stats.sort_values("Nominal"), 1),
        ]
    if published is not None:
        parts += [
            _h("So sánh với kết quả công bố", "Published results beside computed"),
            _table(published),
        ]
    parts.append("</body></html>")
    page = "\n".join(parts)
    written = [out / "report.html"]
    written[0].write_text(page, encoding="utf-8")
    if pdf:
        from weasyprint import HTML  # heavy import, only when a PDF is asked for

        HTML(string=page, base_url=str(out)).write_pdf(out / "report.pdf")
        written.append(out / "report.pdf")
    return written
