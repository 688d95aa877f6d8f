"""The Circular 263/2016 fee schedule and the fee calculator of the Viet Nam law pack."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from sangtao.law import (
    Confidence,
    FeeFacts,
    FeeScheduleError,
    FeeStage,
    NoFeeSchedule,
    UnknownObjectType,
    UnknownTrademarkKind,
)
from sangtao.law.vn import OBJECT_TYPES, assess_fees, fee_schedule_on, fee_schedules

DAY = dt.date(2025, 6, 2)


def test_the_packaged_schedule_is_circular_263_2016_from_2017():
    (schedule,) = fee_schedules()
    assert schedule.id == "vn-263-2016"
    assert schedule.effective_from == dt.date(2017, 1, 1)
    assert schedule.currency == "VND"
    assert any("31/2020" in i for i in schedule.instruments)
    assert fee_schedule_on(dt.date(2017, 1, 1)) is schedule
    assert fee_schedule_on(dt.date(2026, 6, 1)) is schedule


def test_every_fee_carries_its_basis_confidence_and_dates():
    (schedule,) = fee_schedules()
    for rule in schedule.rules:
        assert rule.legal_basis.instrument.startswith("Circular 263/2016/TT-BTC")
        assert "Biểu mức thu phí" in rule.legal_basis.provision
        assert rule.applies_to <= set(OBJECT_TYPES)
        assert rule.effective_from == dt.date(2017, 1, 1)
        if rule.confidence is not Confidence.CONFIRMED:
            assert rule.note or rule.sources, rule.code
    confirmed = {r.code for r in schedule.rules if r.confidence is Confidence.CONFIRMED}
    assert confirmed == {
        "filing",
        "publication",
        "search_trademark",
        "substantive_examination_trademark",
    }


def test_before_2017_there_is_no_schedule():
    with pytest.raises(NoFeeSchedule, match="2016-12-31"):
        fee_schedule_on(dt.date(2016, 12, 31))
    with pytest.raises(NoFeeSchedule):
        assess_fees(FeeFacts("trademark", nice_classes={9: 1}), dt.date(2016, 6, 1))


def test_a_trademark_in_three_classes_one_with_eight_goods():
    facts = FeeFacts("trademark", trademark_kind="individual", nice_classes={9: 8, 35: 6, 42: 3})
    result = assess_fees(facts, DAY)
    assert [(i.code, i.quantity, i.unit_amount, i.amount) for i in result.items] == [
        ("filing", 1, 150_000, 150_000),
        ("publication", 1, 120_000, 120_000),
        ("search_trademark", 3, 180_000, 540_000),
        ("search_trademark_extra_goods", 2, 30_000, 60_000),
        ("substantive_examination_trademark", 3, 550_000, 1_650_000),
        ("substantive_examination_trademark_extra_goods", 2, 120_000, 240_000),
    ]
    assert result.total == 2_760_000
    search = result.item("search_trademark")
    assert search.explanation_vi == "3 nhóm × 180.000 đ"
    assert search.explanation_en == "3 classes × 180,000 VND"
    extra = result.item("substantive_examination_trademark_extra_goods")
    assert extra.explanation_vi == "2 sản phẩm/dịch vụ từ thứ 7 trở đi (nhóm 9: 8) × 120.000 đ"
    assert extra.explanation_en.startswith("2 goods/services beyond 6 in a class (class 9: 8)")
    assert search.label_vi.startswith("Phí tra cứu")
    assert search.stage is FeeStage.FILING
    assert [n.code for n in result.notes] == [
        "unconfirmed:search_trademark_extra_goods",
        "unconfirmed:substantive_examination_trademark_extra_goods",
    ]


def test_an_invention_with_two_independent_claims_and_thirty_pages():
    facts = FeeFacts(
        "invention", independent_claims=2, description_pages=30, examination_requested=True
    )
    result = assess_fees(facts, DAY)
    amounts = {i.code: (i.quantity, i.amount) for i in result.items}
    assert amounts == {
        "filing": (1, 150_000),
        "formality_examination": (2, 360_000),
        "formality_examination_extra_pages": (24, 192_000),
        "publication": (1, 120_000),
        "publication_extra_pages": (24, 240_000),
        "search_patent": (2, 1_200_000),
        "substantive_examination_patent": (2, 1_440_000),
        "substantive_examination_patent_extra_pages": (24, 768_000),
    }
    assert result.total == 4_470_000
    pages = result.item("substantive_examination_patent_extra_pages")
    assert pages.explanation_vi == "24 trang bản mô tả từ trang thứ 7 trở đi × 32.000 đ"
    assert pages.explanation_en == "24 description pages beyond 6 × 32,000 VND"
    claims = result.item("substantive_examination_patent")
    assert claims.explanation_en == "2 independent claims × 720,000 VND"


def test_examination_fees_of_an_invention_wait_for_the_request():
    facts = FeeFacts("invention", independent_claims=2, description_pages=30)
    codes = [i.code for i in assess_fees(facts, DAY).items]
    assert "substantive_examination_patent" not in codes
    assert "search_patent" not in codes
    assert "formality_examination" in codes


def test_priority_claims_and_drawings_are_charged_per_unit():
    facts = FeeFacts(
        "utility_solution", independent_claims=1, description_pages=5, drawings=4, priority_claims=2
    )
    result = assess_fees(facts, DAY)
    assert result.item("priority_claim").amount == 2 * 600_000
    assert result.item("publication_extra_drawings").quantity == 3
    assert result.item("publication_extra_drawings").explanation_vi.startswith(
        "3 hình từ hình thứ 2 trở đi"
    )


def test_design_fees_are_per_design_and_unconfirmed():
    result = assess_fees(FeeFacts("industrial_design", designs=2, drawings=7), DAY)
    assert result.item("substantive_examination_design").amount == 2 * 700_000
    assert result.item("search_design").explanation_en == "2 designs × 480,000 VND"
    assert result.item("substantive_examination_design").confidence is Confidence.UNCONFIRMED
    assert "unconfirmed:substantive_examination_design" in {n.code for n in result.notes}


@pytest.mark.parametrize("code", ["geographical_indication", "layout_design"])
def test_gi_and_layout_designs_have_filing_and_examination_fees(code):
    result = assess_fees(FeeFacts(code), DAY)
    assert {"filing", "publication"} <= {i.code for i in result.items}
    assert "priority_claim" not in {i.code for i in result.items}


def test_the_office_classification_fee_applies_only_when_the_office_classifies():
    base = FeeFacts("trademark", nice_classes={9: 7, 35: 2})
    assert "classification_trademark" not in {i.code for i in assess_fees(base, DAY).items}
    classified = assess_fees(dataclasses.replace(base, office_classifies=True), DAY)
    assert classified.item("classification_trademark").amount == 2 * 100_000
    assert classified.item("classification_trademark_extra_goods").amount == 20_000


def test_grant_fees_are_a_separate_stage():
    facts = FeeFacts("trademark", nice_classes={9: 3, 35: 3})
    grant = assess_fees(facts, DAY, stages=["grant"])
    assert [(i.code, i.amount) for i in grant.items] == [
        ("grant", 120_000),
        ("grant_extra_classes", 100_000),
        ("registration", 120_000),
        ("grant_publication", 120_000),
    ]
    both = assess_fees(facts, DAY, stages=[FeeStage.FILING, FeeStage.GRANT])
    assert both.total == assess_fees(facts, DAY).total + grant.total


def test_temporary_reductions_are_noted_but_not_deducted():
    facts = FeeFacts("trademark", nice_classes={9: 1})
    in_window = assess_fees(facts, dt.date(2024, 8, 1))
    assert in_window.total == assess_fees(facts, DAY).total
    assert "reduction:r43_2024" in {n.code for n in in_window.notes}
    assert (
        "43/2024" in next(n for n in in_window.notes if n.code == "reduction:r43_2024").message_en
    )


@pytest.mark.parametrize(
    ("facts", "error", "message"),
    [
        (FeeFacts("patent"), UnknownObjectType, "patent"),
        (
            FeeFacts("trademark", trademark_kind="famous", nice_classes={9: 1}),
            UnknownTrademarkKind,
            "famous",
        ),
        (
            FeeFacts("invention", trademark_kind="collective", independent_claims=1),
            ValueError,
            "trademark kind",
        ),
        (FeeFacts("trademark"), ValueError, "at least one Nice class"),
        (FeeFacts("invention", nice_classes={9: 1}, independent_claims=1), ValueError, "Nice"),
        (FeeFacts("invention"), ValueError, "independent claim"),
        (FeeFacts("industrial_design", designs=0), ValueError, "at least one design"),
    ],
)
def test_facts_that_do_not_fit_the_object_type_are_rejected(facts, error, message):
    with pytest.raises(error, match=message):
        assess_fees(facts, DAY)


def test_a_later_schedule_is_used_from_its_own_date():
    (current,) = fee_schedules()
    closed = dataclasses.replace(current, effective_to=dt.date(2026, 3, 31))
    filing = dataclasses.replace(
        current.rule("filing"), amount=200_000, effective_from=dt.date(2026, 4, 1)
    )
    later = dataclasses.replace(
        current,
        id="vn-2026",
        effective_from=dt.date(2026, 4, 1),
        rules=(filing,),
        reductions=(),
    )
    facts = FeeFacts("trademark", nice_classes={9: 1})
    assert assess_fees(facts, dt.date(2026, 3, 31), schedules=[closed, later]).total == 1_000_000
    april = assess_fees(facts, dt.date(2026, 4, 1), schedules=[later, closed])
    assert (april.schedule_id, april.total) == ("vn-2026", 200_000)


def test_overlapping_schedules_are_refused():
    (current,) = fee_schedules()
    other = dataclasses.replace(current, id="other", effective_from=dt.date(2026, 4, 1))
    with pytest.raises(FeeScheduleError, match="overlap"):
        fee_schedule_on(DAY, [current, other])
