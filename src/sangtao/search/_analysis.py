"""Text analysis shared by every backend: folding, English stems, query parsing.

Matching is done on *folded* text (:func:`sangtao.standards.fold`: no diacritics, ``đ`` as
``d``, case folded), so ``"dong co"``, ``"Động cơ"`` and ``"ĐỘNG CƠ"`` match each other, and,
for English, on Porter/Snowball stems (``"engines"`` matches ``"engine"``). Exact text is
never changed: it is what the index stores and what results display.

The query language is small on purpose, so that no input can be a syntax error: words,
``"quoted phrases"``, ``+required`` and ``-excluded`` words or phrases, and the operators
``AND``, ``OR`` and ``NOT`` (upper case) between them; any other punctuation separates words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import tantivy

from sangtao.standards import fold, nfc

from ._errors import QueryError

__all__ = [
    "MAX_QUERY_CHARS",
    "Clause",
    "ParsedQuery",
    "english_tokens",
    "fold_tokens",
    "parse_query",
]

MAX_QUERY_CHARS = 10_000
"""Queries longer than this are cut (with a note in the result)."""

MAX_TOKEN_CHARS = 40
_WORD = re.compile(r"[^\W_]+")

# Words that carry no meaning alone. Vietnamese words are compared with their diacritics
# (folded "cua" is also cua 'crab' and cửa 'door'), English ones in lower case.
STOP_WORDS = frozenset(
    """a an and are as at be by for from has have in into is it its of on or such that the
    their then there these this to was were which with wherein whereby said
    và của các những được là với cho một này""".split()
)


def english_analyzer() -> tantivy.TextAnalyzer:
    """The analyser of the English fields: words, lower case, ASCII folding, English stems."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_CHARS))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def folded_analyzer() -> tantivy.TextAnalyzer:
    """The analyser of the folded fields, whose text is folded before it is indexed."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_CHARS))
        .filter(tantivy.Filter.lowercase())
        .build()
    )


_ENGLISH = english_analyzer()


def fold_tokens(text: str) -> list[str]:
    """Split folded ``text`` into matching words (letters and digits), as the index does."""
    return [w for w in _WORD.findall(fold(text)) if len(w) < MAX_TOKEN_CHARS]


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    out = _ENGLISH.analyze(word)
    return out[0] if out else word


def english_tokens(text: str) -> list[str]:
    """The English stems of ``text``, as the English fields index it."""
    return [_stem(w) for w in fold_tokens(text)]


@dataclass(frozen=True, slots=True)
class Clause:
    """One term or phrase of a query.

    Attributes
    ----------
    occur
        ``"should"``, ``"must"`` or ``"must_not"``.
    words
        The folded words; more than one makes a phrase.
    stems
        Their English stems, position for position.
    text
        The clause as written (for notes and highlighting).
    """

    occur: str
    words: tuple[str, ...]
    stems: tuple[str, ...]
    text: str

    @property
    def is_phrase(self) -> bool:
        """Whether the clause matches consecutive words."""
        return len(self.words) > 1


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query ready for the keyword arm and for highlighting.

    Attributes
    ----------
    text
        The query text after normalisation (NFC, possibly truncated).
    clauses
        Its terms and phrases.
    notes
        What was changed or ignored, for the result's notes.
    """

    text: str
    clauses: tuple[Clause, ...]
    notes: tuple[str, ...] = ()

    @property
    def terms(self) -> frozenset[str]:
        """Every folded word the query looks for (not the excluded ones)."""
        return frozenset(w for c in self.clauses if c.occur != "must_not" for w in c.words)


_TOKEN = re.compile(r'([+-]?)"([^"]*)"|(\S+)')
_SEPARATORS = re.compile(r"[^\w\s\"+-]|_")


def normalize_query(text: str) -> tuple[str, list[str]]:
    """NFC, collapsed white space, cut to :data:`MAX_QUERY_CHARS`; with notes of changes.

    Raises
    ------
    QueryError
        If ``text`` is not a string or is empty after normalisation.
    """
    if not isinstance(text, str):
        raise QueryError(f"the query must be text, not {type(text).__name__}")
    notes: list[str] = []
    clean = " ".join(nfc(text).split())
    if not clean:
        raise QueryError("the query is empty")
    if len(clean) > MAX_QUERY_CHARS:
        notes.append(f"the query was cut from {len(clean):,} to {MAX_QUERY_CHARS:,} characters")
        clean = clean[:MAX_QUERY_CHARS].rsplit(" ", 1)[0] or clean[:MAX_QUERY_CHARS]
    return clean, notes


def parse_query(text: str) -> ParsedQuery:
    """Parse a query into clauses; never a syntax error.

    Parameters
    ----------
    text
        The query as typed: words, ``"phrases"``, ``+word``, ``-word``, ``AND``, ``OR``,
        ``NOT``. Punctuation other than quotes and the leading ``+``/``-`` separates words;
        parentheses are ignored. An unbalanced quote runs to the end of the query.

    Returns
    -------
    ParsedQuery
        Stop words outside phrases are dropped (noted) when other words remain.

    Raises
    ------
    QueryError
        If the query is empty or has only punctuation or only stop words.
    """
    clean, notes = normalize_query(text)
    if clean.count('"') % 2:
        clean = clean + '"'
    raw: list[tuple[str, str, bool]] = []  # (sign, text, quoted)
    for m in _TOKEN.finditer(clean):
        if m[2] is not None:
            raw.append((m[1], m[2], True))
            continue
        token = m[3]
        sign = token[0] if token[0] in "+-" and len(token) > 1 else ""
        body = token[len(sign) :]
        if body in ("AND", "OR", "NOT") and not sign:
            raw.append(("", body, False))
            continue
        # inner punctuation (H04W4/02, anti-lock, C++) splits words into a phrase
        parts = _SEPARATORS.sub(" ", body).replace("+", " ").replace("-", " ").split()
        if parts:
            raw.append((sign, " ".join(parts), len(parts) > 1))
    clauses: list[Clause] = []
    pending_not = False
    and_next = False
    for sign, body, quoted in raw:
        if not quoted and body in ("AND", "OR", "NOT"):
            if body == "NOT":
                pending_not = True
            elif body == "AND":
                and_next = True
                if clauses and clauses[-1].occur == "should":
                    last = clauses[-1]
                    clauses[-1] = Clause("must", last.words, last.stems, last.text)
            continue
        words = tuple(fold_tokens(body))
        if not words:
            continue
        occur = "should"
        if sign == "+" or and_next:
            occur = "must"
        if sign == "-" or pending_not:
            occur = "must_not"
        pending_not = and_next = False
        clauses.append(Clause(occur, words, tuple(_stem(w) for w in words), body))
    if not clauses:
        raise QueryError("the query has no words to search for (only punctuation or operators)")
    content = [c for c in clauses if c.is_phrase or c.text.lower() not in STOP_WORDS]
    if not [c for c in content if c.occur != "must_not"]:
        if all(c.occur == "must_not" for c in clauses):
            raise QueryError("the query only excludes words; give at least one word to find")
        raise QueryError(
            "the query has only stop words ("
            + ", ".join(sorted({c.text.lower() for c in clauses}))
            + "); add a word that carries meaning or quote a phrase"
        )
    dropped = sorted({c.text.lower() for c in clauses} - {c.text.lower() for c in content})
    if dropped:
        notes.append("stop words ignored: " + ", ".join(dropped))
    return ParsedQuery(clean, tuple(content), tuple(notes))
