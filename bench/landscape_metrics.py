"""Benchmark: all landscape metrics of one group over a corpus of N families.

The corpus is made of the real records in ``../shared/data/patents/`` (Lens, PATENTSCOPE,
USPTO, IP Viet Nam, EPO; about 12,800 families) replicated with varied publication numbers,
family ids, citation targets and dates (shifted back 0–5 years) until it holds N families.
``sangtao.landscape.build_landscape`` (DuckDB, the default engine) computes every metric of
Decision 1131 group 11 (aerospace, UAVs) over it; a pandas implementation of the same
matching and metrics runs on a slice, beside DuckDB on the same slice, as the baseline ratio.
The full run also prints its CPU time (every thread) and the machine's load average before and
after it: wall times compare only between runs on an idle machine (with ``THREADS`` cores
free); on a shared one, compare the CPU times.

Environment
    LANDSCAPE_BENCH_FAMILIES   N (default 1,000,000; the issue's goal is 10,000,000)
    LANDSCAPE_BENCH_SLICE      families of the pandas slice (default 100,000)
    LANDSCAPE_BENCH_THREADS    DuckDB threads (default 2, the reference machine's cores)
    LANDSCAPE_BENCH_MEMORY     DuckDB memory limit (default 8GB)
    LANDSCAPE_BENCH_DATA       the shared patents folder (default ../shared/data/patents)
    LANDSCAPE_BENCH_DIR        work folder (default a temporary folder, removed after)
    LANDSCAPE_BENCH_SPARK_MASTER   Spark master of ``--engine spark`` (default local[THREADS])
    LANDSCAPE_BENCH_SPARK_MEMORY   Spark driver memory (default the DuckDB memory limit: 8g)

Run: ``.venv/bin/python bench/landscape_metrics.py``. With ``--engine spark`` (opt-in; the
``spark`` extra and Java), the same metrics also run on
:class:`sangtao.landscape.SparkEngine` over the full corpus, against DuckDB on the same
corpus in the same run as the baseline, every table compared; the pandas slice is skipped.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import shutil
import sys
import tempfile
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from sangtao.corpus import ingest
from sangtao.landscape import (
    DuckDBEngine,
    Landscape,
    build_landscape,
    default_harmoniser,
    keyword_pattern,
    load_definition,
)
from sangtao.landscape._match import _Compiler, symbol_prefix

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("LANDSCAPE_BENCH_DATA", ROOT.parent / "shared" / "data" / "patents"))
SOURCES = ["lens", "patentscope", "uspto-grants-xml", "vn-ipvietnam", "epo-fulltext-sample"]
DEFINITION, GROUP = "qd1131-2025", "11"


def peak_mb() -> float:
    """Peak resident memory of this process (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def replicate(base: Path, target: Path, families: int) -> tuple[int, int]:
    """Write a corpus of about ``families`` families by replicating ``base``'s documents."""
    con = duckdb.connect()
    src = f"read_parquet('{base}/documents/*.parquet')"
    base_families = con.execute(f"SELECT count(DISTINCT family_id) FROM {src}").fetchone()[0]
    reps = max(1, math.ceil(families / base_families))
    (target / "documents").mkdir(parents=True, exist_ok=True)
    shift = "INTERVAL (r.i % 6) YEAR"
    per_file = 25
    for start in range(0, reps, per_file):
        stop = min(reps, start + per_file)
        con.execute(
            f"""COPY (
            SELECT d.office || '-' || d.number || lpad(CAST(r.i AS VARCHAR), 4, '0')
                       || coalesce('-' || d.kind, '') AS doc_id,
                   d.office, d.number || lpad(CAST(r.i AS VARCHAR), 4, '0') AS number, d.kind,
                   CAST(d.publication_date - {shift} AS DATE) AS publication_date,
                   d.application_office, d.application_number,
                   CAST(d.application_date - {shift} AS DATE) AS application_date,
                   CAST(d.earliest_priority_date - {shift} AS DATE) AS earliest_priority_date,
                   d.titles, d.abstracts, d.claims, [] AS descriptions,
                   d.ipc, d.ipc_raw, d.cpc, d.cpc_raw, d.applicants, d.inventors, d.priorities,
                   list_transform(d.citations, lambda c: struct_pack(
                       doc_id := c.doc_id, office := c.office,
                       number := c.number || lpad(CAST(r.i AS VARCHAR), 4, '0'), kind := c.kind,
                       date := c.date, text := c.text, cited_by := c.cited_by,
                       category := c.category)) AS citations,
                   d.family_id || '-' || CAST(r.i AS VARCHAR) AS family_id,
                   d.source_format, d.source_file, d.source_line, d.source_sha256
            FROM (SELECT * FROM {src} QUALIFY row_number() OVER (PARTITION BY doc_id) = 1) d,
                 range({start}, {stop}) r(i)
            ) TO '{target}/documents/part-{start:06d}.parquet' (FORMAT parquet)"""
        )
    n = con.execute(
        f"SELECT count(*), count(DISTINCT family_id) FROM "
        f"read_parquet('{target}/documents/*.parquet')"
    ).fetchone()
    con.close()
    return int(n[0]), int(n[1])


def _fold_series(s: pd.Series) -> pd.Series:
    folded = s.fillna("").str.lower().str.replace("đ", "d", regex=False)
    folded = folded.str.normalize("NFD").str.replace(r"[\u0300-\u036f]", "", regex=True)
    return folded.str.normalize("NFC")


def pandas_landscape(corpus: Path) -> dict[str, object]:
    """The same matching and metrics with pandas (the baseline)."""
    definition = load_definition(DEFINITION)
    group = definition.node(GROUP)
    nodes = [group, *group.products]
    comp = _Compiler()
    conditions = {n.id: comp.strategy(n.id, n.strategy) for n in nodes if n.strategy}
    parts = sorted((corpus / "documents").glob("*.parquet"))
    df = pd.concat((pd.read_parquet(p) for p in parts), ignore_index=True)
    df = df.drop_duplicates("doc_id").reset_index(drop=True)
    df["prio"] = (
        df["earliest_priority_date"].fillna(df["application_date"]).fillna(df["publication_date"])
    )
    hits = pd.DataFrame(index=df.index)
    classes = pd.concat(
        [
            df[["ipc"]].explode("ipc").rename(columns={"ipc": "s"}).assign(scheme="ipc"),
            df[["cpc"]].explode("cpc").rename(columns={"cpc": "s"}).assign(scheme="cpc"),
        ]
    ).dropna(subset=["s"])
    classes["s"] = classes["s"].str.replace(" ", "", regex=False)
    text = _fold_series(
        df["titles"].map(lambda v: " ".join(t["text"] for t in v))
        + " "
        + df["abstracts"].map(lambda v: " ".join(t["text"] for t in v))
        + " "
        + df["claims"].map(lambda v: " ".join(t["text"] for t in v))
    )
    for c in comp.criteria:
        if c.kind == "class":
            prefixes = tuple(symbol_prefix(x.split(":", 1)[1])[1] for x in c.payload)
            schemes = {x.split(":", 1)[0] for x in c.payload}
            sub = classes[classes["scheme"].isin(schemes) & classes["s"].str.startswith(prefixes)]
            hits[c.column] = df.index.isin(sub.index).astype(int)
        else:
            hits[c.column] = text.str.contains(keyword_pattern(c.payload), regex=True).astype(int)
    own = {}
    for nid, cond in conditions.items():
        expr = cond.replace(" = 1", " == 1").replace("NOT ", "not ").replace(" AND ", " and ")
        own[nid] = hits.eval(expr.replace(" OR ", " or "))
    matched = own.get(group.id, pd.Series(False, index=df.index))
    for p in group.products:
        matched = matched | own[p.id]
    sdoc = df[matched]
    fam = sdoc.groupby("family_id").agg(prio=("prio", "min"), pub=("publication_date", "min"))
    by_year = fam["prio"].map(lambda d: d.year if pd.notna(d) else None).value_counts()
    parties = sdoc[["family_id", "applicants"]].explode("applicants").dropna()
    parties["name"] = parties["applicants"].map(lambda p: p["name"])
    h = default_harmoniser()
    keys = {n: h.key(n) for n in parties["name"].unique()}
    parties["key"] = parties["name"].map(keys)
    top = parties.drop_duplicates(["family_id", "key"])["key"].value_counts().head(20)
    pairs: Counter[tuple[str, str]] = Counter()
    for _, ks in parties.drop_duplicates(["family_id", "key"]).groupby("family_id")["key"]:
        pairs.update(combinations(sorted(ks), 2))

    def origins(frame: pd.DataFrame) -> pd.DataFrame:
        rows = []
        for col, rank in (("inventors", 1), ("applicants", 2)):
            e = frame[["family_id", col]].explode(col).dropna()
            e["country"] = e[col].map(lambda p: p["country"])
            rows.append(e.dropna(subset=["country"])[["family_id", "country"]].assign(rnk=rank))
        pr = frame[["family_id", "priorities"]].explode("priorities").dropna()
        pr["country"] = pr["priorities"].map(lambda p: p["office"])
        rows.append(pr.dropna(subset=["country"])[["family_id", "country"]].assign(rnk=3))
        rows.append(
            frame[["family_id", "office"]].rename(columns={"office": "country"}).assign(rnk=4)
        )
        o = pd.concat(rows)
        o = o[~o["country"].isin(["WO", "EP", "EA", "AP", "OA", "GC", "EM", "IB"])]
        best = o.groupby("family_id")["rnk"].transform("min")
        return o[o["rnk"] == best].drop_duplicates(["family_id", "country"])

    set_origin = origins(sdoc)
    all_origin = origins(df)
    flows = (
        sdoc[["family_id", "office"]]
        .merge(set_origin, on="family_id")
        .drop_duplicates(["family_id", "country", "office"])
        .groupby(["country", "office"])
        .size()
    )
    n_set, n_all = set_origin["family_id"].nunique(), all_origin["family_id"].nunique()
    rta = (set_origin["country"].value_counts() / all_origin["country"].value_counts()) / (
        n_set / n_all
    )
    cites = sdoc[["family_id", "citations"]].explode("citations").dropna()
    cites["office"] = cites["citations"].map(lambda c: c["office"])
    cites["number"] = cites["citations"].map(lambda c: c["number"])
    edges = cites.merge(
        df[["office", "number", "family_id"]].rename(columns={"family_id": "cited"}),
        on=["office", "number"],
    )
    edges = edges[edges["family_id"] != edges["cited"]].groupby(["family_id", "cited"]).size()
    ipc = sdoc[["family_id", "ipc"]].explode("ipc").dropna()
    subclasses = ipc.assign(sc=ipc["ipc"].str[:4]).drop_duplicates(["family_id", "sc"])["sc"]
    return {
        "families": len(fam),
        "years": len(by_year),
        "top": top.index[0] if len(top) else None,
        "flows": len(flows),
        "rta": len(rta.dropna()),
        "coapplicant_edges": len(pairs),
        "citation_edges": len(edges),
        "subclasses": subclasses.nunique(),
    }


def run_duckdb(corpus: Path, threads: int, memory: str) -> tuple[float, dict[str, object]]:
    """Build the landscape; its wall time, with its CPU time (every thread) in ``meta``."""
    definition = load_definition(DEFINITION)
    start, cpu = time.perf_counter(), time.process_time()
    with DuckDBEngine(corpus, threads=threads, memory_limit=memory) as engine:
        ls = build_landscape(definition, engine, GROUP)
    elapsed = time.perf_counter() - start
    ls.meta["cpu_s"] = time.process_time() - cpu
    return elapsed, ls.meta


def load_note() -> str:
    """The machine's load beside its cores: wall times are comparable only on an idle one."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def run_spark(corpus: Path, master: str, memory: str) -> tuple[float, float, Landscape]:
    """Start Spark (timed apart), then compute every metric on it; return both times."""
    from sangtao.landscape import SparkEngine, spark_session

    definition = load_definition(DEFINITION)
    driver = os.environ.get("LANDSCAPE_BENCH_SPARK_MEMORY", memory.lower().replace("gb", "g"))
    start = time.perf_counter()
    session = spark_session(master, {"spark.driver.memory": driver})
    started = time.perf_counter() - start
    start = time.perf_counter()
    with SparkEngine(corpus, session=session) as engine:
        ls = build_landscape(definition, engine, GROUP)
    return started, time.perf_counter() - start, ls


def same_tables(a: Landscape, b: Landscape) -> list[str]:
    """Names of the tables whose rows differ (canonical order, floats to 1e-9)."""

    def rows(table: pa.Table) -> list[tuple[object, ...]]:
        out = [
            tuple(round(v, 9) if isinstance(v, float) else v for v in r.values())
            for r in table.to_pylist()
        ]
        return sorted(out, key=repr)

    return [
        name
        for name, table in a.tables.items()
        if name not in b.tables
        or table.schema.types != b.tables[name].schema.types
        or rows(table) != rows(b.tables[name])
    ]


def main_spark(work: Path, fams: int, threads: int, memory: str) -> int:
    """``--engine spark``: Spark local against DuckDB on the same corpus."""
    definition = load_definition(DEFINITION)
    start = time.perf_counter()
    with DuckDBEngine(work / "full", threads=threads, memory_limit=memory) as engine:
        duck = build_landscape(definition, engine, GROUP)
    duck_s = time.perf_counter() - start
    master = os.environ.get("LANDSCAPE_BENCH_SPARK_MASTER", f"local[{threads}]")
    started, spark_s, spark = run_spark(work / "full", master, memory)
    print(
        f"all metrics of {DEFINITION} group {GROUP} over {fams:,} families "
        f"({duck.meta['families']:,} in the group): duckdb ({threads} threads) {duck_s:.1f} s; "
        f"spark ({master}) {spark_s:.1f} s plus {started:.1f} s to start "
        f"-> spark/duckdb {spark_s / duck_s:.1f}x"
    )
    for name, ls in (("duckdb", duck), ("spark", spark)):
        slow = sorted(ls.meta["timings"].items(), key=lambda kv: -kv[1])[:5]
        print(f"  {name} slowest steps: " + ", ".join(f"{k} {v:.1f} s" for k, v in slow))
    differ = same_tables(duck, spark)
    if differ:
        print(f"warning: the engines disagree on {', '.join(differ)}", file=sys.stderr)
        return 1
    print(f"  the {len(duck.tables)} tables are identical on both engines")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark of the landscape metrics.")
    parser.add_argument(
        "--engine",
        choices=("duckdb", "spark"),
        default="duckdb",
        help="duckdb (default: DuckDB against pandas) or spark (Spark against DuckDB)",
    )
    ns = parser.parse_args(argv)
    families = int(os.environ.get("LANDSCAPE_BENCH_FAMILIES", "1000000"))
    slice_n = int(os.environ.get("LANDSCAPE_BENCH_SLICE", "100000"))
    threads = int(os.environ.get("LANDSCAPE_BENCH_THREADS", "2"))
    memory = os.environ.get("LANDSCAPE_BENCH_MEMORY", "8GB")
    given = os.environ.get("LANDSCAPE_BENCH_DIR")
    work = Path(given) if given else Path(tempfile.mkdtemp(prefix="landscape-bench-"))
    try:
        base = work / "base"
        if not (base / "documents").is_dir():
            t = time.perf_counter()
            ingest([DATA / s for s in SOURCES if (DATA / s).exists()], base)
            print(f"ingested the real records in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        docs, fams = replicate(base, work / "full", families)
        print(f"corpus: {docs:,} documents, {fams:,} families ({time.perf_counter() - t:.1f} s)")
        if ns.engine == "spark":
            return main_spark(work, fams, threads, memory)
        sdocs, sfams = replicate(base, work / "slice", slice_n)
        print(f"slice:  {sdocs:,} documents, {sfams:,} families")

        print(f"before the run: {load_note()}")
        full_s, meta = run_duckdb(work / "full", threads, memory)
        timings = meta["timings"]
        assert isinstance(timings, dict)
        print(
            f"duckdb ({threads} threads) all metrics of {DEFINITION} group {GROUP} over "
            f"{fams:,} families: {full_s:.1f} s (matching {timings['match']:.1f} s; "
            f"{meta['cpu_s']:.1f} s of CPU); {meta['families']:,} families in the group; "
            f"peak memory {peak_mb():,.0f} MB; after the run: {load_note()}"
        )
        slow = sorted(timings.items(), key=lambda kv: -kv[1])[:5]
        print("  slowest steps: " + ", ".join(f"{k} {v:.1f} s" for k, v in slow))
        slice_s, slice_meta = run_duckdb(work / "slice", threads, memory)
        t = time.perf_counter()
        pandas_result = pandas_landscape(work / "slice")
        pandas_s = time.perf_counter() - t
        print(
            f"slice of {sfams:,} families: duckdb {slice_s:.2f} s, pandas {pandas_s:.2f} s "
            f"-> duckdb is {pandas_s / slice_s:.1f}x faster "
            f"(families in group: duckdb {slice_meta['families']:,}, "
            f"pandas {pandas_result['families']:,})"
        )
        per_million = full_s / fams * 1e6
        print(
            f"duckdb {per_million:.1f} s per million families; pandas "
            f"{pandas_s / sfams * 1e6:.1f} s per million (extrapolated); "
            f"peak memory of the run {peak_mb():,.0f} MB"
        )
        if slice_meta["families"] != pandas_result["families"]:
            print("warning: the two implementations disagree", file=sys.stderr)
            return 1
        return 0
    finally:
        if not given:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
