"""Older USPTO full-text XML: ST.32 grants (``PATDOC``, 2001–2004) and PAP applications (2001–2004).

Both carry full text; bibliographic fields, abstract, description and claims are read. ST.32
grants mark citations ``CITED-BY-EXAMINER`` or ``CITED-BY-OTHER``; PAP applications have no
citations.

References
----------
USPTO, *Red Book* ST.32 grant DTD v2.4–2.5 documentation; *Patent Application Publication*
DTD v1.5/1.6 documentation.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ._errors import RecordError
from ._norm import (
    canonical_number,
    doc_id_of,
    lang_text,
    normalize_classes,
    office_code,
    parse_date,
)
from ._schema import Citation, LangText, Party, PatentRecord, Priority, empty_record
from ._xmltools import all_text, block_texts, child_text

__all__ = ["extract_pap", "extract_st32", "fixed_width_ipc"]


def fixed_width_ipc(value: str) -> str:
    """Rewrite a fixed-width IPC (``"G06F 1516"``, ``"B60R  900"``) as ``"G06F 15/16"``.

    USPTO's APS and ST.32 data write the subclass, a three-character main group (right
    aligned) and the subgroup without separators. Other values are returned unchanged.
    """
    value = value.rstrip()
    if len(value) < 6 or "/" in value or not value[:4].isalnum() or not value[:1].isalpha():
        return value
    group, subgroup = value[4:7].strip(), value[7:].strip()
    if not group.isdigit() or not subgroup.isdigit():
        return value
    return f"{value[:4]} {group}/{subgroup}"


def _st32_party(party: ET.Element | None) -> Party | None:
    if party is None:
        return None
    org = child_text(party, "NAM/ONM")
    name = org or ", ".join(
        p for p in (child_text(party, "NAM/SNM"), child_text(party, "NAM/FNM")) if p
    )
    if not name:
        return None
    return Party(name=name, country=office_code(child_text(party, "ADR/CTRY") or "US"))


def _st32_citation(b561: ET.Element) -> Citation | None:
    doc = b561.find("PCIT/DOC")
    if doc is None:
        return None
    number = child_text(doc, "DNUM")
    office = office_code(child_text(doc, "CTRY")) or "US"
    try:
        canon = canonical_number(office, number)
    except RecordError:
        return None
    kind = child_text(doc, "KIND") or None
    if b561.find("CITED-BY-EXAMINER") is not None:
        cited_by: str | None = "examiner"
    elif b561.find("CITED-BY-OTHER") is not None:
        cited_by = "other"
    else:
        cited_by = None
    return Citation(
        doc_id=doc_id_of(office, canon, kind),
        office=office,
        number=canon,
        kind=kind,
        date=parse_date(child_text(doc, "DATE")),
        text=None,
        cited_by=cited_by,
        category=None,
    )


def _claims(elem: ET.Element | None, tag: str) -> list[LangText]:
    if elem is None:
        return []
    claims = [all_text(c) for c in elem.iter(tag)]
    return lang_text("en", "\n\n".join(c for c in claims if c))


def extract_st32(root: ET.Element) -> PatentRecord:
    """Build a record from an ST.32 ``PATDOC`` grant."""
    bi = root.find("SDOBI")
    if bi is None:
        raise RecordError("<PATDOC> has no SDOBI bibliographic part")
    record = empty_record()
    record["office"] = office_code(child_text(bi, "B100/B190")) or "US"
    record["number"] = child_text(bi, "B100/B110/DNUM")
    record["kind"] = child_text(bi, "B100/B130") or None
    record["publication_date"] = parse_date(child_text(bi, "B100/B140/DATE"))
    record["application_office"] = "US"
    record["application_number"] = child_text(bi, "B200/B210/DNUM") or None
    record["application_date"] = parse_date(child_text(bi, "B200/B220/DATE"))
    record["priorities"] = [
        Priority(
            office=office_code(child_text(p, "B330/CTRY")),
            number=child_text(p, "B310/DNUM"),
            date=parse_date(child_text(p, "B320/DATE")),
        )
        for p in bi.iterfind("B300")
        if child_text(p, "B310/DNUM")
    ]
    record["titles"] = lang_text("en", child_text(bi, "B500/B540"))
    ipc = [
        fixed_width_ipc(all_text(e))
        for e in bi.iterfind("B500/B510/*")
        if e.tag in ("B511", "B512")
    ]
    if child_text(bi, "B100/B130").startswith("S"):
        ipc = []  # design patents give a Locarno class in B511
    record["ipc"], record["ipc_raw"] = normalize_classes(ipc)
    record["inventors"] = [
        p for e in bi.iterfind("B700/B720/B721") if (p := _st32_party(e.find("PARTY-US")))
    ]
    record["applicants"] = [
        p for e in bi.iterfind("B700/B730/B731") if (p := _st32_party(e.find("PARTY-US")))
    ]
    citations = [c for e in bi.iterfind("B500/B560/B561") if (c := _st32_citation(e))]
    for e in bi.iterfind("B500/B560/B562"):
        text = child_text(e, "NCIT")
        if text:
            cited_by = "examiner" if e.find("CITED-BY-EXAMINER") is not None else "other"
            citations.append(
                Citation(
                    doc_id=None,
                    office=None,
                    number=None,
                    kind=None,
                    date=None,
                    text=text,
                    cited_by=cited_by,
                    category=None,
                )
            )
    record["citations"] = citations
    record["abstracts"] = lang_text("en", block_texts(root.find("SDOAB"), ("PARA",)))
    record["descriptions"] = lang_text("en", block_texts(root.find("SDODE"), ("PARA", "H")))
    record["claims"] = _claims(root.find("SDOCL"), "CLM")
    return record


def _pap_party(elem: ET.Element) -> Party | None:
    org = child_text(elem, "organization-name")
    name = org or ", ".join(
        p for p in (child_text(elem, "name/family-name"), child_text(elem, "name/given-name")) if p
    )
    if not name:
        return None
    country = child_text(elem, "residence/residence-non-us/country-code") or (
        "US" if elem.find("residence/residence-us") is not None else ""
    )
    return Party(name=name, country=office_code(country))


def extract_pap(root: ET.Element) -> PatentRecord:
    """Build a record from a PAP ``patent-application-publication``."""
    bi = root.find("subdoc-bibliographic-information")
    if bi is None:
        raise RecordError("<patent-application-publication> has no bibliographic part")
    record = empty_record()
    record["office"] = "US"
    record["number"] = child_text(bi, "document-id/doc-number")
    record["kind"] = child_text(bi, "document-id/kind-code") or None
    record["publication_date"] = parse_date(child_text(bi, "document-id/document-date"))
    record["application_office"] = "US"
    record["application_number"] = (
        child_text(bi, "domestic-filing-data/application-number/doc-number") or None
    )
    record["application_date"] = parse_date(child_text(bi, "domestic-filing-data/filing-date"))
    record["priorities"] = [
        Priority(
            office=office_code(child_text(p, "country-code")),
            number=child_text(p, "priority-application-number/doc-number"),
            date=parse_date(child_text(p, "filing-date")),
        )
        for p in bi.iterfind("foreign-priority-data")
        if child_text(p, "priority-application-number/doc-number")
    ]
    tech = bi.find("technical-information")
    record["titles"] = lang_text("en", child_text(tech, "title-of-invention"))
    ipc = [all_text(e) for e in (tech.iter("ipc") if tech is not None else ())]
    record["ipc"], record["ipc_raw"] = normalize_classes(ipc)
    inventors = bi.find("inventors")
    if inventors is not None:
        record["inventors"] = [
            p
            for e in inventors
            if e.tag in ("first-named-inventor", "inventor")
            if (p := _pap_party(e))
        ]
    record["applicants"] = [p for e in bi.iterfind("assignee") if (p := _pap_party(e))]
    record["abstracts"] = lang_text("en", block_texts(root.find("subdoc-abstract"), ("paragraph",)))
    record["descriptions"] = lang_text(
        "en", block_texts(root.find("subdoc-description"), ("paragraph", "heading"))
    )
    record["claims"] = _claims(root.find("subdoc-claims"), "claim")
    return record
