"""Denomination by iMeta's Denominator column or given specs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sangtao.indices import DataError, Denominate, SpecError, new_coin

from .conftest import small_data, small_meta


def test_denominate_by_imeta(small_coin):
    out = Denominate().apply(small_coin).dataset("Denominated")
    np.testing.assert_allclose(out["a"], [1, 2, 2, np.nan])
    np.testing.assert_allclose(out["b"], [1, 2, np.nan, 4])  # b has no denominator


def test_denomby_with_scale_factor_and_given_denoms(small_coin):
    denoms = pd.DataFrame({"area": [1.0, 2.0, 4.0, 5.0]}, index=["U1", "U2", "U3", "U4"])
    step = Denominate(denoms=denoms, denomby={"c": {"Denominator": "area", "ScaleFactor": 10}})
    out = step.apply(small_coin).dataset("Denominated")
    np.testing.assert_allclose(out["c"], [50, 15, 2.5, 4])
    assert step.apply(small_coin).record("Denominate").details["scale_factors"] == {"c": 10.0}


def test_zero_denominator_and_missing_units_are_errors():
    coin = new_coin(small_data().assign(pop=[10.0, 0.0, 1.0, 1.0]), small_meta())
    with pytest.raises(DataError, match="denominator pop is 0 for unit\\(s\\) U2"):
        Denominate().apply(coin)
    denoms = pd.DataFrame({"area": [1.0]}, index=["U1"])
    with pytest.raises(DataError, match="lack unit\\(s\\) present in Raw: U2, U3, U4"):
        Denominate(denoms=denoms, denomby={"a": "area"}).apply(coin)
    with pytest.raises(SpecError, match="not in Raw: zz"):
        Denominate(denomby={"zz": "pop"}).apply(coin)


def test_asem_denominates_seventeen_indicators(asem_default):
    rec = asem_default.record("Denominate")
    assert len(rec.details["denominated"]) == 17
    raw, den = asem_default.dataset("Raw"), asem_default.dataset("Denominated")
    units = asem_default.units
    assert den.at["AUT", "Goods"] == pytest.approx(raw.at["AUT", "Goods"] / units.at["AUT", "GDP"])
