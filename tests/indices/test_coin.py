"""Building a coin from iData/iMeta tables and files, and iData checks."""

from __future__ import annotations

import numpy as np
import pytest

from sangtao.indices import DataError, read_coin, read_table

from .conftest import small_data, small_meta


def test_new_coin_holds_raw_data_units_and_weights(small_coin):
    raw = small_coin.dataset("Raw")
    assert list(raw.columns) == ["a", "b", "c"]
    assert list(raw.index) == ["U1", "U2", "U3", "U4"]
    assert np.isnan(raw.at["U4", "a"])
    assert small_coin.units.at["U3", "grp"] == "y"
    assert small_coin.units.at["U2", "pop"] == 20.0
    assert small_coin.weight_set()["b"] == 3.0
    assert small_coin.log[0].step == "new_coin"


def test_asem_files_read(asem_dir):
    coin = read_coin(asem_dir / "asem_idata.csv", asem_dir / "asem_imeta.csv")
    raw = coin.dataset("Raw")
    assert raw.shape == (51, 49)
    assert "VNM" in raw.index
    assert raw["ConSpeed"].isna().sum() == 8


def test_excel_input_reads_like_csv(tmp_path):
    path_d, path_m = tmp_path / "idata.xlsx", tmp_path / "imeta.xlsx"
    small_data().to_excel(path_d, index=False)
    small_meta().to_excel(path_m, index=False)
    coin = read_coin(path_d, path_m)
    assert coin.dataset("Raw").at["U3", "a"] == 80.0
    assert read_table(path_m).shape == small_meta().shape


def test_non_numeric_values_are_named():
    data = small_data().astype({"a": object})
    data.loc[1, "a"] = "n/a"
    data.loc[2, "a"] = "12,5"
    with pytest.raises(
        DataError, match=r"column a has non-numeric value\(s\): U2='n/a', U3='12,5'"
    ):
        read_coin(data, small_meta())


def test_na_strings_count_as_missing():
    data = small_data().astype({"b": object})
    data.loc[0, "b"] = "NA"
    assert np.isnan(read_coin(data, small_meta()).dataset("Raw").at["U1", "b"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.drop(columns="uCode"), "lacks the required column uCode"),
        (lambda d: d.drop(columns="b"), r"lacks column\(s\) declared in iMeta: b"),
        (lambda d: d.assign(zz=1.0), r"not described in iMeta: zz"),
        (lambda d: d.assign(uCode=["U1", "U1", "U3", "U4"]), r"duplicate uCode\(s\): U1"),
        (lambda d: d.assign(Time=[2020, 2021, 2020, 2020]), "several Time values"),
        (lambda d: d.assign(c=[1.0, np.inf, 2.0, 3.0]), "infinite value"),
    ],
)
def test_invalid_idata_is_rejected(change, message):
    with pytest.raises(DataError, match=message):
        read_coin(change(small_data()), small_meta())


def test_missing_file_and_unknown_format(tmp_path):
    with pytest.raises(DataError, match="file not found"):
        read_table(tmp_path / "none.csv")
    (tmp_path / "x.json").write_text("{}")
    with pytest.raises(DataError, match="unsupported table format"):
        read_table(tmp_path / "x.json")


def test_exclude_drops_an_indicator():
    coin = read_coin(small_data().drop(columns="b"), small_meta(), exclude=["b"])
    assert coin.framework.indicators == ["a", "c"]
