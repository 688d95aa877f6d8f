"""The procedure of each object type: who may perform which act, in which status and regime."""

from __future__ import annotations

import datetime as dt

import pytest

from sangtao.law import Confidence, NotAllowedReason, Role
from sangtao.law.vn import (
    OBJECT_TYPES,
    REGIME_A,
    REGIME_B,
    ActNotAllowed,
    UnknownObjectType,
    procedure,
    procedure_data,
)

A_DAY = dt.date(2025, 6, 2)
B_DAY = dt.date(2026, 6, 1)
STANDARDS = {
    "invention": "ST.27",
    "utility_solution": "ST.27",
    "layout_design": "ST.27",
    "industrial_design": "ST.87",
    "trademark": "ST.61",
    "geographical_indication": "ST.61",
}

# (act, role) from filing to grant, per regime; patents also request examination.
GRANT_A = [
    ("file", "agent"),
    ("formality_accept", "formalities_examiner"),
    ("publish", "system"),
    ("notice_intended_refusal", "substantive_examiner"),
    ("response", "agent"),
    ("notice_intended_grant", "substantive_examiner"),
    ("pay_grant_fee", "agent"),
    ("grant", "head_of_division"),
]


def _walk(type_code, steps, day, *, done_check=True):
    proc = procedure(type_code)
    status, done, statuses = None, [], []
    for act, role in steps:
        t = proc.apply(status, act, role, day, done=done if done_check else None)
        status = t.new_status
        done.append(act)
        statuses.append(status)
    return statuses


@pytest.mark.parametrize("type_code", sorted(set(OBJECT_TYPES) - {"layout_design"}))
def test_each_examined_type_walks_from_filing_to_grant_in_regime_a(type_code):
    steps = list(GRANT_A)
    if type_code in {"invention", "utility_solution"}:
        steps.insert(1, ("request_examination", "agent"))
    statuses = _walk(type_code, steps, A_DAY)
    assert statuses[-1] == "granted"
    assert "examination_objection" in statuses
    assert procedure(type_code).status("granted").terminal


@pytest.mark.parametrize("type_code", sorted(OBJECT_TYPES))
def test_each_type_walks_from_filing_to_refusal_in_regime_b(type_code):
    steps = [("file", "applicant"), ("validity_recorded", "system")]
    if type_code == "layout_design":
        steps += [("refuse", "formalities_examiner")]
    else:
        if type_code in {"invention", "utility_solution"}:
            steps.append(("request_examination", "third_party"))
        steps += [
            ("publish", "system"),
            ("notice_intended_refusal", "substantive_examiner"),
            ("refuse", "substantive_examiner"),
        ]
    assert _walk(type_code, steps, B_DAY)[-1] == "refused"


def test_a_layout_design_is_granted_after_formalities():
    steps = [
        ("file", "applicant"),
        ("formality_accept", "formalities_examiner"),
        ("notice_intended_grant", "formalities_examiner"),
        ("pay_grant_fee", "applicant"),
        ("grant", "formalities_examiner"),
    ]
    assert _walk("layout_design", steps, A_DAY)[-1] == "granted"


def test_the_acceptance_decision_exists_in_regime_a_only():
    proc = procedure("trademark")
    t = proc.apply("filed", "formality_accept", "formalities_examiner", A_DAY)
    assert (t.new_status, t.regime, t.needs_approval) == ("accepted", "A", True)
    assert t.appeal is not None and t.appeal.period_days == 90
    with pytest.raises(ActNotAllowed, match="does not exist in regime B") as caught:
        proc.apply("filed", "formality_accept", "formalities_examiner", B_DAY)
    assert caught.value.reason is NotAllowedReason.WRONG_REGIME
    t = proc.apply("filed", "validity_recorded", "system", B_DAY)
    assert (t.new_status, t.appeal, t.opens) == ("accepted", None, ("publication",))
    with pytest.raises(ActNotAllowed) as caught:
        proc.apply("filed", "validity_recorded", "system", dt.date(2026, 3, 31))
    assert caught.value.reason is NotAllowedReason.WRONG_REGIME


def test_the_expedited_track_exists_from_1_april_2026():
    proc = procedure("invention")
    assert proc.apply("filed", "request_expedited", "agent", B_DAY).new_status == "filed"
    with pytest.raises(ActNotAllowed, match="regime A"):
        proc.apply("filed", "request_expedited", "agent", A_DAY)


def test_a_role_that_may_not_act_is_refused_with_the_roles_that_may():
    proc = procedure("invention")
    with pytest.raises(ActNotAllowed, match="role 'applicant' may not perform 'grant'") as c:
        proc.apply("grant_fee_paid", "grant", Role.APPLICANT, A_DAY)
    assert c.value.reason is NotAllowedReason.WRONG_ROLE
    assert "head_of_division" in str(c.value)
    with pytest.raises(ActNotAllowed, match="third_party"):
        proc.apply("published", "notice_intended_refusal", "third_party", A_DAY)


def test_an_act_in_the_wrong_status_is_refused_with_the_statuses_it_needs():
    proc = procedure("trademark")
    with pytest.raises(ActNotAllowed, match="in status 'filed'") as caught:
        proc.apply("filed", "pay_grant_fee", "agent", A_DAY)
    assert caught.value.reason is NotAllowedReason.WRONG_STATUS
    assert "grant_intended" in str(caught.value)
    with pytest.raises(ActNotAllowed, match="before filing"):
        proc.apply(None, "publish", "system", A_DAY)
    with pytest.raises(ActNotAllowed, match="in status 'granted'"):
        proc.apply("granted", "file", "agent", A_DAY)


def test_unknown_acts_and_acts_of_other_types_are_refused():
    with pytest.raises(ActNotAllowed) as caught:
        procedure("trademark").apply("published", "request_examination", "agent", A_DAY)
    assert caught.value.reason is NotAllowedReason.UNKNOWN_ACT
    assert isinstance(caught.value, ValueError)
    with pytest.raises(UnknownObjectType):
        procedure("plant_variety")


def test_substantive_notices_on_patents_need_an_examination_request_when_history_is_given():
    proc = procedure("utility_solution")
    with pytest.raises(ActNotAllowed, match="needs request_examination") as caught:
        proc.apply("published", "notice_intended_grant", "substantive_examiner", A_DAY, done=[])
    assert caught.value.reason is NotAllowedReason.MISSING_PREREQUISITE
    t = proc.apply(
        "published", "notice_intended_grant", "substantive_examiner", A_DAY,
        done=["request_examination"],
    )  # fmt: skip
    assert t.new_status == "grant_intended"


def test_an_examination_request_after_publication_starts_examination():
    proc = procedure("invention")
    assert proc.apply("accepted", "request_examination", "agent", A_DAY).new_status == "accepted"
    t = proc.apply("published", "request_examination", "third_party", A_DAY)
    assert (t.new_status, t.closes) == ("under_examination", ("examination_request",))


def test_restoration_returns_to_the_status_before_suspension():
    proc = procedure("industrial_design")
    t = proc.apply("published", "suspend", "head_of_division", A_DAY)
    assert t.new_status == "suspended"
    back = proc.apply("suspended", "restore", "administrator", A_DAY, previous_status="published")
    assert back.new_status == "published"
    with pytest.raises(ActNotAllowed) as caught:
        proc.apply("suspended", "restore", "administrator", A_DAY)
    assert caught.value.reason is NotAllowedReason.NO_PREVIOUS_STATUS


def test_allowed_acts_depend_on_status_role_and_regime():
    proc = procedure("invention")
    codes = {a.code for a in proc.allowed_acts("filed", "agent", REGIME_A)}
    assert {"request_examination", "withdraw", "divide", "amend"} <= codes
    assert "request_expedited" not in codes
    assert "request_expedited" in {a.code for a in proc.allowed_acts("filed", "agent", "B")}
    examiner = {a.code for a in proc.allowed_acts("filed", "formalities_examiner", REGIME_B)}
    assert "validity_recorded" in examiner and "formality_accept" not in examiner
    assert [a.code for a in proc.allowed_acts(None, "agent", "A")] == ["file"]
    assert proc.allowed_acts("granted", "substantive_examiner", "A") == ()


def test_only_inventions_convert_to_utility_solutions():
    assert procedure("invention").apply("refused", "convert_to_utility_solution", "agent", A_DAY)
    assert "convert_to_utility_solution" not in {a.code for a in procedure("trademark").acts}
    assert "converted" not in {s.code for s in procedure("utility_solution").statuses}


@pytest.mark.parametrize("type_code", sorted(OBJECT_TYPES))
def test_every_act_maps_to_an_unconfirmed_wipo_event_of_the_types_standard(type_code):
    proc = procedure(type_code)
    assert proc.standard == STANDARDS[type_code]
    for act in proc.acts:
        event = act.wipo.get(proc.standard)
        assert event is not None, act.code
        assert event.key_event[0] == event.category and len(event.key_event) == 3
        assert event.confidence is Confidence.UNCONFIRMED
    t = proc.apply(None, "file", "agent", A_DAY)
    assert t.event_code is not None and str(t.event_code) == f"{proc.standard} A10"


def test_every_status_can_be_reached_and_terminal_statuses_allow_only_remedies():
    for type_code in OBJECT_TYPES:
        proc = procedure(type_code)
        reached = {a.to_status for a in proc.acts} | {
            s for a in proc.acts for s in a.to_by_status.values()
        }
        assert {s.code for s in proc.statuses} <= reached | {None}
        for status in proc.statuses:
            if status.terminal:
                acts = {a.code for a in proc.acts if status.code in a.from_statuses}
                assert acts <= {
                    "complaint_first", "complaint_first_decision", "complaint_second",
                    "convert_to_utility_solution",
                }, (type_code, status.code, acts)  # fmt: skip


def test_the_data_carries_its_wipo_caveat():
    assert "not retrieved" in procedure_data().notes["wipo_note"]
