"""Back office pages: inbox, application page, search (with or without diacritics), web filing."""

from __future__ import annotations

import io
import json

import pytest
from django.test import Client

from sangtao.office.filing.models import Application
from tests.conftest import PDF
from tests.office.backoffice.browsing import browser as _browser

pytestmark = pytest.mark.django_db


def _file(api, actors, payload) -> str:
    r = api(actors["agent"]).post(
        "/api/v1/applications", data=json.dumps(payload), content_type="application/json"
    )
    assert r.status_code == 201, r.content
    return r.json()["number"]


def test_inbox_in_vietnamese_and_english(api, actors, filing):
    number = _file(api, actors, filing("trademark"))
    vi = _browser(actors["formalities"], "vi").get("/inbox/").content.decode()
    en = _browser(actors["formalities"], "en").get("/inbox/").content.decode()
    assert number in vi and number in en
    assert "Đơn mới" in vi or "Hộp" in vi
    assert "Inbox" in en
    assert vi != en


def test_inbox_is_for_staff_only(actors):
    assert _browser(actors["agent"]).get("/inbox/").status_code == 403


def test_application_page_shows_parties_documents_fees_history(api, actors, filing):
    number = _file(api, actors, filing("invention"))
    page = _browser(actors["examiner"], "en").get(f"/applications/{number}/").content.decode()
    assert "Công ty Cổ phần Sáng Tạo Việt" in page
    assert "F02M 61/16" in page
    assert "file_application" in page
    app = Application.objects.get(number=number)
    assert f"{app.fees_total:,}".replace(",", ".") in page
    for d in app.documents.all():
        assert d.sha256 in page


@pytest.mark.parametrize("query", ["động cơ đốt", "dong co dot", "DONG CO", "Sáng Tạo Việt"])
def test_search_with_or_without_diacritics(api, actors, filing, query):
    number = _file(api, actors, filing("invention"))
    other = _file(api, actors, filing("trademark", title_vi="Nhãn hiệu Bông Lúa"))
    page = _browser(actors["examiner"]).get("/search/", {"q": query}).content.decode()
    assert number in page
    if "Sáng" not in query:
        assert other not in page


def test_search_by_number(api, actors, filing):
    number = _file(api, actors, filing("trademark"))
    page = _browser(actors["head"]).get("/search/", {"q": number}).content.decode()
    assert f"/applications/{number}/" in page


def test_web_form_files_once_on_double_submit(actors):
    browser = _browser(actors["agent"])
    form = browser.get("/file/")
    key = form.context["form"].initial["form_key"]
    data = {
        "form_key": key,
        "object_type": "invention",
        "title_vi": "Máy gặt đập liên hợp",
        "applicants": "Hợp tác xã Nông nghiệp Bình Minh | Cần Thơ | VN",
        "ipc": "A01D 41/00",
        "claims_count": 5,
        "independent_claims": 1,
        "description_pages": 10,
        "drawings_count": 2,
        "designs_count": 0,
    }

    def submit():
        files = {"file_description": io.BytesIO(PDF), "file_claims": io.BytesIO(PDF + b"1")}
        return browser.post("/file/", {**data, **files})

    first = submit()
    second = submit()
    assert first.status_code == 302 and second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Application.objects.count() == 1


def test_web_form_shows_bilingual_errors_and_stores_nothing(actors):
    browser = _browser(actors["agent"], "en")
    key = browser.get("/file/").context["form"].initial["form_key"]
    response = browser.post(
        "/file/",
        {
            "form_key": key,
            "object_type": "trademark",
            "title_vi": "Nhãn hiệu",
            "applicants": "A | B | VN",
            "nice": "46: thứ gì đó",
            "mark_text": "ABC",
            "claims_count": 0,
            "independent_claims": 0,
            "description_pages": 0,
            "drawings_count": 0,
            "designs_count": 0,
        },
    )
    assert response.status_code == 422
    assert "Nice class must be between 1 and 45" in response.content.decode()
    assert Application.objects.count() == 0


def test_login_page_renders_in_both_languages(db):
    assert "Đăng nhập" in Client(headers={"Accept-Language": "vi"}).get("/login/").content.decode()
    assert "Log in" in Client(headers={"Accept-Language": "en"}).get("/login/").content.decode()


def test_login_and_logout_are_audited(actors):
    from sangtao.office.audit.models import AuditEvent

    client = Client()
    response = client.post("/login/", {"username": "agent", "password": "pw-123456789"})
    assert response.status_code == 302
    client.post("/logout/")
    actions = list(
        AuditEvent.objects.filter(object_id="agent", object_type="user").values_list(
            "action", flat=True
        )
    )
    assert actions[-2:] == ["log_in", "log_out"]


def test_not_found_page_is_bilingual(db):
    vi = Client(headers={"Accept-Language": "vi"}).get("/applications/1-2026-99999/")
    en = Client(headers={"Accept-Language": "en"}).get("/applications/1-2026-99999/")
    assert vi.status_code == en.status_code == 404
    assert "Không tìm thấy" in vi.content.decode()
    assert "Not found" in en.content.decode()
