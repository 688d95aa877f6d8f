"""The prior-art report's suggested X/Y/A category and the query-term coverage it rests on."""

from __future__ import annotations

import pytest

from sangtao.office.priorart_report import RULE, TOP_RANK, X_COVERAGE, coverage, suggest_category
from sangtao.search import ArmScore, Hit, Passage


def _why(**ranks: int) -> dict[str, dict[str, float]]:
    return {arm: {"rank": rank, "score": 1.0} for arm, rank in ranks.items()}


@pytest.mark.parametrize(
    ("why", "share", "expected"),
    [
        (_why(keyword=1, dense=3), 0.6, "X"),
        (_why(keyword=TOP_RANK, dense=TOP_RANK), X_COVERAGE, "X"),  # both limits included
        (_why(keyword=1, dense=2), X_COVERAGE - 0.01, "Y"),  # both arms, too little overlap
        (_why(keyword=TOP_RANK + 1, dense=2), 0.9, "Y"),  # one strong arm
        (_why(keyword=2, dense=40), 0.1, "Y"),
        (_why(keyword=1), 1.0, "Y"),  # keyword-only index: never X
        (_why(keyword=TOP_RANK + 1, dense=TOP_RANK + 1), 1.0, "A"),
        (_why(dense=30), 0.0, "A"),
    ],
)
def test_category_follows_the_published_rule(why, share, expected):
    category, reason_vi, reason_en = suggest_category(why, share)
    assert category == expected
    assert reason_vi and reason_en and reason_vi != reason_en


def test_rule_is_stated_in_both_languages_with_its_thresholds():
    assert RULE["top_rank"] == TOP_RANK and RULE["x_coverage"] == X_COVERAGE
    assert f"top {TOP_RANK}" in RULE["en"] and "suggestion" in RULE["en"].lower()
    assert f"{TOP_RANK} kết quả đầu" in RULE["vi"] and "gợi ý" in RULE["vi"]


def test_coverage_folds_diacritics_and_matches_english_stems():
    text = "Động cơ diesel có engine tăng áp"
    spans = tuple((text.index(w), text.index(w) + len(w)) for w in ("Động", "cơ", "engine"))
    hit = Hit(
        "VN-1", 1, 1.0, {"keyword": ArmScore(1, 9.0)}, None, [Passage("claims", text, spans, 1.0)]
    )
    share, terms = coverage(hit, "động cơ đốt trong engines")
    assert terms == ["co", "dong", "engines"]
    assert share == pytest.approx(3 / 5)


def test_coverage_without_passages_is_zero():
    hit = Hit("VN-1", 1, 1.0, {}, None, [])
    assert coverage(hit, "động cơ") == (0.0, [])
