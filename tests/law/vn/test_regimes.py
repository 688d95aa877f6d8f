"""Regime A before 1 April 2026, Regime B from that day."""

from __future__ import annotations

import datetime as dt

import pytest

from sangtao.law.vn import REGIME_A, REGIME_B, REGIMES, regime_on


@pytest.mark.parametrize(
    ("day", "regime"),
    [
        (dt.date(2020, 1, 1), REGIME_A),
        (dt.date(2026, 3, 31), REGIME_A),
        (dt.date(2026, 4, 1), REGIME_B),
        (dt.date(2030, 1, 1), REGIME_B),
    ],
)
def test_the_regime_is_chosen_by_date(day, regime):
    assert regime_on(day) is regime


def test_regimes_list_their_instruments():
    numbers_a = {i.number for i in REGIME_A.instruments}
    assert {"50/2005/QH11", "07/2022/QH15", "65/2023/ND-CP", "23/2023/TT-BKHCN"} <= numbers_a
    assert {"263/2016/TT-BTC", "31/2020/TT-BTC"} <= numbers_a
    numbers_b = {i.number for i in REGIME_B.instruments}
    assert {"131/2025/QH15", "100/2026/ND-CP", "10/2026/TT-BKHCN"} <= numbers_b
    law = next(i for i in REGIME_B.instruments if i.number == "131/2025/QH15")
    assert law.effective_from == dt.date(2026, 4, 1)
    assert str(law) == "Law 131/2025/QH15"


def test_regimes_do_not_overlap():
    assert REGIMES == (REGIME_A, REGIME_B)
    assert REGIME_A.effective_to + dt.timedelta(days=1) == REGIME_B.effective_from
