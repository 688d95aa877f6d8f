"""Outlier treatment: COINr's winsorisation rule, log transforms, overrides."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sangtao.indices import (
    Framework,
    SpecError,
    Treat,
    TreatmentError,
    log_CT,
    log_GII,
    new_coin,
    winsorise,
)
from sangtao.indices._treat import treat_vector


def test_one_winsorisation_brings_the_outlier_to_the_next_value():
    # COINr test: c(1:10, 100) fails; after one step 100 becomes 10 and passes
    x = np.r_[np.arange(1.0, 11.0), 100.0]
    out, nwin, pts = winsorise(x)
    assert nwin == 1
    assert out[-1] == 10.0 and np.array_equal(out[:-1], x[:-1])
    assert pts[-1] == "winhi" and (pts[:-1] == "").all()


def test_tied_extremes_move_together_and_count_each():
    x = np.r_[np.arange(1.0, 21.0), 200.0, 200.0]
    out, nwin, pts = winsorise(x, winmax=5)
    assert nwin == 2
    assert (out[-2:] == 20.0).all()
    assert list(pts[-2:]) == ["winhi", "winhi"]


def test_log_ct_on_original_values_if_winsorising_is_not_enough():
    # COINr test: c(1:20, 100, 200) with winmax = 1 still fails -> log_CT of the original x
    x = np.r_[np.arange(1.0, 21.0), 100.0, 200.0]
    out, det, pts = treat_vector(x, {**_defaults(), "f1_para": {"winmax": 1}})
    expected = np.log(x - 1 + 0.01 * 199)
    np.testing.assert_allclose(out, expected, rtol=1e-14)
    assert det["winsorise.nwin"] == 1 and det["check_SkewKurt1.Pass"] is False
    assert det["Treatment"] == "log_CT"
    assert (pts == "log_CT").all()


def test_combine_treat_logs_the_winsorised_values():
    x = np.r_[np.arange(1.0, 21.0), 100.0, 200.0]
    specs = {**_defaults(), "f1_para": {"winmax": 1}}
    out, det, _ = treat_vector(x, specs, combine_treat=True)
    win = x.copy()
    win[-1] = 100.0
    np.testing.assert_allclose(out, log_CT(win))
    assert det["Treatment"] == "winsorise+log_CT"


def test_log_gii_returns_the_transformed_values():
    x = np.array([0.0, 5.0, 10.0])
    np.testing.assert_allclose(log_GII(x), np.log([1.0, 5.5, 10.0]))


def test_negative_skew_winsorises_the_minimum():
    x = -np.r_[np.arange(1.0, 11.0), 100.0]
    out, nwin, pts = winsorise(x)
    assert nwin == 1 and out[-1] == -10.0 and pts[-1] == "winlo"


def _defaults():
    return Treat().resolved_specs()


def _coin(values: dict[str, list[float]]):
    codes = list(values)
    meta = pd.DataFrame(
        {
            "Level": [1] * len(codes) + [2],
            "iCode": [*codes, "Index"],
            "Parent": ["Index"] * len(codes) + [None],
            "Direction": 1,
            "Type": ["Indicator"] * len(codes) + ["Aggregate"],
            "Weight": 1,
        }
    )
    n = len(next(iter(values.values())))
    data = pd.DataFrame({"uCode": [f"U{i}" for i in range(n)], **values})
    return new_coin(data, Framework.from_imeta(meta))


def test_treat_step_records_details_and_honours_overrides():
    out_col = list(np.r_[np.arange(1.0, 11.0), 100.0])
    coin = _coin({"x": out_col, "y": out_col, "z": list(np.arange(11.0))})
    built = Treat(indiv_specs={"y": "none"}).apply(coin)
    treated = built.dataset("Treated")
    assert treated["x"].iloc[-1] == 10.0
    assert treated["y"].iloc[-1] == 100.0
    rec = built.record("Treat")
    assert rec.details["treated"] == ["x"]
    table = rec.details["Dets_Table"]
    assert table.at["y", "Treatment"] == "none (switched off)"
    assert table.at["z", "Treatment"] == "none"
    assert rec.details["Treated_Points"].at["U10", "x"] == "winhi"


def test_per_indicator_thresholds_override_the_global_ones():
    col = list(np.r_[np.arange(1.0, 11.0), 100.0])
    coin = _coin({"x": col, "y": col})
    spec = {"y": {"f_pass_para": {"skew_thresh": 10}}}
    treated = Treat(indiv_specs=spec).apply(coin).dataset("Treated")
    assert treated["x"].iloc[-1] == 10.0 and treated["y"].iloc[-1] == 100.0


def test_gii_rule_uses_225_and_the_gii_log():
    specs = Treat(global_specs="gii").resolved_specs()
    assert specs["f_pass_para"]["skew_thresh"] == 2.25
    assert specs["f1_para"]["winmax"] == 5 and specs["f2"] == "log_GII"


def test_constant_indicator_is_left_untreated_and_recorded():
    coin = _coin({"x": [1.0] * 6, "y": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]})
    built = Treat().apply(coin)
    assert built.dataset("Treated")["x"].tolist() == [1.0] * 6
    assert "constant" in built.record("Treat").details["Dets_Table"].at["x", "Treatment"]


def test_too_few_values_and_bad_specs_raise():
    coin = _coin({"x": [1.0, 2.0, np.nan, np.nan], "y": [1.0, 2.0, 3.0, 4.0]})
    with pytest.raises(TreatmentError, match="indicator x: skewness needs at least 3"):
        Treat().apply(coin)
    with pytest.raises(SpecError, match="f2 must be one of"):
        Treat(global_specs={"f2": "log10"}).apply(
            _coin({"x": list(np.r_[np.arange(1.0, 11.0), 1e3])})
        )
    with pytest.raises(SpecError, match="unknown indicator"):
        Treat(indiv_specs={"q": "none"}).apply(coin)


def test_asem_default_treats_fifteen_indicators(asem_default):
    rec = asem_default.record("Treat")
    assert len(rec.details["treated"]) == 15
    table = rec.details["Dets_Table"]
    assert table.loc[rec.details["treated"], "Treatment"].eq("winsorise").all()
