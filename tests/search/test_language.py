"""Language-aware hybrid fusion: the language guess, and its effect on every backend."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from sangtao.search import EmbeddingModel, SearchIndex, reciprocal_rank_fusion
from sangtao.search._language import (
    cross_language_weights,
    detect_language,
    document_languages,
)

from .conftest import BACKENDS, synthetic


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Động cơ đốt trong", "vi"),
        ("Viên nén aspirin", "vi"),  # only accents French also has, but half the words
        ("thiet bi cua nguoi dung", "vi"),  # typed without diacritics
        ("A box for pizza, wherein the lid folds", "en"),
        ("Method and apparatus for Nguyễn", None),  # English words, a Vietnamese name
        ("pizza box", None),  # no function word: undecided
        ("H04W 4/02", None),
        ("Procédé de fabrication d'un élément", None),
        ("Verfahren zur Herstellung", None),
        ("東京タワー", None),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_document_languages_reads_unlabelled_texts():
    labelled = synthetic("A", titles=(("vi", "Động cơ"), ("en", "Engine")))
    assert document_languages(labelled) == {"vi", "en"}
    assert document_languages(synthetic("B", titles=((None, "Pizza box"),))) == {"en"}
    assert document_languages(synthetic("C", titles=((None, "Hộp đựng bánh"),))) == {"vi"}
    assert document_languages(synthetic("D")) == frozenset()


class _Lookup:
    """Vectors set by hand: a document's by its title, every query the first axis."""

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self.vectors = vectors

    @property
    def model(self) -> EmbeddingModel:
        return EmbeddingModel("lookup", "1", 8)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return np.tile(np.eye(8, dtype=np.float32)[0], (len(texts), 1))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self.vectors[t.split("\n")[0]] for t in texts])


def _unit(*values: float) -> np.ndarray:
    v = np.zeros(8, dtype=np.float32)
    v[: len(values)] = values
    return v / np.linalg.norm(v)


# An English engine that only the dense arm finds for a Vietnamese engine query, 18 English
# documents between it and the rest in the dense ranking, and an English and a Vietnamese
# oven that only share the model number X100 with the query (the keyword arm's matches).
TITLES = {
    "EN-ENGINE": ("en", "Internal combustion engine", _unit(1)),
    **{f"EN-F{i:02}": ("en", f"Gearbox {i}", _unit(1, 0.2 + 0.05 * i)) for i in range(18)},
    "EN-X100": ("en", "Pizza oven X100", _unit(0.01, 0, 1)),
    "VI-X100": ("vi", "Lò nướng bánh X100", _unit(0, 0, 1)),
}
DOCS = [synthetic(d, titles=((lang, title),)) for d, (lang, title, _) in TITLES.items()]
QUERY = "Động cơ đốt trong X100"


@pytest.fixture
def embedder() -> _Lookup:  # replaces conftest's: make_index embeds with it
    return _Lookup({title: vec for _, title, vec in TITLES.values()})


@pytest.fixture(params=BACKENDS)
def index(request, make_index) -> SearchIndex:  # type: ignore[no-untyped-def]
    return make_index(request.param, DOCS)


def _ids(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.doc_id for h in result.hits]


def test_a_keyword_match_across_languages_no_longer_outranks_the_dense_hit(index):
    assert set(_ids(index.search(QUERY, mode="keyword"))) == {"EN-X100", "VI-X100"}
    index.cross_language_weight = 1.0  # plain RRF: both ovens above the engine
    plain = index.search(QUERY, mode="hybrid", k=5)
    assert _ids(plain)[2] == "EN-ENGINE"
    assert not [n for n in plain.notes if "language-aware" in n]

    index.cross_language_weight = 0.2
    aware = index.search(QUERY, mode="hybrid", k=25)
    got = _ids(aware)
    # the Vietnamese oven keeps its full keyword weight; the English one falls below the
    # dense arm's engine and the documents it ranks next
    assert got[:2] == ["VI-X100", "EN-ENGINE"]
    assert got.index("EN-X100") > got.index("EN-F00")
    hit = aware.hits[got.index("EN-X100")]
    assert set(hit.arms) == {"keyword", "dense"}  # why it ranked: both arms, own ranks
    assert hit.arms["dense"].rank == 20
    assert hit.score == pytest.approx(0.2 / (60 + hit.arms["keyword"].rank) + 1 / 80)
    (note,) = [n for n in aware.notes if "language-aware" in n]
    assert "Vietnamese" in note and "counts 0.2" in note
    assert note.endswith(f"(hits so weighted: {got.index('EN-X100') + 1})")


def test_same_language_and_undecided_queries_fuse_as_plain_rrf(index):
    def run(query: str, weight: float) -> list[tuple[str, float]]:
        index.cross_language_weight = weight
        return [(h.doc_id, h.score) for h in index.search(query, mode="hybrid", k=25).hits]

    # an English query: the English documents keep full weight, the Vietnamese one does not
    english = "the pizza oven X100"
    assert detect_language(english) == "en"
    weighted, plain = run(english, 0.2), run(english, 1.0)
    assert [d for d in weighted if d[0] != "VI-X100"] == [d for d in plain if d[0] != "VI-X100"]
    assert dict(weighted)["VI-X100"] < dict(plain)["VI-X100"]
    # no language to go by: plain RRF
    assert run("X100 oven", 0.2) == run("X100 oven", 1.0)


@pytest.mark.parametrize("seed", range(5))
def test_documents_are_read_only_as_far_as_the_top_hits_depend_on_them(seed):
    rng = np.random.default_rng(seed)
    langs = {f"D{i}": str(rng.choice(["vi", "en"])) for i in range(400)}
    pool = list(langs)
    arms = {
        arm: [(str(d), 1.0) for d in rng.choice(pool, size=200, replace=False)]
        for arm in ("keyword", "dense")
    }
    read: list[str] = []

    def get(ids):  # type: ignore[no-untyped-def]
        read.extend(ids)
        return {d: synthetic(d, titles=((langs[d], "x"),)) for d in ids}

    lowered, docs = cross_language_weights(arms, "vi", 0.5, get, 10)
    assert set(docs) == set(read) and len(read) < 200  # not every keyword hit
    every, _ = cross_language_weights(arms, "vi", 0.5, get, 10_000)
    assert lowered == {d: w for d, w in every.items() if d in docs}
    top = reciprocal_rank_fusion(arms, weights={"keyword": lowered})[:10]
    assert top == reciprocal_rank_fusion(arms, weights={"keyword": every})[:10]
