"""Regen, add/drop what-ifs, leave-one-out, comparisons of builds, unit profiles."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sangtao.indices import (
    FrameworkError,
    change_ind,
    compare_coins,
    get_str_weak,
    load_spec,
    regen,
    remove_elements,
    unit_summary,
)


def test_regen_reproduces_the_build(asem_default):
    again = regen(asem_default)
    pd.testing.assert_frame_equal(again.dataset("Aggregated"), asem_default.dataset("Aggregated"))


def test_dropping_an_indicator_equals_building_without_it(asem_dir, asem_default):
    dropped = change_ind(asem_default, drop=["Flights"])
    spec = load_spec(asem_dir / "default.yaml")
    spec.exclude = ["Flights"]
    direct = spec.build()
    assert "Flights" not in dropped.framework.indicators
    np.testing.assert_allclose(
        dropped.dataset("Aggregated")["Index"], direct.dataset("Aggregated")["Index"], rtol=1e-12
    )
    assert not np.allclose(
        dropped.dataset("Aggregated")["Index"], asem_default.dataset("Aggregated")["Index"]
    )


def test_adding_an_indicator(small_coin):
    from sangtao.indices import Aggregate, Normalise

    coin = Aggregate().apply(Normalise().apply(small_coin))
    meta = pd.DataFrame(
        [
            {
                "Level": 1,
                "iCode": "d",
                "Parent": "P2",
                "Direction": 1,
                "Type": "Indicator",
                "Weight": 1,
            }
        ]
    )
    data = pd.DataFrame({"d": [0.0, 1.0, 2.0, 3.0]}, index=["U1", "U2", "U3", "U4"])
    added = change_ind(coin, add_meta=meta, add_data=data)
    x = added.dataset("Aggregated")
    # P2 = mean of c (min-max of -c) and d (min-max)
    c = -np.array([5.0, 3.0, 1.0, 2.0])
    c_n = (c - c.min()) / (c.max() - c.min()) * 100
    d_n = np.array([0, 100 / 3, 200 / 3, 100])
    np.testing.assert_allclose(x["P2"], (c_n + d_n) / 2)


def test_removing_the_only_path_to_the_index_is_an_error(small_coin):
    with pytest.raises(FrameworkError, match="empties the index"):
        change_ind(small_coin, drop=["P1", "P2"])


def test_leave_one_out_pillars(asem_default):
    summary, ranks = remove_elements(asem_default, level=2)
    assert list(summary.index) == asem_default.framework.codes(level=2)
    # removing Social (9 indicators, the most) moves ranks the most on average
    assert summary["MeanAbsRankChange"].idxmax() == "Social"
    social = change_ind(asem_default, drop=["Social"]).dataset("Aggregated")["Index"]
    expected = social.rank(ascending=False, method="min")
    np.testing.assert_array_equal(ranks["Social"], expected.to_numpy())
    diff = (ranks["Social"] - ranks["Nominal"]).abs().mean()
    assert summary.loc["Social", "MeanAbsRankChange"] == pytest.approx(diff)


def test_compare_two_builds(asem_dir, asem_default):
    other = load_spec(asem_dir / "rank.yaml").build()
    cmp = compare_coins(asem_default, other, labels=("minmax", "rank"))
    assert cmp.index[0] == "CHE"
    assert (cmp["RankChange"] == cmp["rank_rank"] - cmp["minmax_rank"]).all()
    assert cmp.loc["CHE", "minmax_score"] == pytest.approx(68.38, abs=0.005)


def test_unit_profile_strengths_and_weaknesses(small_coin):
    from sangtao.indices import Normalise

    coin = Normalise().apply(small_coin)
    # U3: a = 80 (rank 1), b missing, c = 1 (the best "bad": rank 1)
    strong, weak = get_str_weak(coin, "U3", top_n=2, bottom_n=2, unq_discard=None)
    assert list(strong["iCode"]) == ["a", "c"] and list(strong["Rank"]) == [1, 1]
    assert strong.loc[0, "Value"] == 80 and strong.loc[0, "Parent"] == "P1"
    strong, weak = get_str_weak(coin, "U1", top_n=1, bottom_n=1, unq_discard=None)
    assert weak.loc[0, "iCode"] in ("a", "b", "c") and weak.loc[0, "Rank"] == 4


def test_unit_summary(asem_default):
    s = unit_summary(asem_default, "CHE")
    assert s.loc["Index", "Rank"] == 1 and s.loc["Index", "Of"] == 51
    assert list(s.index[:3]) == ["Index", "Conn", "Sust"]
