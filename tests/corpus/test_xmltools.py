"""Bad XML in bulk files: each bad document is reported with its line and skipped."""

from __future__ import annotations

import io

import pytest

from sangtao.corpus import read_records
from sangtao.corpus._xmltools import parse_document, split_documents
from sangtao.standards import UnsafeXmlError

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE us-patent-grant [
<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<us-patent-grant><us-bibliographic-data-grant>&lol2;</us-bibliographic-data-grant></us-patent-grant>
"""


def _weekly(fixtures) -> list[bytes]:
    data = (fixtures / "uspto" / "ipg120103.slice.xml").read_bytes()
    return [doc for _, doc in split_documents(io.BytesIO(data))]


def test_split_gives_each_document_and_its_first_line(fixtures):
    data = (fixtures / "uspto" / "ipg120103.slice.xml").read_bytes()
    lines = [line for line, _ in split_documents(io.BytesIO(data))]
    assert lines[0] == 1 and lines[-1] == 1087 and len(lines) == 4


def test_truncated_document_is_skipped_and_the_next_one_read(tmp_path, fixtures):
    docs = _weekly(fixtures)
    path = tmp_path / "ipg.xml"
    path.write_bytes(docs[0][: len(docs[0]) // 2] + b"\n" + docs[1])
    issues = []
    records = list(read_records(path, on_issue=issues.append))
    assert [r["doc_id"] for r in records] == ["US-D651486-S1"]
    assert issues[0].severity == "error"
    assert "malformed XML" in issues[0].message
    assert issues[0].line is not None and issues[0].line > 1


def test_entity_expansion_is_refused(tmp_path, fixtures):
    path = tmp_path / "ipg.xml"
    path.write_bytes(BILLION_LAUGHS + _weekly(fixtures)[1])
    issues = []
    records = list(read_records(path, format="uspto-grant-xml", on_issue=issues.append))
    assert [r["doc_id"] for r in records] == ["US-D651486-S1"]
    assert "entity declarations are not accepted" in issues[0].message
    with pytest.raises(UnsafeXmlError):
        parse_document(BILLION_LAUGHS)


def test_external_entity_hidden_among_image_entities_is_refused():
    doc = (
        b'<?xml version="1.0"?>\n<!DOCTYPE PATDOC SYSTEM "x.dtd" [\n'
        b'<!ENTITY a.TIF SYSTEM "a.TIF" NDATA TIF>\n'
        b'<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n<PATDOC>&xxe;</PATDOC>'
    )
    with pytest.raises(UnsafeXmlError):
        parse_document(doc)


def test_latin1_bytes_in_a_utf8_document_are_reported(tmp_path, fixtures):
    docs = _weekly(fixtures)
    bad = docs[0].replace(b">Table base<", ">Table basé<".encode("latin-1"), 1)
    assert bad != docs[0]
    path = tmp_path / "ipg.xml"
    path.write_bytes(bad + docs[1])
    issues = []
    records = list(read_records(path, on_issue=issues.append))
    assert len(records) == 1
    assert "not well-formed (invalid token)" in issues[0].message


def test_latin1_document_that_says_so_is_read(tmp_path, fixtures):
    doc = _weekly(fixtures)[1].decode("utf-8")
    doc = doc.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    doc = doc.replace(">Garden stake<", ">Piquet de jardin à fleurs<")
    path = tmp_path / "latin1.xml"
    path.write_bytes(doc.encode("latin-1"))
    (record,) = read_records(path)
    assert record["titles"][0]["text"] == "Piquet de jardin à fleurs"
