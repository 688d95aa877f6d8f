"""``sangtao eval retrieval`` and ``sangtao eval cross-lingual`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sangtao.cli import main
from sangtao.search import SearchIndex, read_run

from .conftest import CORPUS_FIXTURES


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory, documents) -> Path:
    """A keyword-only index of the real fixture documents."""
    path = tmp_path_factory.mktemp("eval") / "ix"
    with SearchIndex.create(path) as index:
        index.update(documents)
    return path


def test_queries_make_a_run_that_is_scored(tmp_path, index_dir, capsys):
    queries = tmp_path / "queries.tsv"
    queries.write_text("pizza\tPIZZA AND CUTTER\nvn\thợp chất ức chế\nnone\tquasar\n")
    qrels = tmp_path / "qrels.txt"
    qrels.write_text(
        "pizza 0 US-20130239763 2\npizza 0 US-5256432-A 1\npizza 0 NOT-INDEXED 1\n"
        "vn 0 VN-90079-A 1\nnone 0 US-3937375-A 0\n"
    )
    run = tmp_path / "run.txt"
    argv = ["eval", "retrieval", "--qrels", str(qrels), "--queries", str(queries)]
    argv += ["--index", str(index_dir), "--mode", "keyword", "--out-run", str(run), "--json"]
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    by_qid = {q["qid"]: q for q in out["queries"]}
    assert set(by_qid) == {"pizza", "vn"} and out["no_relevant"] == ["none"]
    assert by_qid["vn"]["map"] == 1.0 and by_qid["vn"]["pres"] == 1.0
    pizza = by_qid["pizza"]
    assert pizza["relevant"] == 3 and pizza["relevant_retrieved"] == 2
    assert pizza["recall"] == pytest.approx(2 / 3)
    # the plain-words reading: AND did not make both words required
    written = read_run(run)
    assert len(written["pizza"]) > 2 and "none" not in written  # no hits, no lines
    # scoring the written run gives the same figures
    assert main(["eval", "retrieval", "--qrels", str(qrels), "--run", str(run), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["mean"] == out["mean"]
    assert main(["eval", "retrieval", "--qrels", str(qrels), "--run", str(run)]) == 0
    text = capsys.readouterr().out
    assert "PRES@100" in text and "all (2)" in text and "without a relevant document" in text


def test_retrieval_errors_name_the_file_and_line(tmp_path, index_dir, capsys):
    qrels = tmp_path / "qrels.txt"
    qrels.write_text("q1 0 a 1\nq1 0 b two\n")
    run = tmp_path / "run.txt"
    run.write_text("q1 Q0 a 1 1.0 t\n")
    assert main(["eval", "retrieval", "--qrels", str(qrels), "--run", str(run)]) == 2
    assert "qrels.txt, line 2: grade 'two'" in capsys.readouterr().err
    qrels.write_text("q1 0 a 1\n")
    run.write_text("q1 Q0 a 1 1.0 t\nq1 Q0 b 2\n")
    assert main(["eval", "retrieval", "--qrels", str(qrels), "--run", str(run)]) == 2
    assert "run.txt, line 2: expected 6 fields" in capsys.readouterr().err
    queries = tmp_path / "q.tsv"
    queries.write_text("q1\tpizza\n")
    assert main(["eval", "retrieval", "--qrels", str(qrels), "--queries", str(queries)]) == 2
    assert "--queries needs --index" in capsys.readouterr().err
    missing = tmp_path / "nope.txt"
    assert main(["eval", "retrieval", "--qrels", str(missing), "--run", str(run)]) == 2
    assert "no such file" in capsys.readouterr().err


def test_cross_lingual_on_the_fixtures(tmp_path, capsys):
    argv = ["eval", "cross-lingual", "--embedder", "hashing", "--work", str(tmp_path)]
    argv += ["--vi", str(CORPUS_FIXTURES / "ipvn"), "--en", str(CORPUS_FIXTURES / "lens")]
    assert main([*argv, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    vi_en = {s["mode"]: s for s in out["scores"] if s["direction"] == "vi→en"}
    # two of the three Vietnamese applications share A61K, C07K or C12N with Lens documents
    assert vi_en["keyword"]["queries"] == 3 and vi_en["keyword"]["evaluated"] == 2
    assert all(0 <= s["recall"] <= 1 for s in out["scores"])
    assert main(argv) == 0
    assert "recall@10 of documents sharing an IPC subclass" in capsys.readouterr().out
    assert main([*argv, "--modes", "keyword,fuzzy"]) == 2
    assert "--modes" in capsys.readouterr().err


def test_cross_lingual_options(tmp_path, capsys):
    argv = ["eval", "cross-lingual", "--embedder", "hashing", "--work", str(tmp_path)]
    argv += ["--vi", str(CORPUS_FIXTURES / "ipvn"), "--en", str(CORPUS_FIXTURES / "lens")]
    argv += ["--cache", str(tmp_path / "vectors.sqlite"), "--monolingual", "--json"]
    assert main([*argv, "--split", "tune", "--cross-language-weight", "0.3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["settings"] == {"split": "tune", "seed": 0, "cross_language_weight": 0.3}
    assert {s["direction"] for s in out["scores"]} == {"vi→en", "en→vi", "en→en", "vi→vi"}
    assert (tmp_path / "vectors.sqlite").stat().st_size > 0
    assert main([*argv[:-1], "--split", "held-out"]) == 0
    assert "queries: held-out (seed 0); hybrid cross-language keyword weight" in (
        capsys.readouterr().out
    )
    assert main([*argv, "--cross-language-weight", "2"]) == 2
    assert "--cross-language-weight" in capsys.readouterr().err
