"""Shared fixtures: the ASEM example shipped in examples/asem/ and small hand-made coins."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sangtao.indices import Coin, load_spec, new_coin

ASEM = Path(__file__).resolve().parents[2] / "examples" / "asem"


@pytest.fixture(scope="session")
def asem_dir() -> Path:
    return ASEM


@pytest.fixture(scope="session")
def asem_default() -> Coin:
    """The ASEM index built as COINr's build_example_coin()."""
    return load_spec(ASEM / "default.yaml").build()


def small_meta() -> pd.DataFrame:
    """Two pillars (P1: a, b; P2: c) under one index; c is a 'bad' (Direction -1)."""
    return pd.DataFrame(
        {
            "Level": [1, 1, 1, 2, 2, 3, None, None],
            "iCode": ["a", "b", "c", "P1", "P2", "Index", "grp", "pop"],
            "Parent": ["P1", "P1", "P2", "Index", "Index", None, None, None],
            "Direction": [1, 1, -1, 1, 1, 1, None, None],
            "Type": ["Indicator"] * 3 + ["Aggregate"] * 3 + ["Group", "Denominator"],
            "Weight": [1, 3, 1, 1, 1, 1, None, None],
            "Denominator": ["pop", None, None, None, None, None, None, None],
        }
    )


def small_data() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "uCode": ["U1", "U2", "U3", "U4"],
            "uName": ["One", "Two", "Three", "Four"],
            "grp": ["x", "x", "y", "y"],
            "pop": [10.0, 20.0, 40.0, 50.0],
            "a": [10.0, 40.0, 80.0, None],
            "b": [1.0, 2.0, None, 4.0],
            "c": [5.0, 3.0, 1.0, 2.0],
        }
    )


@pytest.fixture
def small_coin() -> Coin:
    return new_coin(small_data(), small_meta())
