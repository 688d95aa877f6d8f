"""Fee facts, counted quantities and assessments as data."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from sangtao.law import FeeFacts, FeeUnit, format_amount_en, format_amount_vi


def test_nice_classes_are_stored_sorted_and_read_only():
    facts = FeeFacts("trademark", nice_classes={35: 2, 9: 8})
    assert list(facts.nice_classes.items()) == [(9, 8), (35, 2)]
    with pytest.raises(TypeError):
        facts.nice_classes[1] = 1  # type: ignore[index]


def test_fee_facts_are_hashable_values():
    assert hash(FeeFacts("invention", independent_claims=2)) == hash(
        FeeFacts("invention", independent_claims=2)
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"nice_classes": {46: 1}}, "1 to 45"),
        ({"nice_classes": {9: 0}}, "at least one"),
        ({"independent_claims": -1}, "independent_claims"),
        ({"description_pages": 2.5}, "description_pages"),
        ({"drawings": True}, "drawings"),
    ],
)
def test_impossible_facts_are_rejected(kwargs, message):
    with pytest.raises(ValueError, match=message):
        FeeFacts("trademark", **kwargs)


@pytest.mark.parametrize(
    ("unit", "included", "expected"),
    [
        (FeeUnit.PER_APPLICATION, 0, 1),
        (FeeUnit.PER_CLASS, 0, 3),
        (FeeUnit.PER_CLASS_BEYOND_LIMIT, 1, 2),
        (FeeUnit.PER_GOOD_BEYOND_LIMIT, 6, 2 + 4),
        (FeeUnit.PER_INDEPENDENT_CLAIM, 0, 2),
        (FeeUnit.PER_INDEPENDENT_CLAIM_BEYOND_LIMIT, 1, 1),
        (FeeUnit.PER_PAGE_BEYOND_LIMIT, 6, 24),
        (FeeUnit.PER_PAGE_BEYOND_LIMIT, 40, 0),
        (FeeUnit.PER_PRIORITY_CLAIM, 0, 2),
        (FeeUnit.PER_DESIGN, 0, 3),
        (FeeUnit.PER_DESIGN_BEYOND_LIMIT, 1, 2),
        (FeeUnit.PER_DRAWING_BEYOND_LIMIT, 1, 4),
    ],
)
def test_quantities_count_what_the_unit_names(unit, included, expected):
    facts = FeeFacts(
        "trademark",
        nice_classes={9: 8, 35: 6, 42: 10},
        independent_claims=2,
        description_pages=30,
        drawings=5,
        designs=3,
        priority_claims=2,
    )
    assert facts.quantity(unit, included) == expected


def test_amounts_are_written_the_vietnamese_and_the_english_way():
    assert format_amount_vi(1_650_000) == "1.650.000 đ"
    assert format_amount_en(1_650_000) == "1,650,000 VND"
    assert format_amount_vi(5, "USD") == "5 USD"


def test_an_assessment_serialises_to_json():
    from sangtao.law.vn import assess_fees

    assessment = assess_fees(FeeFacts("trademark", nice_classes={9: 1}), dt.date(2025, 6, 2))
    data = json.loads(json.dumps(assessment.as_dict(), ensure_ascii=False))
    assert data["total"] == assessment.total == 150000 + 120000 + 180000 + 550000
    assert data["items"][0]["code"] == "filing"
    assert data["items"][0]["unit"] == "per_application"
    assert data["on_date"] == "2025-06-02"
    with pytest.raises(KeyError):
        assessment.item("no_such_fee")
