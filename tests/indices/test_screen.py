"""Screening units by data availability."""

from __future__ import annotations

import numpy as np
import pytest

from sangtao.indices import Denominate, Screen, SpecError, load_spec


def test_screen_by_na_removes_units_below_threshold(small_coin):
    built = Screen(dat_thresh=0.9).apply(small_coin)
    assert list(built.dataset("Screened").index) == ["U1", "U2"]
    rec = built.record("Screen")
    assert rec.details["RemovedUnits"] == ["U3", "U4"]
    table = rec.details["DataSummary"]
    np.testing.assert_allclose(table["Dat_Avail"], [1, 1, 2 / 3, 2 / 3])


def test_force_and_zero_rules(small_coin):
    built = Screen(dat_thresh=0.9, Force={"U3": True, "U1": False}).apply(small_coin)
    assert list(built.dataset("Screened").index) == ["U2", "U3"]
    kept = Screen(unit_screen="byzeros", nonzero_thresh=0.5).apply(small_coin)
    assert len(kept.dataset("Screened")) == 4


def test_group_threshold_by_level(small_coin):
    # within P1 (a, b) U3 and U4 have 50 % availability
    built = Screen(unit_screen="none", group_thresh={2: 0.6}).apply(small_coin)
    assert built.record("Screen").details["RemovedUnits"] == ["U3", "U4"]


def test_screen_spec_errors(small_coin):
    with pytest.raises(SpecError, match="unit_screen must be one of"):
        Screen(unit_screen="byNa").apply(small_coin)
    with pytest.raises(SpecError, match="Force names unit 'U9'"):
        Screen(Force={"U9": True}).apply(small_coin)
    with pytest.raises(SpecError, match="dat_thresh must be between 0 and 1"):
        Screen(dat_thresh=90).apply(small_coin)


def test_asem_overview_screening_removes_five_units(asem_dir):
    spec = load_spec(asem_dir / "overview.yaml")
    coin = Screen(dset="Denominated", dat_thresh=0.9).apply(Denominate().apply(spec.new_coin()))
    assert coin.record("Screen").details["RemovedUnits"] == ["BGD", "BRN", "KHM", "LAO", "MMR"]
