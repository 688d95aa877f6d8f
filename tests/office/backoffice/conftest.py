"""Real landscape and index runs, written once by the libraries as the CLI writes them."""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[2]
EXAMPLES = TESTS.parent / "examples"


@pytest.fixture(scope="session")
def landscape_runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding one run: Decision 1131 group 11 on the test corpus, every format,
    with a topic map."""
    from sangtao.corpus import ingest
    from sangtao.landscape import add_topic_map, build_landscape, load_definition, write_report
    from sangtao.search import HashingEmbedder

    root = tmp_path_factory.mktemp("landscape-runs")
    corpus = root.parent / "landscape-corpus"
    ingest([TESTS / "corpus" / "fixtures", TESTS / "landscape" / "fixtures"], corpus)
    landscape = build_landscape(load_definition("qd1131-2025"), corpus, "11")
    add_topic_map(landscape, corpus, HashingEmbedder())
    write_report(landscape, root / "qd1131-group-11")
    return root


@pytest.fixture(scope="session")
def index_runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding one run of the PII example: stages, results, workbook, HTML report."""
    from sangtao.indices import export_coin, load_spec, write_report

    root = tmp_path_factory.mktemp("index-runs")
    coin = load_spec(EXAMPLES / "pii" / "pii.yaml").build()
    export_coin(coin, root / "pii")
    write_report(coin, root / "pii", title="PII", pdf=False)
    return root
