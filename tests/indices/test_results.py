"""Results tables and export of every stage."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sangtao.indices import export_coin, get_results, rank_scores


def test_rank_scores_sport_ranking():
    np.testing.assert_array_equal(rank_scores([3.0, 5.0, 3.0, 1.0]), [2, 1, 2, 4])
    assert np.isnan(rank_scores([1.0, np.nan])[1])


def test_results_table_lists_every_aggregate_best_first(asem_default):
    res = get_results(asem_default)
    assert list(res.columns[:4]) == ["uCode", "uName", "Index", "Index_rank"]
    assert res.loc[0, "uCode"] == "CHE" and res.loc[0, "Index_rank"] == 1
    aggs = asem_default.framework.aggregates
    assert {f"{a}_rank" for a in aggs} <= set(res.columns)
    assert res["Index"].is_monotonic_decreasing


def test_export_writes_one_csv_per_stage(asem_default, tmp_path):
    files = export_coin(asem_default, tmp_path, excel=False)
    names = [f.name for f in files]
    assert names == [
        "raw.csv",
        "denominated.csv",
        "screened.csv",
        "imputed.csv",
        "treated.csv",
        "normalised.csv",
        "aggregated.csv",
        "results.csv",
    ]
    agg = pd.read_csv(tmp_path / "aggregated.csv")
    assert agg.columns[0] == "uCode" and agg.columns[-1] == "Index"
    # full precision round trip
    np.testing.assert_array_equal(
        agg.set_index("uCode")["Index"].to_numpy(), asem_default.dataset("Aggregated")["Index"]
    )
