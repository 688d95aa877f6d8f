"""Statistics and families over an ingested corpus (DuckDB over Parquet)."""

from __future__ import annotations

from sangtao.corpus import families, ingest, open_corpus, stats


def test_stats_by_office_year_kind_format_and_language(tmp_path, fixtures):
    corpus = tmp_path / "corpus"
    ingest([fixtures], corpus)
    result = stats(corpus)
    assert result.rows == 40
    # US-8930553-B2 (USPTO XML and ST.96) and EP-0600083-A1 (ST.36 and the TSV) twice.
    assert result.documents == 38
    assert result.duplicates == 2
    assert result.by_office["VN"] == 3
    assert result.by_office["EP"] == 4
    assert result.by_format["ipvn-csv"] == 3
    assert result.by_year["1976"] == 2  # the APS patent and US 3,982,033 A (Lens)
    assert result.by_kind["?"] == 8  # PATENTSCOPE gives no kind
    assert result.text_by_language["titles"]["vi"] == 3
    assert result.text_by_language["abstracts"]["vi"] == 3
    assert result.text_by_language["claims"]["de"] == 2
    assert result.as_dict()["by_format"] == result.by_format


def test_stats_of_an_empty_corpus(tmp_path):
    result = stats(tmp_path / "nothing")
    assert result.documents == 0 and result.by_office == {}


def test_families_are_recomputed_after_ingest(tmp_path, fixtures):
    corpus = tmp_path / "corpus"
    ingest([fixtures / "uspto" / "US08930553.xml"], corpus)
    assert families(corpus) == []
    ingest(
        [fixtures / "wipo" / "st96_US8930553B2.xml", fixtures / "uspto" / "US06336130.xml"], corpus
    )
    con = open_corpus(corpus)
    sizes = dict(con.execute("SELECT family_id, size FROM families").fetchall())
    assert sorted(sizes.values()) == [1, 1]  # the same doc_id twice counts once
    assert (corpus / "families.parquet").exists()


def test_a_first_filing_and_a_document_claiming_it_share_a_family(tmp_path, fixtures):
    # ipg: US 8,087,209 B2 claims DE 20 2009 001 036 U; an ST.96 record of that German
    # utility model (its own application, no priority) falls in the same simple family.
    st96 = (fixtures / "wipo" / "st96_US8930553B2.xml").read_text(encoding="utf-8")
    st96 = (
        st96.replace(
            "<com:IPOfficeCode>US</com:IPOfficeCode>", "<com:IPOfficeCode>DE</com:IPOfficeCode>"
        )
        .replace("8930553", "202009001036")
        .replace("B2<", "U1<")
        .replace("13/648,029", "20 2009 001 036.4")
    )
    path = tmp_path / "de.xml"
    path.write_text(st96, encoding="utf-8")
    corpus = tmp_path / "corpus"
    ingest([path, fixtures / "uspto" / "ipg120103.slice.xml"], corpus)
    (family,) = families(corpus)
    assert family["doc_ids"] == ["DE-202009001036-U1", "US-8087209-B2"]
