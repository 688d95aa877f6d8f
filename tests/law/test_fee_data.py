"""Fee schedules read from YAML: validation and the generic calculator."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
import yaml

from sangtao.law import (
    Confidence,
    FeeFacts,
    FeeScheduleError,
    FeeStage,
    FeeUnit,
    NoFeeSchedule,
    load_fee_schedule,
    parse_fee_schedule,
)

SCHEDULE = {
    "schedule": {
        "id": "test-2030",
        "title_vi": "Biểu phí thử",
        "title_en": "Test schedule",
        "currency": "VND",
        "effective_from": dt.date(2030, 1, 1),
        "effective_to": dt.date(2030, 12, 31),
        "instruments": ["Circular 1/2030/TT-BTC"],
    },
    "fees": [
        {
            "code": "filing",
            "label_vi": "Lệ phí nộp đơn",
            "label_en": "Filing fee",
            "amount": 200000,
            "unit": "per_application",
            "applies_to": ["trademark", "invention"],
            "legal_basis": {"instrument": "Circular 1/2030/TT-BTC", "item": "1"},
            "confidence": "confirmed",
        },
        {
            "code": "extra_goods",
            "label_vi": "Từ sản phẩm thứ 11",
            "label_en": "Goods beyond ten",
            "amount": 5000,
            "unit": "per_good_beyond_limit",
            "included": 10,
            "applies_to": ["trademark"],
            "legal_basis": {"instrument": "Circular 1/2030/TT-BTC", "item": "2"},
            "effective_from": dt.date(2030, 7, 1),
            "confidence": "unconfirmed",
            "note": "invented for the test",
        },
        {
            "code": "grant",
            "label_vi": "Lệ phí cấp văn bằng",
            "label_en": "Grant",
            "amount": 100000,
            "unit": "per_application",
            "stage": "grant",
            "applies_to": ["trademark"],
            "legal_basis": {"instrument": "Circular 1/2030/TT-BTC", "item": "3"},
            "confidence": "single_source",
        },
    ],
    "reductions": [
        {
            "code": "half",
            "instrument": "Circular 2/2030/TT-BTC",
            "effective_from": dt.date(2030, 3, 1),
            "effective_to": dt.date(2030, 3, 31),
            "description_vi": "giảm 50%",
            "description_en": "halves the fees.",
            "confidence": "confirmed",
        }
    ],
}


def changed(path: tuple, value):
    data = copy.deepcopy(SCHEDULE)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def test_a_schedule_round_trips_through_a_yaml_file(tmp_path):
    path = tmp_path / "fees_1_2030.yaml"
    path.write_text(yaml.safe_dump(SCHEDULE, allow_unicode=True), encoding="utf-8")
    schedule = load_fee_schedule(path, object_types={"trademark", "invention"})
    assert schedule.id == "test-2030"
    assert [r.code for r in schedule.rules] == ["filing", "extra_goods", "grant"]
    assert schedule.rule("extra_goods").unit is FeeUnit.PER_GOOD_BEYOND_LIMIT
    assert schedule.rule("extra_goods").included == 10
    assert schedule.rule("grant").stage is FeeStage.GRANT
    assert str(schedule.rule("filing").legal_basis) == "Circular 1/2030/TT-BTC, 1"
    assert schedule.rule("filing").effective_to == dt.date(2030, 12, 31)


def test_rules_follow_their_own_dates_within_the_schedule():
    schedule = parse_fee_schedule(SCHEDULE)
    facts = FeeFacts("trademark", nice_classes={9: 12})
    before = schedule.assess(facts, dt.date(2030, 6, 30))
    after = schedule.assess(facts, dt.date(2030, 7, 1))
    assert [i.code for i in before.items] == ["filing"]
    assert after.item("extra_goods").amount == 2 * 5000
    assert after.total == 210000


def test_reductions_and_unconfirmed_amounts_are_noted_not_deducted():
    schedule = parse_fee_schedule(SCHEDULE)
    facts = FeeFacts("trademark", nice_classes={9: 12})
    march = schedule.assess(facts, dt.date(2030, 3, 15))
    assert march.total == 200000
    assert [n.code for n in march.notes] == ["reduction:half"]
    july = schedule.assess(facts, dt.date(2030, 7, 15))
    assert [n.code for n in july.notes] == ["unconfirmed:extra_goods"]
    assert "unconfirmed" in july.notes[0].message_en
    assert july.unconfirmed_items == (july.item("extra_goods"),)


def test_grant_stage_is_assessed_only_when_asked():
    schedule = parse_fee_schedule(SCHEDULE)
    facts = FeeFacts("trademark", nice_classes={3: 1})
    grant = schedule.assess(facts, dt.date(2030, 1, 2), stages=["grant"])
    assert [i.code for i in grant.items] == ["grant"]
    assert grant.items[0].confidence is Confidence.SINGLE_SOURCE


def test_assessing_outside_the_schedule_raises():
    schedule = parse_fee_schedule(SCHEDULE)
    with pytest.raises(NoFeeSchedule):
        schedule.assess(FeeFacts("invention", independent_claims=1), dt.date(2031, 1, 1))


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("fees", 0, "amount"), -1, "amount"),
        (("fees", 0, "amount"), "150000", "amount"),
        (("fees", 0, "unit"), "per_page", "unit"),
        (("fees", 0, "confidence"), "probably", "confidence"),
        (("fees", 0, "applies_to"), ["patent"], "unknown object types"),
        (("fees", 0, "when"), "always", "when"),
        (("fees", 0, "colour"), "red", "unknown keys"),
        (("fees", 1, "code"), "filing", "used twice"),
        (("fees", 0, "included"), 6, "included"),
        (("fees", 0, "effective_from"), dt.date(2029, 1, 1), "within the schedule"),
        (("fees", 0, "legal_basis"), "Circular 1/2030", "mapping"),
        (("schedule", "effective_to"), dt.date(2029, 1, 1), "before"),
        (("schedule", "effective_from"), "1 January 2030", "date"),
        (("fees",), [], "non-empty"),
    ],
)
def test_malformed_schedules_are_rejected_with_the_reason(path, value, message):
    with pytest.raises(FeeScheduleError, match=message):
        parse_fee_schedule(changed(path, value), object_types={"trademark", "invention"})


def test_a_beyond_limit_unit_needs_its_included_number():
    data = copy.deepcopy(SCHEDULE)
    del data["fees"][1]["included"]
    with pytest.raises(FeeScheduleError, match="included"):
        parse_fee_schedule(data)


def test_invalid_yaml_is_reported(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("schedule: [unclosed", encoding="utf-8")
    with pytest.raises(FeeScheduleError, match="not valid YAML"):
        load_fee_schedule(path)
