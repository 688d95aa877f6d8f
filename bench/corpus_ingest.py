"""Benchmark: corpus ingest of USPTO grant XML against the raw XML parse rate.

Reads the weekly grant files in ``$SANGTAO_SHARED_DATA/patents/uspto-grants-xml`` (default
``../shared/data``) and prints, measured in the same run on the same files:

* baseline: documents/s of splitting the files and parsing each document with
  ``xml.etree.ElementTree.fromstring`` (no safety checks, no extraction);
* ingest: documents/s of :func:`sangtao.corpus.ingest` into a fresh corpus (safe parsing,
  extraction, normalisation, Parquet writing, families);

and their ratio (issue 5: "documents/s for USPTO XML, against the raw XML parse rate").
"""

from __future__ import annotations

import io
import os
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from sangtao.corpus import ingest
from sangtao.corpus._xmltools import split_documents

ROOT = Path(__file__).resolve().parent.parent
REPEAT = 3


def _shared() -> Path:
    return Path(os.environ.get("SANGTAO_SHARED_DATA") or ROOT.parent / "shared" / "data")


def _raw_parse(files: list[Path]) -> tuple[int, float]:
    t0 = time.perf_counter()
    docs = 0
    for path in files:
        data = path.read_bytes()
        for _, doc in split_documents(io.BytesIO(data)):
            ET.fromstring(doc)
            docs += 1
    return docs, time.perf_counter() - t0


def _ingest(files: list[Path]) -> tuple[int, float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        report = ingest(files, Path(tmp) / "corpus")
        elapsed = time.perf_counter() - t0
    return report.records, elapsed, report.errors


def main() -> None:
    folder = _shared() / "patents" / "uspto-grants-xml"
    files = sorted(folder.glob("*.xml")) if folder.is_dir() else []
    if not files:
        print(f"corpus_ingest: skipped, no USPTO grant XML in {folder} (set SANGTAO_SHARED_DATA)")
        return
    size = sum(f.stat().st_size for f in files) / 1e6
    raw = min((_raw_parse(files) for _ in range(REPEAT)), key=lambda r: r[1])
    ing = min((_ingest(files) for _ in range(REPEAT)), key=lambda r: r[1])
    raw_rate = raw[0] / raw[1]
    ing_rate = ing[0] / ing[1]
    print(f"corpus_ingest: {len(files)} files, {size:.1f} MB, best of {REPEAT}")
    print(
        f"  baseline raw XML parse: {raw[0]} XML documents in {raw[1]:.3f} s "
        f"= {raw_rate:,.0f} docs/s"
    )
    print(
        f"  ingest: {ing[0]} patent records ({ing[2]} skipped) in {ing[1]:.3f} s "
        f"= {ing_rate:,.0f} docs/s"
    )
    print(f"  ratio ingest/raw parse: {ing_rate / raw_rate:.2f}")


if __name__ == "__main__":
    main()
