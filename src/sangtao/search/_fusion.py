"""Reciprocal-rank fusion of the keyword and dense arms.

References
----------
Cormack, Clarke and Büttcher, *Reciprocal rank fusion outperforms Condorcet and individual
rank learning methods*, SIGIR 2009 (k = 60).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ._model import ArmScore

__all__ = ["RRF_K", "reciprocal_rank_fusion"]

RRF_K = 60


def reciprocal_rank_fusion(
    arms: Mapping[str, Sequence[tuple[str, float]]], k: int = RRF_K
) -> list[tuple[str, float, dict[str, ArmScore]]]:
    """Fuse ranked lists by ``sum(1 / (k + rank))``.

    Parameters
    ----------
    arms
        ``{arm name: [(doc_id, score), …] best first}``.
    k
        The RRF constant (60 in the original paper and in OpenSearch).

    Returns
    -------
    list
        ``(doc_id, fused score, {arm: ArmScore(rank, score)})`` best first; ties broken by
        the best single rank, then by ``doc_id``.
    """
    fused: dict[str, float] = {}
    why: dict[str, dict[str, ArmScore]] = {}
    for arm, ranked in arms.items():
        for rank, (doc_id, score) in enumerate(ranked, start=1):
            fused[doc_id] = fused.get(doc_id, 0.0) + 1.0 / (k + rank)
            why.setdefault(doc_id, {})[arm] = ArmScore(rank, float(score))
    order = sorted(
        fused,
        key=lambda d: (-fused[d], min(a.rank for a in why[d].values()), d),
    )
    return [(d, fused[d], why[d]) for d in order]
