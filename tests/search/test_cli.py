"""``sangtao search`` and ``sangtao eval`` from the command line."""

from __future__ import annotations

import json

from sangtao.cli import main

from .conftest import FIXTURES


def test_build_then_search_with_filters_as_json(tmp_path, corpus_dir, capsys, monkeypatch):
    monkeypatch.setenv("SANGTAO_CORPUS_DIR", str(corpus_dir))
    index = tmp_path / "ix"
    assert (
        main(["search", "--build", "--index", str(index), "--embedder", "hashing", "--json"]) == 0
    )
    built = json.loads(capsys.readouterr().out)
    assert built["added"] > 30
    assert built["vectors"] == {"kind": "flat", "vectors": built["added"]}
    assert (
        main(
            [
                "search",
                "pizza",
                "--index",
                str(index),
                "--before",
                "2003-02-07",
                "--ipc",
                "A21",
                "--k",
                "5",
                "--json",
            ]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["mode"] == "hybrid" and out["filters"]["ipc"] == ["A21"]
    assert out["hits"] and all(h["publication_date"] < "2003-02-07" for h in out["hits"])
    assert set(out["hits"][0]["why"]) <= {"keyword", "dense"}
    assert main(["search", "hop chat", "--index", str(index), "--mode", "keyword"]) == 0
    text = capsys.readouterr().out
    assert "VN-90079-A" in text and "«Hợp» «chất»" in text


def test_a_large_build_reports_its_ivf_index(tmp_path, corpus_dir, capsys, monkeypatch):
    from sangtao.search import _vectors

    monkeypatch.setattr(_vectors, "ANN_MIN", 20)
    index = tmp_path / "ix"
    args = ["search", "--build", "--corpus", str(corpus_dir), "--index", str(index)]
    assert main([*args, "--embedder", "hashing"]) == 0
    out = capsys.readouterr().out
    assert "vectors: IVF index, 16 cells" in out and "recall@10 against exact search" in out


def test_errors_are_messages_and_status_2(tmp_path, corpus_dir, capsys):
    assert main(["search", "pizza", "--corpus", str(tmp_path)]) == 2
    assert "search --build" in capsys.readouterr().err
    index = tmp_path / "ix"
    assert (
        main(
            [
                "search",
                "--build",
                "--corpus",
                str(corpus_dir),
                "--index",
                str(index),
                "--embedder",
                "none",
                "--json",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["search", "the of", "--index", str(index)]) == 2
    assert "only stop words" in capsys.readouterr().err
    assert main(["search", "pizza", "--index", str(index), "--ipc", "???"]) == 2
    assert "not a classification symbol" in capsys.readouterr().err


def test_eval_phrase_similarity(capsys):
    slice_ = FIXTURES / "phrase_matching_valid_500.csv"
    assert (
        main(
            [
                "eval",
                "phrase-similarity",
                str(slice_),
                "--embedder",
                "lexical",
                "--limit",
                "200",
                "--json",
            ]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["pairs"] == 200 and 0 < out["pearson"] < 1
    assert main(["eval", "phrase-similarity", "missing.csv"]) == 2
