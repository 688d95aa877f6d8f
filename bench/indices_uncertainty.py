"""Benchmark: Monte Carlo uncertainty analysis of the ASEM index (COINr's example).

Prints the vectorised run time for 200 and 10,000 replications beside the naive
baseline measured in the same process: rebuilding replications one at a time
(``UncertaintyAnalysis.replay``), extrapolated from a sample.
Goal (issue 4): 200 replications in under 1 s.
"""

from __future__ import annotations

import time
from pathlib import Path

from sangtao.indices import UncertaintyAnalysis, load_spec

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "examples" / "asem" / "default.yaml"
CHOICES = {
    "noise": {2: 0.25, 3: 0.25},
    "normalisations": [
        {"f_n": "n_minmax", "f_n_para": {"l_u": [1, 100]}},
        {"f_n": "n_zscore", "f_n_para": {"m_sd": [10, 2]}},
    ],
    "aggregations": ["a_amean", "a_gmean"],
}


def main() -> None:
    coin = load_spec(SPEC).build()
    timings = {}
    for n in (200, 10_000):
        analysis = UncertaintyAnalysis(N=n, seed=1, **CHOICES)
        t0 = time.perf_counter()
        result = analysis.run(coin)
        timings[n] = time.perf_counter() - t0
        if n == 200:
            small, small_result = analysis, result
    sample = 10
    t0 = time.perf_counter()
    for i in range(sample):
        small.replay(coin, small_result, i)
    per_rep = (time.perf_counter() - t0) / sample
    naive_200 = per_rep * 200
    print("indices_uncertainty: ASEM example, 51 units, 49 indicators")
    print(
        f"  vectorised: 200 replications {timings[200]:.3f} s; "
        f"10,000 replications {timings[10_000]:.2f} s"
    )
    print(
        f"  baseline naive rebuild: {per_rep * 1000:.1f} ms/replication "
        f"-> 200 replications {naive_200:.2f} s (sampled {sample})"
    )
    print(f"  ratio naive/vectorised (200): {naive_200 / timings[200]:.1f}x")
    print(f"  goal 200 replications < 1 s: {'MET' if timings[200] < 1 else 'NOT MET'}")


if __name__ == "__main__":
    main()
