"""Landscapes in the back office: shipped technology definitions and the runs on disk."""

from __future__ import annotations

import csv
import functools
from typing import Any

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sangtao.landscape import Definition, Node, builtin_definitions, load_definition
from sangtao.office.backoffice import runs
from sangtao.office.backoffice.staff import analysts_only

STATUS_LABELS = {
    "proposal": _("proposal for review by IP Viet Nam's examiners"),
    "approved": _("approved"),
    "retired": _("retired"),
}
TAXONOMY_LABELS = {
    "id": _("Identifier"),
    "issued": _("Issued"),
    "in_force_from": _("In force from"),
    "in_force_until": _("In force until"),
    "replaces": _("Replaces"),
    "replaced_by": _("Replaced by"),
    "source": _("Source"),
    "edition": _("Edition"),
}


@functools.cache
def definition(definition_id: str) -> Definition:
    """A shipped definition, read once per process (only shipped ids: never a path)."""
    if definition_id not in builtin_definitions():
        raise Http404(definition_id)
    return load_definition(definition_id)


def _en() -> bool:
    return (get_language() or "vi").startswith("en")


def _names(vi: str, en: str) -> dict[str, str]:
    """The name in the page's language first, the other beside it."""
    return {"name": en, "other": vi} if _en() else {"name": vi, "other": en}


def _summary(d: Definition) -> dict[str, Any]:
    review = d.review or {}
    return {
        "id": d.id,
        "version": d.version,
        **_names(d.title_vi, d.title_en),
        "status": d.status,
        "status_label": STATUS_LABELS.get(d.status, d.status),
        "is_proposal": d.is_proposal,
        "review_note": review.get("note_en" if _en() else "note_vi") or "",
        "approved_by": review.get("approved_by"),
        "approved_on": review.get("approved_on"),
        "taxonomy": [
            (TAXONOMY_LABELS.get(k, k), v) for k, v in d.taxonomy.items() if v not in (None, "")
        ],
        "classification": dict(d.classification),
        "groups": len(d.groups),
        "products": sum(len(g.products) for g in d.groups),
        "changelog": list(d.changelog),
    }


def _node(n: Node) -> dict[str, Any]:
    s = n.strategy
    return {
        "id": n.id,
        **_names(n.name_vi, n.name_en),
        "tier": n.tier,
        "tags": n.tags,
        "strategy": s,
        "status_label": STATUS_LABELS.get(s.status, s.status) if s else "",
        "products": [_node(p) for p in n.products],
    }


def _run_row(run: runs.Run) -> dict[str, Any]:
    meta = run.meta
    node_name = ""
    try:
        d = definition(str(meta.get("definition", "")))
        if meta.get("node"):
            node = d.node(str(meta["node"]))
            node_name = node.name_en if _en() else node.name_vi
    except (Http404, KeyError):
        pass
    status = str(meta.get("definition_status", ""))
    return {
        "run": run,
        "meta": meta,
        "node_name": node_name,
        "status_label": STATUS_LABELS.get(status, status),
        "tables": run.under("tables"),
    }


TOPIC_ROWS = 12


def _topic_clusters(run: runs.Run) -> list[dict[str, str]]:
    """The topic map's clusters (``tables/topics_clusters.csv``), largest first."""
    if not run.has("tables/topics_clusters.csv"):
        return []
    path = runs.safe_file(settings.SANGTAO_LANDSCAPE_DIR, run.name, "tables/topics_clusters.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))[:TOPIC_ROWS]


@analysts_only
def landscapes(request: HttpRequest) -> HttpResponse:
    """Shipped technology definitions and the landscape runs present on disk."""
    root = settings.SANGTAO_LANDSCAPE_DIR
    return render(
        request,
        "backoffice/landscapes.html",
        {
            "definitions": [_summary(definition(i)) for i in builtin_definitions()],
            "runs": [_run_row(r) for r in runs.list_runs(root)],
            "root": root,
            "corpus": settings.SANGTAO_CORPUS_DIR,
        },
    )


@analysts_only
def definition_page(request: HttpRequest, definition_id: str) -> HttpResponse:
    """One definition: each group's and product's search strategy, review and history."""
    d = definition(definition_id)
    return render(
        request,
        "backoffice/landscape_definition.html",
        {"d": _summary(d), "groups": [_node(g) for g in d.groups]},
    )


@analysts_only
def run_page(request: HttpRequest, run: str) -> HttpResponse:
    """One landscape run: its metadata, report and tables."""
    loaded = runs.load_run(settings.SANGTAO_LANDSCAPE_DIR, run)
    row = _run_row(loaded)
    row["topic_map"] = loaded.has("topic_map.png")
    row["topics"] = _topic_clusters(loaded)
    return render(request, "backoffice/landscape_run.html", row)


@analysts_only
def run_file(request: HttpRequest, run: str, path: str) -> FileResponse:
    """A file of a landscape run (report, table, workbook), never one outside it."""
    return runs.serve(runs.safe_file(settings.SANGTAO_LANDSCAPE_DIR, run, path))
