"""Matching passages with folded highlighting."""

from __future__ import annotations

from sangtao.search import Passage, best_passages, parse_query
from sangtao.search._passages import split_passages

from .conftest import synthetic


def test_passages_highlight_exact_text_found_by_folded_words():
    doc = synthetic(
        "VN-1",
        titles=(("vi", "Động cơ điện"),),
        abstracts=(("vi", "Sáng chế đề cập đến ĐỘNG CƠ đốt trong. Hệ thống làm mát."),),
    )
    best = best_passages(doc, parse_query("dong co dot"), n=2)
    assert best[0].part == "abstract"
    assert best[0].marked() == ("Sáng chế đề cập đến «ĐỘNG» «CƠ» «đốt» trong. Hệ thống làm mát.")
    assert best[1].marked() == "«Động» «cơ» điện"


def test_english_stems_and_whole_phrases_score():
    doc = synthetic(
        "US-1",
        claims=(("en", "1. A separator for pizzas.\n2. The pizza separator of claim 1."),),
    )
    best = best_passages(doc, parse_query('"pizza separator"'))
    assert best[0].text == "2. The pizza separator of claim 1."
    assert best[1].marked() == "1. A «separator» for «pizzas»."


def test_a_hit_without_query_words_gets_its_abstract_unmarked():
    doc = synthetic("X-1", titles=((None, "Garden stake"),), abstracts=((None, "A stake."),))
    assert best_passages(doc, parse_query("zeolite")) == [Passage("abstract", "A stake.", (), 0.0)]


def test_long_paragraphs_are_cut_at_sentences():
    text = " ".join(f"Sentence number {i} is here." for i in range(100))
    parts = split_passages(text + "\n\nShort paragraph.")
    assert len(parts) > 5
    assert all(len(p) < 700 for p in parts)
    assert parts[-1] == "Short paragraph."
