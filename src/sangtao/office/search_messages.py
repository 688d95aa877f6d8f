"""The search library's notes and errors in the reader's language.

``sangtao.search`` is a plain library and writes its notes and query errors in English; the
office translates the ones it knows by pattern (the pattern's fields carried over) and keeps
any other text as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils import translation
from django.utils.translation import gettext as _

__all__ = ["search_message", "search_message_pair"]

_LANGUAGES: dict[str, Callable[[], str]] = {
    "Vietnamese": lambda: _("Vietnamese"),
    "English": lambda: _("English"),
}


def _lang(f: dict[str, str]) -> dict[str, str]:
    return {**f, "name": _LANGUAGES.get(f["name"], lambda: f["name"])()}


# each pattern with the message it becomes; gettext runs when a message is translated
_TABLE: list[tuple[str, Callable[[dict[str, str]], str]]] = [
    (
        r"the query was cut from (?P<was>[\d,]+) to (?P<now>[\d,]+) characters",
        lambda f: _("the query was cut from %(was)s to %(now)s characters") % f,
    ),
    (r"stop words ignored: (?P<words>.+)", lambda f: _("stop words ignored: %(words)s") % f),
    (
        r"the index has no vectors: keyword search only",
        lambda f: _("the index has no vectors: keyword search only"),
    ),
    (
        r"dense hits containing an excluded word were removed",
        lambda f: _("hits found by meaning that contain an excluded word were removed"),
    ),
    (
        r"language-aware fusion: the query reads as (?P<name>\w+); the keyword rank of a "
        r"document without \w+ text counts (?P<w>[\d.]+) of a same-language one "
        r"\(hits so weighted: (?P<ranks>[^)]*)\)",
        lambda f: (
            _(
                "language-aware ranking: the query reads as %(name)s; a word match in a "
                "document without %(name)s text counts %(w)s of a match in the same language "
                "(hits so weighted: %(ranks)s)"
            )
            % _lang(f)
        ),
    ),
    (
        r"prior-art cut-off: published before (?P<date>[\d-]+)",
        lambda f: _("prior-art cut-off: published before %(date)s") % f,
    ),
    (
        r"IPC (?P<symbol>\S+) is not in the IPC edition (?P<edition>.+?); only documents "
        r"classified under it as written can match",
        lambda f: (
            _(
                "IPC %(symbol)s is not in the IPC edition %(edition)s; only documents "
                "classified under it as written can match"
            )
            % f
        ),
    ),
    (r"the query is empty", lambda f: _("the query is empty")),
    (
        r"the query has no words to search for \(only punctuation or operators\)",
        lambda f: _("the query has no words to search for (only punctuation or operators)"),
    ),
    (
        r"the query only excludes words; give at least one word to find",
        lambda f: _("the query only excludes words; give at least one word to find"),
    ),
    (
        r"the query has only stop words \((?P<words>.*)\); add a word that carries meaning "
        r"or quote a phrase",
        lambda f: (
            _(
                "the query has only stop words (%(words)s); add a word that carries meaning "
                "or quote a phrase"
            )
            % f
        ),
    ),
    (
        r"(?P<scheme>IPC|CPC) filter (?P<value>.+) is not a classification symbol: "
        r"(?P<reason>.*)",
        lambda f: _("%(scheme)s filter %(value)s is not a classification symbol: %(reason)s") % f,
    ),
    (
        r"this index has no vectors: use keyword mode or rebuild it",
        lambda f: _("this index has no vectors: use keyword mode or rebuild it"),
    ),
]
_PATTERNS = [(re.compile(p + r"\Z"), make) for p, make in _TABLE]


def search_message(text: str) -> str:
    """``text`` in the active language, when it is one of the library's known messages."""
    for pattern, make in _PATTERNS:
        match = pattern.match(text)
        if match:
            return make(match.groupdict())
    return text


def search_message_pair(text: str) -> tuple[str, str]:
    """``text`` in Vietnamese and in English (for bilingual documents)."""
    with translation.override("vi"):
        vi = search_message(text)
    with translation.override("en"):
        en = search_message(text)
    return vi, en
