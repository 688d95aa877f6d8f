"""Measuring applicant-name harmonisation against a hand-cleaned gold set.

The gold set is the WIPO *Manual on Open Source Patent Analytics* drone export: a Lens export
of 1,606 families (``drones_tac_1606_families.csv``) and the same rows with applicant names
cleaned by hand (``drones_tac_1606_cleaned.csv``). :func:`gold_pairs_from_lens` pairs each
published name with its cleaned name; :func:`evaluate_harmonisation` scores a harmoniser by
pairwise precision and recall over the distinct published names (two names are a true pair
when the gold gives them the same cleaned name).
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sangtao.corpus import read_records

from ._harmonise import NameHarmoniser, default_harmoniser

__all__ = [
    "HarmonisationScore",
    "evaluate_harmonisation",
    "gold_pairs_from_lens",
    "read_gold_pairs",
    "write_gold_pairs",
]


@dataclass(frozen=True, slots=True)
class HarmonisationScore:
    """Pairwise scores of a harmonisation against gold clusters.

    Attributes
    ----------
    names, gold_clusters, predicted_clusters
        Distinct published names; distinct cleaned names; distinct keys.
    precision, recall, f1
        Over pairs of names: of the pairs put together, the share the gold puts together;
        of the gold's pairs, the share found.
    accuracy
        Share of names whose predicted cluster holds exactly the names of their gold cluster.
    baseline_recall, baseline_accuracy
        The same for exact spelling (no harmonisation; its precision is 1 by construction
        unless the gold splits one spelling).
    """

    names: int
    gold_clusters: int
    predicted_clusters: int
    precision: float
    recall: float
    f1: float
    accuracy: float
    baseline_recall: float
    baseline_accuracy: float

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return asdict(self)


def _split_pairs(raw: list[str], gold: list[str]) -> list[tuple[str, str]]:
    if not raw or not gold:
        return []
    if len(raw) == 1 and len(gold) == 1:
        return [(raw[0], gold[0])]
    same = set(raw) & set(gold)
    pairs = [(n, n) for n in sorted(same)]
    rest_raw = [n for n in raw if n not in same]
    rest_gold = [n for n in gold if n not in same]
    if len(rest_raw) == 1 and len(rest_gold) == 1:
        pairs.append((rest_raw[0], rest_gold[0]))
    return pairs


def gold_pairs_from_lens(
    families_csv: Path | str, cleaned_csv: Path | str
) -> list[tuple[str, str]]:
    """Pair each published applicant name with its hand-cleaned name.

    Both files are read with :func:`sangtao.corpus.read_records` and joined on the
    document. A row with one applicant on each side gives one pair; otherwise names
    identical on both sides pair with themselves and a single remaining name on each side
    pairs together; other rows are left out (their alignment is ambiguous).

    Returns
    -------
    list of (published, cleaned)
        Distinct pairs; a published name the gold cleans two ways keeps its most frequent.
    """
    cleaned = {
        r["doc_id"]: [p["name"] for p in r["applicants"]] for r in read_records(Path(cleaned_csv))
    }
    counts: Counter[tuple[str, str]] = Counter()
    for record in read_records(Path(families_csv)):
        gold = cleaned.get(record["doc_id"])
        if gold is None:
            continue
        counts.update(_split_pairs([p["name"] for p in record["applicants"]], gold))
    best: dict[str, tuple[int, str]] = {}
    for (raw, clean), n in counts.items():
        if raw not in best or (n, clean) > best[raw]:
            best[raw] = (n, clean)
    return sorted((raw, clean) for raw, (_, clean) in best.items())


def _pairs(labels: Iterable[str]) -> int:
    return sum(n * (n - 1) // 2 for n in Counter(labels).values())


def _score(names: list[str], gold: dict[str, str], pred: dict[str, str]) -> tuple[float, ...]:
    true_pairs = _pairs(gold[n] for n in names)
    pred_pairs = _pairs(pred[n] for n in names)
    both = _pairs(f"{gold[n]}\x00{pred[n]}" for n in names)
    precision = both / pred_pairs if pred_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    gold_members: dict[str, set[str]] = {}
    pred_members: dict[str, set[str]] = {}
    for n in names:
        gold_members.setdefault(gold[n], set()).add(n)
        pred_members.setdefault(pred[n], set()).add(n)
    exact = sum(1 for n in names if gold_members[gold[n]] == pred_members[pred[n]])
    return precision, recall, f1, exact / len(names) if names else 1.0


def evaluate_harmonisation(
    pairs: Iterable[tuple[str, str]], harmoniser: NameHarmoniser | None = None
) -> HarmonisationScore:
    """Score a harmoniser against ``(published, cleaned)`` gold pairs.

    Parameters
    ----------
    pairs
        From :func:`gold_pairs_from_lens` or :func:`read_gold_pairs`.
    harmoniser
        Default: :func:`default_harmoniser`.
    """
    h = harmoniser or default_harmoniser()
    gold = dict(pairs)
    names = sorted(gold)
    pred = {n: h.key(n) for n in names}
    precision, recall, f1, accuracy = _score(names, gold, pred)
    _, base_recall, _, base_accuracy = _score(names, gold, {n: n for n in names})
    return HarmonisationScore(
        names=len(names),
        gold_clusters=len(set(gold.values())),
        predicted_clusters=len(set(pred.values())),
        precision=precision,
        recall=recall,
        f1=f1,
        accuracy=accuracy,
        baseline_recall=base_recall,
        baseline_accuracy=base_accuracy,
    )


def write_gold_pairs(pairs: Iterable[tuple[str, str]], path: Path | str) -> None:
    """Write gold pairs as a CSV with columns ``published,cleaned``."""
    with Path(path).open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["published", "cleaned"])
        writer.writerows(pairs)


def read_gold_pairs(path: Path | str) -> list[tuple[str, str]]:
    """Read gold pairs written by :func:`write_gold_pairs`."""
    with Path(path).open(encoding="utf-8", newline="") as stream:
        return [(row["published"], row["cleaned"]) for row in csv.DictReader(stream)]
