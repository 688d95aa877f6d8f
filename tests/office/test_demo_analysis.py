"""Demo landscapes and index runs: real runs the analysis pages list, built once."""

from __future__ import annotations

import json
from pathlib import Path

from sangtao.office.backoffice.runs import list_runs
from sangtao.office.demo_analysis import (
    LANDSCAPE_DEFINITIONS,
    build_demo_indices,
    build_demo_landscapes,
)

TESTS = Path(__file__).resolve().parents[1]
EXAMPLES = TESTS.parent / "examples"


def test_demo_landscapes_are_built_once_with_topic_maps(tmp_path):
    sources = [TESTS / "landscape" / "fixtures"]
    out, lines = tmp_path / "landscapes", []
    built = build_demo_landscapes(sources, tmp_path / "corpus", out, log=lines.append)
    assert [p.name for p in built] == [f"demo-{d}" for d in LANDSCAPE_DEFINITIONS]
    for run in built:
        meta = json.loads((run / "meta.json").read_text())
        assert meta["families"] > 0 and meta["topics"]["families"] == meta["families"]
        assert (run / "report.pdf").read_bytes().startswith(b"%PDF")
        assert (run / "tables" / "topics_clusters.csv").exists()
    assert {r.name for r in list_runs(out)} == {p.name for p in built}
    again: list[str] = []
    assert build_demo_landscapes(sources, tmp_path / "corpus", out, log=again.append) == []
    assert all("already built" in line for line in again)


def test_demo_indices_build_the_examples_once(tmp_path):
    built = build_demo_indices(EXAMPLES, tmp_path, log=lambda _: None)
    assert [p.name for p in built] == ["asem-default", "pii"]
    results = (tmp_path / "asem-default" / "results.csv").read_text()
    assert results.startswith("uCode") and "CHE" in results
    assert (tmp_path / "pii" / "report.html").exists()
    assert build_demo_indices(EXAMPLES, tmp_path, log=lambda _: None) == []
