"""Acts through the API: walks to grant and refusal, approvals, letters, refusals, conflicts."""

from __future__ import annotations

import json
import threading

import pytest
from django.db import connection

from sangtao.office.audit.models import AuditEvent
from sangtao.office.filing.models import Application
from sangtao.office.procedure.actions import ActRefused, perform_act
from sangtao.office.procedure.models import Deadline, OfficeLetter, PendingApproval

pytestmark = pytest.mark.django_db


def _file(api, actors, payload) -> str:
    r = api(actors["agent"]).post(
        "/api/v1/applications", data=json.dumps(payload), content_type="application/json"
    )
    assert r.status_code == 201, r.content
    return r.json()["number"]


def _act(client, number, act, **extra):
    return client.post(
        f"/api/v1/applications/{number}/acts",
        data=json.dumps({"act": act, **extra}),
        content_type="application/json",
    )


def test_filing_opens_the_timeline_and_its_deadlines(api, actors, filing):
    number = _file(api, actors, filing("invention"))
    events = api(actors["agent"]).get(f"/api/v1/applications/{number}/events").json()["events"]
    assert [e["act"] for e in events] == ["file"]
    assert events[0]["wipo"]["standard"] == "ST.27"
    deadlines = api(actors["agent"]).get(f"/api/v1/applications/{number}/deadlines").json()
    periods = {d["period"]: d for d in deadlines["deadlines"]}
    assert "formality_examination" in periods
    assert "examination_request" in periods
    assert periods["examination_request"]["responsible"] in {"applicant", "agent"}
    assert all(d["legal_basis"] for d in periods.values())


def test_trademark_walks_from_filing_to_grant_with_approvals_and_letters(api, actors, filing):
    number = _file(api, actors, filing("trademark"))
    formal, examiner, head, agent = (
        api(actors["formalities"]),
        api(actors["examiner"]),
        api(actors["head"]),
        api(actors["agent"]),
    )
    assert _act(formal, number, "validity_recorded").status_code == 201
    published = _act(formal, number, "publish")
    assert published.status_code == 201
    assert Application.objects.get(number=number).is_published
    # Once published, the public may read it.
    assert api().get(f"/api/v1/applications/{number}").status_code == 200

    proposed = _act(examiner, number, "notice_intended_grant", reason="Đủ điều kiện bảo hộ")
    assert proposed.status_code == 202, proposed.content
    approval = proposed.json()["approval"]
    assert Application.objects.get(number=number).status == "published"
    decided = head.post(
        f"/api/v1/approvals/{approval}",
        data=json.dumps({"approve": True}),
        content_type="application/json",
    )
    assert decided.status_code == 201, decided.content
    letter = decided.json()["letter"]
    assert letter["number"].endswith("/TB-SHTT.IP")
    assert letter["response_deadline"] is not None
    pdf = agent.get(letter["pdf"])
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")

    assert _act(agent, number, "pay_grant_fee").status_code == 201
    granted = _act(head, number, "grant")
    assert granted.status_code == 201, granted.content
    app = Application.objects.get(number=number)
    assert app.status == "granted"
    assert not Deadline.objects.filter(application=app, state="open").exists()
    legal = agent.get(f"/api/v1/applications/{number}/legal-status").json()
    assert {e["standard"] for e in legal["events"]} == {"ST.61"}
    assert [e["national_act"] for e in legal["events"]][0] == "file"
    assert PendingApproval.objects.get(pk=approval).state == "approved"


def test_invention_walks_to_refusal_and_the_decision_is_appealable(api, actors, filing):
    number = _file(api, actors, filing("invention"))
    formal, examiner, head, agent = (
        api(actors["formalities"]),
        api(actors["examiner"]),
        api(actors["head"]),
        api(actors["agent"]),
    )
    assert _act(agent, number, "request_examination").status_code == 201
    assert _act(formal, number, "validity_recorded").status_code == 201
    assert _act(formal, number, "publish").status_code == 201
    notice = _act(examiner, number, "notice_intended_refusal", reason="Thiếu tính mới")
    assert notice.status_code == 201, notice.content
    response_deadline = notice.json()["letter"]["response_deadline"]
    assert response_deadline["due"] > notice.json()["date"]
    proposed = _act(examiner, number, "refuse", reason="Không trả lời")
    assert proposed.status_code == 202
    decided = head.post(
        f"/api/v1/approvals/{proposed.json()['approval']}",
        data=json.dumps({"approve": True}),
        content_type="application/json",
    )
    assert decided.status_code == 201, decided.content
    letter = decided.json()["letter"]
    assert letter["number"].endswith("/QĐ-SHTT")
    assert letter["appeal"]["period_days"] == 90
    assert Application.objects.get(number=number).status == "refused"
    letters = agent.get(f"/api/v1/applications/{number}/letters").json()["letters"]
    assert [x["act"] for x in letters] == ["notice_intended_refusal", "refuse"]


def test_an_act_by_a_role_that_may_not_perform_it_is_refused_and_audited(api, actors, filing):
    number = _file(api, actors, filing("trademark"))
    response = _act(api(actors["agent"]), number, "validity_recorded")
    assert response.status_code == 403
    body = response.json()
    assert body["title_vi"] and body["errors"][0]["code"] == "wrong_role"
    assert Application.objects.get(number=number).status == "filed"
    refused = AuditEvent.objects.filter(action="act_refused", object_id=number)
    assert refused.count() == 1
    assert refused.get().actor_username == "agent"


def test_acting_on_a_stale_status_is_a_conflict(api, actors, filing):
    number = _file(api, actors, filing("trademark"))
    ok = _act(api(actors["formalities"]), number, "validity_recorded", expected_status="filed")
    assert ok.status_code == 201
    stale = _act(api(actors["formalities"]), number, "publish", expected_status="filed")
    assert stale.status_code == 409
    assert stale.json()["errors"][0]["code"] == "status_changed"


def test_a_rejected_proposal_changes_nothing(api, actors, filing):
    number = _file(api, actors, filing("trademark"))
    _act(api(actors["formalities"]), number, "validity_recorded")
    _act(api(actors["formalities"]), number, "publish")
    proposed = _act(api(actors["examiner"]), number, "notice_intended_grant")
    rejected = api(actors["head"]).post(
        f"/api/v1/approvals/{proposed.json()['approval']}",
        data=json.dumps({"approve": False, "note": "Cần tra cứu thêm"}),
        content_type="application/json",
    )
    assert rejected.json()["state"] == "rejected"
    assert Application.objects.get(number=number).status == "published"
    assert not OfficeLetter.objects.filter(application__number=number).exists()


@pytest.mark.django_db(transaction=True)
def test_of_two_concurrent_acts_one_wins_and_the_other_is_refused(actors, filing):
    from sangtao.office.filing.actions import file_application
    from sangtao.office.filing.schemas import FilingIn

    payload = filing("trademark")
    number = file_application(
        actor=actors["agent"], filing=FilingIn.model_validate(payload), files=[], payload=payload
    ).application.number
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def worker() -> None:
        try:
            barrier.wait()
            perform_act(actor=actors["formalities"], number=number, act="validity_recorded")
            outcomes.append("done")
        except ActRefused as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["done", "wrong_status"]
    assert Application.objects.get(number=number).status == "accepted"


def test_deadline_calculator_in_the_api_and_on_a_page(db):
    from django.test import Client

    url = "/api/v1/deadlines?type=invention&filing_date=2025-03-10&priority_date=2024-09-12"
    body = Client().get(url).json()
    kinds = {d["kind"]: d for d in body["deadlines"]}
    # 31 months from priority for PCT is absent (not PCT); the examination request is there.
    assert "examination_request" in kinds
    assert kinds["examination_request"]["legal_basis"]
    bad = Client().get(
        "/api/v1/deadlines?type=invention&filing_date=2025-03-10&priority_date=2026-01-01"
    )
    assert bad.status_code == 422
    page = Client(headers={"Accept-Language": "en"}).get(
        "/deadlines/", {"type": "trademark", "filing_date": "2025-03-10"}
    )
    assert page.status_code == 200
    assert "Deadline calculator" in page.content.decode()


def test_letters_reach_the_agents_messages(api, actors, filing):
    from django.test import Client

    number = _file(api, actors, filing("trademark"))
    _act(api(actors["formalities"]), number, "validity_recorded")
    _act(api(actors["formalities"]), number, "publish")
    notice = _act(api(actors["examiner"]), number, "notice_intended_refusal", reason="Trùng")
    assert notice.status_code == 201
    browser = Client(headers={"Accept-Language": "en"})
    browser.force_login(actors["agent"])
    page = browser.get("/messages/").content.decode()
    assert number in page
    assert notice.json()["letter"]["number"] in page
    other = Client()
    other.force_login(actors["other_agent"])
    assert number not in other.get("/messages/").content.decode()


GRANT_B = {
    "invention": ["request_examination", "validity_recorded", "publish"],
    "utility_solution": ["request_examination", "validity_recorded", "publish"],
    "industrial_design": ["validity_recorded", "publish"],
    "trademark": ["validity_recorded", "publish"],
    "geographical_indication": ["validity_recorded", "publish"],
    "layout_design": ["validity_recorded"],
}
BY = {
    "request_examination": "agent",
    "validity_recorded": "formalities",
    "publish": "formalities",
    "pay_grant_fee": "agent",
}


def _approved(api, actors, number, act, proposer):
    response = _act(api(actors[proposer]), number, act, reason="demo")
    if response.status_code == 202:
        response = api(actors["head"]).post(
            f"/api/v1/approvals/{response.json()['approval']}",
            data=json.dumps({"approve": True}),
            content_type="application/json",
        )
    assert response.status_code == 201, (act, response.content)
    return response


@pytest.mark.parametrize("object_type", sorted(GRANT_B))
def test_each_object_type_walks_to_grant_and_to_refusal_through_the_api(
    api, actors, filing, object_type
):
    examiner = "formalities" if object_type == "layout_design" else "examiner"
    for outcome in ("granted", "refused"):
        number = _file(api, actors, filing(object_type))
        for act in GRANT_B[object_type]:
            response = _act(api(actors[BY[act]]), number, act)
            assert response.status_code == 201, (object_type, act, response.content)
        if outcome == "granted":
            _approved(api, actors, number, "notice_intended_grant", examiner)
            assert _act(api(actors["agent"]), number, "pay_grant_fee").status_code == 201
            _approved(api, actors, number, "grant", examiner)
        else:
            if object_type != "layout_design":
                notice = _act(api(actors[examiner]), number, "notice_intended_refusal")
                assert notice.status_code == 201, notice.content
            _approved(api, actors, number, "refuse", examiner)
        assert Application.objects.get(number=number).status == outcome, object_type


def test_expedited_examination_only_where_its_conditions_hold(api, actors, filing):
    agent = api(actors["agent"])
    many = _file(api, actors, filing("invention", claims_count=12, independent_claims=3))
    refused = _act(agent, many, "request_expedited")
    assert refused.status_code == 422
    detail = refused.json()["detail_en"]
    assert "12 claims" in detail
    assert "early publication" in detail
    fit = _file(api, actors, filing("invention", claims_count=8, independent_claims=2))
    early = _act(agent, fit, "request_early_publication")
    assert early.status_code == 201, early.content
    assert _act(agent, fit, "request_expedited").status_code == 201
