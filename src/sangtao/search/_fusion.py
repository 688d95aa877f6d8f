"""Reciprocal-rank fusion of the keyword and dense arms, optionally weighted per document.

References
----------
Cormack, Clarke and Büttcher, *Reciprocal rank fusion outperforms Condorcet and individual
rank learning methods*, SIGIR 2009 (k = 60).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ._model import ArmScore

__all__ = ["CROSS_LANGUAGE_WEIGHT", "RRF_K", "reciprocal_rank_fusion"]

RRF_K = 60
CROSS_LANGUAGE_WEIGHT = 0.5
"""What a keyword rank counts for in a document without text in the query's language: the
best mean recall@10 of Vietnamese→English and English→Vietnamese hybrid search on the tuning
half of the queries (``sangtao eval cross-lingual --split tune``; 0 to 0.7 were all close,
1, plain RRF, far below)."""


def reciprocal_rank_fusion(
    arms: Mapping[str, Sequence[tuple[str, float]]],
    k: int = RRF_K,
    weights: Mapping[str, Mapping[str, float]] | None = None,
) -> list[tuple[str, float, dict[str, ArmScore]]]:
    """Fuse ranked lists by ``sum(weight / (k + rank))``.

    Parameters
    ----------
    arms
        ``{arm name: [(doc_id, score), …] best first}``.
    k
        The RRF constant (60 in the original paper and in OpenSearch).
    weights
        ``{arm name: {doc_id: weight}}``: what a document's rank in that arm counts for
        (1 where not given; the language-aware fusion of :class:`SearchIndex` lowers the
        keyword arm for documents in another language than the query).

    Returns
    -------
    list
        ``(doc_id, fused score, {arm: ArmScore(rank, score)})`` best first; ties broken by
        the best single rank, then by ``doc_id``.
    """
    fused: dict[str, float] = {}
    why: dict[str, dict[str, ArmScore]] = {}
    for arm, ranked in arms.items():
        arm_weights = (weights or {}).get(arm, {})
        for rank, (doc_id, score) in enumerate(ranked, start=1):
            weight = arm_weights.get(doc_id, 1.0)
            fused[doc_id] = fused.get(doc_id, 0.0) + weight / (k + rank)
            why.setdefault(doc_id, {})[arm] = ArmScore(rank, float(score))
    order = sorted(
        fused,
        key=lambda d: (-fused[d], min(a.rank for a in why[d].values()), d),
    )
    return [(d, fused[d], why[d]) for d in order]
