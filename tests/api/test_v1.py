"""E-filing API: filing, retries, bad input, confidentiality and the receipt."""

from __future__ import annotations

import hashlib
import io
import json
import unicodedata

import pytest
from django.test import Client
from pypdf import PdfReader

from sangtao.office.audit.models import AuditEvent
from sangtao.office.filing.models import Application, NumberSequence
from tests.conftest import PDF, doc

pytestmark = pytest.mark.django_db


def post(client: Client, payload: dict, **headers: str):
    return client.post(
        "/api/v1/applications",
        data=json.dumps(payload),
        content_type="application/json",
        headers=headers,
    )


@pytest.mark.parametrize(
    "object_type",
    [
        "invention",
        "utility_solution",
        "industrial_design",
        "trademark",
        "geographical_indication",
        "layout_design",
    ],
)
def test_every_object_type_can_be_filed(api, actors, filing, object_type):
    response = post(api(actors["agent"]), filing(object_type))
    assert response.status_code == 201, response.content
    body = response.json()
    digit = {"invention": 1, "utility_solution": 2, "industrial_design": 3, "trademark": 4}
    if object_type in digit:
        assert body["number"].startswith(f"{digit[object_type]}-")
    assert body["status"] == "filed"
    assert body["fees_due"]["total"] > 0
    assert body["receipt"].endswith("/receipt")
    assert response["Location"] == f"/api/v1/applications/{body['number']}"
    app = Application.objects.get(number=body["number"])
    assert AuditEvent.objects.filter(action="file_application", object_id=app.number).exists()


def test_number_and_filing_date_are_set_by_the_server(api, actors, filing):
    body = post(api(actors["agent"]), filing("trademark")).json()
    number = body["number"]
    parts = number.split("-")
    assert parts[0] == "4" and len(parts[1]) == 4 and len(parts[2]) == 5
    assert body["filing_date"].endswith("+07:00")
    assert body["filing_date"][:4] == parts[1]


def test_trademark_fees_are_itemised_per_class(api, actors, filing):
    body = post(api(actors["agent"]), filing("trademark")).json()
    fees = body["fees_due"]
    assert sum(item["amount"] for item in fees["items"]) == fees["total"]
    assert all(item["legal_basis"] for item in fees["items"])
    assert all(item["label_vi"] and item["label_en"] for item in fees["items"])


def test_documents_are_stored_with_hash_size_and_media_type(api, actors, filing):
    body = post(api(actors["agent"]), filing("invention")).json()
    docs = {d["kind"]: d for d in body["documents"]}
    assert docs["claims"]["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert docs["claims"]["size"] == len(PDF)
    assert docs["claims"]["media_type"] == "application/pdf"


def test_multipart_filing(api, actors, filing):
    payload = filing("invention")
    payload.pop("documents")
    client = api(actors["agent"])
    response = client.post(
        "/api/v1/applications",
        data={
            "data": json.dumps(payload),
            "description": io.BytesIO(PDF),
            "claims": io.BytesIO(PDF + b" "),
        },
    )
    assert response.status_code == 201, response.content
    kinds = sorted(d["kind"] for d in response.json()["documents"])
    assert kinds == ["claims", "description"]


def test_retry_with_same_idempotency_key_files_once(api, actors, filing):
    client = api(actors["agent"])
    first = post(client, filing("trademark"), **{"Idempotency-Key": "k-1"})
    second = post(client, filing("trademark"), **{"Idempotency-Key": "k-1"})
    assert first.status_code == 201
    assert second.status_code == 200
    assert second["Idempotent-Replayed"] == "true"
    assert first.json()["number"] == second.json()["number"]
    assert Application.objects.count() == 1


def test_same_key_with_different_body_is_a_conflict(api, actors, filing):
    client = api(actors["agent"])
    post(client, filing("trademark"), **{"Idempotency-Key": "k-2"})
    response = post(client, filing("trademark", title_vi="Khác"), **{"Idempotency-Key": "k-2"})
    assert response.status_code == 409
    assert response["Content-Type"].startswith("application/problem+json")
    assert Application.objects.count() == 1


def assert_rejected(response, status: int, pointer: str | None = None) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["title_vi"] and body["title_en"]
    if pointer is not None:
        pointers = [e["pointer"] for e in body["errors"]]
        assert any(p.startswith(pointer) for p in pointers), pointers
        for e in body["errors"]:
            assert e["detail_vi"] and e["detail_en"]
    assert Application.objects.count() == 0
    assert not AuditEvent.objects.filter(action="file_application").exists()
    return body


def test_malformed_json(api, actors):
    response = api(actors["agent"]).post(
        "/api/v1/applications", data="{not json", content_type="application/json"
    )
    assert_rejected(response, 400)


def test_missing_claims_for_an_invention(api, actors, filing):
    payload = filing("invention", documents=[doc("description")])
    assert_rejected(post(api(actors["agent"]), payload), 422, "/documents")


def test_missing_goods_for_a_trademark(api, actors, filing):
    assert_rejected(post(api(actors["agent"]), filing("trademark", nice=[])), 422, "/nice")


@pytest.mark.parametrize("cls", [0, 46, 99])
def test_nice_class_outside_1_to_45(api, actors, filing, cls):
    payload = filing("trademark", nice=[{"class": cls, "goods": ["x"]}])
    assert_rejected(post(api(actors["agent"]), payload), 422, "/nice/0/class")


def test_unknown_ipc_symbol(api, actors, filing):
    payload = filing("invention", ipc=["F02M 61/16", "Z99Z 99/99"])
    assert_rejected(post(api(actors["agent"]), payload), 422, "/ipc/1")


def test_priority_after_filing_date(api, actors, filing):
    payload = filing(
        "invention", priorities=[{"office": "JP", "number": "2099-1", "date": "2099-01-01"}]
    )
    assert_rejected(post(api(actors["agent"]), payload), 422, "/priorities/0/date")


def test_priority_older_than_the_priority_period(api, actors, filing):
    payload = filing(
        "trademark", priorities=[{"office": "US", "number": "97/1", "date": "2020-01-01"}]
    )
    assert_rejected(post(api(actors["agent"]), payload), 422, "/priorities/0/date")


def test_file_over_the_size_limit(api, actors, filing, settings):
    settings.SANGTAO_MAX_FILE_BYTES = 1000
    big = PDF + b"0" * 2000
    payload = filing("invention", documents=[doc("description"), doc("claims", big)])
    assert_rejected(post(api(actors["agent"]), payload), 413, "/documents/1")


def test_file_of_a_type_the_office_does_not_accept(api, actors, filing):
    exe = b"MZ\x90\x00" + b"\x00" * 100
    payload = filing("invention", documents=[doc("description"), doc("claims", exe, "x.exe")])
    body = assert_rejected(post(api(actors["agent"]), payload), 422, "/documents/1")
    assert body["errors"][0]["code"] == "unsupported_media_type"


def test_xml_with_external_entities_is_refused(api, actors, filing):
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b"<ST26SequenceListing>&e;</ST26SequenceListing>"
    )
    payload = filing(
        "invention",
        documents=[doc("description"), doc("claims"), doc("sequence_listing", xxe, "seq.xml")],
    )
    body = assert_rejected(post(api(actors["agent"]), payload), 422, "/documents/2")
    assert "passwd" not in json.dumps(body).replace("file:///etc/passwd", "")


def test_nfd_text_is_stored_as_nfc(api, actors, filing):
    nfd = unicodedata.normalize("NFD", "Động cơ đốt trong")
    assert nfd != unicodedata.normalize("NFC", nfd)
    body = post(api(actors["agent"]), filing("invention", title_vi=nfd)).json()
    app = Application.objects.get(number=body["number"])
    assert app.title_vi == "Động cơ đốt trong"
    assert unicodedata.is_normalized("NFC", app.title_vi)


def test_non_resident_needs_a_representative(api, actors, filing):
    from tests.conftest import APPLICANT_JP

    payload = filing("trademark", applicants=[APPLICANT_JP])
    assert_rejected(post(api(actors["applicant"]), payload), 422, "/representative")
    # Filed by an agent, the same application is accepted.
    assert post(api(actors["agent"]), payload).status_code == 201


def test_an_agent_cannot_file_under_another_licence(api, actors, filing):
    payload = filing("trademark", representative={"licence_number": "VN-002"})
    assert_rejected(post(api(actors["agent"]), payload), 422, "/representative")


def test_unknown_field_is_rejected_with_its_path(api, actors, filing):
    payload = filing("trademark", colour_of_sky="blue")
    assert_rejected(post(api(actors["agent"]), payload), 422, "/colour_of_sky")


def test_error_messages_follow_accept_language(api, actors, filing):
    payload = filing("trademark", nice=[{"class": 46, "goods": ["x"]}])
    vi = post(api(actors["agent"], lang="vi"), payload).json()
    en = post(api(actors["agent"], lang="en"), payload).json()
    assert vi["title"] == vi["title_vi"] and en["title"] == en["title_en"]


def test_filing_requires_a_token(filing, db):
    response = post(Client(), filing("trademark"))
    assert response.status_code == 401
    bad = post(Client(headers={"Authorization": "Bearer nope"}), filing("trademark"))
    assert bad.status_code == 401


def test_failed_filing_consumes_no_number(api, actors, filing):
    client = api(actors["agent"])
    first = post(client, filing("trademark")).json()["number"]
    post(client, filing("trademark", nice=[{"class": 46, "goods": ["x"]}]))
    second = post(client, filing("trademark")).json()["number"]
    assert int(second.split("-")[2]) == int(first.split("-")[2]) + 1
    assert NumberSequence.objects.get(type_digit=4).last == int(second.split("-")[2])


def test_unpublished_application_is_hidden_from_outsiders(api, actors, filing):
    number = post(api(actors["agent"]), filing("trademark")).json()["number"]
    url = f"/api/v1/applications/{number}"
    for who in ("agent", "formalities", "examiner", "head", "admin"):
        assert api(actors[who]).get(url).status_code == 200, who
    # "applicant" is not a party to this filing (no customer number on it).
    for who in ("other_agent", "applicant", "other_applicant"):
        response = api(actors[who]).get(url)
        assert response.status_code == 404, who
        assert "SÁNG TẠO" not in response.content.decode()
    assert api().get(url).status_code == 404
    # Not found and not allowed answer alike.
    missing = api(actors["other_agent"]).get("/api/v1/applications/4-2026-99999").json()
    hidden = api(actors["other_agent"]).get(url).json()
    assert missing["title"] == hidden["title"]


def test_portfolio_lists_only_the_callers_applications(api, actors, filing):
    post(api(actors["agent"]), filing("trademark"))
    post(api(actors["agent"]), filing("invention"))
    post(api(actors["other_agent"]), filing("trademark"))
    mine = api(actors["agent"]).get("/api/v1/applications").json()
    assert mine["count"] == 2
    only_tm = api(actors["agent"]).get("/api/v1/applications?object_type=trademark").json()
    assert [a["object_type"] for a in only_tm["items"]] == ["trademark"]
    # The applicant whose customer number is not on these filings sees none.
    assert api(actors["other_applicant"]).get("/api/v1/applications").json()["count"] == 0


def test_applicant_with_customer_number_sees_filings_made_for_it(api, actors, filing):
    applicant = dict(filing("trademark")["applicants"][0], customer_number="C-0001")
    number = post(api(actors["agent"]), filing("trademark", applicants=[applicant])).json()[
        "number"
    ]
    listed = api(actors["applicant"]).get("/api/v1/applications").json()
    assert [a["number"] for a in listed["items"]] == [number]


def test_receipt_lists_number_fees_and_file_hashes(api, actors, filing):
    client = api(actors["agent"])
    body = post(client, filing("invention")).json()
    response = client.get(body["receipt"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    flat = text.replace("\n", "").replace(" ", "")
    assert body["number"] in text
    assert hashlib.sha256(PDF).hexdigest() in flat
    assert "GIẤY BIÊN NHẬN" in text and "Filing receipt" in text
    # Served as stored the second time, and recorded once.
    again = client.get(body["receipt"])
    assert again.content == response.content
    assert AuditEvent.objects.filter(action="issue_receipt", object_id=body["number"]).count() == 1


def test_openapi_document_describes_filing(db):
    spec = Client().get("/api/v1/openapi.json").json()
    op = spec["paths"]["/api/v1/applications"]["post"]
    assert "application/json" in op["requestBody"]["content"]
    assert "multipart/form-data" in op["requestBody"]["content"]
    assert "FilingIn" in spec["components"]["schemas"]


def test_base64_that_is_not_base64(api, actors, filing):
    bad = dict(doc("claims"), content_base64="***")
    payload = filing("invention", documents=[doc("description"), bad])
    assert_rejected(post(api(actors["agent"]), payload), 422, "/documents/1")
