"""The office's window on the search library: published-literature search and prior art.

The index holds the corpus (published documents from bulk data and the gazette), never an
unpublished application, so what it returns may be shown to anyone allowed to search.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone

from sangtao.search import Filters, SearchIndex, SearchResult

_cache: dict[str, Any] = {}


class IndexMissing(RuntimeError):
    """No search index has been built yet (``sangtao search --build``)."""


def index() -> SearchIndex:
    """The search index, opened once per process and reopened when it changes on disk."""
    path = settings.SANGTAO_SEARCH_INDEX
    marker = path / "index.json"
    if not marker.exists():
        raise IndexMissing(str(path))
    stamp = marker.stat().st_mtime_ns
    if _cache.get("stamp") != (str(path), stamp):
        _cache["index"] = SearchIndex.open(path)
        _cache["stamp"] = (str(path), stamp)
    return _cache["index"]


def search(
    query: str,
    *,
    mode: str = "hybrid",
    k: int = 20,
    before: dt.date | None = None,
    ipc: str | None = None,
) -> SearchResult:
    """Search the published literature."""
    filters = Filters(before=before, ipc=(ipc,) if ipc else ())
    return index().search(query, mode=mode, k=k, filters=filters, passages=2)


def cutoff(app: Any) -> dt.date:
    """Prior art must be published before the priority date, or else the filing date."""
    dates = [p.date for p in app.priorities.all()]
    return min(dates) if dates else timezone.localtime(app.filing_date).date()


def prior_art(app: Any, *, k: int = 20) -> SearchResult:
    """Prior art for an application: its title and abstract as the query, with passages."""
    text = " ".join(x for x in (app.title_vi, app.title_original, app.abstract_vi) if x)
    return index().prior_art(text, cutoff=cutoff(app), k=k, passages=3)
