"""The engine-specific spellings of the landscape SQL: a :class:`Dialect` per engine.

:data:`DUCKDB` and :data:`SPARK` fill the placeholders of :mod:`sangtao.landscape._sql`
(``{explode}``, ``{list_agg}``, ``{strpos}``, ``{element}``) and write the two matching
functions: :meth:`Dialect.fold`, the SQL mirror of :func:`sangtao.standards.fold` (DuckDB
``strip_accents``; on Spark a ``translate`` of every precomposed letter to its base letter,
then the combining marks left removed, which agrees with DuckDB on the Basic Multilingual
Plane), and :meth:`Dialect.regexp` (RE2 and Java agree on the subset used once ``\\b`` is
spelled as an ASCII word boundary for Java, whose ``\\b`` before JDK 19 counts every Unicode
letter as a word character). :meth:`Dialect.folded_matches` tests a keyword pattern against
the fold of a text; on DuckDB it folds only the text that folding can change for the pattern
(the costly part of matching: ``strip_accents``), with the same answers. String literals go
through :meth:`Dialect.literal`: Spark SQL reads backslash escapes in literals, DuckDB does
not.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

__all__ = ["DUCKDB", "SPARK", "Dialect", "quote"]


@dataclass(frozen=True, slots=True)
class Dialect:
    """The few engine-specific spellings the statements need."""

    name: str
    explode: str
    list_agg: str
    fold_template: str
    regexp_template: str
    strpos: str
    element: str = "list_extract"
    word_boundary: str = r"\b"
    backslash_escapes: bool = False
    ascii_test: str | None = None
    foldable: Callable[[], str] | None = None

    def fold(self, expr: str) -> str:
        """SQL that folds ``expr`` like :func:`sangtao.standards.fold` (lower, no marks, đ→d)."""
        table = _fold_table() if "{fold_from}" in self.fold_template else {}
        return self.fold_template.format(expr=expr, **table)

    def literal(self, text: str) -> str:
        """A SQL string literal of ``text`` in this dialect."""
        if self.backslash_escapes:
            text = text.replace("\\", "\\\\")
        return quote(text)

    def regexp(self, expr: str, pattern: str) -> str:
        """SQL that is true when ``pattern`` (a Python string, quoted here) occurs in ``expr``."""
        if self.word_boundary != r"\b":
            pattern = _ESCAPE.sub(lambda m: self.word_boundary if m[1] == "b" else m[0], pattern)
        return self.regexp_template.format(expr=expr, pattern=self.literal(pattern))

    def folded_matches(self, expr: str, pattern: str) -> str:
        """SQL that is true when ``pattern`` occurs in the fold of ``expr``.

        The answer of ``regexp(fold(expr), pattern)`` for the patterns of
        :func:`~sangtao.landscape.keyword_pattern` (lower-case ASCII letters and digits, ASCII
        classes ``\\s``, ``\\w`` and ``\\b``, ``[\\s\\-/]``, alternation): they read only
        ASCII characters, and any run of other characters is, to them, the same non-word gap.
        With :attr:`ascii_test` and :attr:`foldable` (DuckDB) the text is folded only where
        that could change the answer:

        - ASCII text: its fold is its lower case, so the pattern is matched on the text
          ignoring case (``\\w`` and ``\\b`` count both cases alike);
        - text with none of the :attr:`foldable` characters (those whose fold, lower case
          included, holds an ASCII character or nothing: accented Latin letters, ``đ``,
          combining marks…; outside the BMP every character counts as one): its lower case
          and its fold have the same ASCII characters in the same places, and a non-empty
          run of other characters between them (each such character folds to characters
          that are not ASCII, and a canonical composition never takes in an ASCII
          character), so the pattern is matched on the lower case;
        - other text is folded, as without a fast path.
        """
        folded = self.regexp(self.fold(expr), pattern)
        if self.ascii_test is None or self.foldable is None:
            return folded
        return (
            f"CASE WHEN {self.ascii_test.format(expr=expr)}"
            f" THEN {self.regexp(expr, '(?i)' + pattern)}"
            f" WHEN NOT {self.regexp(expr, self.foldable())}"
            f" THEN {self.regexp(f'lower({expr})', pattern)} ELSE {folded} END"
        )


_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def quote(text: str) -> str:
    """A SQL string literal (no backslashes: see :meth:`Dialect.literal`)."""
    return "'" + text.replace("'", "''") + "'"


@cache
def _fold_table() -> dict[str, str]:
    """Every precomposed BMP letter and its letter without marks (``strip_accents``), đ→d."""
    source, target = ["đ"], ["d"]
    for cp in range(0xC0, 0x10000):
        char = chr(cp)
        decomposed = unicodedata.normalize("NFD", char)
        if decomposed == char:
            continue
        bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
        bare = unicodedata.normalize("NFC", bare)
        if len(bare) == 1 and bare != char:
            source.append(char)
            target.append(bare)
    return {"fold_from": "".join(source), "fold_to": "".join(target)}


@cache
def _duckdb_foldable() -> str:
    """A regular-expression class of the characters whose DuckDB fold (:data:`DUCKDB`, lower
    case included) holds an ASCII character or is empty, every BMP character asked of DuckDB
    itself (so its Unicode tables decide), and every character outside the BMP."""
    import duckdb

    folded = DUCKDB.fold("chr(CAST(i AS INTEGER))")
    con = duckdb.connect()
    try:
        rows = con.execute(
            f"SELECT i FROM (SELECT i, {folded} AS f FROM range(128, 65536) r(i)"
            " WHERE i < 55296 OR i > 57343) c"  # no surrogates
            " WHERE f = '' OR regexp_matches(f, '[\\x00-\\x7f]') ORDER BY i"
        ).fetchall()
    finally:
        con.close()
    spans: list[list[int]] = []
    for (cp,) in rows:
        if spans and cp == spans[-1][1] + 1:
            spans[-1][1] = cp
        else:
            spans.append([cp, cp])
    ranges = "".join(f"\\x{{{a:x}}}" + (f"-\\x{{{b:x}}}" if b > a else "") for a, b in spans)
    return f"[{ranges}\\x{{10000}}-\\x{{10ffff}}]"


DUCKDB = Dialect(
    name="duckdb",
    explode="unnest",
    list_agg="list",
    fold_template="replace(strip_accents(lower({expr})), 'đ', 'd')",
    regexp_template="regexp_matches({expr}, {pattern})",
    strpos="strpos",
    # as many bytes as characters: ASCII only (a VARCHAR is valid UTF-8)
    ascii_test="strlen({expr}) = length({expr})",
    foldable=_duckdb_foldable,
)
SPARK = Dialect(
    name="spark",
    explode="explode",
    list_agg="collect_list",
    # Spark has no strip_accents: precomposed letters are translated to their base letter,
    # then the combining marks left (decomposed input) removed.
    fold_template=(
        "regexp_replace(translate(lower({expr}), '{fold_from}', '{fold_to}'), r'\\p{{M}}', '')"
    ),
    regexp_template="({expr} RLIKE {pattern})",
    strpos="instr",
    element="try_element_at",
    # Java before 19 counts every Unicode letter as a word character in \b; RE2 only ASCII.
    word_boundary=r"(?:(?<=\w)(?!\w)|(?<!\w)(?=\w))",
    backslash_escapes=True,
)
"""Spark SQL (:class:`sangtao.landscape.SparkEngine`)."""
