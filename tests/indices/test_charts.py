"""Offline charts, the map of Viet Nam with Hoàng Sa and Trường Sa, and the report."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sangtao.indices import (
    DataError,
    UncertaintyAnalysis,
    audit,
    get_corr,
    plot_choropleth_vn,
    plot_corr,
    plot_heatmap,
    plot_rank_intervals,
    plot_ranking,
    plot_unit_profile,
    vn_provinces,
    write_report,
)

GEOJSON = (
    Path(__file__).resolve().parents[2]
    / "examples"
    / "pii"
    / "vn_34_provinces_odv_taliacao.geojson"
)


def _png(fig, tmp_path, name):
    path = tmp_path / f"{name}.png"
    fig.savefig(path, dpi=40)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_charts_render(asem_default, tmp_path):
    fig = plot_ranking(asem_default)
    ax = fig.axes[0]
    assert len(ax.patches) == 51 * 2  # stacked: two sub-indices per unit
    assert ax.get_yticklabels()[-1].get_text() == "Switzerland"  # best on top
    _png(fig, tmp_path, "rank")
    heat = plot_heatmap(asem_default)
    assert heat.axes[0].images[0].get_array().shape == (51, 8)
    _png(heat, tmp_path, "heat")
    _png(plot_corr(get_corr(asem_default, "Aggregated", (2, 2))), tmp_path, "corr")
    _png(plot_unit_profile(asem_default, "VNM"), tmp_path, "profile")
    ua = UncertaintyAnalysis(N=50, noise={2: 0.25}, seed=0).run(asem_default)
    _png(plot_rank_intervals(ua.rank_stats), tmp_path, "ua")


def test_choropleth_shows_hoang_sa_and_truong_sa(tmp_path):
    p = vn_provinces()
    values = pd.Series(np.arange(34.0), index=p.index)
    fig = plot_choropleth_vn(values, GEOJSON, title="test")
    ax = fig.axes[0]
    coll = ax.collections[0]
    assert len(coll.get_paths()) == 34
    # both archipelagos fall inside the drawn extent and are part of a drawn province
    xmin, xmax = ax.get_xlim()
    ymin, ymax = ax.get_ylim()
    assert xmin < 111.2 and xmax > 116.5 and ymin < 7.5 and ymax > 17.1
    east = [path for path in coll.get_paths() if path.vertices[:, 0].max() > 111.0]
    assert len(east) == 2  # Đà Nẵng (Hoàng Sa) and Khánh Hòa (Trường Sa)
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "Hoàng Sa" in texts and "Trường Sa" in texts
    # colours follow the values joined on names (alphabetical VN01… codes ignored)
    arr = coll.get_array()
    assert np.ma.count_masked(arr) == 0
    _png(fig, tmp_path, "map")


def test_choropleth_refuses_a_map_without_the_archipelagos(tmp_path):
    doc = json.loads(GEOJSON.read_text(encoding="utf-8"))
    for feat in doc["features"]:
        geom = feat["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        geom["type"] = "MultiPolygon"
        geom["coordinates"] = [poly for poly in polys if min(pt[0] for pt in poly[0]) < 111.0]
    mainland = tmp_path / "mainland.geojson"
    mainland.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DataError, match="Hoàng Sa"):
        plot_choropleth_vn(pd.Series(dtype=float), mainland)


def test_report_html_and_pdf(small_coin, tmp_path):
    from sangtao.indices import Aggregate, Normalise

    coin = Aggregate().apply(
        Normalise(global_specs={"f_n": "n_minmax", "f_n_para": {"l_u": [1, 100]}}).apply(small_coin)
    )
    written = write_report(
        coin, tmp_path, title="Thử nghiệm", audit=audit(coin, leave_one_out=False)
    )
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Kết quả xếp hạng" in html and "Results" in html and "data:image/png;base64" in html
    assert (tmp_path / "report.pdf").read_bytes()[:5] == b"%PDF-"
    assert [p.name for p in written] == ["report.html", "report.pdf"]
