"""``sangtao corpus ingest`` and ``sangtao corpus stats``."""

from __future__ import annotations

import json

from sangtao.cli import main


def test_ingest_then_stats(tmp_path, fixtures, capsys, monkeypatch):
    corpus = tmp_path / "corpus"
    monkeypatch.setenv("SANGTAO_CORPUS_DIR", str(corpus))
    assert main(["corpus", "ingest", str(fixtures / "ipvn"), str(fixtures / "epo")]) == 0
    out = capsys.readouterr()
    assert "records written: 6" in out.out
    assert "priority-claims table" in out.err
    assert main(["corpus", "stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["by_office"] == {"EP": 3, "VN": 3}
    assert main(["corpus", "stats", "--corpus", str(corpus)]) == 0
    assert "documents 6" in capsys.readouterr().out


def test_ingest_again_reports_unchanged_files_as_json(tmp_path, fixtures, capsys):
    args = ["corpus", "ingest", "--corpus", str(tmp_path), "--json", str(fixtures / "epo")]
    assert main(args) == 0
    capsys.readouterr()
    assert main(args) == 0
    report = json.loads(capsys.readouterr().out)
    assert [f["status"] for f in report["files"]] == ["unchanged"]


def test_missing_path(tmp_path, capsys):
    assert main(["corpus", "ingest", "--corpus", str(tmp_path), str(tmp_path / "nope.xml")]) == 2
    assert "no such file" in capsys.readouterr().err
