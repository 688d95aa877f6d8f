"""USPTO full-text XML (grants ``ipg``, applications ``ipa``; DTD v4.0–v4.7) and WIPO ST.36.

USPTO's v4 DTDs are built on WIPO ST.36, so one extractor reads both: the bibliographic part
(``us-bibliographic-data-grant``, ``us-bibliographic-data-application`` or ST.36's
``bibliographic-data``), then ``abstract``, ``description`` and ``claims``. Citations give
``cited by examiner``/``cited by applicant`` (USPTO) or a search-report category ``X``/``Y``/``A``
(ST.36 and EPO).

References
----------
USPTO, *Patent Grant Full Text Data (XML)* documentation, DTD v4.x; WIPO ST.36,
*Recommendation for the processing of patent information using XML*.
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

__all__ = ["extract_st36"]

_BIBLIO = (
    "us-bibliographic-data-grant",
    "us-bibliographic-data-application",
    "bibliographic-data",
    "SDOBI",
)
_DESCRIPTION_BLOCKS = ("p", "heading")
_RELEVANCE = frozenset("XYAPEDLOT&I")
_CITED_BY = {
    "cited by examiner": "examiner",
    "cited by applicant": "applicant",
    "cited by other": "other",
    "cited by third party": "third-party",
}


def _doc_id(elem: ET.Element | None) -> tuple[str, str, str, str]:
    if elem is None:
        return "", "", "", ""
    return (
        child_text(elem, "country"),
        child_text(elem, "doc-number"),
        child_text(elem, "kind"),
        child_text(elem, "date"),
    )


def _name(book: ET.Element | None) -> str:
    if book is None:
        return ""
    org = child_text(book, "orgname")
    if org:
        return org
    name = child_text(book, "name")
    if name:
        return name
    last, first = child_text(book, "last-name"), child_text(book, "first-name")
    return ", ".join(part for part in (last, first) if part)


def _party(elem: ET.Element) -> Party | None:
    book = elem.find("addressbook")
    name = _name(book if book is not None else elem)
    if not name:
        return None
    country = (
        child_text(elem, "residence/country")
        or child_text(elem, "addressbook/address/country")
        or child_text(elem, "nationality/country")
    )
    return Party(name=name, country=office_code(country))


def _parties(biblio: ET.Element) -> tuple[list[Party], list[Party]]:
    applicants: list[Party] = []
    inventors: list[Party] = []
    for path in ("parties", "us-parties"):
        group = biblio.find(path)
        if group is None:
            continue
        for elem in group.iter():
            if elem.tag in ("applicant", "us-applicant"):
                party = _party(elem)
                if party is None:
                    continue
                if elem.get("app-type") == "applicant-inventor" and not child_text(
                    elem, "addressbook/orgname"
                ):
                    inventors.append(party)
                else:
                    applicants.append(party)
            elif elem.tag == "inventor":
                party = _party(elem)
                if party is not None:
                    inventors.append(party)
    for elem in biblio.iterfind("assignees/assignee"):
        party = _party(elem)
        if party is not None:
            applicants.append(party)
    return _unique(applicants), _unique(inventors)


def _unique(parties: list[Party]) -> list[Party]:
    seen: dict[str, Party] = {}
    for party in parties:
        key = party["name"].casefold()
        if key not in seen or (party["country"] and not seen[key]["country"]):
            seen[key] = party
    return list(seen.values())


def _ipc(biblio: ET.Element) -> tuple[list[str], list[str]]:
    values: list[str] = []
    for elem in biblio.iterfind("classifications-ipcr/classification-ipcr"):
        tokens = child_text(elem, "text").split()
        if len(tokens) >= 2 and "/" in tokens[1]:
            values.append(f"{tokens[0]} {tokens[1]}")  # "B65H  29/66  20060101AFI…"
            continue
        section = "".join(child_text(elem, part) for part in ("section", "class", "subclass"))
        values.append(f"{section} {child_text(elem, 'main-group')}/{child_text(elem, 'subgroup')}")
    for path in (
        "classification-ipc/main-classification",
        "classification-ipc/further-classification",
    ):
        values.extend(all_text(e) for e in biblio.iterfind(path))
    return normalize_classes(values)


def _cpc(biblio: ET.Element) -> tuple[list[str], list[str]]:
    values = []
    for elem in biblio.iter("classification-cpc"):
        section = "".join(child_text(elem, part) for part in ("section", "class", "subclass"))
        values.append(f"{section} {child_text(elem, 'main-group')}/{child_text(elem, 'subgroup')}")
    return normalize_classes(values)


def _citation(elem: ET.Element) -> Citation | None:
    patcit = elem.find("patcit")
    categories = [all_text(c) for c in elem.iterfind("category")]
    cited_by = next((_CITED_BY[c.lower()] for c in categories if c.lower() in _CITED_BY), None)
    relevance = "".join(c for c in categories if c and set(c) <= _RELEVANCE) or None
    if patcit is not None:
        country, number, kind, date = _doc_id(patcit.find("document-id"))
        office = office_code(country) or "US"
        if not number:
            return None
        try:
            canon = canonical_number(office, number)
        except RecordError:
            return None
        return Citation(
            doc_id=doc_id_of(office, canon, kind or None),
            office=office,
            number=canon,
            kind=kind or None,
            date=parse_date(date),
            text=None,
            cited_by=cited_by,
            category=relevance,
        )
    npl = elem.find("nplcit")
    if npl is None:
        return None
    text = all_text(npl)
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
        category=relevance,
    )


def _texts(
    root: ET.Element, tag: str, default_lang: str | None, blocks: tuple[str, ...]
) -> list[LangText]:
    out: list[LangText] = []
    for elem in root.iterfind(tag):
        lang = elem.get("lang") or default_lang
        out.extend(lang_text(lang, block_texts(elem, blocks)))
    return out


def _claims(root: ET.Element, default_lang: str | None) -> list[LangText]:
    out: list[LangText] = []
    for elem in root.iterfind("claims"):
        lang = elem.get("lang") or default_lang
        claims = [all_text(c) for c in elem.iter("claim")]
        out.extend(lang_text(lang, "\n\n".join(c for c in claims if c)))
    return out


def extract_st36(root: ET.Element) -> PatentRecord:
    """Build a record from a USPTO v4 grant or application, or an ST.36 patent document.

    Raises
    ------
    RecordError
        If the document has no bibliographic part or no publication number.
    """
    biblio = next((b for name in _BIBLIO if (b := root.find(name)) is not None), None)
    if biblio is None:
        raise RecordError(f"<{root.tag}> has no bibliographic data")
    country, number, kind, date = _doc_id(biblio.find("publication-reference/document-id"))
    default_lang = (root.get("lang") or "en").lower()
    record = empty_record()
    record["office"] = office_code(country or root.get("country")) or ""
    record["number"] = number
    record["kind"] = kind or None
    record["publication_date"] = parse_date(date or root.get("date-publ"))
    app_country, app_number, _, app_date = _doc_id(biblio.find("application-reference/document-id"))
    record["application_office"] = office_code(app_country)
    record["application_number"] = app_number or None
    record["application_date"] = parse_date(app_date)
    record["priorities"] = [
        Priority(
            office=office_code(child_text(p, "country")),
            number=child_text(p, "doc-number"),
            date=parse_date(child_text(p, "date")),
        )
        for p in biblio.iterfind("priority-claims/priority-claim")
        if child_text(p, "doc-number")
    ]
    for title in biblio.iterfind("invention-title"):
        record["titles"].extend(lang_text(title.get("lang") or default_lang, all_text(title)))
    record["ipc"], record["ipc_raw"] = _ipc(biblio)
    record["cpc"], record["cpc_raw"] = _cpc(biblio)
    record["applicants"], record["inventors"] = _parties(biblio)
    citations = [
        c
        for path in (
            "us-references-cited/us-citation",
            "references-cited/citation",
            "us-references-cited/citation",
        )
        for elem in biblio.iterfind(path)
        if (c := _citation(elem)) is not None
    ]
    for srep in root.iter("srep-citations"):
        citations.extend(c for elem in srep.iterfind("citation") if (c := _citation(elem)))
    record["citations"] = citations
    record["abstracts"] = _texts(root, "abstract", default_lang, ("p", "heading"))
    record["descriptions"] = _texts(root, "description", default_lang, _DESCRIPTION_BLOCKS)
    record["claims"] = _claims(root, default_lang)
    return record
