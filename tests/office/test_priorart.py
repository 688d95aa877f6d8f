"""Literature search and prior art from the office, over a real (demo) corpus."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from sangtao.corpus import ingest
from sangtao.office.filing.management.commands.demo import DATA, HISTORIES
from sangtao.search import build_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(tmp_path, settings):
    settings.SANGTAO_CORPUS_DIR = tmp_path / "corpus"
    settings.SANGTAO_SEARCH_INDEX = tmp_path / "corpus" / "index"
    ingest([DATA.with_name("corpus"), HISTORIES], settings.SANGTAO_CORPUS_DIR)
    build_index(settings.SANGTAO_CORPUS_DIR, settings.SANGTAO_SEARCH_INDEX, None)


def test_public_search_folds_vietnamese(corpus):
    for query in ("phương pháp kiểm soát", "phuong phap kiem soat"):
        body = (
            Client()
            .post(
                "/api/v1/search",
                data=json.dumps({"query": query, "mode": "keyword", "k": 5}),
                content_type="application/json",
            )
            .json()
        )
        assert body["hits"][0]["doc_id"] == "VN-95737-A", query
        assert body["hits"][0]["passages"]


def test_search_without_an_index_says_so(db, tmp_path, settings):
    settings.SANGTAO_SEARCH_INDEX = tmp_path / "nothing"
    response = Client().post(
        "/api/v1/search", data=json.dumps({"query": "engine"}), content_type="application/json"
    )
    assert response.status_code == 503
    assert response.json()["title_en"] == "Search is not available"


def test_a_bad_query_is_a_bilingual_problem(search_index, db):
    response = Client(headers={"Accept-Language": "en"}).post(
        "/api/v1/search", data=json.dumps({"query": "the of"}), content_type="application/json"
    )
    assert response.status_code == 422
    body = response.json()
    assert body["type"].endswith("/invalid_query")
    assert body["title_en"] == "The search query is not valid"
    assert body["detail_en"].startswith("the query has only stop words (of, the)")
    assert body["detail_vi"].startswith("câu truy vấn chỉ có từ dừng (of, the)")
    assert body["detail"] == body["detail_en"]


def test_prior_art_respects_the_cutoff_and_is_for_staff(corpus, api, actors, filing):
    payload = filing(
        "invention",
        title_vi="Phương pháp kiểm soát quần thể loài gây hại cánh nửa",
        priorities=[{"office": "US", "number": "61/1", "date": "2026-01-05"}],
    )
    number = (
        api(actors["agent"])
        .post("/api/v1/applications", data=json.dumps(payload), content_type="application/json")
        .json()["number"]
    )
    staff = api(actors["examiner"]).get(f"/api/v1/applications/{number}/prior-art").json()
    assert staff["cutoff"] == "2026-01-05"
    assert staff["hits"]
    assert all(h["publication_date"] < "2026-01-05" for h in staff["hits"])
    assert api(actors["agent"]).get(f"/api/v1/applications/{number}/prior-art").status_code == 403
    assert (
        api(actors["other_agent"]).get(f"/api/v1/applications/{number}/prior-art").status_code
        == 404
    )
    page = Client()
    page.force_login(actors["examiner"])
    assert "<mark>" in page.get(f"/applications/{number}/prior-art/").content.decode()
