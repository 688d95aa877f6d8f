"""Benchmark: e-filing through the HTTP API on PostgreSQL from 16 concurrent clients.

Prints filings/s and p95 latency beside the raw PostgreSQL rate for one-row
transactions measured in the same run (the baseline), as a ratio.
Goal: >= 100 filings/s with p95 < 250 ms on a 2-core machine.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parent.parent
PG = "host=127.0.0.1 port=5432 user=postgres"
DB = "sangtao_bench"
PORT = 8765
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def raw_pg_rate(clients: int, seconds: float) -> float:
    """One-row INSERT transactions per second from ``clients`` threads."""
    with psycopg.connect(f"{PG} dbname={DB}", autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_raw")
        conn.execute("CREATE TABLE bench_raw (id bigserial primary key, v text, t timestamptz)")
    count = [0] * clients
    stop = time.perf_counter() + seconds

    def worker(i: int) -> None:
        with psycopg.connect(f"{PG} dbname={DB}") as conn:
            while time.perf_counter() < stop:
                with conn.transaction():
                    conn.execute("INSERT INTO bench_raw (v, t) VALUES (%s, now())", ("x",))
                count[i] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(count) / (time.perf_counter() - start)


def payload(i: int) -> dict:
    return {
        "object_type": "trademark",
        "title_vi": f"Nhãn hiệu thử nghiệm {i}",
        "mark": {"text": f"SÁNG TẠO {i}", "kind": "word"},
        "applicants": [
            {"name": "Công ty Cổ phần Sáng Tạo Việt", "address": "Hà Nội", "country": "VN"}
        ],
        "nice": [
            {"class": 9, "goods": ["Phần mềm máy tính"]},
            {"class": 42, "goods": ["Thiết kế phần mềm"]},
        ],
        "documents": [
            {
                "kind": "power_of_attorney",
                "filename": "poa.pdf",
                "content_base64": base64.b64encode(PDF).decode(),
            }
        ],
    }


def api_load(token: str, clients: int, seconds: float) -> tuple[float, list[float], int]:
    latencies: list[list[float]] = [[] for _ in range(clients)]
    failures = [0] * clients
    stop = time.perf_counter() + seconds

    def worker(i: int) -> None:
        n = 0
        with httpx.Client(
            base_url=f"http://127.0.0.1:{PORT}",
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        ) as client:
            while time.perf_counter() < stop:
                t0 = time.perf_counter()
                r = client.post(
                    "/api/v1/applications",
                    content=json.dumps(payload(i * 100000 + n)),
                    headers={
                        "Content-Type": "application/json",
                        "Idempotency-Key": f"bench-{i}-{n}-{time.time_ns()}",
                    },
                )
                latencies[i].append(time.perf_counter() - t0)
                if r.status_code != 201:
                    failures[i] += 1
                n += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    flat = [x for lst in latencies for x in lst]
    return len(flat) / elapsed, flat, sum(failures)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    try:
        with psycopg.connect(f"{PG} dbname=postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {DB}")
    except psycopg.OperationalError as exc:
        print(f"filing_api: SKIPPED, no PostgreSQL at 127.0.0.1:5432 ({exc})")
        return 0
    env = dict(
        os.environ,
        DB="postgres",
        DB_NAME=DB,
        DB_CONN_MAX_AGE="600",
        SANGTAO_DATA_DIR=str(ROOT / "bench" / "out"),
        LOG_LEVEL="ERROR",
    )
    bin_ = ROOT / ".venv" / "bin"
    subprocess.run([bin_ / "sangtao", "migrate", "-v", "0"], env=env, check=True)
    script = (
        "from sangtao.office.accounts.actions import *\n"
        "a=register_agent(actor=None,name='Bench IP',licence_number='B-1')\n"
        "u=register_user(actor=None,username='bench',password='x'*12,role='agent',agent=a)\n"
        "print(issue_api_token(actor=None,user=u))\n"
    )
    token = (
        subprocess.run(
            [bin_ / "sangtao", "shell", "-c", script],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    server = subprocess.Popen(
        [
            bin_ / "gunicorn",
            "sangtao.config.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            str(args.workers),
            "--log-level",
            "error",
        ],
        env=env,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            try:
                httpx.get(f"http://127.0.0.1:{PORT}/api/v1/openapi.json", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        api_load(token, 4, 2)  # warm-up
        rate, lat, failures = api_load(token, args.clients, args.seconds)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)
    baseline = raw_pg_rate(args.clients, min(args.seconds, 10))
    p95 = statistics.quantiles(lat, n=100)[94] * 1000
    p50 = statistics.median(lat) * 1000
    print(
        f"filing_api: {rate:.1f} filings/s, p50 {p50:.0f} ms, p95 {p95:.0f} ms, "
        f"{len(lat)} filings, {failures} failed ({args.clients} clients, {args.workers} workers)"
    )
    print(f"baseline raw PostgreSQL one-row transactions: {baseline:.1f} tx/s")
    print(f"ratio filings/raw-tx: {rate / baseline:.3f}")
    ok = rate >= 100 and p95 < 250 and failures == 0
    print(f"goal (>=100 filings/s, p95 < 250 ms, 0 failures): {'MET' if ok else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
