"""The documents of a topic map: families' titles and abstracts by language, from the corpus.

:func:`topic_documents` reads them through an engine (the corpus view ``documents``), one row
per document and language; :func:`families_of` turns such rows (or any table with
``family_id``, ``doc_id``, ``title``, ``abstract``, ``language``, ``year``, ``ipc``) into one
entry per family with its main text (English first, then undetermined, Vietnamese, others)
and its English and Vietnamese texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa

from ._engine import DuckDBEngine, Engine
from ._topic_terms import language_of

__all__ = ["families_of", "table_of", "topic_documents"]

_LANG_RANK = {"en": 0, "und": 1, "vi": 2}


def table_of(rows: list[dict[str, Any]], schema: dict[str, pa.DataType]) -> pa.Table:
    return pa.table({n: pa.array([r.get(n) for r in rows], t) for n, t in schema.items()})


def _records(documents: Any) -> list[dict[str, Any]]:
    if hasattr(documents, "to_pylist"):
        return list(documents.to_pylist())
    if hasattr(documents, "to_dict"):
        return list(documents.to_dict("records"))
    return [dict(r) for r in documents]


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _year(value: Any) -> int | None:
    try:
        year = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return year if 0 < year < 10000 else None


def families_of(documents: Any) -> list[dict[str, Any]]:
    """One entry per family of ``documents`` (Arrow, pandas or dictionaries): its main text,
    its English and Vietnamese texts, year and IPC subclasses; the first row of a family and
    language wins."""
    records = _records(documents)
    fams: dict[str, dict[str, Any]] = {}
    for r in records:
        fid = _text(r.get("family_id")) or _text(r.get("doc_id"))
        f = fams.setdefault(fid, {"family_id": fid, "langs": {}, "ipc": set(), "year": None})
        title, abstract = _text(r.get("title")), _text(r.get("abstract"))
        lang = language_of(f"{title} {abstract}", r.get("language"))
        entry = f["langs"].setdefault(lang, {"doc_id": _text(r.get("doc_id")) or fid})
        if title:
            entry.setdefault("title", title)
        if abstract:
            entry.setdefault("abstract", abstract)
        f["year"] = f["year"] or _year(r.get("year"))
        ipc = r.get("ipc")
        for s in [ipc] if isinstance(ipc, str) else ipc if isinstance(ipc, Iterable) else []:
            if isinstance(s, str) and s.strip():
                f["ipc"].add(s.replace(" ", "").upper()[:4])
    out = []
    for f in fams.values():
        texts = {
            lang: f"{e.get('title', '')}. {e.get('abstract', '')}".strip(". ")
            for lang, e in f["langs"].items()
        }
        main = min(f["langs"], key=lambda g: (_LANG_RANK.get(g, 3), not texts[g], g))
        f.update(
            doc_id=f["langs"][main]["doc_id"],
            title=f["langs"][main].get("title", ""),
            language=main,
            text=texts[main],
            text_en=texts.get("en", "") or texts.get("und", ""),
            text_vi=texts.get("vi", ""),
        )
        out.append(f)
    return out


def topic_documents(corpus: Path | str | Engine, families: pa.Table | Iterable[str]) -> pa.Table:
    """The documents of ``families`` for :func:`build_topic_map`, one row per language.

    Parameters
    ----------
    corpus
        A corpus folder (opened with :class:`~sangtao.landscape.DuckDBEngine`) or an engine
        with the corpus view ``documents``.
    families
        The ``families`` table of a landscape (``family_id``, ``representative``,
        ``priority_year``) or family ids.

    Returns
    -------
    pyarrow.Table
        ``family_id, doc_id, language, title, abstract, year, ipc``; texts without a
        language tag get a guessed one (:func:`._topic_terms.language_of`).
    """
    if isinstance(families, pa.Table):
        info = {r["family_id"]: r for r in families.to_pylist()}
    else:
        info = {str(f): {"family_id": str(f)} for f in families}
    own = not hasattr(corpus, "dialect")
    engine: Engine = DuckDBEngine(corpus) if own else corpus  # type: ignore[arg-type, assignment]
    try:
        engine.register(
            "lx_topic_families", pa.table({"family_id": pa.array(list(info), pa.string())})
        )
        found = engine.query(
            "SELECT d.doc_id, d.family_id, d.titles, d.abstracts, d.ipc FROM documents d "
            "JOIN lx_topic_families f ON d.family_id = f.family_id"
        ).to_pylist()
    finally:
        if own:
            engine.close()
    rows = []
    for d in found:
        fam: Mapping[str, Any] = info.get(d["family_id"], {})
        by_lang: dict[str, dict[str, str]] = {}
        for kind in ("titles", "abstracts"):
            for t in d[kind] or []:
                text = _text(t.get("text"))
                if text:
                    lang = language_of(text, t.get("lang"))
                    by_lang.setdefault(lang, {}).setdefault(kind, text)
        for lang, texts in by_lang.items():
            rows.append(
                {
                    "family_id": d["family_id"],
                    "doc_id": d["doc_id"],
                    "language": lang,
                    "title": texts.get("titles"),
                    "abstract": texts.get("abstracts"),
                    "year": _year(fam.get("priority_year")),
                    "ipc": list(d["ipc"] or []),
                    "_rank": (d["doc_id"] != fam.get("representative"), d["doc_id"]),
                }
            )
    rows.sort(key=lambda r: (r["family_id"], _LANG_RANK.get(r["language"], 3), r["_rank"]))
    schema = {
        "family_id": pa.string(),
        "doc_id": pa.string(),
        "language": pa.string(),
        "title": pa.string(),
        "abstract": pa.string(),
        "year": pa.int32(),
        "ipc": pa.list_(pa.string()),
    }
    return table_of(rows, schema)
