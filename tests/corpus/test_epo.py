"""EPO full-text TSV."""

from __future__ import annotations

import datetime as dt

from sangtao.corpus import read_records


def test_documents_grouped_from_their_lines_with_languages(fixtures):
    docs = list(read_records(fixtures / "epo" / "sampleEP0600000.tsv"))
    assert [d["doc_id"] for d in docs] == ["EP-0600083-A1", "EP-0600102-A1", "EP-0600103-A1"]
    first = docs[0]
    assert first["publication_date"] == dt.date(1994, 6, 8)
    assert {t["lang"]: t["text"] for t in first["titles"]}["fr"] == (
        "DISPOSITIF D'ACHEMINEMENT ET DE POSITIONNEMENT DE FEUILLES DE PAPIER"
    )
    assert first["abstracts"][0]["lang"] == "en"
    assert "<p" not in first["descriptions"][0]["text"]
    assert first["descriptions"][0]["text"].startswith("Field of Technology\n\nThis invention")
    assert docs[1]["claims"][0]["lang"] == "de"
    assert docs[1]["source_line"] == 8


def test_a_malformed_fragment_is_kept_as_plain_text(tmp_path):
    path = tmp_path / "ep.tsv"
    path.write_text(
        "EP\t0600999\tA1\t1994-06-08\ten\tTITLE\tA title\n"
        "EP\t0600999\tA1\t1994-06-08\ten\tABSTR\t<p>unclosed <b>bold</p>\n",
        encoding="utf-8",
    )
    issues = []
    (doc,) = read_records(path, on_issue=issues.append)
    assert doc["abstracts"][0]["text"] == "unclosed bold"
    assert issues[0].severity == "warning" and issues[0].line == 2
