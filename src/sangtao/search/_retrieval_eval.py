"""Retrieval measures over graded judgements: AP, recall@k, capped recall@k, nDCG@k, PRES.

Pure functions on one query's ranking (document ids, best first, no duplicates) and its
judgements (document id → grade), and :func:`evaluate_run` over whole runs. A document is
relevant when its grade is at least ``min_grade`` (1, as in trec_eval); nDCG uses the grades
themselves as gains, negative grades counting 0.

Formulas (``R`` the relevant documents, ``n = |R|``, ``rank(d)`` 1-based):

* AP = (1/n) · Σ_{d ∈ R retrieved} P@rank(d) — relevant documents not retrieved add 0.
* recall@k = |R ∩ top k| / n.
* capped recall@k = |R ∩ top k| / min(k, n) (BEIR's R_cap@k): 1 when the top k is as full
  of relevant documents as it can be.
* nDCG@k = DCG@k / IDCG@k with DCG@k = Σ_{i ≤ k} gain(d_i) / log2(i + 1) and IDCG@k the DCG
  of the judged documents sorted by grade (Järvelin & Kekäläinen 2002; trec_eval's
  ``ndcg_cut``).
* PRES (Magdy & Jones, SIGIR 2010), with a user who reads at most ``N_max`` documents:
  PRES = 1 − (Σ_i r_i / n − (n + 1) / 2) / N_max, where r_1 < r_2 < … are the ranks of the
  relevant documents found in the top N_max, and the ones not found there are put just after
  it, the i-th relevant document at rank N_max + i. A perfect ranking scores 1 (with
  n ≤ N_max); finding nothing scores 0; with recall R it lies between n·R²/N_max and R.

Every measure is undefined for a query without relevant documents: the functions raise
:class:`ValueError`, and :func:`evaluate_run` leaves such queries out of the means (and
counts them).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "QueryScores",
    "RetrievalScores",
    "average_precision",
    "capped_recall",
    "dedupe",
    "evaluate_run",
    "ndcg",
    "pres",
    "recall",
]

Judgements = Mapping[str, int]
"""One query's judgements: document id → grade."""


def _relevant(judged: Judgements, min_grade: int) -> set[str]:
    rel = {d for d, g in judged.items() if g >= min_grade}
    if not rel:
        raise ValueError("the query has no relevant documents: the measure is undefined")
    return rel


def dedupe(ranking: Sequence[str]) -> tuple[list[str], int]:
    """The ranking with each document at its first (best) rank, and how many were dropped."""
    seen: set[str] = set()
    out = []
    for doc in ranking:
        if doc not in seen:
            seen.add(doc)
            out.append(doc)
    return out, len(ranking) - len(out)


def average_precision(ranking: Sequence[str], judged: Judgements, min_grade: int = 1) -> float:
    """Average precision of a ranking (non-interpolated, over all relevant documents)."""
    rel = _relevant(judged, min_grade)
    found, total = 0, 0.0
    for rank, doc in enumerate(ranking, start=1):
        if doc in rel:
            found += 1
            total += found / rank
    return total / len(rel)


def recall(ranking: Sequence[str], judged: Judgements, k: int, min_grade: int = 1) -> float:
    """Fraction of the relevant documents in the top ``k``."""
    rel = _relevant(judged, min_grade)
    return len(rel.intersection(ranking[:k])) / len(rel)


def capped_recall(ranking: Sequence[str], judged: Judgements, k: int, min_grade: int = 1) -> float:
    """Relevant documents in the top ``k`` over ``min(k, n)``: 1 when the top k is full."""
    rel = _relevant(judged, min_grade)
    return len(rel.intersection(ranking[:k])) / min(k, len(rel))


def ndcg(ranking: Sequence[str], judged: Judgements, k: int) -> float:
    """nDCG@k with linear gains (the grades) and the log2(rank + 1) discount."""
    gains = sorted((g for g in judged.values() if g > 0), reverse=True)[:k]
    ideal = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    if ideal == 0:
        raise ValueError("the query has no relevant documents: the measure is undefined")
    dcg = sum(max(judged.get(d, 0), 0) / math.log2(i + 2) for i, d in enumerate(ranking[:k]))
    return dcg / ideal


def pres(ranking: Sequence[str], judged: Judgements, n_max: int = 100, min_grade: int = 1) -> float:
    """Patent Retrieval Evaluation Score with cut-off ``n_max`` (see the module notes)."""
    if n_max < 1:
        raise ValueError("N_max must be at least 1")
    rel = _relevant(judged, min_grade)
    n = len(rel)
    ranks = [r for r, d in enumerate(ranking[:n_max], start=1) if d in rel]
    found = len(ranks)
    ranks += [n_max + i for i in range(found + 1, n + 1)]
    return 1 - (sum(ranks) / n - (n + 1) / 2) / n_max


@dataclass(frozen=True, slots=True)
class QueryScores:
    """One query's figures: ``relevant`` (n), ``retrieved`` (after de-duplication and the
    depth cut), ``relevant_retrieved``, and the measures."""

    qid: str
    relevant: int
    retrieved: int
    relevant_retrieved: int
    map: float
    recall: float
    ndcg: float
    pres: float


@dataclass(slots=True)
class RetrievalScores:
    """A run's figures: per query and their means.

    Attributes
    ----------
    queries
        The evaluated queries (judged with at least one relevant document), in qid order;
        those missing from the run score 0 (trec_eval ``-c``).
    mean
        Arithmetic means of ``map``, ``recall``, ``ndcg`` and ``pres`` over ``queries``.
    no_relevant
        Judged queries without a relevant document (left out: undefined).
    not_judged
        Queries of the run that the judgements do not have (ignored).
    missing
        Evaluated queries the run has no result for.
    duplicates
        Repeated documents dropped from the run (each kept at its best rank).
    settings
        ``depth``, ``recall_k``, ``ndcg_k``, ``n_max``, ``min_grade``.
    """

    queries: list[QueryScores]
    mean: dict[str, float]
    no_relevant: list[str] = field(default_factory=list)
    not_judged: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    duplicates: int = 0
    settings: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return asdict(self)


def evaluate_run(
    qrels: Mapping[str, Judgements],
    run: Mapping[str, Sequence[str]],
    *,
    depth: int = 1000,
    recall_k: int = 100,
    ndcg_k: int = 10,
    n_max: int = 100,
    min_grade: int = 1,
) -> RetrievalScores:
    """Score a run against judgements: MAP, recall@``recall_k``, nDCG@``ndcg_k``, PRES.

    Parameters
    ----------
    qrels
        qid → document id → grade.
    run
        qid → document ids, best first; repeats are dropped (each kept at its first rank),
        then the list is cut at ``depth`` (1,000 as in trec_eval) for MAP.
    """
    scores = []
    no_relevant, missing = [], []
    duplicates = 0
    for qid in sorted(qrels):
        judged = qrels[qid]
        rel = {d for d, g in judged.items() if g >= min_grade}
        if not rel:
            no_relevant.append(qid)
            continue
        if qid not in run:
            missing.append(qid)
        ranking, dropped = dedupe(run.get(qid, ()))
        duplicates += dropped
        ranking = ranking[:depth]
        scores.append(
            QueryScores(
                qid,
                len(rel),
                len(ranking),
                len(rel.intersection(ranking)),
                average_precision(ranking, judged, min_grade),
                recall(ranking, judged, recall_k, min_grade),
                ndcg(ranking, judged, ndcg_k),
                pres(ranking, judged, n_max, min_grade),
            )
        )
    keys = ("map", "recall", "ndcg", "pres")
    mean = {k: sum(getattr(s, k) for s in scores) / len(scores) if scores else 0.0 for k in keys}
    settings = {
        "depth": depth,
        "recall_k": recall_k,
        "ndcg_k": ndcg_k,
        "n_max": n_max,
        "min_grade": min_grade,
    }
    not_judged = sorted(set(run) - set(qrels))
    return RetrievalScores(scores, mean, no_relevant, not_judged, missing, duplicates, settings)
