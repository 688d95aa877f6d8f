"""Older USPTO full text: ST.32 SGML-derived grants (2001–2004) and PAP applications."""

from __future__ import annotations

import datetime as dt

from sangtao.corpus import read_records


def test_st32_grant_with_iso_entities_and_image_entity_declarations(fixtures):
    (doc,) = read_records(fixtures / "uspto" / "US06336130.xml")
    assert doc["doc_id"] == "US-6336130-B1"
    assert doc["publication_date"] == dt.date(2002, 1, 1)
    assert doc["titles"][0]["text"] == (
        "Arrangement for improving availability of services in a communication system"
    )
    assert doc["ipc"] == ["G06F 15/16", "G06F 13/00"]
    assert doc["priorities"] == [{"office": "NO", "number": "971605", "date": dt.date(1997, 4, 8)}]
    assert doc["applicants"][0]["name"] == "Telefonaktiebolaget LM Ericsson (publ)"
    first = doc["citations"][0]
    assert (first["doc_id"], first["cited_by"]) == ("US-5825759-A", "examiner")
    npl = [c for c in doc["citations"] if c["text"]]
    assert "\u2018Intelligence on Demand\u2019" in npl[0]["text"]  # &lsquo; … &rsquo;
    assert "Handeg\u00e5ard" in npl[2]["text"]  # &aring;


def test_st32_design_patent_behind_a_commented_doctype(fixtures):
    (doc,) = read_records(fixtures / "uspto" / "USD435854S1.xml")
    assert doc["doc_id"] == "US-D435854-S"
    assert doc["ipc"] == []  # B511 holds a Locarno class for designs
    assert doc["claims"][0]["text"] == (
        "The ornamental design for a disc cartridge, as shown and described."
    )


def test_pap_application(fixtures):
    (doc,) = read_records(fixtures / "uspto" / "US20010000044A1.xml")
    assert doc["doc_id"] == "US-20010000044-A1"
    assert doc["source_format"] == "uspto-pap"
    assert doc["application_number"] == "09342866"
    assert doc["ipc"] == ["G06F 17/60"]
    assert doc["inventors"] == [{"name": "Lin, Wayne", "country": "US"}]
    assert doc["titles"][0]["text"].startswith("Systems and Methods For Transacting Business")
