"""Phrase similarity on a slice of the USPTO phrase-matching data."""

from __future__ import annotations

import pytest

from sangtao.search import HashingEmbedder, SearchError, phrase_similarity, read_phrase_pairs

from .conftest import FIXTURES

SLICE = FIXTURES / "phrase_matching_valid_500.csv"


def test_lexical_baseline_correlates_with_experts():
    pairs = read_phrase_pairs(SLICE)
    assert len(pairs) == 500
    assert pairs[0].anchor == "parallel orientation" and pairs[0].context == "A01"
    result = phrase_similarity(pairs, HashingEmbedder(4096, buckets=4096, char_ngrams=3))
    assert result.pairs == 500
    assert 0.3 < result.pearson < 0.6  # measured 0.41 on the full valid.csv


def test_bad_files_are_refused_with_the_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,anchor,target,context,score\n1,a,b,A01,high\n")
    with pytest.raises(SearchError, match="line 2: score 'high'"):
        read_phrase_pairs(bad)
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("x,y\n1,2\n")
    with pytest.raises(SearchError, match="expected the columns"):
        read_phrase_pairs(wrong)
    with pytest.raises(SearchError, match="at least two"):
        phrase_similarity(read_phrase_pairs(SLICE, limit=1), HashingEmbedder())
