"""Every page and endpoint, for every role: an unpublished application leaks to nobody else."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

ROLES = [
    "agent",
    "other_agent",
    "applicant",
    "other_applicant",
    "formalities",
    "examiner",
    "head",
    "admin",
    "analyst",
    None,
]
INSIDERS = {"agent", "applicant", "formalities", "examiner", "head", "admin"}
STAFF = {"formalities", "examiner", "head", "admin"}
# Pages for office staff only: anyone else is sent to log in, refused or told it is not there.
STAFF_ONLY = {
    "applications/<str:number>/prior-art/",
    "applications/<str:number>/prior-art.pdf",
    "applications/<str:number>/prior-art.json",
    "api/v1/applications/<number>/prior-art",
    "inbox/",
    "worklist/",
    "landscapes/",
    "landscapes/definitions/<str:definition_id>/",
    "landscapes/runs/<str:run>/",
    "landscapes/runs/<str:run>/<path:path>",
    "indices/",
    "indices/frameworks/<str:key>/",
    "indices/runs/<str:run>/",
    "indices/runs/<str:run>/<path:path>",
}
# Published-data analysis pages: office staff and ministry analysts.
ANALYSIS = {route for route in STAFF_ONLY if route.startswith(("landscapes/", "indices/"))}
SECRET = "Bí mật chưa công bố XYZZY"


def _all_routes() -> set[str]:
    def walk(resolver: URLResolver, prefix: str = "") -> set[str]:
        out: set[str] = set()
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                out |= walk(p, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                out.add(prefix + str(p.pattern))
        return out

    return walk(get_resolver())


# Each route with the URL it is walked at; a new route makes the coverage test fail.
def _urls(number: str, doc_id: int) -> dict[str, str]:
    return {
        "api/v1/applications": "/api/v1/applications",
        "api/v1/applications/<number>": f"/api/v1/applications/{number}",
        "api/v1/applications/<number>/receipt": f"/api/v1/applications/{number}/receipt",
        "api/v1/openapi.json": "/api/v1/openapi.json",
        "api/v1/": "/api/v1/",
        "api/v1/applications/<number>/events": f"/api/v1/applications/{number}/events",
        "api/v1/applications/<number>/deadlines": f"/api/v1/applications/{number}/deadlines",
        "api/v1/applications/<number>/legal-status": (
            f"/api/v1/applications/{number}/legal-status"
        ),
        "api/v1/applications/<number>/acts": None,
        "api/v1/approvals/<approval_id>": None,
        "api/v1/applications/<number>/letters": f"/api/v1/applications/{number}/letters",
        "api/v1/applications/<number>/letters/<letter_id>.pdf": (
            f"/api/v1/applications/{number}/letters/1.pdf"
        ),
        "worklist/": "/worklist/",
        "messages/": "/messages/",
        "literature/": "/literature/?q=engine",
        "applications/<str:number>/prior-art/": f"/applications/{number}/prior-art/",
        "applications/<str:number>/prior-art.pdf": f"/applications/{number}/prior-art.pdf",
        "applications/<str:number>/prior-art.json": f"/applications/{number}/prior-art.json",
        "landscapes/": "/landscapes/",
        "landscapes/definitions/<str:definition_id>/": "/landscapes/definitions/qd1131-2025/",
        "landscapes/runs/<str:run>/": "/landscapes/runs/run/",
        "landscapes/runs/<str:run>/<path:path>": "/landscapes/runs/run/report.html",
        "indices/": "/indices/",
        "indices/frameworks/<str:key>/": "/indices/frameworks/pii/",
        "indices/runs/<str:run>/": "/indices/runs/run/",
        "indices/runs/<str:run>/<path:path>": "/indices/runs/run/results.csv",
        "api/v1/search": None,
        "api/v1/applications/<number>/prior-art": f"/api/v1/applications/{number}/prior-art",
        "deadlines/": "/deadlines/?type=trademark&filing_date=2026-01-05",
        "api/v1/deadlines": "/api/v1/deadlines?type=trademark&filing_date=2026-01-05",
        "applications/<str:number>/act": None,
        "applications/<str:number>/assign": None,
        "applications/<str:number>/approvals/<int:approval_id>": None,
        "applications/<str:number>/letters/<int:letter_id>.pdf": (
            f"/applications/{number}/letters/1.pdf"
        ),
        "api/v1/docs": "/api/v1/docs",
        "": "/",
        "inbox/": "/inbox/",
        "my/": "/my/",
        "search/": f"/search/?q={number}",
        "file/": "/file/",
        "applications/<str:number>/": f"/applications/{number}/",
        "applications/<str:number>/receipt.pdf": f"/applications/{number}/receipt.pdf",
        "applications/<str:number>/documents/<int:doc_id>": (
            f"/applications/{number}/documents/{doc_id}"
        ),
        "login/": "/login/",
        "logout/": None,
        "i18n/setlang/": None,
    }


def test_every_route_is_walked(api, actors, filing):
    routes = {r.replace("^", "").replace("$", "") for r in _all_routes()}
    known = set(_urls("x", 1))
    assert routes <= known, routes - known


@pytest.mark.parametrize("role", ROLES)
def test_unpublished_application_visibility(api, actors, filing, role):
    applicant = dict(filing("invention")["applicants"][0], customer_number="C-0001")
    payload = filing("invention", title_vi=SECRET, applicants=[applicant])
    created = api(actors["agent"]).post(
        "/api/v1/applications", data=json.dumps(payload), content_type="application/json"
    )
    number = created.json()["number"]
    from sangtao.office.filing.models import Document

    doc_id = Document.objects.filter(application__number=number).first().pk
    user = actors[role] if role else None
    browser = Client()
    if user is not None:
        browser.force_login(user)
    bearer = api(user)
    for route, url in _urls(number, doc_id).items():
        if url is None:
            continue
        client = bearer if route.startswith("api/") else browser
        response = client.get(url)
        body = response.content if not response.streaming else b"".join(response.streaming_content)
        text = body.decode("utf-8", errors="ignore")
        sees_number_page = route in {
            "api/v1/applications/<number>",
            "api/v1/applications/<number>/events",
            "api/v1/applications/<number>/deadlines",
            "api/v1/applications/<number>/legal-status",
            "api/v1/applications/<number>/letters",
            "api/v1/applications/<number>/receipt",
            "applications/<str:number>/",
            "applications/<str:number>/receipt.pdf",
            "applications/<str:number>/documents/<int:doc_id>",
        }
        if route in ANALYSIS and role == "analyst":
            assert response.status_code != 403, (role, route)
        elif route in STAFF_ONLY and role not in STAFF:
            assert response.status_code in {302, 403, 404}, (role, route, response.status_code)
        if role in INSIDERS:
            if sees_number_page:
                assert response.status_code == 200, (role, route)
        else:
            assert SECRET not in text, (role, route)
            if sees_number_page:
                assert response.status_code == 404, (role, route, response.status_code)
            if route == "search/":
                assert f"/applications/{number}/" not in text, (role, route)
            if route == "api/v1/applications":
                assert number not in text, (role, route)


@pytest.mark.parametrize("role", ["other_agent", "other_applicant", None])
def test_outsiders_cannot_act_on_an_unpublished_application(api, actors, filing, role):
    created = api(actors["agent"]).post(
        "/api/v1/applications",
        data=json.dumps(filing("trademark")),
        content_type="application/json",
    )
    number = created.json()["number"]
    user = actors[role] if role else None
    response = api(user).post(
        f"/api/v1/applications/{number}/acts",
        data=json.dumps({"act": "withdraw"}),
        content_type="application/json",
    )
    assert response.status_code in {401, 404}
    browser = Client()
    if user is not None:
        browser.force_login(user)
        assert browser.post(f"/applications/{number}/act", {"act": "withdraw"}).status_code == 404
        head = browser.post(f"/applications/{number}/assign", {"examiner": user.pk})
        assert head.status_code == 404
    from sangtao.office.filing.models import Application

    assert Application.objects.get(number=number).status == "filed"
