"""The trained phrase-similarity model, trained small on a slice of the USPTO training data.

The slice holds every training pair of six anchors; one pair in five is held out for testing.
The embedder is the hashing one (no model to load), so these tests say the machinery works,
not how good the shipped model is (that is ``sangtao eval phrase-similarity``).
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from sangtao.cli import main
from sangtao.search import HashingEmbedder, SearchError, phrase_similarity, read_phrase_pairs
from sangtao.search._eval import phrase_scorer
from sangtao.search._phrase_features import CONTEXT_NAMES, FEATURE_NAMES
from sangtao.search._phrase_model import default_model_path, load_phrase_model
from sangtao.search._phrase_train import train_phrase_model

from .conftest import FIXTURES

SLICE = FIXTURES / "phrase_matching_train_slice.csv"


def _embedder() -> HashingEmbedder:
    return HashingEmbedder(64, buckets=4096, char_ngrams=3)


@pytest.fixture(scope="module")
def split():
    pairs = read_phrase_pairs(SLICE)
    return [p for i, p in enumerate(pairs) if i % 5], [p for i, p in enumerate(pairs) if not i % 5]


@pytest.fixture(scope="module")
def trained(split):
    train, test = split
    return train_phrase_model(train, test, _embedder(), seed=3)


def _predict(model, pairs):
    return model.predict(
        [p.anchor for p in pairs],
        [p.target for p in pairs],
        [p.context for p in pairs],
        _embedder(),
    )


def test_the_model_beats_the_cosine_it_starts_from(split, trained):
    _, test = split
    model, report = trained
    assert report["train_pairs"] == 331 and report["valid_pairs"] == 83
    cosine = phrase_similarity(test, _embedder()).pearson
    learned = phrase_similarity(test, model).pearson
    assert learned == pytest.approx(report["valid_pearson"], abs=1e-4)
    assert learned > 0.4 and learned > cosine
    assert learned < 1.0  # held-out pairs: no leak of their own scores


def test_the_same_seed_gives_the_same_model_and_the_file_predicts_the_same(
    split, trained, tmp_path
):
    train, test = split
    model, _ = trained
    again, _ = train_phrase_model(train, None, _embedder(), seed=3)
    assert np.array_equal(_predict(model, test), _predict(again, test))
    path = tmp_path / "model.npz"
    model.save(path)
    loaded = load_phrase_model(path)
    assert np.array_equal(_predict(model, test), _predict(loaded, test))
    assert loaded.info["seed"] == 3 and loaded.embedder == _embedder().model
    assert path.stat().st_size < 500_000


def test_unknown_anchors_and_contexts_still_get_a_score(trained):
    model, _ = trained
    out = model.predict(
        ["sound absorber", "sound absorber"], ["muffler", "jam"], ["Z99", ""], _embedder()
    )
    assert out.shape == (2,) and np.isfinite(out).all()
    vectors = _embedder().embed_queries(["sound absorber", "muffler"])
    a, t = np.repeat(vectors, 2, axis=0).reshape(2, 2, -1)
    titles = model.features(
        ["sound absorber"] * 2, ["muffler"] * 2, [model.contexts[0], "Z99"], a, t
    )[:, -len(CONTEXT_NAMES) :]
    assert np.isfinite(titles[0]).all() and np.isnan(titles[1]).all()
    assert len(model.context_vectors) == len(model.contexts)
    assert model.predict([], [], [], _embedder()).shape == (0,)


def test_clear_errors(split, trained, tmp_path):
    train, _ = split
    model, _ = trained
    with pytest.raises(SearchError, match="at least 20"):
        train_phrase_model(train[:5], None, _embedder())
    with pytest.raises(SearchError, match="no phrase model"):
        load_phrase_model(tmp_path / "none.npz")
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip")
    with pytest.raises(SearchError, match="not a phrase model"):
        load_phrase_model(junk)
    with pytest.raises(SearchError, match="trained on hashing"):
        model.predict(["a"], ["b"], ["A01"], HashingEmbedder(32))
    with pytest.raises(SearchError, match="unknown embedder"):
        phrase_scorer("nonsense")


def test_train_then_evaluate_from_the_command_line(tmp_path, capsys):
    out = tmp_path / "m.npz"
    cache = tmp_path / "vectors.npz"
    args = ["eval", "train-phrase-model", "--train", str(SLICE), "--valid", str(SLICE)]
    args += ["--out", str(out), "--embedder", "hashing:64", "--cache", str(cache), "--quiet"]
    assert main([*args, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["train_pairs"] == 414 and out.exists() and cache.exists()
    ev = ["eval", "phrase-similarity", str(SLICE), "--model-file", str(out), "--json"]
    assert main(ev) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["pearson"] == pytest.approx(report["valid_pearson"], abs=1e-4)
    assert main(["eval", "train-phrase-model", "--train", "nope.csv", "--out", str(out)]) == 2
    assert "no such file" in capsys.readouterr().err


def test_the_shipped_model_is_small_and_complete():
    path = default_model_path()
    assert path.exists() and path.stat().st_size < 5_000_000
    assert (path.parent / "README.md").exists()
    model = load_phrase_model()
    assert model.embedder.name == "multilingual-e5-small-q4"
    assert int(model.trees.feature.max()) < len(FEATURE_NAMES)
    assert len(model.reference.scores) > 20_000
    assert model.info["valid_pearson"] > 0.75
    assert model.context_vectors.shape == (len(model.contexts), 384)
