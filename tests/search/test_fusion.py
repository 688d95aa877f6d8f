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


def test_per_document_weights_scale_one_arm_and_keep_its_rank():
    arms = {"keyword": [("x", 9.0), ("a", 5.0)], "dense": [("a", 0.9), ("b", 0.8), ("x", 0.1)]}
    assert [d for d, _, _ in reciprocal_rank_fusion(arms)] == ["a", "x", "b"]
    fused = reciprocal_rank_fusion(arms, weights={"keyword": {"x": 0.0}})
    assert [d for d, _, _ in fused] == ["a", "b", "x"]
    doc, score, why = fused[2]
    assert score == pytest.approx(1 / (RRF_K + 3))
    assert why == {"keyword": ArmScore(1, 9.0), "dense": ArmScore(3, 0.1)}
    lowered = reciprocal_rank_fusion(arms, weights={"keyword": {"x": 0.2}})
    assert {d: s for d, s, _ in lowered}["x"] == pytest.approx(0.2 / (RRF_K + 1) + 1 / (RRF_K + 3))
    assert reciprocal_rank_fusion(arms, weights={"keyword": {}}) == reciprocal_rank_fusion(arms)
