"""Fixtures of the landscape tests: a small corpus of real documents, ingested once."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sangtao.corpus import ingest
from sangtao.landscape import Landscape, build_landscape, load_definition

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
CORPUS_FIXTURES = HERE.parent / "corpus" / "fixtures"
# Spark settings for a corpus of a few hundred documents, where planning and compiling cost
# more than the data: one shuffle partition, no adaptive re-planning, no whole-stage code
# generation, the JVM's quick compiler only (together about a third of the CPU time of the
# Spark tests); the engine's defaults suit larger corpora.
SPARK_TEST_CONF = {
    "spark.sql.shuffle.partitions": "1",
    "spark.sql.adaptive.enabled": "false",
    "spark.sql.codegen.wholeStage": "false",
    "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1",
}


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


@pytest.fixture(scope="session")
def spark_session() -> Iterator[Any]:
    """One local Spark session for the whole test run; skipped without PySpark or Java."""
    pytest.importorskip(
        "pyspark", reason="PySpark (the spark extra) is not installed", exc_type=ImportError
    )
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        pytest.skip("no Java (java on PATH or JAVA_HOME): the Spark engine needs Java 17+")
    from sangtao.landscape import spark_session as start

    session = start("local[2]", SPARK_TEST_CONF)
    yield session
    session.stop()
