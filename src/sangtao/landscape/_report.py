"""Writing a landscape: tables (CSV, Excel), a bilingual report (HTML, PDF), metadata."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import html
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ._charts import render_charts
from ._definition import Strategy
from ._i18n import LABELS, label
from ._metrics import Landscape
from ._topics_chart import topic_map_chart

__all__ = ["FORMATS", "write_report"]

FORMATS = ("csv", "xlsx", "html", "pdf")
"""What :func:`write_report` can write."""

_CSS = """
body { font-family: 'DejaVu Sans', 'Noto Sans', Arial, sans-serif; font-size: 10pt;
       color: #222; margin: 1.5em; }
h1 { font-size: 17pt; margin-bottom: 0.2em; } h2 { font-size: 13pt; margin-top: 1.4em;
     border-bottom: 1px solid #1f5f8b; color: #1f5f8b; }
.en { color: #555; } .banner { background: #fff4e5; border: 1px solid #e0a040;
     padding: 0.6em; margin: 1em 0; }
table { border-collapse: collapse; margin: 0.5em 0; font-size: 8.5pt; }
th, td { border: 1px solid #ccc; padding: 2px 6px; text-align: left; }
th { background: #eef3f7; } td.n { text-align: right; }
img { max-width: 100%; } @page { size: A4; margin: 1.5cm; }
"""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _html_table(
    rows: list[dict[str, Any]], columns: Iterable[str] | None = None, limit: int = 15
) -> str:
    if not rows:
        return f"<p><em>{html.escape(label('none'))}</em></p>"
    cols = list(columns or rows[0].keys())
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    body = []
    for r in rows[:limit]:
        cells = []
        for c in cols:
            v = r.get(c)
            css = ' class="n"' if isinstance(v, (int, float)) and not isinstance(v, bool) else ""
            cells.append(f"<td{css}>{html.escape(_cell(v))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def _h2(key: str) -> str:
    vi, en = LABELS[key]
    return f"<h2>{html.escape(vi)} <span class='en'>/ {html.escape(en)}</span></h2>"


def _p(key: str) -> str:
    vi, en = LABELS[key]
    return f"<p>{html.escape(vi)}<br><span class='en'>{html.escape(en)}</span></p>"


def _img(png: bytes | None) -> str:
    if not png:
        return ""
    data = base64.b64encode(png).decode("ascii")
    return f"<p><img src='data:image/png;base64,{data}' alt=''></p>"


def _strategy_text(s: Strategy | None) -> list[dict[str, Any]]:
    if s is None:
        return []
    rows = [
        ("status", s.status),
        ("ipc include", ", ".join(s.ipc_include)),
        ("ipc exclude", ", ".join(s.ipc_exclude)),
        ("cpc include", ", ".join(s.cpc_include)),
        ("cpc exclude", ", ".join(s.cpc_exclude)),
        ("keywords (en)", ", ".join(s.keywords_en)),
        ("keywords (vi)", ", ".join(s.keywords_vi)),
        ("excluded keywords", ", ".join(s.keywords_exclude)),
        ("WIPO fields", ", ".join(map(str, s.technology_fields))),
    ]
    for i, c in enumerate(s.combinations, start=1):
        rows.append(
            (f"combination {i}", f"({', '.join(c.ipc + c.cpc)}) AND ({', '.join(c.keywords)})")
        )
    return [{"part": k, "value": v} for k, v in rows if v]


def _topics_note(m: dict[str, Any]) -> str:
    how = f"k = {m.get('k')} ({m.get('k_chosen_by')}), {m.get('projection', '-')}"
    lines = [f"{html.escape(label('embedder'))}: {html.escape(str(m.get('embedder')))}; {how}"]
    if m.get("families_without_text"):
        lines.append(f"{m['families_without_text']} {html.escape(label('topics_without_text'))}")
    for code in m.get("fallback", []):
        vi, en = LABELS.get(f"topics_{code}", (code, code))
        lines.append(f"{html.escape(vi)} <span class='en'>/ {html.escape(en)}</span>")
    return "<p>" + "<br>".join(lines) + "</p>"


def _topics_table(rows: list[dict[str, Any]]) -> str:
    """The clusters of the topic map under bilingual headers."""
    shown = []
    for r in rows:
        years = f"{r['year_min']}–{r['year_max']}" if r.get("year_min") is not None else ""
        values = {
            "cluster": r["cluster"],
            "families": r["families"],
            "share": f"{100 * r['share']:.1f} %",
            "label_vi": r["label_vi"],
            "label_en": r["label_en"],
            "top_terms": r["top_terms"],
            "top_ipc": r["top_ipc"],
            "representative": f"{r['representative_doc']}: {r['representative_title']}",
            "years": years,
        }
        shown.append({label(key): value for key, value in values.items()})
    return _html_table(shown, limit=30)


def _html(ls: Landscape, tables: dict[str, list[dict[str, Any]]], charts: dict[str, bytes]) -> str:
    d = ls.definition
    node = ls.node
    meta = ls.meta
    title_vi = node.name_vi if node else d.title_vi
    title_en = node.name_en if node else d.title_en
    out = [
        "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>",
        f"<title>{html.escape(label('report'))}: {html.escape(title_en)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(label('report'))}<br>{html.escape(title_vi)}<br>"
        f"<span class='en'>{html.escape(title_en)}</span></h1>",
        f"<p>{html.escape(label('definition'))}: <b>{html.escape(d.id)}</b> "
        f"{html.escape(d.version)} ({html.escape(d.title_vi)} / {html.escape(d.title_en)})"
        f"{' — ' + html.escape(node.id) if node else ''}</p>",
    ]
    if d.is_proposal:
        vi, en = LABELS["proposal"]
        banner = f"{html.escape(vi)}<br><span class='en'>{html.escape(en)}</span>"
        out.append(f"<div class='banner'>{banner}</div>")
    summary: list[dict[str, Any]] = [
        {"": label("families"), "value": meta.get("families")},
        {"": label("corpus") + " — " + label("families"), "value": meta.get("corpus_families")},
        {"": label("corpus") + " — " + label("documents"), "value": meta.get("corpus_documents")},
        {"": label("latest_publication"), "value": str(meta.get("latest_publication"))},
        {"": label("last_complete"), "value": meta.get("last_complete_priority_year")},
    ]
    for g in tables.get("growth", []):
        if g["cagr"] is not None:
            summary.append(
                {
                    "": f"{label('cagr')} ({g['basis']} {g['window_start']}–{g['window_end']})",
                    "value": f"{100 * g['cagr']:.1f} %",
                }
            )
    out += [_h2("summary"), _html_table(summary), _h2("method"), _p("method_text")]
    out += [_h2("filings"), _img(charts.get("filings"))]
    recent = [r for r in tables.get("filings_by_priority_year", []) if r["families"]][-12:]
    out.append(_html_table(recent, ["year", "families", "growth", "incomplete"]))
    out += [_h2("top_applicants"), _img(charts.get("top_applicants"))]
    out.append(
        _html_table(
            tables.get("top_applicants", []),
            ["applicant", "kind", "country", "families", "first_year", "last_year", "spellings"],
        )
    )
    out += [_h2("flows"), _img(charts.get("flows")), _html_table(tables.get("flows", []))]
    out += [_h2("vn"), _p("vn_text"), _html_table(tables.get("vn_office", []), limit=30)]
    out += [_html_table(tables.get("vn_origin", []))]
    out += [_h2("rta"), _p("rta_text"), _img(charts.get("rta")), _html_table(tables.get("rta", []))]
    out += [_h2("ipc"), _img(charts.get("ipc"))]
    out.append(_html_table(tables.get("ipc_subclasses", []), ["subclass", "families", "title_en"]))
    out += [_h2("fields"), _html_table(tables.get("technology_fields", []))]
    if "products" in tables:
        out += [_h2("products"), _html_table(tables["products"], limit=60)]
    if tables.get("topics_points"):
        out += [_h2("topics"), _p("topics_text"), _topics_note(meta.get("topics") or {})]
        out += [_img(charts.get("topics")), _topics_table(tables.get("topics_clusters", []))]
    out += [_h2("networks")]
    for key, table in (("coapplicants", "coapplicant_edges"), ("citations", "citation_edges")):
        rows = tables.get(table, [])
        out.append(
            f"<p><b>{html.escape(label(key))}</b>: {len(rows)} {html.escape(label('edges'))}</p>"
        )
        out.append(_html_table(rows, limit=10))
    out.append(_h2("strategy"))
    for n in [node] if node else list(d.groups):
        if n is None:
            continue
        out.append(
            f"<p><b>{html.escape(n.id)}</b> {html.escape(n.name_vi)} / {html.escape(n.name_en)}</p>"
        )
        out.append(_html_table(_strategy_text(n.strategy), limit=50))
        for p in n.products if node else ():
            out.append(
                f"<p>{html.escape(p.id)} {html.escape(p.name_vi)} / {html.escape(p.name_en)}</p>"
            )
            out.append(_html_table(_strategy_text(p.strategy), limit=50))
    out.append(_h2("changelog"))
    out.append(
        _html_table(
            [
                {"version": c.version, "date": str(c.date), "author": c.author, "change": c.change}
                for c in d.changelog
            ],
            limit=100,
        )
    )
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    engine = html.escape(str(meta.get("engine")))
    out.append(f"<p class='en'>{html.escape(label('generated'))}: {stamp} · engine {engine}</p>")
    out.append("</body></html>")
    return "\n".join(out)


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def write_report(
    landscape: Landscape, out_dir: Path | str, formats: Iterable[str] = FORMATS
) -> dict[str, Path]:
    """Write a landscape's tables and its bilingual report into ``out_dir``.

    Parameters
    ----------
    landscape
        From :func:`~sangtao.landscape.build_landscape`.
    out_dir
        Created if missing. Writes ``tables/NAME.csv``, ``landscape.xlsx`` (one sheet per
        table), ``report.html``, ``report.pdf`` (WeasyPrint) and ``meta.json``; with a topic
        map (:func:`~sangtao.landscape.add_topic_map`) also ``topic_map.png`` and
        ``topic_map.svg``.
    formats
        A subset of :data:`FORMATS`.

    Returns
    -------
    dict
        Kind (``"csv"``, ``"xlsx"``, ``"html"``, ``"pdf"``, ``"meta"``, ``"topic_map"``,
        ``"topic_map_svg"``) → path (the folder for CSV).
    """
    wanted = set(formats)
    unknown = wanted - set(FORMATS)
    if unknown:
        raise ValueError(
            f"unknown format(s) {', '.join(sorted(unknown))}; use {', '.join(FORMATS)}"
        )
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rows = {name: table.to_pylist() for name, table in landscape.tables.items()}
    written: dict[str, Path] = {}
    if "csv" in wanted:
        folder = out / "tables"
        folder.mkdir(exist_ok=True)
        for name, table in landscape.tables.items():
            with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as stream:
                writer = csv.writer(stream)
                writer.writerow(table.column_names)
                for r in rows[name]:
                    writer.writerow(
                        [
                            _cell(r[c]) if isinstance(r[c], float) else r[c]
                            for c in table.column_names
                        ]
                    )
        written["csv"] = folder
    if "xlsx" in wanted:
        from openpyxl import Workbook

        book = Workbook()
        book.remove(book.active)
        for name, table in landscape.tables.items():
            sheet = book.create_sheet(name[:31])
            sheet.append(table.column_names)
            for r in rows[name]:
                sheet.append([r[c] for c in table.column_names])
        written["xlsx"] = out / "landscape.xlsx"
        book.save(written["xlsx"])
    charts = render_charts(rows) if wanted & {"html", "pdf"} else {}
    if rows.get("topics_points"):
        for kind, fmt in (("topic_map", "png"), ("topic_map_svg", "svg")):
            image = charts.get("topics") if fmt == "png" else None
            image = image or topic_map_chart(
                rows["topics_points"], rows["topics_clusters"], fmt=fmt
            )
            if image:
                written[kind] = out / f"topic_map.{fmt}"
                written[kind].write_bytes(image)
    if wanted & {"html", "pdf"}:
        page = _html(landscape, rows, charts)
        if "html" in wanted:
            written["html"] = out / "report.html"
            written["html"].write_text(page, encoding="utf-8")
        if "pdf" in wanted:
            from weasyprint import HTML

            written["pdf"] = out / "report.pdf"
            HTML(string=page).write_pdf(written["pdf"])
    written["meta"] = out / "meta.json"
    written["meta"].write_text(
        json.dumps(landscape.meta, default=_json_default, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    return written
