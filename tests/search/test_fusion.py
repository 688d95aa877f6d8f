"""Reciprocal-rank fusion."""

from __future__ import annotations

import pytest

from sangtao.search import RRF_K, ArmScore, reciprocal_rank_fusion


def test_documents_found_by_both_arms_rise():
    fused = reciprocal_rank_fusion(
        {"keyword": [("a", 9.0), ("b", 5.0), ("c", 1.0)], "dense": [("b", 0.9), ("c", 0.8)]}
    )
    assert [d for d, _, _ in fused] == ["b", "c", "a"]
    doc, score, why = fused[0]
    assert score == pytest.approx(1 / (RRF_K + 2) + 1 / (RRF_K + 1))
    assert why == {"keyword": ArmScore(2, 5.0), "dense": ArmScore(1, 0.9)}


def test_ties_break_by_best_rank_then_id():
    fused = reciprocal_rank_fusion({"keyword": [("z", 1.0)], "dense": [("y", 1.0)]})
    assert [d for d, _, _ in fused] == ["y", "z"]
    assert reciprocal_rank_fusion({"keyword": []}) == []
