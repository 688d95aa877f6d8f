"""Ingest into Parquet: bounded batches, issues with file and line, idempotence, duplicates."""

from __future__ import annotations

import hashlib
import json
import shutil

import pyarrow.parquet as pq

from sangtao.corpus import SCHEMA, ingest, open_corpus


def _snapshot(corpus):
    return {
        p.relative_to(corpus).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(corpus.rglob("*"))
        if p.is_file()
    }


def test_ingest_all_fixtures_then_again_changes_nothing(tmp_path, fixtures):
    corpus = tmp_path / "corpus"
    events = []
    report = ingest([fixtures], corpus, progress=events.append, batch_size=2)
    statuses = {f.path.rsplit("/", 1)[-1]: f.status for f in report.files}
    assert statuses["vn_patent_priority_claims_slice.csv"] == "empty"
    assert "README.md" not in statuses
    assert all(s in ("ingested", "empty") for s in statuses.values())
    assert report.records == 40
    assert events[-1].done and events[0].files_total == len(report.files)
    part = next(p for p in (corpus / "documents").glob("*.parquet") if "ipg" not in p.name)
    assert pq.read_schema(part).names == SCHEMA.names
    before = _snapshot(corpus)

    again = ingest([fixtures], corpus)
    assert {f.status for f in again.files} == {"unchanged"}
    assert again.records == 0
    assert _snapshot(corpus) == before


def test_batches_are_row_groups(tmp_path, fixtures):
    report = ingest([fixtures / "uspto" / "ipg120103.slice.xml"], tmp_path, batch_size=3)
    (part,) = (tmp_path / "documents").glob("*.parquet")
    assert pq.ParquetFile(part).metadata.num_row_groups == 2
    assert report.files[0].partition == f"documents/{part.name}"
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    (entry,) = manifest["files"].values()
    assert entry["records"] == 4 and entry["format"] == "uspto-grant-xml"


def test_bad_records_are_reported_with_file_and_line_and_skipped(tmp_path, fixtures):
    src = (fixtures / "uspto" / "ipg120103.slice.xml").read_bytes()
    cut = src.index(b"<?xml", 10)
    path = tmp_path / "ipg.xml"
    path.write_bytes(src[: cut // 2] + b"\n" + src[cut:] + src[cut:])  # truncated + duplicates
    report = ingest([path], tmp_path / "corpus")
    (result,) = report.files
    assert result.status == "ingested"
    assert result.records == 3
    messages = [(i.line, i.message) for i in report.issues]
    assert any("malformed XML" in m for _, m in messages)
    dups = [i for i in report.issues if "duplicate" in i.message]
    assert [i.doc_id for i in dups] == ["US-D651486-S1", "US-D651584-S1", "US-8087209-B2"]
    assert all(i.file == str(path) and i.line for i in dups)


def test_empty_text_records_are_skipped(tmp_path):
    path = tmp_path / "ps.csv"
    path.write_text(
        "Publication Number,Publication Date,Title,Priority Data,IPC,Applicants,Inventors,"
        "FP Image\n"
        "US20130110593,02.05.2013,NA,NA,A21B 1/00,NA,NA,NA\n"
        "US20130110594,02.05.2013,Pizza oven,NA,A21B 1/00,NA,NA,NA\n",
        encoding="utf-8",
    )
    report = ingest([path], tmp_path / "corpus")
    assert report.records == 1
    assert report.issues[0].line == 2 and "empty record" in report.issues[0].message


def test_same_document_from_two_files_is_stored_twice_and_seen_once(tmp_path, fixtures):
    corpus = tmp_path / "corpus"
    ingest([fixtures / "wipo" / "st96_US8930553B2.xml"], corpus)
    report = ingest([fixtures / "uspto" / "US08930553.xml"], corpus)
    assert report.duplicates == 1
    con = open_corpus(corpus)
    rows = con.execute(
        "SELECT count(*) FROM documents_all WHERE doc_id = 'US-8930553-B2'"
    ).fetchone()
    kept = con.execute(
        "SELECT source_format, len(citations) FROM documents WHERE doc_id = 'US-8930553-B2'"
    ).fetchall()
    assert rows == (2,)
    # Both have claims and description; the later ingest wins the tie.
    assert kept == [("uspto-grant-xml", 21)]


def test_an_updated_file_replaces_its_partition(tmp_path, fixtures):
    corpus = tmp_path / "corpus"
    path = tmp_path / "export.jsonl"
    lines = (fixtures / "lens" / "covid_mers_diagnosis_slice.jsonl").read_bytes().splitlines()
    path.write_bytes(b"\n".join(lines[:2]) + b"\n")
    ingest([path], corpus)
    path.write_bytes(b"\n".join(lines[:4]) + b"\n")
    report = ingest([path], corpus)
    assert report.records == 4 and report.documents == 4 and report.duplicates == 0
    assert len(list((corpus / "documents").glob("*.parquet"))) == 1


def test_unsupported_and_missing_files_do_not_stop_the_ingest(tmp_path, fixtures):
    junk = tmp_path / "notes.txt"
    junk.write_text("not a patent file\n", encoding="utf-8")
    shutil.copy(fixtures / "uspto" / "US03937375.greenbook", tmp_path / "aps.txt")
    report = ingest([junk, tmp_path / "missing.xml", tmp_path / "aps.txt"], tmp_path / "corpus")
    assert [f.status for f in report.files] == ["skipped", "failed", "ingested"]
    assert report.documents == 1
