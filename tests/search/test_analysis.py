"""Query parsing: words, phrases, operators, stop words and bad input."""

from __future__ import annotations

import unicodedata

import pytest

from sangtao.search import MAX_QUERY_CHARS, QueryError, parse_query


def test_words_are_folded_and_stemmed():
    q = parse_query("Động cơ ĐỐT engines")
    assert [c.words for c in q.clauses] == [("dong",), ("co",), ("dot",), ("engines",)]
    assert q.clauses[-1].stems == ("engin",)
    assert q.terms == {"dong", "co", "dot", "engines"}


def test_phrases_signs_and_operators():
    q = parse_query('"fuel injector" +nozzle -diesel pump AND valve NOT spring')
    assert [(c.occur, c.words) for c in q.clauses] == [
        ("should", ("fuel", "injector")),
        ("must", ("nozzle",)),
        ("must_not", ("diesel",)),
        ("must", ("pump",)),
        ("must", ("valve",)),
        ("must_not", ("spring",)),
    ]


def test_inner_punctuation_makes_a_phrase_and_unbalanced_quotes_close():
    assert parse_query("H04W4/02").clauses[0].words == ("h04w4", "02")
    assert parse_query("anti-lock").clauses[0].is_phrase
    assert parse_query('"brake disc').clauses[0].words == ("brake", "disc")


def test_nfd_and_nfc_parse_alike():
    text = "Phương pháp xử lý"
    assert parse_query(unicodedata.normalize("NFD", text)) == parse_query(text)


def test_stop_words_are_dropped_with_a_note_unless_alone_or_quoted():
    q = parse_query("the engine of a car")
    assert [c.text for c in q.clauses] == ["engine", "car"]
    assert q.notes == ("stop words ignored: a, of, the",)
    assert parse_query('"of the"').clauses[0].words == ("of", "the")
    # Vietnamese stop words only with their diacritics: "cua" may be cua (crab) or cửa
    assert [c.text for c in parse_query("cửa của xe").clauses] == ["cửa", "xe"]
    assert [c.text for c in parse_query("cua xe").clauses] == ["cua", "xe"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty"),
        ("\u200b\n", "no words"),
        ("!!! ??? ...", "no words"),
        ("AND OR NOT", "no words"),
        ("the and of", "only stop words"),
        ("và của các", "only stop words"),
        ("-engine NOT pump", "only excludes"),
    ],
)
def test_queries_with_nothing_to_search_are_refused(query, message):
    with pytest.raises(QueryError, match=message):
        parse_query(query)


def test_not_a_string_is_refused():
    with pytest.raises(QueryError, match="must be text"):
        parse_query(None)  # type: ignore[arg-type]


def test_a_100000_character_query_is_cut_with_a_note():
    q = parse_query(("engine part " * 8334)[:100_000])
    assert len(q.text) <= MAX_QUERY_CHARS
    assert q.notes == ("the query was cut from 100,000 to 10,000 characters",)
    with pytest.raises(QueryError, match="no words"):  # one 100,000-letter "word"
        parse_query("x" * 100_000)
