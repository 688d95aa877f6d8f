"""Framework (iMeta) validation and queries."""

from __future__ import annotations

import pandas as pd
import pytest

from sangtao.indices import Framework, FrameworkError, effective_weights

from .conftest import small_meta


def _set(meta: pd.DataFrame, code: str, col: str, value: object) -> pd.DataFrame:
    meta = meta.copy()
    meta[col] = meta[col].astype(object)
    meta.loc[meta["iCode"] == code, col] = value
    return meta


def test_small_framework_structure():
    fw = Framework.from_imeta(small_meta())
    assert fw.n_levels == 3
    assert fw.indicators == ["a", "b", "c"]
    assert fw.aggregates == ["P1", "P2", "Index"]
    assert fw.children("P1") == ("a", "b")
    assert fw.leaves("Index") == ["a", "b", "c"]
    assert fw.ancestor("c", 3) == "Index"
    assert fw.groups == ["grp"] and fw.denominators == ["pop"]
    assert fw.directions.to_dict() == {"a": 1.0, "b": 1.0, "c": -1.0}


def test_asem_framework(asem_dir):
    meta = pd.read_csv(asem_dir / "asem_imeta.csv")
    fw = Framework.from_imeta(meta, level_names=["Indicator", "Pillar", "Sub-index", "Index"])
    assert len(fw.indicators) == 49
    assert fw.codes(level=2) == [
        "Physical",
        "ConEcFin",
        "Political",
        "Instit",
        "P2P",
        "Environ",
        "Social",
        "SusEcFin",
    ]
    assert (fw.directions == -1).sum() == 14
    assert list(fw.lineage().columns) == ["Indicator", "Pillar", "Sub-index", "Index"]


def test_effective_weights_multiply_down_the_tree():
    eff = effective_weights(Framework.from_imeta(small_meta()))
    # a: 1/(1+3) of P1, P1 is 1/2 of Index
    assert eff["a"] == pytest.approx(0.125)
    assert eff["b"] == pytest.approx(0.375)
    assert eff["c"] == pytest.approx(0.5)
    assert eff[["a", "b", "c"]].sum() == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m.drop(columns="Weight"), "lacks required column"),
        (lambda m: _set(m, "b", "iCode", "a"), "duplicate iCode"),
        (lambda m: _set(m, "b", "iCode", "b x"), "spaces"),
        (lambda m: _set(m, "b", "iCode", "1b"), "digit"),
        (lambda m: _set(m, "b", "Type", "Indicatr"), "Type must be one of"),
        (lambda m: _set(m, "b", "Parent", "P9"), "parent 'P9' of b is not an iCode"),
        (lambda m: _set(m, "b", "Parent", "c"), "must be of Type 'Aggregate'"),
        (lambda m: _set(m, "b", "Direction", 2), "Direction of b must be 1 or -1"),
        (lambda m: _set(m, "b", "Weight", None), "b has no Weight"),
        (lambda m: _set(m, "b", "Weight", "heavy"), "Weight of b: 'heavy' is not a number"),
        (lambda m: _set(m, "b", "Level", 2), "indicator b must be at Level 1"),
        (lambda m: _set(m, "b", "Parent", "Index"), "parent must be exactly one level up"),
        (lambda m: _set(m, "c", "Parent", "P1"), "without children: P2"),
        (lambda m: _set(m, "a", "Denominator", "GDP"), "Denominator 'GDP' of a"),
        (lambda m: _set(_set(m, "Index", "Level", 4), "P2", "Level", 4), "gap"),
    ],
)
def test_invalid_imeta_is_rejected_with_a_clear_error(change, message):
    with pytest.raises(FrameworkError, match=message):
        Framework.from_imeta(change(small_meta()))


def test_cycle_in_parent_links_is_reported():
    meta = _set(small_meta(), "Index", "Parent", "P1")
    meta = _set(meta, "P1", "Parent", "Index")
    with pytest.raises(FrameworkError, match="cycle: P1 -> Index -> P1"):
        Framework.from_imeta(meta)


def test_non_top_element_without_parent_is_rejected():
    with pytest.raises(FrameworkError, match="P2 \\(Level 2\\) has no parent"):
        Framework.from_imeta(_set(small_meta(), "P2", "Parent", None))
