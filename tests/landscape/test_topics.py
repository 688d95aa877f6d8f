"""Topic maps: embeddings → projection → clusters with labelled topics → density contours."""

from __future__ import annotations

import csv
import json
import math
import random
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sangtao.cli import main
from sangtao.landscape import (
    DuckDBEngine,
    Landscape,
    TopicMap,
    add_topic_map,
    build_topic_map,
    topic_documents,
    write_report,
)
from sangtao.landscape._topic_terms import cluster_terms, language_of, terms_of
from sangtao.search import HashingEmbedder

BATTERY = (
    "lithium battery cell electrode cathode anode electrolyte separator charging pack graphite"
).split()
DRONE = "drone propeller rotor flight controller camera gimbal aerial navigation wing".split()
DRONE_VI = [
    "máy bay không người lái",
    "cánh quạt",
    "điều khiển bay",
    "camera giám sát",
    "pin sạc",
    "hạ cánh",
]


def _docs(n: int, vocabularies: list[list[str]], seed: int = 1) -> list[dict[str, object]]:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        vocab = vocabularies[i % len(vocabularies)]
        docs.append(
            {
                "family_id": f"F{i:03d}",
                "doc_id": f"XX-{i}-A",
                "title": " ".join(rng.sample(vocab, 4)),
                "abstract": " ".join(rng.choices(vocab, k=25)),
                "year": 2000 + i % 20,
                "ipc": ["H01M 10/0525"] if vocab is BATTERY else ["B64U 10/13"],
            }
        )
    return docs


def _embedder() -> HashingEmbedder:
    return HashingEmbedder(256)


@pytest.fixture(scope="module")
def two_topics() -> tuple[list[dict[str, object]], TopicMap]:
    docs = _docs(40, [BATTERY, DRONE])
    return docs, build_topic_map(docs, _embedder(), seed=0)


def test_two_vocabularies_fall_into_two_labelled_clusters(
    two_topics: tuple[list[dict[str, object]], TopicMap],
) -> None:
    docs, tm = two_topics
    assert tm.meta["k"] == 2 and tm.meta["k_chosen_by"] == "silhouette"
    assert tm.meta["projection"] == "tsne" and tm.meta["fallback"] == []
    vocab_of = {d["family_id"]: ("battery" if "H01M" in d["ipc"][0] else "drone") for d in docs}
    by_cluster: dict[int, set[str]] = {}
    for p in tm.points.to_pylist():
        by_cluster.setdefault(p["cluster"], set()).add(vocab_of[p["family_id"]])
    assert sorted(map(sorted, by_cluster.values())) == [["battery"], ["drone"]]
    clusters = {r["top_ipc"].split(" ")[0]: r for r in tm.clusters.to_pylist()}
    assert set(clusters) == {"H01M", "B64U"}
    for ipc, vocab in (("H01M", BATTERY), ("B64U", DRONE)):
        row = clusters[ipc]
        terms = row["top_terms"].split(", ")
        assert len(terms) >= 5
        assert all(word in vocab for term in terms for word in term.split()), terms
        assert row["label_en"] and row["label_vi"] == ""
        assert row["families"] == 20 and row["share"] == 0.5
        assert (row["year_min"], row["year_max"]) == (
            (2000, 2018) if vocab is BATTERY else (2001, 2019)
        )
        assert row["top_ipc"] == f"{ipc} (20)"
        assert vocab_of[row["representative_family"]] == (
            "battery" if vocab is BATTERY else "drone"
        )
    assert tm.density is not None and tm.density.z.shape == (100, 100)
    frames = tm.to_pandas()
    assert list(frames[0].columns[:2]) == ["family_id", "doc_id"] and len(frames[1]) == 2


def test_the_map_is_deterministic_for_a_seed(
    two_topics: tuple[list[dict[str, object]], TopicMap],
) -> None:
    docs, first = two_topics
    again = build_topic_map(docs, _embedder(), seed=0)
    assert again.points.equals(first.points) and again.clusters.equals(first.clusters)
    assert first.meta["seed"] == 0 and first.meta["threads"] == 1
    other = build_topic_map(docs, _embedder(), seed=7)
    assert other.meta["seed"] == 7
    assert other.points["cluster"].to_pylist() == first.points["cluster"].to_pylist()


def test_vietnamese_terms_are_folded_for_matching_and_shown_with_diacritics() -> None:
    texts = [
        "Máy bay có cơ cấu gập",
        "MÁY BAY và thiết bị sạc",
        "may bay cho sáng chế",
        "Cánh quạt và thiết bị sạc",
        "Camera giám sát có cánh",
        "Pin lithium có điện cực",
    ]
    # five texts in cluster 0: a term must be in two of them; "máy bay" is, once folded
    terms = cluster_terms(texts, [0, 0, 0, 0, 0, 1], n_terms=8, lang="vi")
    assert terms[0][0] == "máy bay" and "may bay" not in terms[0]
    assert "sạc" in terms[0] and "gập" not in terms[0]
    for stop in ("thiết bị", "sáng chế", "có", "và", "cho"):
        assert stop not in terms[0], stop
    assert terms[1] == ["điện cực", "pin lithium"]  # "lithium có điện": no pair across "có"
    shown = [s for _, s in terms_of(texts[0], "vi")]
    assert "cơ cấu" in shown and "có" not in shown and "máy" not in shown  # syllables pair
    # unmarked "may" is not the English stop word in Vietnamese text; "may" is in English
    assert ("may bay", "may bay") in terms_of("may bay", "vi")
    assert terms_of("it may fly", "en") == [("fly", "fly")]
    assert terms_of("Verfahren und Vorrichtung für eine Drohne", "de") == [("drohne", "drohne")]
    assert language_of("Thiết bị bay không người lái") == "vi"
    assert language_of("thiet bi bay khong nguoi lai cho may bay") == "vi"
    assert language_of("Unmanned aerial vehicle") == "en"
    assert language_of("Fernbedienungssystem FÌr Eine Rakete") != "vi"
    assert language_of("whatever", "DE") == "de"


def test_labels_per_language() -> None:
    rng = random.Random(3)
    docs = _docs(20, [BATTERY])
    for i in range(20):
        docs.append(
            {
                "family_id": f"V{i:03d}",
                "doc_id": f"VN-{i}-A",
                "title": " và ".join(rng.sample(DRONE_VI, 3)),
                "abstract": "Sáng chế đề cập đến " + ", ".join(rng.choices(DRONE_VI, k=8)),
                "year": 2020,
            }
        )
    tm = build_topic_map(docs, _embedder(), seed=0)
    rows = tm.clusters.to_pylist()
    assert len(rows) == 2
    vi = next(r for r in rows if r["label_vi"])
    assert vi["families"] == 20 and vi["label_en"] == ""
    assert any(ch in vi["label_vi"] for ch in "áạư"), vi["label_vi"]
    assert "sáng chế" not in vi["top_terms"] and "đề cập" not in vi["top_terms"]
    languages = {p["family_id"][0]: p["language"] for p in tm.points.to_pylist()}
    assert languages == {"F": "en", "V": "vi"}


@pytest.mark.parametrize(
    ("n", "fallback"),
    [
        (0, ["empty"]),
        (1, ["one-cluster-under-10", "one-family", "no-density"]),
        (2, ["one-cluster-under-10", "pca-under-20", "no-density"]),
        (5, ["one-cluster-under-10", "pca-under-20"]),
    ],
)
def test_small_maps_fall_back_without_nan(n: int, fallback: list[str]) -> None:
    tm = build_topic_map(_docs(n, [BATTERY, DRONE]), _embedder(), seed=0)
    assert tm.meta["fallback"] == fallback
    assert tm.points.num_rows == n and tm.clusters.num_rows == min(n, 1)
    for p in tm.points.to_pylist():
        assert math.isfinite(p["x"]) and math.isfinite(p["y"]) and p["cluster"] == 0
    for r in tm.clusters.to_pylist():
        assert r["families"] == n and math.isfinite(r["x"]) and r["top_terms"]
    chart = tm.chart()
    assert (chart is None) == (n == 0)


def test_given_k_identical_texts_and_neighbour_placement() -> None:
    tm = build_topic_map(_docs(5, [BATTERY, DRONE]), _embedder(), k=9)
    assert tm.meta["k_chosen_by"] == "given" and "k-reduced" in tm.meta["fallback"]
    assert tm.clusters.num_rows == 5
    same = [{"family_id": f"S{i}", "title": "Drone", "abstract": "A drone."} for i in range(12)]
    tm = build_topic_map(same, _embedder())
    assert tm.meta["k"] == 1 and "identical-texts" in tm.meta["fallback"]
    assert set(tm.points["x"].to_pylist()) == {0.0}
    docs = _docs(60, [BATTERY, DRONE])
    tm = build_topic_map(docs, _embedder(), max_fit=30, k=2)
    assert tm.meta["fitted_on"] == 30 and tm.meta["placed_by_neighbours"] == 30
    assert all(math.isfinite(x) for x in tm.points["x"].to_pylist())
    vectors = _embedder().embed_passages([f"{d['title']}. {d['abstract']}" for d in docs])
    pre = build_topic_map(docs, vectors=vectors, k=2)
    assert pre.meta["embedder"] == "precomputed vectors"
    assert pre.points["cluster"].to_pylist() == tm.points["cluster"].to_pylist()
    with pytest.raises(ValueError, match="vectors for 60 families"):
        build_topic_map(docs, vectors=vectors[:3])


def test_chart_files_are_written(
    two_topics: tuple[list[dict[str, object]], TopicMap], tmp_path: Path
) -> None:
    _, tm = two_topics
    png, svg = tm.chart("png"), tm.chart("svg")
    assert png is not None and png.startswith(b"\x89PNG") and len(png) > 20_000
    assert svg is not None and b"<svg" in svg[:500]
    (tmp_path / "map.png").write_bytes(png)
    assert (tmp_path / "map.png").stat().st_size == len(png)
    with pytest.raises(ValueError, match="unknown chart format"):
        tm.chart("gif")


def test_topic_documents_come_from_the_corpus(corpus_dir: Path, uav: Landscape) -> None:
    docs = topic_documents(corpus_dir, uav.tables["families"])
    families = uav.tables["families"]
    assert set(docs["family_id"].to_pylist()) == set(families["family_id"].to_pylist())
    assert docs.column_names == [
        "family_id", "doc_id", "language", "title", "abstract", "year", "ipc",
    ]  # fmt: skip
    years = {r["family_id"]: r["priority_year"] for r in families.to_pylist()}
    assert all(r["year"] == years[r["family_id"]] for r in docs.to_pylist())
    with DuckDBEngine(corpus_dir) as engine:
        every = engine.query("SELECT DISTINCT family_id FROM documents")["family_id"]
        docs = topic_documents(engine, every.to_pylist())
    assert {"en", "vi", "de", "fr"} <= set(docs["language"].to_pylist())
    vi = [r for r in docs.to_pylist() if r["language"] == "vi"]
    assert vi and all(r["title"] or r["abstract"] for r in vi)
    assert docs.num_rows > len(set(docs["family_id"].to_pylist()))


def test_report_has_the_topic_map(corpus_dir: Path, uav: Landscape, tmp_path: Path) -> None:
    ls = Landscape(uav.definition, uav.node, dict(uav.tables), dict(uav.meta), uav.match)
    tm = add_topic_map(ls, corpus_dir, _embedder(), k=3)
    assert tm.points.num_rows == 76 and ls.meta["topics"]["families_without_text"] == 0
    written = write_report(ls, tmp_path, ["csv", "xlsx", "html", "pdf"])
    assert written["topic_map"].stat().st_size > 10_000
    assert written["topic_map_svg"].read_bytes().lstrip().startswith(b"<?xml")
    with (written["csv"] / "topics_clusters.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["cluster"] for r in rows] == ["0", "1", "2"]
    assert sum(int(r["families"]) for r in rows) == 76
    with (written["csv"] / "topics_points.csv").open(encoding="utf-8") as stream:
        assert len(list(csv.DictReader(stream))) == 76
    sheets = load_workbook(written["xlsx"], read_only=True).sheetnames
    assert {"topics_points", "topics_clusters"} <= set(sheets)
    page = written["html"].read_text(encoding="utf-8")
    assert "Bản đồ chủ đề" in page and "Topic map" in page
    assert "Nhãn (từ tiếng Anh) / Label (English terms)" in page
    assert page.count("data:image/png;base64,") == 6
    assert written["pdf"].read_bytes().startswith(b"%PDF")
    meta = json.loads(written["meta"].read_text(encoding="utf-8"))
    assert meta["topics"]["k"] == 3 and meta["topics"]["k_chosen_by"] == "given"
    assert "topics_points" not in uav.tables


def test_cli_builds_topics_by_default_from_30_families(
    corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["landscape", "build", "qd1131-2025", "--group", "11", "--corpus", str(corpus_dir)]
    out = tmp_path / "uav"
    assert main([*args, "--out", str(out), "--formats", "csv", "--topic-embedder", "hashing"]) == 0
    printed = capsys.readouterr().out
    assert "topic map: 76 families" in printed and "hashing" in printed
    assert (out / "tables" / "topics_clusters.csv").exists() and (out / "topic_map.png").exists()
    out2 = tmp_path / "no"
    assert main([*args, "--out", str(out2), "--formats", "csv", "--no-topics"]) == 0
    assert not (out2 / "tables" / "topics_points.csv").exists()
    assert "topic map" not in capsys.readouterr().out
    assert main([*args, "--out", str(out2), "--topic-embedder", "nope"]) == 2
    assert "unknown embedder 'nope'" in capsys.readouterr().err
