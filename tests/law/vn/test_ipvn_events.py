"""IP Viet Nam's own timeline events map to acts, and real timelines replay through the engine."""

from __future__ import annotations

import datetime as dt

import pytest

from sangtao.law import NotAllowedReason
from sangtao.law.vn import (
    ActNotAllowed,
    ApplicationFacts,
    Notice,
    deadlines,
    ipvn_event,
    ipvn_events,
    ipvn_transitions,
    map_ipvn_event,
    normalise_ipvn_event,
    procedure,
)

from .ipvn_fixture import RealApplication, load

APPS = load()
ON = dt.date(2025, 11, 1)

# The two real timelines (of 306 in the shared data) that the engine refuses, and why.
KNOWN_BREAKS = {
    # A conversion request (1148) is followed by further prosecution under the same number:
    # in this model conversion ends the invention procedure.
    "1-2020-00462": ("1101 NNĐ tự bổ sung sửa đổi đơn", NotAllowedReason.WRONG_STATUS),
    # A response (1143) filed with the examination request, with no notice before it.
    "1-2021-01646": (
        "1143 Trả lời thông báo kết quả thẩm định nội dung",
        NotAllowedReason.WRONG_STATUS,
    ),
}


@pytest.mark.parametrize(
    ("name", "act"),
    [
        ("1141 Yêu cầu thẩm định nội dung", "request_examination"),
        ("2141 Yêu cầu thẩm định nội dung", "request_examination"),
        ("SC QĐ chấp nhận đơn hợp lệ", "formality_accept"),
        ("SC TB cấp VBBH", "notice_intended_grant"),
        ("1151 Lệ phí cấp bằng", "pay_grant_fee"),
        ("SC TB dự định từ chối nội dung", "notice_intended_refusal"),
        ("TB ghi nhận chuyển giao đơn: CĐ1-2022-00619", "change_applicant"),
        ("TB Ghi nhận sửa đơn: SĐ1-2023-00074", "amend"),
        ("tb ghi nhận sửa đơn: SĐ1-2024-00572", "amend"),
        ("Biên lai điện tử XLQ", None),
        ("an event nobody has seen", None),
    ],
)
def test_event_names_map_to_acts(name, act):
    assert map_ipvn_event(name) == act


def test_unknown_and_non_act_events_are_told_apart():
    assert ipvn_event("1157 Bổ sung giấy ủy quyền").act is None
    with pytest.raises(KeyError, match="unknown IP Viet Nam timeline event"):
        ipvn_event("an event nobody has seen")


def test_names_are_normalised_to_nfc_and_lose_their_request_number():
    decomposed = "TB ghi nha\u0323\u0302n chuye\u0302\u0309n giao đơn: CĐ1-2022-00619"
    assert normalise_ipvn_event(decomposed) == "tb ghi nhận chuyển giao đơn"


def test_every_event_of_the_fixture_is_in_the_table():
    names = {name for app in APPS for _day, name in app.timeline}
    for name in names:
        ipvn_event(name)  # raises if unknown
    inferred = [e for e in ipvn_events() if e.inferred]
    assert all(e.note or e.act for e in inferred)


def test_every_mapped_act_exists_for_patents_with_its_role():
    proc = procedure("invention")
    for event in ipvn_events():
        if event.act is not None:
            assert event.role in proc.act(event.act).roles, event.name


@pytest.mark.parametrize("app", APPS, ids=lambda a: a.number)
def test_real_timelines_replay_in_order(app: RealApplication):
    if app.number in KNOWN_BREAKS:
        name, reason = KNOWN_BREAKS[app.number]
        with pytest.raises(ActNotAllowed) as caught:
            ipvn_transitions(app.object_type, app.timeline, publication_date=app.publication_date)
        assert caught.value.reason is reason
        assert name in str(caught.value)
        return
    transitions = ipvn_transitions(
        app.object_type, app.timeline, publication_date=app.publication_date
    )
    assert transitions[0].act == "file"
    assert [t.on_date for t in transitions] == sorted(t.on_date for t in transitions)
    if app.grant_date is not None:
        assert transitions[-1].new_status == "granted"
        assert transitions[-1].on_date == app.grant_date


def test_the_replay_of_the_fixture_accepts_28_of_30():
    accepted = 0
    for app in APPS:
        try:
            ipvn_transitions(app.object_type, app.timeline, publication_date=app.publication_date)
        except ActNotAllowed:
            continue
        accepted += 1
    assert (accepted, len(APPS)) == (28, 30)


def _facts(app: RealApplication) -> ApplicationFacts:
    acts = [(day, map_ipvn_event(name)) for day, name in app.timeline]
    validity = next((d for d, a in acts if a == "formality_accept"), None)
    request = next((d for d, a in acts if a == "request_examination"), None)
    notices = tuple(
        Notice(a, d)
        for d, a in acts
        if a in {"notice_intended_refusal", "notice_intended_grant", "formality_refuse_notice"}
    )
    return ApplicationFacts(
        app.object_type,
        app.filing_date,
        priority_date=app.priority_date,
        publication_date=app.publication_date,
        validity_date=validity,
        examination_request_date=request,
        notices=notices,
        pct=True,
    )


@pytest.mark.parametrize("app", APPS, ids=lambda a: a.number)
def test_real_dates_fall_within_the_computed_deadlines(app: RealApplication):
    found = deadlines(_facts(app), on=ON)
    by_kind = {d.kind: d for d in found}
    # PCT national phase entry within 31 months of priority.
    entry = app.dates_of("PCT National Phase Entry")[0]
    assert entry <= by_kind["pct_national_phase"].date
    # Publication within the office's target (2 months from acceptance for a PCT entry).
    assert app.publication_date is not None
    assert app.publication_date <= by_kind["publication"].date
    # Examination request within 42 (invention) / 36 (utility solution) months.
    requests = [d for d, n in app.timeline if map_ipvn_event(n) == "request_examination"]
    if requests:
        limit = by_kind["examination_request"]
        if app.number == "1-2015-01478":
            # Filed in the 6-month grace that existed until 15 January 2018.
            assert limit.date < requests[0] <= limit.date + dt.timedelta(days=184)
            assert "grace" in limit.note
        else:
            assert requests[0] <= limit.date


def test_grant_fees_are_paid_within_3_months_except_after_a_late_payment_request():
    checked, late = 0, []
    for app in APPS:
        found = deadlines(_facts(app), on=ON)
        for day, name in app.timeline:
            if map_ipvn_event(name) != "pay_grant_fee":
                continue
            notice = max(
                d
                for d, n in app.timeline
                if map_ipvn_event(n) == "notice_intended_grant" and d <= day
            )
            fee = next(d for d in found if d.kind == "grant_fee" and d.trigger_date == notice)
            checked += 1
            if day > fee.date:
                late.append(app.number)
    assert checked >= 15
    # Paid 15 months after the notice, following "1119 Công văn xin gia hạn nộp muộn LP cấp
    # bằng" (a request to pay late): the grant-fee period's extension is unconfirmed.
    assert late == ["1-2021-04502"]
    app = next(a for a in APPS if a.number == "1-2021-04502")
    assert app.dates_of("1119")


def test_responses_fall_within_the_period_and_its_extension():
    checked, late = 0, []
    for app in APPS:
        found = deadlines(_facts(app), on=ON)
        refusals = [d for d in found if d.kind == "substantive_response"]
        for notice in refusals:
            replies = [
                d
                for d, n in app.timeline
                if map_ipvn_event(n) == "response" and d > notice.trigger_date
            ]
            if not replies:
                continue
            checked += 1
            assert notice.extended_date is not None
            if replies[0] > notice.extended_date:
                late.append(app.number)
    assert checked >= 15
    # Answered 8 months after the notice (extension requested at 3 months).
    assert late == ["1-2015-01478"]
