"""Fixtures of the landscape tests: a small corpus of real documents, ingested once."""

from __future__ import annotations

from pathlib import Path

import pytest

from sangtao.corpus import ingest
from sangtao.landscape import Landscape, build_landscape, load_definition

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
CORPUS_FIXTURES = HERE.parent / "corpus" / "fixtures"


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus fixtures plus the landscape fixtures (drones, IP Viet Nam, citations)."""
    target = tmp_path_factory.mktemp("landscape") / "corpus"
    report = ingest([CORPUS_FIXTURES, FIXTURES], target)
    assert report.errors == 0
    return target


@pytest.fixture(scope="session")
def uav(corpus_dir: Path) -> Landscape:
    """The landscape of Decision 1131 group 11 (aerospace, with UAVs) on the test corpus."""
    return build_landscape(load_definition("qd1131-2025"), corpus_dir, "11")
