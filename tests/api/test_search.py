"""API prior art: the same report as the back office's downloads, for office staff only."""

from __future__ import annotations

import json

import pytest

from tests.conftest import APPLICANT_VN

pytestmark = pytest.mark.django_db

SECRET = "Phương pháp kiểm soát quần thể loài gây hại cánh nửa"
APPLICANT = dict(APPLICANT_VN, customer_number="C-0001")  # the applicant user's party


def _file(api, actors, filing) -> str:
    payload = filing("invention", title_vi=SECRET, applicants=[APPLICANT])
    r = api(actors["agent"]).post(
        "/api/v1/applications", data=json.dumps(payload), content_type="application/json"
    )
    return r.json()["number"]


def test_prior_art_carries_arms_passages_and_suggested_categories(
    search_index, api, actors, filing
):
    number = _file(api, actors, filing)
    body = api(actors["examiner"]).get(f"/api/v1/applications/{number}/prior-art").json()
    assert body["application"] == number
    assert body["category_rule"]["en"].startswith("Suggestion only")
    assert body["hits"][0]["doc_id"] == "VN-95737-A"
    for hit in body["hits"]:
        assert hit["category"] in {"X", "Y", "A"}
        assert hit["category_reason_en"] and hit["category_reason_vi"]
        assert 0.0 <= hit["coverage"] <= 1.0
        assert hit["publication_date"] < body["cutoff"]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("agent", 403),
        ("applicant", 403),
        ("other_agent", 404),
        ("other_applicant", 404),
        (None, 404),
    ],
)
def test_prior_art_of_an_unpublished_application_is_staff_only(
    search_index, api, actors, filing, role, status
):
    number = _file(api, actors, filing)
    response = api(actors[role] if role else None).get(f"/api/v1/applications/{number}/prior-art")
    assert response.status_code == status
    assert SECRET not in response.content.decode()
    assert "hits" not in response.json()
