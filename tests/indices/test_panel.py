"""Panel imputation, building several years at once (purse), year-on-year changes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sangtao.indices import DataError, SpecError, build_purse, impute_panel, load_spec


def _coinr_case() -> pd.DataFrame:
    # COINr tests/testthat/test-impute_panel.R
    return pd.DataFrame(
        {
            "uCode": "A",
            "Time": [2020, 2021, 2022],
            "i1": [1.0, 2.0, 3.0],
            "i2": [3.0, np.nan, 5.0],
            "i3": [np.nan, 5.0, 6.0],
            "i4": [7.0, 8.0, np.nan],
        }
    )


@pytest.mark.parametrize(
    ("imp_type", "i2", "i3", "i4"),
    [
        ("linear", [3, 4, 5], [5, 5, 6], [7, 8, 8]),  # COINr's expectations
        ("constant", [3, 3, 5], [5, 5, 6], [7, 8, 8]),  # COINr's expectations
        ("latest", [3, 3, 5], [np.nan, 5, 6], [7, 8, 8]),  # never backwards in time
        ("linear-constant", [3, 4, 5], [np.nan, 5, 6], [7, 8, 8]),
    ],
)
def test_panel_imputation_types(imp_type, i2, i3, i4):
    out, src = impute_panel(_coinr_case(), imp_type)
    np.testing.assert_array_equal(out["i1"], [1, 2, 3])
    np.testing.assert_array_equal(out["i2"], i2)
    np.testing.assert_array_equal(out["i3"], i3)
    np.testing.assert_array_equal(out["i4"], i4)
    assert src.loc[2, "i4"] == 2021  # the value came from 2021


def test_latest_respects_max_time_and_unit_order():
    df = pd.DataFrame(
        {
            "uCode": ["B", "A", "A", "A", "B", "B"],
            "Time": [2022, 2022, 2020, 2021, 2020, 2021],
            "x": [np.nan, np.nan, 1.0, np.nan, 7.0, 8.0],
        }
    )
    out, src = impute_panel(df, "latest", max_time=1)
    # A: 2020 = 1, 2021 <- 2020 (1 back), 2022 is 2 back from 2020: not imputed
    assert out.loc[3, "x"] == 1 and np.isnan(out.loc[1, "x"])
    assert out.loc[0, "x"] == 8 and src.loc[0, "x"] == 2021
    out2, _ = impute_panel(df, "latest")
    assert out2.loc[1, "x"] == 1


def test_panel_imputation_errors():
    with pytest.raises(SpecError, match="imp_type"):
        impute_panel(_coinr_case(), "spline")
    one_year = _coinr_case().assign(Time=2020, uCode=["A", "B", "C"])
    with pytest.raises(DataError, match="two time points"):
        impute_panel(one_year)
    dup = pd.concat([_coinr_case(), _coinr_case()])
    with pytest.raises(DataError, match="duplicate"):
        impute_panel(dup)


def test_coinr_panel_example_imputes_from_2021(asem_dir):
    panel = pd.read_csv(asem_dir / "asem_idata_panel.csv")
    hole = panel.copy()
    hole.loc[(hole["uCode"] == "NZL") & (hole["Time"] == 2022), "LPI"] = np.nan
    out, _ = impute_panel(hole, cols=["LPI", "Flights"])
    prev = panel.loc[(panel["uCode"] == "NZL") & (panel["Time"] == 2021), "LPI"].item()
    assert out.loc[(out["uCode"] == "NZL") & (out["Time"] == 2022), "LPI"].item() == prev


@pytest.fixture(scope="module")
def purse(asem_dir):
    panel = pd.read_csv(asem_dir / "asem_idata_panel.csv")
    panel = panel[panel["Time"] <= 2020]
    spec = load_spec(asem_dir / "default.yaml")
    meta = pd.read_csv(asem_dir / "asem_imeta.csv")
    return build_purse(panel, meta, spec.steps, impute={"imp_type": "latest"})


def test_purse_builds_every_year_and_2018_is_coinr_example(purse, asem_default):
    assert purse.times == [2018, 2019, 2020]
    res = purse.results()
    y18 = res[res["Time"] == 2018].set_index("uCode")
    np.testing.assert_allclose(
        y18["Score"], asem_default.dataset("Aggregated")["Index"].reindex(y18.index), rtol=1e-12
    )
    assert y18.loc["CHE", "Rank"] == 1


def test_year_on_year_changes_and_notes(purse):
    ch = purse.changes()
    assert set(zip(ch["From"], ch["To"], strict=True)) == {(2018, 2019), (2019, 2020)}
    res = purse.results().set_index(["Time", "uCode"])
    row = ch[(ch["uCode"] == "CHE") & (ch["From"] == 2018)].iloc[0]
    assert row["ScoreChange"] == pytest.approx(
        res.loc[(2019, "CHE"), "Score"] - res.loc[(2018, "CHE"), "Score"]
    )
    assert row["RankChange"] == res.loc[(2019, "CHE"), "Rank"] - res.loc[(2018, "CHE"), "Rank"]
    assert any("normalised on its own units" in n for n in purse.notes)
    assert any("panel imputation" in n for n in purse.notes)


def test_changes_note_when_the_unit_set_changes(asem_dir):
    panel = pd.read_csv(asem_dir / "asem_idata_panel.csv")
    panel = panel[(panel["Time"] <= 2019) & ~((panel["Time"] == 2019) & (panel["uCode"] == "AUT"))]
    spec = load_spec(asem_dir / "default.yaml")
    meta = pd.read_csv(asem_dir / "asem_imeta.csv")
    p = build_purse(panel, meta, spec.steps)
    ch = p.changes()
    assert "AUT" not in set(ch["uCode"])
    assert ch["Note"].str.contains("0 entered, 1 left").all()
    assert any("AUT" in n for n in p.notes)
