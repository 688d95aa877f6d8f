"""PCA weights, noisy weights."""

from __future__ import annotations

import numpy as np
import pytest

from sangtao.indices import Framework, PCAWeights, SpecError, load_spec, new_coin, noisy_weights
from sangtao.indices._weights import pca_loadings

from .conftest import small_data, small_meta


def test_pca_loadings_of_two_correlated_columns():
    x = np.array([[1.0, 2.0], [2.0, 4.5], [3.0, 5.5], [4.0, 8.0]])
    load, share = pca_loadings(x)
    # two standardised columns: PC1 = (1, 1)/sqrt(2), variance share (1 + r)/2
    np.testing.assert_allclose(load, [2**-0.5, 2**-0.5])
    r = np.corrcoef(x.T)[0, 1]
    assert share[0] == pytest.approx((1 + r) / 2)


def test_pca_weights_replace_pillar_weights_within_sub_indices(asem_dir):
    coin = load_spec(asem_dir / "pca_weights.yaml").build()
    w = coin.weight_set("PCA")
    rec = coin.record("get_PCA")
    assert set(rec.details["PCA"]) == {"Conn", "Sust"}
    agg = coin.dataset("Aggregated")
    pillars = list(coin.framework.children("Conn"))
    x = agg[pillars].to_numpy()
    z = (x - x.mean(0)) / x.std(0, ddof=1)
    vec = np.linalg.eigh(np.corrcoef(z.T))[1][:, -1]
    np.testing.assert_allclose(np.abs(w[pillars]), np.abs(vec), atol=1e-10)
    # indicators keep their iMeta weights
    assert (w[coin.framework.indicators] == 1).all()
    # the Index is re-aggregated with the new weights: Sust = PCA-weighted mean of its pillars
    sp = list(coin.framework.children("Sust"))
    norm_agg = coin.dataset("Aggregated")
    expected = norm_agg[sp].to_numpy() @ w[sp].to_numpy() / w[sp].sum()
    np.testing.assert_allclose(norm_agg["Sust"], expected)


def test_pca_step_needs_a_lower_level():
    with pytest.raises(SpecError, match="Level must be between 1 and 2"):
        PCAWeights(Level=3).apply(new_coin(small_data(), small_meta()))


def test_noisy_weights_are_reproducible_and_bounded():
    fw = Framework.from_imeta(small_meta())
    w = fw.weights
    a = noisy_weights(w, fw, {2: 0.25}, 1000, rng=1)
    b = noisy_weights(w, fw, {2: 0.25}, 1000, rng=1)
    np.testing.assert_array_equal(a, b)
    cols = list(w.index)
    p1 = a[:, cols.index("P1")]
    assert p1.min() >= 0.75 and p1.max() <= 1.25
    assert (a[:, cols.index("b")] == 3).all()
