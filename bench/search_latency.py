"""Benchmark: keyword, dense and hybrid query latency of the embedded backend.

Builds a corpus of real documents (USPTO grants and IP Viet Nam records from
``$SANGTAO_SHARED_DATA/patents``, default ``../shared/data``; the test fixtures if absent)
replicated to ``$SANGTAO_BENCH_SEARCH_DOCS`` documents (default 50,000) with varied numbers
and text, indexes it with :class:`sangtao.search.EmbeddedBackend` (tantivy + faiss) and the
deterministic 384-d hashing embedder, and prints, measured in the same run:

* p50 / p95 latency of keyword, dense and hybrid queries (k = 10, 200 candidates per arm,
  query embedding included) on the index;
* the same on :class:`sangtao.search.MemoryBackend` (brute force: every document scored),
  the baseline, and the ratios;
* recall@10 of the vector index against exact search (numpy inner products).

Set ``SANGTAO_BENCH_QUERIES`` (default 50) for the number of queries; the brute-force
keyword arm runs on the first 10 only (it is slow by design).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from sangtao.corpus import ingest
from sangtao.search import (
    Filters,
    HashingEmbedder,
    IndexDocument,
    SearchIndex,
    corpus_documents,
)

ROOT = Path(__file__).resolve().parent.parent
_DIGITS = re.compile(r"\d+")


def _shared() -> Path:
    return Path(os.environ.get("SANGTAO_SHARED_DATA") or ROOT.parent / "shared" / "data")


def _seeds(tmp: Path) -> list[IndexDocument]:
    patents = _shared() / "patents"
    sources = [p for p in (patents / "uspto-grants-xml", patents / "vn-ipvietnam") if p.exists()]
    ingest(sources or [ROOT / "tests" / "corpus" / "fixtures"], tmp / "seed")
    return [d for d in corpus_documents(tmp / "seed") if d.titles]


def _vary(doc: IndexDocument, i: int, rng: random.Random) -> IndexDocument:
    def text(t: str, limit: int) -> str:
        words = _DIGITS.sub(lambda m: str(rng.randrange(10 ** len(m[0]))), t[:limit]).split()
        keep = [w for w in words if rng.random() > 0.1]
        keep.insert(rng.randrange(len(keep) + 1), f"variant{i % 5000}")
        return " ".join(keep)

    def texts(items: tuple[tuple[str | None, str], ...], limit: int) -> tuple:
        return tuple((lang, text(t, limit)) for lang, t in items[:1])

    day = doc.publication_date or dt.date(2010, 1, 1)
    return replace(
        doc,
        doc_id=f"{doc.doc_id}-R{i}",
        titles=texts(doc.titles, 300),
        abstracts=texts(doc.abstracts, 1500),
        claims=texts(doc.claims, 1500),
        descriptions=texts(doc.descriptions, 2000),
        publication_date=day + dt.timedelta(days=rng.randrange(-3000, 3000)),
    )


def _pct(values: list[float]) -> tuple[float, float]:
    ms = np.array(values) * 1000
    return float(np.percentile(ms, 50)), float(np.percentile(ms, 95))


def _time(index: SearchIndex, queries: list[str], mode: str) -> list[float]:
    out = []
    for q in queries:
        t0 = time.perf_counter()
        index.search(q, mode=mode, k=10)
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    n = int(os.environ.get("SANGTAO_BENCH_SEARCH_DOCS", "50000"))
    n_queries = int(os.environ.get("SANGTAO_BENCH_QUERIES", "50"))
    rng = random.Random(5)
    embedder = HashingEmbedder(384)
    with tempfile.TemporaryDirectory() as tmpname:
        tmp = Path(tmpname)
        seeds = _seeds(tmp)
        docs = [_vary(seeds[i % len(seeds)], i, rng) for i in range(n)]
        queries = [
            " ".join(d.title.split()[:6]) for d in rng.sample(seeds, min(n_queries, len(seeds)))
        ]
        print(f"corpus: {n:,} documents from {len(seeds)} real seeds; {len(queries)} queries")

        index = SearchIndex.create(tmp / "ix", embedder)
        report = index.update(docs, batch_size=2000)
        print(f"build embedded: {report.seconds:.1f} s ({n / report.seconds:,.0f} docs/s)")
        t0 = time.perf_counter()
        brute = SearchIndex.create(None, embedder, backend="memory")
        brute.update(docs, batch_size=2000)
        print(f"build brute force: {time.perf_counter() - t0:.1f} s")

        for q in queries[:3]:  # warm caches
            index.search(q)
            brute.search(q, mode="dense")
        print(
            f"{'mode':8s} {'index p50':>10s} {'p95 ms':>8s} {'brute p50':>10s} {'p95 ms':>8s}"
            f" {'speed-up p50':>12s}"
        )
        for mode in ("keyword", "dense", "hybrid"):
            fast = _pct(_time(index, queries, mode))
            slow_q = queries if mode == "dense" else queries[:10]
            slow = _pct(_time(brute, slow_q, mode))
            print(
                f"{mode:8s} {fast[0]:10.1f} {fast[1]:8.1f} {slow[0]:10.1f} {slow[1]:8.1f}"
                f" {slow[0] / fast[0]:11.1f}x"
            )

        vectors = embedder.embed_passages([d.embedding_text() for d in docs])
        ids = [d.doc_id for d in docs]
        qv = embedder.embed_queries(queries)
        recalls = []
        for q in qv:
            exact = {ids[j] for j in np.argsort(-(vectors @ q), kind="stable")[:10]}
            got = {d for d, _ in index.backend.dense(q, Filters(), 10)}
            recalls.append(len(exact & got) / 10)
        print(f"vector recall@10 against exact search: {np.mean(recalls):.3f}")
        index.close()


if __name__ == "__main__":
    main()
