"""Innovation indices in the back office: shipped frameworks, index runs and published PII."""

from __future__ import annotations

import csv
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sangtao.indices import (
    IndicesError,
    gii_framework,
    load_spec,
    pii_framework,
    read_published_pii,
)
from sangtao.office.backoffice import runs
from sangtao.office.backoffice.staff import analysts_only

PUBLISHED_PII = Path("pii") / "pii_published_results.csv"
TOP_ROWS = 20


def _asem_framework() -> pd.DataFrame:
    return pd.read_csv(settings.SANGTAO_EXAMPLES_DIR / "asem" / "asem_imeta.csv")


# key → (title, iMeta source, level of the pillars, example folder)
FRAMEWORKS: dict[str, tuple[Promise, Callable[[], pd.DataFrame], int, str]] = {
    "pii": (_("Provincial Innovation Index (PII) template"), pii_framework, 3, "pii"),
    "gii": (_("GII-style index template"), gii_framework, 3, ""),
    "asem": (_("ASEM Sustainable Connectivity (COINr example)"), _asem_framework, 2, "asem"),
}


def _available() -> list[str]:
    keys = ["pii", "gii"]
    if (settings.SANGTAO_EXAMPLES_DIR / "asem" / "asem_imeta.csv").is_file():
        keys.append("asem")
    return keys


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _int(value: Any) -> int:
    """A whole number from a table cell (levels read as ``2.0`` where a column has blanks)."""
    return int(float(str(value)))


def _name(row: pd.Series) -> str:
    """The element's name in the page's language (English where no Vietnamese is given)."""
    vi = _text(row.get("iName_vi"))
    en = _text(row.get("iName")) or _text(row.get("iCode"))
    return en if (get_language() or "vi").startswith("en") or not vi else vi


def _framework(key: str) -> dict[str, Any]:
    if key not in _available():
        raise Http404(key)
    title, source, pillar_level, folder = FRAMEWORKS[key]
    meta = source()
    meta = meta[meta["Type"].isin(["Indicator", "Aggregate"])]
    children: dict[str, list[pd.Series]] = {}
    for _i, row in meta.iterrows():
        children.setdefault(_text(row["Parent"]), []).append(row)

    def indicators(code: str) -> int:
        kids = children.get(code, [])
        return sum(1 if r["Type"] == "Indicator" else indicators(str(r["iCode"])) for r in kids)

    pillars = [
        {
            "code": row["iCode"],
            "name": _name(row),
            "parent": _text(row["Parent"]),
            "children": [_name(c) for c in children.get(str(row["iCode"]), [])],
            "indicators": indicators(str(row["iCode"])),
        }
        for _i, row in meta[meta["Level"] == pillar_level].iterrows()
    ]
    levels = meta.groupby("Level").size().to_dict()
    status = (
        meta[meta["Type"] == "Indicator"]["Status"].value_counts().to_dict()
        if "Status" in meta.columns
        else {}
    )
    top = meta[meta["Level"] == meta["Level"].max()].iloc[0]
    return {
        "key": key,
        "title": title,
        "index": {"code": top["iCode"], "name": _name(top)},
        "levels": sorted((_int(lv), n) for lv, n in levels.items()),
        "pillars": pillars,
        "status": status,
        "specs": _specs(folder),
        "rows": meta,
    }


def _specs(folder: str) -> list[dict[str, str]]:
    """The example build specs shipped beside a framework (name and description)."""
    base = settings.SANGTAO_EXAMPLES_DIR / folder if folder else None
    if base is None or not base.is_dir():
        return []
    out = []
    for path in sorted(base.glob("*.yaml")):
        try:
            spec = load_spec(path)
        except (IndicesError, OSError, ValueError):
            continue
        out.append(
            {"file": f"examples/{folder}/{path.name}", "name": spec.name, "about": spec.description}
        )
    return out


def _published() -> pd.DataFrame | None:
    path = settings.SANGTAO_EXAMPLES_DIR / PUBLISHED_PII
    if not path.is_file():
        return None
    try:
        return read_published_pii(path)
    except (IndicesError, OSError, ValueError):
        return None


def _records(frame: pd.DataFrame | None) -> list[dict[str, Any]]:
    """Rows of a table for a template, blanks (NaN) as None."""
    if frame is None:
        return []
    return [
        {str(k): (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}
        for row in frame.to_dict("records")
    ]


def _results(run: runs.Run) -> dict[str, Any] | None:
    """``results.csv`` of a run: its top aggregate and units ranked by it."""
    if not run.has("results.csv"):
        return None
    with (run.folder / "results.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    columns = list(rows[0]) if rows else []
    top = next((c for c in columns if f"{c}_rank" in columns), None)
    if top is None:
        return {"top": None, "units": len(rows), "rows": []}

    def rank(r: dict[str, str]) -> float:
        try:
            return float(r[f"{top}_rank"])
        except ValueError:
            return math.inf

    ranked = sorted(rows, key=rank)
    table = [
        {
            "code": r.get("uCode", ""),
            "name": r.get("uName", ""),
            "score": _number(r[top]),
            "rank": _number(r[f"{top}_rank"]),
        }
        for r in ranked
    ]
    return {"top": top, "units": len(rows), "rows": table}


def _number(value: str) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _comparison(results: dict[str, Any] | None) -> dict[str, Any] | None:
    """Published PII scores and ranks beside a run's computed ones (latest shared edition)."""
    if not results or results["top"] != "PII":
        return None
    published = _published()
    if published is None:
        return None
    computed = {r["code"]: r for r in results["rows"]}
    for edition in sorted(published["edition"].unique(), reverse=True):
        sub = published[published["edition"] == edition]
        if not set(sub["codename"]) & set(computed):
            continue
        rows = []
        for _i, p in sub.sort_values("rank").iterrows():
            c = computed.get(p["codename"], {})
            rows.append(
                {
                    "code": p["codename"],
                    "province": p["province_en"],
                    "published_rank": int(p["rank"]),
                    "published_score": _number(p["score"]),
                    "computed_rank": c.get("rank"),
                    "computed_score": c.get("score"),
                }
            )
        return {"edition": int(edition), "rows": rows}
    return None


@analysts_only
def indices(request: HttpRequest) -> HttpResponse:
    """Shipped frameworks, published PII editions and the index runs on disk."""
    root = settings.SANGTAO_INDICES_DIR
    published = _published()
    editions = (
        [
            {"edition": _int(e), "units": _int(g["n_units"].iloc[0]), "rows": len(g)}
            for e, g in published.groupby("edition")
        ]
        if published is not None
        else []
    )
    runs_rows = []
    for run in runs.list_runs(root):
        results = _results(run)
        runs_rows.append(
            {"run": run, "results": results, "leaders": (results or {}).get("rows", [])[:3]}
        )
    return render(
        request,
        "backoffice/indices.html",
        {
            "frameworks": [_framework(k) for k in _available()],
            "editions": editions,
            "runs": runs_rows,
            "root": root,
        },
    )


@analysts_only
def framework_page(request: HttpRequest, key: str) -> HttpResponse:
    """A framework's whole tree, with the published PII results beside the PII template."""
    fw = _framework(key)
    rows = [
        {
            "level": int(r["Level"]),
            "code": r["iCode"],
            "name": _name(r),
            "parent": _text(r["Parent"]),
            "weight": r["Weight"],
            "direction": int(r["Direction"]),
            "status": _text(r.get("Status")),
        }
        for _i, r in fw["rows"].sort_values("Level", ascending=False, kind="stable").iterrows()
    ]
    published = _published() if key == "pii" else None
    return render(
        request,
        "backoffice/index_framework.html",
        {
            "fw": fw,
            "rows": rows,
            "published": _records(published),
        },
    )


@analysts_only
def run_page(request: HttpRequest, run: str) -> HttpResponse:
    """One index run: leading units, files, and published PII results where comparable."""
    loaded = runs.load_run(settings.SANGTAO_INDICES_DIR, run)
    results = _results(loaded)
    return render(
        request,
        "backoffice/index_run.html",
        {
            "run": loaded,
            "results": results,
            "leaders": (results or {}).get("rows", [])[:TOP_ROWS],
            "comparison": _comparison(results),
        },
    )


@analysts_only
def run_file(request: HttpRequest, run: str, path: str) -> FileResponse:
    """A file of an index run (results, stages, workbook, report), never one outside it."""
    return runs.serve(runs.safe_file(settings.SANGTAO_INDICES_DIR, run, path))
