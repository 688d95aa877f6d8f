"""WIPO ST.96 patent publications (``pat:PatentPublication`` and national roots built on it).

Elements are matched by local name, whatever the namespace prefix or version (``V3_0`` …
``V8_0``, and office extensions such as ``uspat:``/``jppat:``), so a national flavour that
keeps ST.96's names is read too.

References
----------
WIPO ST.96, *Recommendation for the processing in XML of industrial property information*,
Annex III (Patent schema components).
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

__all__ = ["extract_st96", "strip_namespaces"]

_CITED_BY = {
    "examiner": "examiner",
    "applicant": "applicant",
    "third-party": "third-party",
    "thirdparty": "third-party",
    "other": "other",
}


def strip_namespaces(root: ET.Element) -> ET.Element:
    """Rewrite every tag and attribute name of ``root`` to its local name, in place."""
    for elem in root.iter():
        if isinstance(elem.tag, str) and "}" in elem.tag:
            elem.tag = elem.tag.rsplit("}", 1)[1]
        if elem.attrib and any("}" in k for k in elem.attrib):
            elem.attrib = {k.rsplit("}", 1)[-1]: v for k, v in elem.attrib.items()}
    return root


def _first(elem: ET.Element | None, *names: str) -> str:
    if elem is None:
        return ""
    for name in names:
        found = elem.find(f".//{name}")
        if found is not None:
            text = all_text(found)
            if text:
                return text
    return ""


def _party(elem: ET.Element) -> Party | None:
    name = _first(elem, "EntityName", "OrganizationStandardName", "PersonFullName")
    if not name:
        last, first = _first(elem, "LastName"), _first(elem, "FirstName")
        name = ", ".join(p for p in (last, first) if p)
    if not name:
        return None
    return Party(
        name=name, country=office_code(_first(elem, "CountryCode", "ResidenceCountryCode"))
    )


def _class_symbol(elem: ET.Element) -> str:
    text = child_text(elem, "PatentClassificationText")
    if text:
        return text
    section = child_text(elem, "Section") or child_text(elem, "CPCSection")
    return (
        f"{section}{child_text(elem, 'Class')}{child_text(elem, 'Subclass')} "
        f"{child_text(elem, 'MainGroup')}/{child_text(elem, 'Subgroup')}"
    )


def _citation(elem: ET.Element) -> Citation | None:
    category = _first(elem, "CitationCategoryCode", "CitationCategory") or None
    origin = (
        _first(elem, "CitedByCode", "CitationOriginCode") or elem.get("citedBy") or ""
    ).lower()
    cited_by = _CITED_BY.get(origin.replace(" ", "").replace("citedby", ""), None)
    number = _first(elem, "PatentNumber", "PublicationNumber", "DocumentNumber")
    if number:
        office = office_code(_first(elem, "IPOfficeCode")) or "US"
        kind = _first(elem, "PatentDocumentKindCode") or None
        try:
            canon = canonical_number(office, number)
        except RecordError:
            return None
        return Citation(
            doc_id=doc_id_of(office, canon, kind),
            office=office,
            number=canon,
            kind=kind,
            date=parse_date(_first(elem, "PatentDocumentDate", "PublicationDate")),
            text=None,
            cited_by=cited_by,
            category=category,
        )
    text = _first(elem, "NPLReferenceText", "NPLCitationText", "BibliographicReferenceText")
    if not text:
        return None
    return Citation(
        doc_id=None,
        office=None,
        number=None,
        kind=None,
        date=None,
        text=text,
        cited_by=cited_by,
        category=category,
    )


def _texts(root: ET.Element, tag: str, lang: str | None, blocks: tuple[str, ...]) -> list[LangText]:
    out: list[LangText] = []
    for elem in root.iter(tag):
        out.extend(lang_text(elem.get("languageCode") or lang, block_texts(elem, blocks)))
    return out


def extract_st96(root: ET.Element) -> PatentRecord:
    """Build a record from an ST.96 patent publication."""
    strip_namespaces(root)
    bib = root.find("BibliographicData")
    if bib is None:
        bib = next((e for e in root.iter() if e.tag.endswith("BibliographicData")), None)
    if bib is None:
        raise RecordError(f"<{root.tag}> has no BibliographicData")
    pub = bib.find("PatentPublicationIdentification")
    if pub is None:
        pub = bib.find("PatentGrantIdentification")
    if pub is None:
        raise RecordError("no PatentPublicationIdentification")
    lang = (root.get("languageCode") or _first(bib, "PublicationLanguageCode") or "en").lower()
    record = empty_record()
    record["office"] = office_code(child_text(pub, "IPOfficeCode")) or ""
    record["number"] = child_text(pub, "PublicationNumber") or child_text(pub, "PatentNumber")
    record["kind"] = child_text(pub, "PatentDocumentKindCode") or None
    record["publication_date"] = parse_date(
        child_text(pub, "PublicationDate")
        or child_text(pub, "GrantDate")
        or child_text(pub, "IssueDate")
    )
    app = bib.find("ApplicationIdentification")
    if app is not None:
        record["application_office"] = office_code(child_text(app, "IPOfficeCode"))
        record["application_number"] = _first(app, "ApplicationNumberText") or None
        record["application_date"] = parse_date(child_text(app, "FilingDate"))
    for claim in bib.iterfind("PriorityClaimBag/PriorityClaim"):
        number = _first(claim, "ApplicationNumberText")
        if number:
            record["priorities"].append(
                Priority(
                    office=office_code(child_text(claim, "IPOfficeCode")),
                    number=number,
                    date=parse_date(child_text(claim, "FilingDate")),
                )
            )
    for title in bib.iter("InventionTitle"):
        record["titles"].extend(lang_text(title.get("languageCode") or lang, all_text(title)))
    classes = bib.find("PatentClassificationBag")
    ipc = (
        [_class_symbol(e) for e in classes.iter("IPCRClassification")]
        if classes is not None
        else []
    )
    cpc = (
        [_class_symbol(e) for e in classes.iter("CPCClassification")] if classes is not None else []
    )
    record["ipc"], record["ipc_raw"] = normalize_classes(ipc)
    record["cpc"], record["cpc_raw"] = normalize_classes(cpc)
    parties = bib.find("PartyBag")
    if parties is not None:
        record["applicants"] = [p for e in parties.iter("Applicant") if (p := _party(e))]
        record["inventors"] = [p for e in parties.iter("Inventor") if (p := _party(e))]
    record["citations"] = [c for e in bib.iter("ReferenceCitation") if (c := _citation(e))]
    record["abstracts"] = _texts(root, "Abstract", lang, ("P", "Heading"))
    record["descriptions"] = _texts(root, "Description", lang, ("P", "Heading"))
    for claims in root.iter("Claims"):
        texts = [all_text(c) for c in claims.iter("Claim")]
        record["claims"].extend(
            lang_text(claims.get("languageCode") or lang, "\n\n".join(t for t in texts if t))
        )
    return record
