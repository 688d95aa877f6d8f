"""Prior-art report downloads: a real PDF and JSON for staff, nothing for anyone else."""

from __future__ import annotations

import io
import json
import unicodedata

import pytest
from pypdf import PdfReader

from sangtao.office.audit.models import AuditEvent
from tests.conftest import APPLICANT_VN
from tests.office.backoffice.browsing import browser as _browser

pytestmark = pytest.mark.django_db

TITLE = "Phương pháp kiểm soát quần thể loài gây hại cánh nửa"
APPLICANT = dict(APPLICANT_VN, customer_number="C-0001")  # the applicant user's party


def _file(api, actors, filing) -> str:
    payload = filing(
        "invention",
        title_vi=TITLE,
        applicants=[APPLICANT],
        priorities=[{"office": "US", "number": "61/1", "date": "2026-01-05"}],
    )
    r = api(actors["agent"]).post(
        "/api/v1/applications", data=json.dumps(payload), content_type="application/json"
    )
    assert r.status_code == 201, r.content
    return r.json()["number"]


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_pdf_is_a_real_pdf_with_the_number_and_the_hits(search_index, api, actors, filing):
    number = _file(api, actors, filing)
    report = _browser(actors["examiner"]).get(f"/applications/{number}/prior-art.json").json()
    response = _browser(actors["examiner"]).get(f"/applications/{number}/prior-art.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    text = _words("".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages))
    assert number in text
    assert _words(report["hits"][0]["title"]) in text
    assert "2026-01-05" in text  # the cut-off
    assert "Prior-art search report" in text and "BÁO CÁO TRA CỨU" in text
    assert "suggestions for the examiner" in text


def test_json_has_cutoff_arms_passages_and_a_suggested_category(search_index, api, actors, filing):
    number = _file(api, actors, filing)
    response = _browser(actors["head"]).get(f"/applications/{number}/prior-art.json")
    assert response.status_code == 200
    report = response.json()
    assert report["application"] == number
    assert report["cutoff"] == "2026-01-05" and report["cutoff_basis"] == "priority"
    assert report["category_rule"]["top_rank"] == 5
    assert report["category_rule"]["vi"] and report["category_rule"]["en"]
    hits = report["hits"]
    assert len(hits) == 20
    assert all(h["publication_date"] < "2026-01-05" for h in hits)
    assert all(set(h["why"]) == {"keyword", "dense"} for h in hits)
    assert {h["category"] for h in hits} == {"X", "Y", "A"}
    top = hits[0]
    assert top["doc_id"] == "VN-95737-A"
    assert top["category"] == "X"  # both arms rank it high and its passages cover the title
    assert top["why"]["keyword"]["rank"] == 1 and top["why"]["dense"]["rank"] <= 5
    assert top["coverage"] >= 0.5 and "kiem" in top["matched_terms"]
    assert top["passages"] and top["passages"][0]["spans"]
    for h in hits:
        strong = [a for a, s in h["why"].items() if s["rank"] <= 5]
        if not strong:
            assert h["category"] == "A", h


def test_generating_a_report_is_a_read_and_writes_no_audit_event(search_index, api, actors, filing):
    number = _file(api, actors, filing)
    before = AuditEvent.objects.count()
    browser = _browser(actors["examiner"])
    assert browser.get(f"/applications/{number}/prior-art.pdf").status_code == 200
    assert browser.get(f"/applications/{number}/prior-art.json").status_code == 200
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("suffix", ["pdf", "json"])
def test_only_staff_get_the_report(search_index, api, actors, filing, suffix):
    number = _file(api, actors, filing)
    url = f"/applications/{number}/prior-art.{suffix}"
    # the application's own agent and applicant see the application, not the report
    for role in ("agent", "applicant"):
        response = _browser(actors[role]).get(url)
        assert response.status_code == 403, role
        assert TITLE not in response.content.decode()
    # everyone else (a ministry analyst too) does not learn that it exists
    for role in ("other_agent", "other_applicant", "analyst"):
        response = _browser(actors[role]).get(url)
        assert response.status_code == 404, role
        assert TITLE not in response.content.decode()
    public = _browser().get(url)
    assert public.status_code == 302 and public["Location"].startswith("/login/")


def test_unknown_application_is_404_for_staff(search_index, actors):
    assert _browser(actors["examiner"]).get("/applications/T-1/prior-art.pdf").status_code == 404


@pytest.mark.parametrize(
    ("lang", "words"),
    [("vi", "Chưa có chỉ mục tra cứu"), ("en", "No search index yet")],
)
def test_without_an_index_the_pdf_says_so_in_the_page_language(
    api, actors, filing, tmp_path, settings, lang, words
):
    settings.SANGTAO_SEARCH_INDEX = tmp_path / "nothing"
    number = _file(api, actors, filing)
    page = _browser(actors["examiner"], lang).get(f"/applications/{number}/prior-art.pdf")
    assert page.status_code == 503
    assert words in page.content.decode()
    data = _browser(actors["examiner"], lang).get(f"/applications/{number}/prior-art.json")
    assert data.status_code == 503
    assert data.json()["detail_vi"].startswith("Chưa có chỉ mục")
    assert data.json()["detail_en"].startswith("No search index")


def test_prior_art_page_links_both_downloads(search_index, api, actors, filing):
    number = _file(api, actors, filing)
    for lang in ("vi", "en"):
        page = _browser(actors["examiner"], lang).get(f"/applications/{number}/prior-art/")
        html = page.content.decode()
        assert f"/applications/{number}/prior-art.pdf" in html
        assert f"/applications/{number}/prior-art.json" in html
