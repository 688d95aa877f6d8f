"""Precision checks: samples for an examiner to mark, and the estimates from the marks.

:func:`precision_sample` draws, for one node of a definition, a random sample of matched
documents and of *near misses* — documents that hit some criterion of the node (a class of a
combination without its keywords, keywords without the classes, an excluded class…) but are
not matched. The examiner marks each row ``relevant`` = ``yes`` / ``no`` in the CSV
(:func:`write_sample`); :func:`estimate_precision_recall` reads the marks back and estimates
the precision of the strategy (Wilson 95 % interval) and its recall relative to the
near-miss frame: recall = TP / (TP + FN) with TP = precision × matched documents and
FN = share of relevant near misses × near-miss documents. Documents that hit no criterion at
all are not sampled, so this recall is an upper bound.

References
----------
WIPO, *Guidelines for Preparing Patent Landscape Reports* (2015), ch. 4 (precision and recall
of a search); E. B. Wilson, "Probable inference…", *JASA* 22 (1927) 209–212.
"""

from __future__ import annotations

import csv
import math
import random
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from ._definition import Definition
from ._engine import DuckDBEngine, Engine
from ._errors import LandscapeError
from ._match import MatchResult, match_definition
from ._sql import quote, render

__all__ = [
    "SAMPLE_COLUMNS",
    "PrecisionEstimate",
    "estimate_precision_recall",
    "precision_sample",
    "read_marks",
    "write_sample",
]

SAMPLE_COLUMNS = (
    "stratum",
    "stratum_size",
    "node_id",
    "doc_id",
    "family_id",
    "title",
    "abstract",
    "ipc",
    "cpc",
    "criteria_hit",
    "relevant",
    "examiner",
    "note",
)
_YES = {"yes", "y", "1", "true", "x", "co", "có", "relevant"}
_NO = {"no", "n", "0", "false", "khong", "không", "not relevant"}


def _ids(engine: Engine, sql: str) -> list[str]:
    return [r["doc_id"] for r in engine.query(sql).to_pylist()]


def precision_sample(
    definition: Definition,
    corpus: Path | str | Engine,
    node_id: str,
    *,
    matched: int = 50,
    near: int = 50,
    seed: int = 0,
    match: MatchResult | None = None,
) -> pa.Table:
    """Draw matched and near-miss documents of one node for an examiner to mark.

    Parameters
    ----------
    definition, node_id
        The definition and the group or product checked.
    corpus
        A corpus folder or an engine.
    matched, near
        Sample sizes (fewer when the population is smaller).
    seed
        The random seed (the same seed gives the same sample).
    match
        A matching already run on ``corpus``'s engine (its ``lx_pivot`` must still be there).

    Returns
    -------
    pyarrow.Table
        Columns :data:`SAMPLE_COLUMNS`; ``relevant``, ``examiner`` and ``note`` are empty.
    """
    own = not hasattr(corpus, "dialect")
    engine: Engine = DuckDBEngine(corpus) if own else corpus  # type: ignore[arg-type, assignment]
    try:
        try:
            node = definition.node(node_id)
        except KeyError as exc:
            raise LandscapeError(str(exc.args[0])) from None
        if match is None:
            match = match_definition(engine, definition, [node.id])
        scope = {node.id, *(p.id for p in node.products)}
        crits = [c for c in match.criteria if c.node in scope]
        d = engine.dialect
        matched_ids = _ids(engine, render("review_matched", d, node=quote(node.id)))
        any_hit = " OR ".join(f"p.{c.column} = 1" for c in crits) or "1 = 0"
        near_ids = _ids(engine, render("review_near", d, node=quote(node.id), any_hit=any_hit))
        rng = random.Random(seed)
        strata = [
            (
                "matched",
                len(matched_ids),
                sorted(rng.sample(matched_ids, min(matched, len(matched_ids)))),
            ),
            ("near-miss", len(near_ids), sorted(rng.sample(near_ids, min(near, len(near_ids))))),
        ]
        chosen = [i for _, _, ids in strata for i in ids]
        details: dict[str, dict[str, Any]] = {}
        if chosen:
            ids = ", ".join(quote(i) for i in chosen)
            cols = ", ".join(f"p.{c.column}" for c in crits) or "0 AS none"
            for row in engine.query(render("review_details", d, ids=ids, columns=cols)).to_pylist():
                row["criteria_hit"] = "; ".join(
                    f"{c.node} {c.role}" for c in crits if row.get(c.column) == 1
                )
                details[row["doc_id"]] = row
        rows = []
        for stratum, size, ids_ in strata:
            for doc_id in ids_:
                info = details.get(doc_id, {})
                rows.append(
                    {
                        "stratum": stratum,
                        "stratum_size": size,
                        "node_id": node.id,
                        "doc_id": doc_id,
                        "family_id": info.get("family_id"),
                        "title": info.get("title"),
                        "abstract": (info.get("abstract") or "")[:600] or None,
                        "ipc": "; ".join(info.get("ipc") or []),
                        "cpc": "; ".join(info.get("cpc") or []),
                        "criteria_hit": info.get("criteria_hit", ""),
                        "relevant": None,
                        "examiner": None,
                        "note": None,
                    }
                )
        schema = {c: pa.string() for c in SAMPLE_COLUMNS} | {"stratum_size": pa.int64()}
        return pa.table({c: pa.array([r[c] for r in rows], schema[c]) for c in SAMPLE_COLUMNS})
    finally:
        if own:
            engine.close()


def write_sample(sample: pa.Table, path: Path | str) -> Path:
    """Write a sample as a UTF-8 CSV (with BOM, so spreadsheet programs read Vietnamese)."""
    target = Path(path)
    with target.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(SAMPLE_COLUMNS))
        writer.writeheader()
        for row in sample.to_pylist():
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return target


def read_marks(path: Path | str) -> list[dict[str, Any]]:
    """Read a marked sample; ``relevant`` becomes True, False or None (not marked).

    Raises
    ------
    LandscapeError
        If a column is missing or a mark is neither yes nor no (with the line number).
    """
    rows: list[dict[str, Any]] = []
    with Path(path).open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        missing = {"stratum", "stratum_size", "doc_id", "relevant"} - set(reader.fieldnames or [])
        if missing:
            raise LandscapeError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        for line, row in enumerate(reader, start=2):
            mark = (row.get("relevant") or "").strip().lower()
            if mark and mark not in _YES | _NO:
                raise LandscapeError(
                    f"{path}, line {line}: relevant = {row['relevant']!r}; write yes or no"
                )
            if row["stratum"] not in ("matched", "near-miss"):
                raise LandscapeError(f"{path}, line {line}: unknown stratum {row['stratum']!r}")
            rows.append(
                {
                    **row,
                    "stratum_size": int(row["stratum_size"] or 0),
                    "relevant": None if not mark else mark in _YES,
                }
            )
    return rows


@dataclass(frozen=True, slots=True)
class PrecisionEstimate:
    """Precision and recall of a strategy estimated from an examiner's marks.

    Attributes
    ----------
    matched_marked, matched_relevant, near_marked, near_relevant
        Marked rows and those marked relevant, per stratum.
    matched_size, near_size
        The populations the strata were drawn from.
    precision, precision_low, precision_high
        Share of matched documents that are relevant, with its Wilson 95 % interval.
    recall
        Estimated recall relative to the near-miss frame (an upper bound), or None.
    """

    matched_marked: int
    matched_relevant: int
    near_marked: int
    near_relevant: int
    matched_size: int
    near_size: int
    precision: float | None
    precision_low: float | None
    precision_high: float | None
    recall: float | None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return asdict(self)


def _wilson(successes: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def estimate_precision_recall(marks: Iterable[dict[str, Any]] | Path | str) -> PrecisionEstimate:
    """Estimate precision and recall from a marked sample (rows or a CSV path).

    Rows without a mark are ignored.
    """
    rows = read_marks(marks) if isinstance(marks, (str, Path)) else list(marks)
    m = [r for r in rows if r["stratum"] == "matched" and r["relevant"] is not None]
    n = [r for r in rows if r["stratum"] == "near-miss" and r["relevant"] is not None]
    m_size = max((int(r["stratum_size"]) for r in rows if r["stratum"] == "matched"), default=0)
    n_size = max((int(r["stratum_size"]) for r in rows if r["stratum"] == "near-miss"), default=0)
    m_rel = sum(1 for r in m if r["relevant"])
    n_rel = sum(1 for r in n if r["relevant"])
    precision = low = high = recall = None
    if m:
        precision = m_rel / len(m)
        low, high = _wilson(m_rel, len(m))
        missed = (n_rel / len(n)) * n_size if n else 0.0
        found = precision * m_size
        recall = found / (found + missed) if found + missed else None
    return PrecisionEstimate(
        matched_marked=len(m),
        matched_relevant=m_rel,
        near_marked=len(n),
        near_relevant=n_rel,
        matched_size=m_size,
        near_size=n_size,
        precision=precision,
        precision_low=low,
        precision_high=high,
        recall=recall,
    )
