"""Benchmark: Monte Carlo uncertainty and sensitivity analysis of composite indices.

Two cases, each beside the naive baseline measured in the same run (rebuilding
replications one at a time with ``UncertaintyAnalysis.replay``, timed on a sample and
extrapolated), each timed without and with imputation and treatment choices as factors
(the upstream steps are rebuilt once per distinct variant, then replications are
vectorised per variant):

1. the ASEM example (COINr's; 51 units, 49 indicators), 200 and 10,000 replications
   — goal (issue 4): 200 replications in under 1 s;
2. a PII-shaped index on SYNTHETIC data (34 provinces x 52 indicators, 18 sub-pillars,
   7 pillars, 2 sub-indices, 5 % of values missing), 10,000 replications — goal: under
   60 s on 2 cores — and a variance-based sensitivity analysis (Saltelli design,
   N = 1,000).

Factors: weight noise by level, 2 normalisations, 2 aggregation methods, and (with
upstream factors) 3 imputations x 3 (ASEM) or 4 (PII) treatments: 18 and 24 data
variants.

The process pins itself to 2 CPU cores (and 2 BLAS threads) before numpy loads, so
the figures are "on 2 cores"; set ``BENCH_CORES`` to change that.
"""

from __future__ import annotations

import os

_CORES = int(os.environ.get("BENCH_CORES", "2"))
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, str(_CORES))
if hasattr(os, "sched_setaffinity"):
    _cpus = sorted(os.sched_getaffinity(0))[:_CORES]
    os.sched_setaffinity(0, _cpus)

import time  # noqa: E402
from pathlib import Path  # noqa: E402

from sangtao.indices import (  # noqa: E402
    Aggregate,
    Impute,
    Normalise,
    Pipeline,
    SensitivityAnalysis,
    Treat,
    UncertaintyAnalysis,
    load_spec,
    new_coin,
    pii_synthetic_idata,
)

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
PII_CHOICES = {
    "noise": {2: 0.25, 3: 0.25, 4: 0.1},
    "normalisations": CHOICES["normalisations"],
    "aggregations": ["a_amean", "a_gmean"],
}
#: ASEM default imputes by group mean then screens; column means and medians keep
#: every unit. Treatment: the spec's, off, or winsorising at most 3 points.
ASEM_UPSTREAM = {
    "imputations": ["nominal", "i_mean", "i_median"],
    "treatments": ["nominal", "none", {"global_specs": {"f1_para": {"winmax": 3}}}],
}
_GII_3 = {
    "f1_para": {"winmax": 3, "skew_thresh": 2.25, "kurt_thresh": 3.5},
    "f2": "log_GII",
    "f_pass_para": {"skew_thresh": 2.25, "kurt_thresh": 3.5},
}
#: PII: no imputation (GII rule) or column mean/median; GII treatment, off, GII with
#: winmax 3, or COINr's defaults (|skew| 2, log_CT).
PII_UPSTREAM = {
    "imputations": ["nominal", "i_mean", "i_median"],
    "treatments": ["nominal", "none", {"global_specs": _GII_3}, {"global_specs": None}],
}


#: CPU seconds of the last timed run (beside wall-clock seconds: on a shared machine the
#: wall clock also counts time spent waiting for a core).
_CPU = {"last": 0.0}


def _timed(analysis: UncertaintyAnalysis, coin: object) -> tuple[float, object]:
    t0, c0 = time.perf_counter(), time.process_time()
    result = analysis.run(coin)  # type: ignore[arg-type]
    _CPU["last"] = time.process_time() - c0
    return time.perf_counter() - t0, result


def _naive(analysis: UncertaintyAnalysis, coin: object, result: object, sample: int) -> float:
    t0 = time.perf_counter()
    for i in range(sample):
        analysis.replay(coin, result, i)  # type: ignore[arg-type]
    return (time.perf_counter() - t0) / sample


def asem() -> None:
    coin = load_spec(SPEC).build()
    print("indices_uncertainty: ASEM example, 51 units, 49 indicators")
    for name, extra in (("without", {}), ("with", ASEM_UPSTREAM)):
        timings, cpu = {}, {}
        for n in (200, 10_000):
            analysis = UncertaintyAnalysis(N=n, seed=1, **CHOICES, **extra)  # type: ignore[arg-type]
            timings[n], result = _timed(analysis, coin)
            cpu[n] = _CPU["last"]
            if n == 200:
                small, small_result = analysis, result
        per_rep = _naive(small, coin, small_result, 10)
        naive_200 = per_rep * 200
        print(f"  {name} imputation/treatment factors:")
        print(
            f"    vectorised: 200 replications {timings[200]:.3f} s (CPU {cpu[200]:.3f} s); "
            f"10,000 replications {timings[10_000]:.2f} s (CPU {cpu[10_000]:.2f} s)"
        )
        print(
            f"    baseline naive rebuild: {per_rep * 1000:.1f} ms/replication "
            f"-> 200 replications {naive_200:.2f} s (sampled 10)"
        )
        print(f"    ratio naive/vectorised (200): {naive_200 / timings[200]:.1f}x")
        print(f"    goal 200 replications < 1 s: {'MET' if timings[200] < 1 else 'NOT MET'}")


def pii() -> None:
    idata, imeta = pii_synthetic_idata(seed=2025, missing=0.05)
    coin = new_coin(idata, imeta)
    coin = Pipeline(
        [
            Impute(dset="Raw", f_i="none"),  # the GII rule; a step so that it can vary
            Treat(dset="Imputed", global_specs="gii"),
            Normalise(
                dset="Treated", global_specs={"f_n": "n_minmax", "f_n_para": {"l_u": [1, 100]}}
            ),
            Aggregate(dset="Normalised", f_ag="a_amean"),
        ]
    ).run(coin)
    n = 10_000
    print(
        f"indices_uncertainty: PII-shaped index (SYNTHETIC data), 34 provinces x 52 "
        f"indicators, {_CORES} cores"
    )
    for name, extra in (("without", {}), ("with", PII_UPSTREAM)):
        analysis = UncertaintyAnalysis(N=n, seed=1, **PII_CHOICES, **extra)  # type: ignore[arg-type]
        vec, result = _timed(analysis, coin)
        per_rep = _naive(analysis, coin, result, 20)
        sa = SensitivityAnalysis(N=1000, seed=1, Nboot=200, **PII_CHOICES, **extra)  # type: ignore[arg-type]
        t0 = time.perf_counter()
        sres = sa.run(coin)
        t_sa = time.perf_counter() - t0
        print(f"  {name} imputation/treatment factors:")
        print(
            f"    vectorised: {n:,} replications {vec:.2f} s (CPU {_CPU['last']:.2f} s; "
            f"{vec / n * 1e6:.0f} us/replication)"
        )
        print(
            f"    baseline naive rebuild: {per_rep * 1000:.1f} ms/replication -> {n:,} "
            f"replications {per_rep * n:.1f} s (sampled 20)"
        )
        print(f"    ratio naive/vectorised: {per_rep * n / vec:.1f}x")
        print(f"    goal 10,000 replications < 60 s on 2 cores: {'MET' if vec < 60 else 'NOT MET'}")
        runs = len(sres.replications)
        print(
            f"    sensitivity (Saltelli N=1,000, {len(sres.indices)} factors, {runs:,} runs): "
            f"{t_sa:.2f} s; STi: "
            + ", ".join(f"{f} {v:.2f}" for f, v in sres.indices["STi"].items())
        )


def main() -> None:
    asem()
    pii()


if __name__ == "__main__":
    main()
