"""Indicator statistics, correlations and flags, Cronbach's alpha and PCA."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sangtao.indices import (
    cronbach_alpha,
    get_corr,
    get_corr_flags,
    get_cronbach,
    get_parent_corr,
    get_pca,
    get_stats,
    new_coin,
)

from .conftest import small_data, small_meta


def test_stats_of_a_small_coin_by_hand(small_coin):
    st = get_stats(small_coin, "Raw")
    a = st.loc["a"]  # 10, 40, 80, NA
    assert (a["Min"], a["Max"], a["Median"]) == (10, 80, 40)
    assert a["Mean"] == pytest.approx(130 / 3)
    assert a["SD"] == pytest.approx(np.std([10, 40, 80], ddof=1))
    assert a["N.Avail"] == 3 and a["Frc.Avail"] == 0.75
    assert np.isnan(a["Kurt"])  # kurtosis needs 4 values
    # skew of 10, 40, 80 (type 2): d = -100/3, -10/3, 110/3
    d = np.array([10, 40, 80]) - 130 / 3
    g1 = np.sqrt(3) * (d**3).sum() / (d**2).sum() ** 1.5
    assert a["Skew"] == pytest.approx(g1 * np.sqrt(6) / 1)
    assert st.loc["c", "Flag.Avail"] == "ok" and st.loc["c", "N.Unique"] == 4


def test_stats_flags_outliers_zeros_negatives_and_zero_variance():
    meta = small_meta()
    data = small_data()
    data["a"] = [0.0, 0.0, 0.0, 5.0]  # 75 % zeros
    data["b"] = [2.0, 2.0, 2.0, 2.0]  # zero variance
    data["c"] = [-1.0, 3.0, 4.0, 5.0]
    coin = new_coin(data, meta)
    st = get_stats(coin, "Raw")
    assert st.loc["a", "Flag.NonZero"] == "LOW" and st.loc["a", "Frc.NonZero"] == 0.25
    assert st.loc["b", "Flag.ZeroVar"] == "ZERO" and st.loc["b", "Flag.Unique"] == "LOW"
    assert st.loc["c", "Flag.Neg"] == "NEG" and st.loc["c", "N.Neg"] == 1
    # COINr's own porting case: 1..10 and 100 fails the skew/kurtosis test
    meta2 = pd.DataFrame(
        {
            "Level": [1, 1, 2],
            "iCode": ["x", "y", "I"],
            "Parent": ["I", "I", None],
            "Direction": [1, 1, 1],
            "Type": ["Indicator", "Indicator", "Aggregate"],
            "Weight": [1, 1, 1],
        }
    )
    vals = [*range(1, 11), 100]
    data2 = pd.DataFrame({"uCode": [f"U{i}" for i in range(11)], "x": vals, "y": vals})
    st2 = get_stats(new_coin(data2, meta2), "Raw")
    assert st2.loc["x", "Flag.SkewKurt"] == "OL"
    assert st2.loc["x", "Collinear"] == "y"  # identical columns: r = 1 > 0.9


def test_asem_outlier_flags_match_the_treatment_record(asem_default):
    st = get_stats(asem_default, "Screened")
    treated = asem_default.record("Treat").details
    flagged = set(st.index[st["Flag.SkewKurt"] == "OL"])
    assert "Flights" in flagged
    assert flagged  # the build treated indicators the statistics flag
    assert treated


def test_cronbach_alpha_matches_coinr_documentation(asem_default):
    # COINr analysis vignette: get_cronbach(coin, dset = "Raw", iCodes = "P2P", Level = 1)
    assert get_cronbach(asem_default, "Raw", ["P2P"]).loc["P2P", "alpha"] == pytest.approx(
        0.05126659, abs=5e-9
    )


def test_cronbach_alpha_by_hand():
    x = np.array([[1.0, 2.0], [2.0, 3.0], [3.0, 5.0]])
    c = np.cov(x, rowvar=False)  # [[1, 1.5], [1.5, 2.3333]]
    assert cronbach_alpha(x) == pytest.approx(2 * (1 - np.trace(c) / c.sum()))
    assert cronbach_alpha(np.c_[x[:, 0], x[:, 0]]) == pytest.approx(1.0)


def test_corr_within_groups_and_flags(asem_default):
    corr = get_corr(asem_default, "Normalised", (1, 1), grouplev=2)
    assert np.isnan(corr.at["LPI", "Renew"])  # different pillars
    assert corr.at["LPI", "Flights"] == pytest.approx(
        asem_default.dataset("Normalised")[["LPI", "Flights"]].corr().iat[0, 1]
    )
    flags = get_corr_flags(asem_default, neg_thresh=-0.6)
    neg = flags[flags["Flag"] == "Negative"]
    assert set(map(tuple, neg[["Ind1", "Ind2"]].to_numpy())) == {
        ("CostImpEx", "TBTs"),
        ("TBTs", "TIRcon"),
        ("TBTs", "RTAs"),
    }
    assert (neg["Group"] == "Instit").all()
    spear = get_corr(asem_default, "Aggregated", (2, 3), method="spearman")
    assert spear.shape == (8, 2)


def test_parent_corr(asem_default):
    pc = get_parent_corr(asem_default)
    x = asem_default.dataset("Aggregated")
    assert pc.at["LPI", "Level_2"] == pytest.approx(x["LPI"].corr(x["Physical"]))
    assert pc.at["Physical", "Level_4"] == pytest.approx(x["Physical"].corr(x["Index"]))
    assert np.isnan(pc.at["Physical", "Level_2"])


def test_pca_per_aggregate(asem_default):
    pca = get_pca(asem_default, "Aggregated")
    # the index has two children: eigenvalues 1 ± r of their correlation matrix
    x = asem_default.dataset("Aggregated")
    r = x["Conn"].corr(x["Sust"])
    assert pca.loc["Index", "eig1"] == pytest.approx(1 + abs(r))
    assert pca.loc["Index", "var1"] == pytest.approx((1 + abs(r)) / 2)
    assert pca.loc["Index", "var_cum2"] == pytest.approx(1.0)
    assert pca.loc["Political", "k"] == 3 and pca.loc["Political", "n"] == 51
    load = pca.loc["Physical", "loadings"]
    assert np.linalg.norm(list(load.values())) == pytest.approx(1.0)
