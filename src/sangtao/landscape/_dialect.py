"""The engine-specific spellings of the landscape SQL: a :class:`Dialect` per engine.

:data:`DUCKDB` and :data:`SPARK` fill the placeholders of :mod:`sangtao.landscape._sql`
(``{explode}``, ``{list_agg}``, ``{strpos}``, ``{element}``) and write the two matching
functions: :meth:`Dialect.fold`, the SQL mirror of :func:`sangtao.standards.fold` (DuckDB
``strip_accents``; on Spark a ``translate`` of every precomposed letter to its base letter,
then the combining marks left removed, which agrees with DuckDB on the Basic Multilingual
Plane), and :meth:`Dialect.regexp` (RE2 and Java agree on the subset used once ``\\b`` is
spelled as an ASCII word boundary for Java, whose ``\\b`` before JDK 19 counts every Unicode
letter as a word character). String literals go through :meth:`Dialect.literal`: Spark SQL
reads backslash escapes in literals, DuckDB does not.
"""

from __future__ import annotations

import re
import unicodedata
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


DUCKDB = Dialect(
    name="duckdb",
    explode="unnest",
    list_agg="list",
    fold_template="replace(strip_accents(lower({expr})), 'đ', 'd')",
    regexp_template="regexp_matches({expr}, {pattern})",
    strpos="strpos",
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
