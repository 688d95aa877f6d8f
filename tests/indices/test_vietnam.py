"""Viet Nam: provinces and crosswalk, PII/GII templates, published results."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sangtao.indices import (
    AggregationError,
    DataError,
    Framework,
    a_amean,
    compare_published,
    efficiency_ratio,
    fold_name,
    gii_framework,
    load_spec,
    pii_framework,
    pii_synthetic_idata,
    read_published_pii,
    to_34_provinces,
    vn_crosswalk,
    vn_provinces,
)

PII = Path(__file__).resolve().parents[2] / "examples" / "pii"


def test_34_provinces_with_gso_codes():
    p = vn_provinces()
    assert len(p) == 34 and p["gso_code"].is_unique
    assert p.loc["ha_noi", "gso_code"] == "01" and p.loc["ho_chi_minh", "gso_code"] == "79"
    # code pitfall: new units carrying a merged partner's old code
    assert p.loc["bac_ninh", "gso_code"] == "24" and p.loc["tay_ninh", "gso_code"] == "80"


def test_crosswalk_63_to_34():
    cw = vn_crosswalk()
    assert len(cw) == 63 and cw["codename_34"].nunique() == 34
    row = cw.set_index("codename")
    assert row.loc["bac_giang", "codename_34"] == "bac_ninh"
    assert row.loc["binh_duong", "codename_34"] == "ho_chi_minh"
    assert row.loc["ba_ria_vung_tau", "codename_34"] == "ho_chi_minh"
    assert (cw.groupby("codename_34").size().sum()) == 63


def test_to_34_sums_counts_and_rederives_ratios():
    cw = vn_crosswalk()
    data = pd.DataFrame(
        {"codename": cw["codename"], "patents": 1.0, "rd": 2.0, "pop": np.arange(1, 64.0)}
    )
    out = to_34_provinces(data, sums=["patents"], ratios={"rd_per_pop": ("rd", "pop")})
    assert len(out) == 34
    # Ho Chi Minh City = HCMC + Binh Duong + Ba Ria-Vung Tau
    assert out.loc["ho_chi_minh", "patents"] == 3
    pops = data.set_index("codename").loc[["ho_chi_minh", "binh_duong", "ba_ria_vung_tau"], "pop"]
    assert out.loc["ho_chi_minh", "rd_per_pop"] == pytest.approx(6 / pops.sum())
    with pytest.raises(DataError, match="missing old province"):
        to_34_provinces(data.iloc[1:], sums=["patents"])


def test_fold_name_matches_spellings():
    assert (
        fold_name("TP HCM") == fold_name("Thành phố Hồ Chí Minh") == fold_name("Ho Chi Minh City")
    )
    assert fold_name("Thanh Hoá") == fold_name("Thanh Hóa")


def test_pii_template_structure():
    meta = pii_framework()
    fw = Framework.from_imeta(meta)
    assert len(fw.indicators) == 52 and len(fw.codes(level=2)) == 18
    assert fw.children("Input") == ("P1", "P2", "P3", "P4", "P5")
    assert fw.children("Output") == ("P6", "P7")
    assert fw.children("PII") == ("Input", "Output")
    assert set(meta["Status"]) == {"confirmed", "slot", "named"}
    shipped = pd.read_csv(PII / "pii_imeta.csv")
    assert list(shipped["iCode"]) == list(meta["iCode"])


def test_gii_template():
    fw = Framework.from_imeta(gii_framework())
    assert len(fw.indicators) == 78 and len(fw.codes(level=2)) == 21


def test_pii_is_the_mean_of_input_and_output():
    # Huế 2025: Input 51.50, Output 47.23, PII 49.37 (published)
    assert a_amean(np.array([[51.50, 47.23]]))[0] == pytest.approx(49.365)


@pytest.fixture(scope="module")
def pii_coin():
    return load_spec(PII / "pii.yaml").build()


def test_pii_example_builds_on_34_provinces(pii_coin):
    x = pii_coin.dataset("Aggregated")
    assert len(x) == 34 and not x["PII"].isna().any()
    np.testing.assert_allclose(x["PII"], (x["Input"] + x["Output"]) / 2)
    eff = efficiency_ratio(pii_coin)
    np.testing.assert_allclose(eff, x["Output"] / x["Input"])


def test_efficiency_ratio_refuses_a_zero_input(pii_coin):
    from sangtao.indices import StepRecord

    x = pii_coin.dataset("Aggregated")
    x.loc[x["Input"].idxmin(), "Input"] = 0.0
    zero = pii_coin.with_dataset("Zeroed", x, StepRecord("test", {}, None, "Zeroed"))
    with pytest.raises(AggregationError, match="undefined"):
        efficiency_ratio(zero, dset="Zeroed")


def test_published_results_beside_computed(pii_coin):
    pub = read_published_pii(PII / "pii_published_results.csv")
    assert pub.loc[pub["edition"] == 2025, "codename"].tolist() == [
        "ha_noi",
        "ho_chi_minh",
        "quang_ninh",
        "hai_phong",
        "hue",
    ]
    assert "bac_giang" in set(pub.loc[pub["edition"] == 2024, "codename"])  # a 63-unit key
    cmp = compare_published(pii_coin, pub, 2025)
    assert cmp.loc["ha_noi", "published_score"] == 65.68
    assert cmp.loc["hue", "published_rank"] == 5
    assert cmp["published_rank"].notna().sum() == 5
    x = pii_coin.dataset("Aggregated")["PII"]
    assert cmp.loc["hue", "score_diff"] == pytest.approx(x["hue"] - 49.37)


def test_synthetic_data_shape():
    idata, meta = pii_synthetic_idata(seed=1, missing=0.1)
    assert idata.shape == (34, 54)
    assert 0.05 < idata.iloc[:, 2:].isna().to_numpy().mean() < 0.15
