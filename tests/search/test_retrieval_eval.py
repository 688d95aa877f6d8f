"""Retrieval measures against hand-computed values, and the TREC file formats."""

from __future__ import annotations

import io
import math

import pytest

from sangtao.search import (
    SearchError,
    evaluate_run,
    read_qrels,
    read_queries,
    read_run,
    write_run,
)
from sangtao.search._retrieval_eval import (
    average_precision,
    capped_recall,
    dedupe,
    ndcg,
    pres,
    recall,
)
from sangtao.search._trec import literal_query

# Four relevant documents (b graded 2); the ranking finds a, b, c at ranks 1, 3, 5.
JUDGED = {"a": 1, "b": 2, "c": 1, "d": 1, "x": 0}
RANKING = ["a", "x", "b", "y", "c"]


def test_average_precision_by_hand():
    # (1/1 + 2/3 + 3/5) / 4 relevant
    assert average_precision(RANKING, JUDGED) == pytest.approx((1 + 2 / 3 + 3 / 5) / 4)
    assert average_precision(["a", "b", "c", "d"], JUDGED) == 1.0
    assert average_precision([], JUDGED) == 0.0


def test_recall_and_capped_recall_by_hand():
    assert recall(RANKING, JUDGED, 3) == 0.5  # a, b of 4
    assert recall(RANKING, JUDGED, 100) == 0.75
    assert capped_recall(RANKING, JUDGED, 2) == 0.5  # a of min(2, 4)
    assert capped_recall(RANKING, JUDGED, 10) == 0.75  # 3 of min(10, 4)
    assert capped_recall(["a", "b"], {"a": 1, "b": 1}, 10) == 1.0


def test_ndcg_uses_grades_and_log2_discount():
    # DCG@3 = 1/log2(2) + 0 + 2/log2(4) = 2; ideal grades 2, 1, 1 → 2 + 1/log2(3) + 1/2
    assert ndcg(RANKING, JUDGED, 3) == pytest.approx(2 / (2.5 + 1 / math.log2(3)))
    assert ndcg(["b", "a", "c"], JUDGED, 3) == pytest.approx(1.0)
    # a graded document at rank 1 instead of the grade-2 one scores less
    assert ndcg(["a", "b"], JUDGED, 2) < ndcg(["b", "a"], JUDGED, 2) == pytest.approx(1.0)
    # negative grades count as 0
    assert ndcg(["n", "a"], {"n": -1, "a": 1}, 2) == pytest.approx(1 / math.log2(3))


def test_pres_by_hand_and_on_the_papers_examples():
    # ranks 1, 3, 5 found in N_max = 5; d missing → rank 5 + 4 = 9; Σ = 18, n = 4
    assert pres(RANKING, JUDGED, n_max=5) == pytest.approx(1 - (18 / 4 - 2.5) / 5)
    # Magdy & Jones's four systems, n = 4, N_max = 100
    rel = {f"r{i}": 1 for i in range(4)}

    def at(ranks: list[int]) -> list[str]:
        out = [f"n{i}" for i in range(100)]
        for i, r in enumerate(ranks):
            out[r - 1] = f"r{i}"
        return out

    assert pres(at([1]), rel) == pytest.approx(0.25)  # = recall in the best case
    assert pres(at([50, 51, 53, 54]), rel) == pytest.approx(0.505)
    assert pres(at([1, 2, 3, 4]), rel) == pytest.approx(1.0)
    assert pres(at([1, 98, 99, 100]), rel) == pytest.approx(0.28)
    assert pres(at([]), rel) == 0.0
    # documents past N_max do not count
    assert pres(["r0", "r1"], rel, n_max=1) == pytest.approx(0.25)


def test_measures_are_undefined_without_relevant_documents():
    for measure in (
        lambda: average_precision(["a"], {"a": 0}),
        lambda: recall(["a"], {}, 10),
        lambda: capped_recall(["a"], {"a": 0}, 10),
        lambda: ndcg(["a"], {"a": 0, "b": -1}, 10),
        lambda: pres(["a"], {}, 100),
    ):
        with pytest.raises(ValueError, match="no relevant"):
            measure()


def test_min_grade_sets_what_is_relevant():
    assert recall(RANKING, JUDGED, 100, min_grade=2) == 1.0  # only b
    assert average_precision(RANKING, JUDGED, min_grade=2) == pytest.approx(1 / 3)


def test_evaluate_run_skips_unjudgeable_queries_drops_duplicates_and_zeroes_missing():
    qrels = {
        "q1": JUDGED,
        "q2": {"z": 0},  # no relevant document: left out
        "q3": {"m": 1},  # not in the run: scores 0
    }
    run = {"q1": ["a", "a", "x", "b", "a", "y", "c"], "q9": ["a"]}
    scores = evaluate_run(qrels, run, n_max=5)
    assert [q.qid for q in scores.queries] == ["q1", "q3"]
    assert scores.duplicates == 2
    assert scores.no_relevant == ["q2"]
    assert scores.missing == ["q3"]
    assert scores.not_judged == ["q9"]
    q1 = scores.queries[0]
    assert (q1.relevant, q1.retrieved, q1.relevant_retrieved) == (4, 5, 3)
    assert q1.map == pytest.approx(average_precision(RANKING, JUDGED))
    assert q1.pres == pytest.approx(0.6)
    assert scores.queries[1].map == scores.queries[1].pres == 0.0
    assert scores.mean["map"] == pytest.approx(q1.map / 2)
    assert scores.mean["recall"] == pytest.approx(0.75 / 2)
    assert scores.as_dict()["settings"]["n_max"] == 5
    # depth cuts the ranking before MAP
    assert evaluate_run({"q1": JUDGED}, {"q1": RANKING}, depth=1).queries[0].map == 0.25


def test_dedupe_keeps_the_first_rank():
    assert dedupe(["a", "b", "a", "c", "b"]) == (["a", "b", "c"], 2)


# -- file formats -------------------------------------------------------------------------


def test_read_qrels_and_its_errors(tmp_path):
    path = tmp_path / "qrels.txt"
    path.write_text("q1 0 a 1\n\nq1 0 b 2\nq2 0 a 0\nq1 0 a 1\n")
    assert read_qrels(path) == {"q1": {"a": 1, "b": 2}, "q2": {"a": 0}}
    for bad, message in (
        ("q1 0 a 1\nq1 0 b\n", "line 2: expected 4 fields"),
        ("q1 0 a yes\n", "line 1: grade 'yes' is not a whole number"),
        ("q1 0 a 1\nq1 0 a 2\n", "line 2: a is judged twice"),
    ):
        path.write_text(bad)
        with pytest.raises(SearchError, match=f"qrels.txt, {message}"):
            read_qrels(path)


def test_read_run_orders_by_score_then_rank(tmp_path):
    path = tmp_path / "run.txt"
    path.write_text(
        "q1 Q0 c 3 0.5 t\nq1 Q0 a 9 0.9 t\nq1 Q0 b 1 0.5 t\nq1 Q0 a 4 0.1 t\nq2 Q0 z 1 -2 t\n"
    )
    assert read_run(path) == {"q1": ["a", "b", "c", "a"], "q2": ["z"]}
    for bad, message in (
        ("q1 Q0 a 1 0.5\n", "line 1: expected 6 fields"),
        ("q1 Q0 a 1 0.5 t\nq1 Q0 b one 0.4 t\n", "line 2: rank 'one'"),
        ("q1 Q0 a 1 nan t\n", "line 1: score 'nan' is not a finite number"),
        ("q1 Q0 a 1 high t\n", "line 1: score 'high'"),
    ):
        path.write_text(bad)
        with pytest.raises(SearchError, match=f"run.txt, {message}"):
            read_run(path)


def test_write_run_reads_back(tmp_path):
    out = io.StringIO()
    write_run(out, {"q1": [("a", 0.5), ("b", 0.25)], "q2": []}, tag="my run")
    assert out.getvalue() == "q1 Q0 a 1 0.5 my_run\nq1 Q0 b 2 0.25 my_run\n"
    path = tmp_path / "run.txt"
    path.write_text(out.getvalue())
    assert read_run(path) == {"q1": ["a", "b"]}


def test_read_queries_tsv_and_trec_topics(tmp_path):
    tsv = tmp_path / "q.tsv"
    tsv.write_text("q1\tpizza  oven\n\nq2\tĐộng cơ điện\n")
    assert read_queries(tsv) == [("q1", "pizza oven"), ("q2", "Động cơ điện")]
    topics = tmp_path / "topics.txt"
    topics.write_text(
        "<top>\n<num> Number: 401\n<title> foreign minorities, Germany\n"
        "<desc> Description:\nWhat language?\n<narr> Narrative:\nx\n</top>\n"
        "<top><num>402</num><title></title><desc>Description: only a description</desc></top>\n"
    )
    assert read_queries(topics) == [
        ("401", "foreign minorities, Germany"),
        ("402", "only a description"),
    ]
    for bad, message in (
        ("q1 no tab\n", "q.tsv, line 1: expected 'qid<TAB>text'"),
        ("q1\ta\nq1\tb\n", "q.tsv, line 2: query q1 repeats the one on line 1"),
        ("q1\t  \n", "q.tsv, line 1: query q1 has no text"),
    ):
        tsv.write_text(bad)
        with pytest.raises(SearchError, match=message):
            read_queries(tsv)


def test_literal_query_neutralises_the_syntax():
    assert literal_query('PIZZA AND "OVEN" -20 +x NOT y').split() == [
        *"PIZZA and OVEN 20 x not y".split()
    ]
    assert literal_query("anti-lock ORBIT") == "anti-lock ORBIT"
