"""TREC-format judgements, runs and topics, and making a run with a :class:`SearchIndex`.

Formats (fields separated by white space, one judgement or result a line):

* judgements (qrels): ``qid iteration docid grade``;
* runs: ``qid Q0 docid rank score tag``. As in trec_eval, results are ordered by score
  (highest first); the rank column only breaks ties (then the line order);
* queries: ``qid<TAB>text`` lines, or TREC topics (``<top> <num> Number: 401 <title> …
  </top>``; the title is the query, the description when there is no title).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ._errors import QueryError, SearchError

if TYPE_CHECKING:
    from ._engine import SearchIndex

__all__ = ["literal_query", "read_qrels", "read_queries", "read_run", "search_run", "write_run"]

_TOPIC = re.compile(r"<top>(.*?)</top>", re.S | re.I)
_TAG = re.compile(r"<(num|title|desc|narr)>(.*?)(?=<(?:num|title|desc|narr|/top)>|$)", re.S | re.I)
_CLOSE = re.compile(r"</\w+>")
_PREFIX = re.compile(r"^\s*(number|topic|description|desc|title)\s*:\s*", re.I)


def _lines(path: Path | str) -> Iterable[tuple[int, list[str]]]:
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            fields = line.split()
            if fields:
                yield number, fields


def read_qrels(path: Path | str) -> dict[str, dict[str, int]]:
    """Read judgements: qid → document id → grade (a whole number, may be negative).

    Raises
    ------
    SearchError
        On a line without four fields, a grade that is not a whole number, or a document
        judged twice with different grades (with the file and line).
    """
    qrels: dict[str, dict[str, int]] = {}
    for number, fields in _lines(path):
        where = f"{path}, line {number}"
        if len(fields) != 4:
            raise SearchError(
                f"{where}: expected 4 fields 'qid iteration docid grade', got {len(fields)}"
            )
        qid, _, doc, grade_text = fields
        try:
            grade = int(grade_text)
        except ValueError:
            raise SearchError(f"{where}: grade {grade_text!r} is not a whole number") from None
        judged = qrels.setdefault(qid, {})
        if judged.get(doc, grade) != grade:
            raise SearchError(f"{where}: {doc} is judged twice for {qid} with different grades")
        judged[doc] = grade
    return qrels


def read_run(path: Path | str) -> dict[str, list[str]]:
    """Read a run: qid → document ids, best first (by score, then rank, then line).

    Repeated documents are kept (:func:`sangtao.search.evaluate_run` drops and counts them).

    Raises
    ------
    SearchError
        On a line without six fields, a rank that is not a whole number or a score that is
        not a finite number (with the file and line).
    """
    rows: dict[str, list[tuple[float, int, int, str]]] = {}
    for number, fields in _lines(path):
        where = f"{path}, line {number}"
        if len(fields) != 6:
            raise SearchError(
                f"{where}: expected 6 fields 'qid Q0 docid rank score tag', got {len(fields)}"
            )
        qid, _, doc, rank_text, score_text, _ = fields
        try:
            rank = int(rank_text)
        except ValueError:
            raise SearchError(f"{where}: rank {rank_text!r} is not a whole number") from None
        try:
            score = float(score_text)
        except ValueError:
            score = math.nan
        if not math.isfinite(score):
            raise SearchError(f"{where}: score {score_text!r} is not a finite number")
        rows.setdefault(qid, []).append((-score, rank, number, doc))
    return {qid: [r[3] for r in sorted(items)] for qid, items in rows.items()}


def write_run(
    handle: IO[str], run: Mapping[str, Sequence[tuple[str, float]]], tag: str = "sangtao"
) -> None:
    """Write ``qid → [(docid, score), …]`` (best first) as TREC run lines."""
    tag = "_".join(tag.split()) or "sangtao"
    for qid, hits in run.items():
        for rank, (doc, score) in enumerate(hits, start=1):
            handle.write(f"{qid} Q0 {doc} {rank} {score:.6g} {tag}\n")


def read_queries(path: Path | str) -> list[tuple[str, str]]:
    """Read queries as ``(qid, text)`` pairs from a TSV file or TREC topics.

    Raises
    ------
    SearchError
        On a TSV line without a tab or with empty text, a topic without a number or text,
        or a repeated qid (with the file and line).
    """
    text = Path(path).read_text(encoding="utf-8")
    out: list[tuple[str, str]] = []
    seen: dict[str, int] = {}

    def add(qid: str, query: str, line: int) -> None:
        where = f"{path}, line {line}"
        if not qid:
            raise SearchError(f"{where}: the query has no id")
        if not query:
            raise SearchError(f"{where}: query {qid} has no text")
        if qid in seen:
            raise SearchError(f"{where}: query {qid} repeats the one on line {seen[qid]}")
        seen[qid] = line
        out.append((qid, query))

    if _TOPIC.search(text):
        for m in _TOPIC.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            tags: dict[str, str] = {}
            for t in _TAG.finditer(m[1]):
                body = _PREFIX.sub("", _CLOSE.sub(" ", t[2]))
                tags.setdefault(t[1].lower(), " ".join(body.split()))
            num = tags.get("num", "").split()
            add(num[-1] if num else "", tags.get("title") or tags.get("desc", ""), line)
        return out
    for number, row in enumerate(text.splitlines(), start=1):
        if not row.strip():
            continue
        qid, tab, query = row.partition("\t")
        if not tab:
            raise SearchError(f"{path}, line {number}: expected 'qid<TAB>text'")
        add(qid.strip(), " ".join(query.split()), number)
    return out


_OPERATOR = re.compile(r"\b(AND|OR|NOT)\b")
_SIGN = re.compile(r'"|(?<!\S)[+-]+')


def literal_query(text: str) -> str:
    """``text`` with the query syntax neutralised: no quotes, signs or upper-case operators.

    Documents used as queries ("PIZZA AND METHOD", "-20 °C") then mean their words.
    """
    return _OPERATOR.sub(lambda m: m[0].lower(), _SIGN.sub(" ", text))


def search_run(
    index: SearchIndex,
    queries: Sequence[tuple[str, str]],
    *,
    mode: str = "hybrid",
    k: int = 100,
    literal: bool = True,
) -> tuple[dict[str, list[tuple[str, float]]], list[str]]:
    """Search every query; returns the run (qid → ``(docid, score)`` best first) and notes.

    A query the index refuses (only stop words, say) gets no results and a note.
    ``literal`` reads each query as plain words (:func:`literal_query`).
    """
    run: dict[str, list[tuple[str, float]]] = {}
    notes = []
    for qid, text in queries:
        try:
            result = index.search(literal_query(text) if literal else text, mode=mode, k=k)
        except QueryError as exc:
            notes.append(f"query {qid}: {exc}")
            run[qid] = []
            continue
        run[qid] = [(h.doc_id, h.score) for h in result.hits]
    return run, notes
