"""The search library's notes and errors reach readers in Vietnamese and English."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from sangtao.office.search_messages import search_message, search_message_pair
from sangtao.search import Filters, HashingEmbedder, QueryError, SearchIndex, parse_query
from sangtao.search._filters import prepare_filters
from tests.office.backoffice.browsing import browser
from tests.search.conftest import synthetic


def _error(call) -> str:
    with pytest.raises(QueryError) as caught:
        call()
    return str(caught.value)


def _library_messages() -> list[str]:
    """Notes and errors produced by the search library itself, not written out here."""
    out = [
        _error(lambda: parse_query("   ")),
        _error(lambda: parse_query("?! ...")),
        _error(lambda: parse_query("-engine")),
        _error(lambda: parse_query("the of and")),
        _error(lambda: prepare_filters(Filters(ipc=("not a class",)))),
        *parse_query("the engine " + "x" * 10_100).notes,
        *parse_query("the engine of a boat").notes,
        *prepare_filters(Filters(ipc=("Z99Z",)))[1],
    ]
    index = SearchIndex.create(None, None, backend="memory")
    out.append(_error(lambda: index.search("engine", mode="dense")))
    docs = [
        synthetic("EN-1", titles=(("en", "A diesel engine with 2 turbochargers"),)),
        synthetic("VI-1", titles=(("vi", "Động cơ diesel có 2 bộ tăng áp"),)),
    ]
    index = SearchIndex.create(None, HashingEmbedder(64), backend="memory")
    index.update(docs)
    result = index.prior_art("động cơ diesel 2 bộ tăng áp", cutoff=dt.date(2001, 1, 1), k=5)
    out += result.notes
    out += index.search("engine -boat", mode="hybrid").notes
    out += index.search("engine", mode="hybrid").notes
    return out


def test_every_library_message_has_a_vietnamese_form():
    messages = _library_messages()
    kinds = {m.split(":")[0].split(" ")[0] for m in messages}
    assert len(messages) >= 10 and any(m.startswith("language-aware") for m in messages), kinds
    for text in messages:
        vi, en = search_message_pair(text)
        assert vi != text, f"no Vietnamese for {text!r}"
        assert en == text or "ranking" in en or "by meaning" in en, en


def test_fields_are_carried_into_the_translation():
    vi, en = search_message_pair("prior-art cut-off: published before 2020-03-01")
    assert vi == "mốc tình trạng kỹ thuật: công bố trước ngày 2020-03-01"
    assert en == "prior-art cut-off: published before 2020-03-01"
    with translation.override("vi"):
        assert "(a, the)" in search_message(
            "the query has only stop words (a, the); add a word that carries meaning or quote "
            "a phrase"
        )


def test_unknown_text_is_kept_as_written():
    assert search_message("something the library never says") == (
        "something the library never says"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "words"),
    [("vi", "câu truy vấn chỉ có từ dừng"), ("en", "the query has only stop words")],
)
def test_the_literature_page_shows_query_errors_in_the_page_language(search_index, lang, words):
    page = browser(None, lang).get("/literature/", {"q": "the of"})
    assert page.status_code == 200
    assert words in page.content.decode()
