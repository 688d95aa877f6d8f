"""Features of a phrase pair for the trained phrase-similarity model.

Three families, all computed with numpy and scipy only:

* lexical: word, stem and character-trigram overlaps, edit-distance ratio, lengths;
* semantic: the cosine of the two phrases' embeddings;
* neighbours: what the reference pairs (the training set) say about the same anchor. Experts
  scored each anchor's targets against each other, so the scores of the anchor's known targets,
  weighted by how close each is to the new target, predict the new score well. On the training
  set itself a pair never sees its own row (leave one out), as a new pair would not.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import sparse

from sangtao.standards import fold

__all__ = [
    "AKR_SETTINGS",
    "CONTEXT_NAMES",
    "FEATURE_NAMES",
    "Reference",
    "anchor_kernel_ridge",
    "lexical_features",
    "neighbour_features",
    "trigrams",
]

_WORD = re.compile(r"[^\W_]+")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ness", "ions", "ion", "ers", "er", "ed", "es", "s")
_BUCKETS = 1 << 18

LEXICAL_NAMES = (
    "word_jaccard",
    "stem_jaccard",
    "stems_of_target_in_anchor",
    "stems_of_anchor_in_target",
    "trigram_cosine",
    "edit_ratio",
    "anchor_words",
    "target_words",
    "same_last_stem",
)
NEIGHBOUR_NAMES = (
    "anchor_mean",
    "anchor_std",
    "anchor_count",
    "same_pair_score",
    "target_mean_elsewhere",
    "knn_sem_sharp",
    "knn_sem_soft",
    "knn_sem_top1",
    "knn_sem_top1_sim",
    "knn_lex",
    "knn_lex_top1_sim",
    "cos_rank_in_anchor",
    "cos_z_in_anchor",
    "context_anchor_mean",
)
CONTEXT_NAMES = ("title_cos_target", "title_cos_anchor", "title_cos_difference")
"""Cosines of the phrases with the title of their CPC class (from the IPC class titles)."""
AKR_SETTINGS = ((0.5, 0.1, False), (0.2, 0.1, False), (0.2, 0.1, True))
"""(temperature, ridge, on the MLP's residuals) of the per-anchor kernel ridge regressions."""
FEATURE_NAMES = (
    "cosine",
    *LEXICAL_NAMES,
    *NEIGHBOUR_NAMES,
    *(f"anchor_ridge_{t}_{lam}{'_mlp' * m}" for t, lam, m in AKR_SETTINGS),
    "mlp",
    "section",
    "class",
    *CONTEXT_NAMES,
)


@lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(text)))


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=65536)
def _stems(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in _words(text))


def _jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _edit_ratio(a: str, b: str) -> float:
    """``1 - levenshtein / max length`` (1 for equal strings)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return 1.0 - prev[-1] / max(len(a), len(b))


def trigrams(texts: Sequence[str]) -> sparse.csr_matrix:
    """Hashed character trigrams of the folded words, ``1 + log(count)``, rows normalised."""
    rows, cols, vals = [], [], []
    for r, text in enumerate(texts):
        counts: dict[int, int] = defaultdict(int)
        for w in _words(text):
            padded = f"<{_stem(w)}>"
            for i in range(max(1, len(padded) - 2)):
                counts[zlib.crc32(padded[i : i + 3].encode()) % _BUCKETS] += 1
        if not counts:
            continue
        weights = 1.0 + np.log(np.fromiter(counts.values(), np.float64))
        weights /= np.linalg.norm(weights)
        rows += [r] * len(counts)
        cols += list(counts)
        vals += weights.tolist()
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), _BUCKETS), dtype=np.float32)


def lexical_features(anchors: Sequence[str], targets: Sequence[str]) -> np.ndarray:
    """The :data:`LEXICAL_NAMES` columns for each pair."""
    out = np.zeros((len(anchors), len(LEXICAL_NAMES)), dtype=np.float64)
    ta, tt = trigrams(anchors), trigrams(targets)
    out[:, 4] = np.asarray(ta.multiply(tt).sum(axis=1)).ravel()
    for i, (a, t) in enumerate(zip(anchors, targets, strict=True)):
        wa, wt = set(_words(a)), set(_words(t))
        sa, st = _stems(a), _stems(t)
        out[i, 0] = _jaccard(wa, wt)
        out[i, 1] = _jaccard(sa, st)
        out[i, 2] = len(sa & st) / len(st) if st else 0.0
        out[i, 3] = len(sa & st) / len(sa) if sa else 0.0
        out[i, 5] = _edit_ratio(" ".join(_words(a)), " ".join(_words(t)))
        out[i, 6] = len(wa)
        out[i, 7] = len(wt)
        la, lt = _words(a), _words(t)
        out[i, 8] = float(bool(la and lt and _stem(la[-1]) == _stem(lt[-1])))
    return out


@dataclass(frozen=True)
class Reference:
    """The scored pairs that neighbour features look up (the training set).

    ``vectors`` are the targets' embeddings (any dimension, rows unit length or zero) in the
    space where ``query_vectors`` given to :func:`neighbour_features` live. ``priors`` are
    another model's scores of the pairs (out of fold), that :func:`anchor_kernel_ridge`
    may correct.
    """

    anchors: tuple[str, ...]
    targets: tuple[str, ...]
    contexts: tuple[str, ...]
    scores: np.ndarray
    vectors: np.ndarray
    priors: np.ndarray | None = None

    def by_anchor(self) -> dict[str, np.ndarray]:
        groups: dict[str, list[int]] = defaultdict(list)
        for i, a in enumerate(self.anchors):
            groups[a].append(i)
        return {a: np.array(ix) for a, ix in groups.items()}


def _softmax_mean(sims: np.ndarray, scores: np.ndarray, temperature: float) -> float:
    w = np.exp((sims - sims.max()) / temperature)
    return float(w @ scores / w.sum())


def neighbour_features(
    anchors: Sequence[str],
    targets: Sequence[str],
    contexts: Sequence[str],
    query_vectors: np.ndarray,
    anchor_vectors: np.ndarray,
    ref: Reference,
    *,
    leave_one_out: bool,
) -> np.ndarray:
    """The :data:`NEIGHBOUR_NAMES` columns (NaN where there is nothing to look up).

    ``query_vectors`` are the targets' and ``anchor_vectors`` the anchors' embeddings in the
    reference's space. With ``leave_one_out`` the queries *are* the reference rows, in order,
    and each row is hidden from itself.
    """
    n = len(anchors)
    out = np.full((n, len(NEIGHBOUR_NAMES)), np.nan)
    groups = ref.by_anchor()
    ref_tri = trigrams(ref.targets)
    query_tri = trigrams(targets)
    by_target: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(ref.targets):
        by_target[t].append(i)
    queries_by_anchor: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(anchors):
        queries_by_anchor[a].append(i)
    for anchor, qix in queries_by_anchor.items():
        rix_all = groups.get(anchor, np.zeros(0, dtype=np.int64))
        q = np.array(qix)
        if len(rix_all):
            sem = query_vectors[q] @ ref.vectors[rix_all].T
            lex = (query_tri[q] @ ref_tri[rix_all].T).toarray()
            ref_cos = ref.vectors[rix_all] @ anchor_vectors[q[0]]
        for k, i in enumerate(qix):
            keep = np.ones(len(rix_all), dtype=bool)
            if leave_one_out:
                keep &= rix_all != i
            rix = rix_all[keep]
            t_elsewhere = [j for j in by_target.get(targets[i], ()) if ref.anchors[j] != anchor]
            if t_elsewhere:
                out[i, 4] = float(ref.scores[t_elsewhere].mean())
            if not len(rix):
                continue
            y = ref.scores[rix]
            s_sem, s_lex = sem[k, keep], lex[k, keep]
            out[i, 0] = y.mean()
            out[i, 1] = y.std()
            out[i, 2] = len(rix)
            same = [j for j, r in enumerate(rix) if ref.targets[r] == targets[i]]
            if same:
                out[i, 3] = y[same].mean()
            out[i, 5] = _softmax_mean(s_sem, y, 0.02)
            out[i, 6] = _softmax_mean(s_sem, y, 0.1)
            top = int(np.argmax(s_sem))
            out[i, 7], out[i, 8] = y[top], s_sem[top]
            out[i, 9] = _softmax_mean(s_lex, y, 0.1)
            out[i, 10] = s_lex.max()
            rc = ref_cos[keep]
            cos = float(query_vectors[i] @ anchor_vectors[i])
            out[i, 11] = float((rc < cos).mean())
            out[i, 12] = (cos - rc.mean()) / (rc.std() + 0.02)
            ctx = [j for j, r in enumerate(rix) if ref.contexts[r] == contexts[i]]
            if ctx:
                out[i, 13] = y[ctx].mean()
    return out


def anchor_kernel_ridge(
    anchors: Sequence[str],
    query_vectors: np.ndarray,
    ref: Reference,
    temperature: float,
    ridge: float,
    leave_one_out: bool,
    query_priors: np.ndarray | None = None,
) -> np.ndarray:
    """Per anchor, a kernel ridge regression of the scores on the targets' vectors.

    The kernel is ``exp((cos - 1) / temperature)``; the prior is the mean reference score,
    or, with ``query_priors``, the reference's ``priors`` and these (the regression then
    corrects another model).
    With ``leave_one_out`` the queries are the reference rows and each row gets the exact
    leave-one-out prediction, ``y - (y - ŷ) / (1 - H_ii)``. NaN for an unknown anchor.
    """
    out = np.full(len(anchors), np.nan)
    if not len(ref.scores):
        return out
    if query_priors is None or ref.priors is None:
        ref_prior = np.full(len(ref.scores), ref.scores.mean())
        query_prior = np.full(len(anchors), ref.scores.mean())
    else:
        ref_prior, query_prior = ref.priors, query_priors
    groups = ref.by_anchor()
    queries: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(anchors):
        queries[a].append(i)
    for anchor, qix in queries.items():
        rix = groups.get(anchor)
        if rix is None:
            continue
        v = ref.vectors[rix]
        y = ref.scores[rix] - ref_prior[rix]
        kernel = np.exp((v @ v.T - 1.0) / temperature)
        inverse = np.linalg.inv(kernel + ridge * np.eye(len(rix)))
        alpha = inverse @ y
        q = np.array(qix)
        if leave_one_out:
            position = {int(r): k for k, r in enumerate(rix)}
            k = np.array([position[i] for i in qix])
            fitted = kernel @ alpha
            hat = np.sum(kernel * inverse, axis=1)
            out[q] = query_prior[q] + y[k] - (y[k] - fitted[k]) / (1.0 - hat[k])
        else:
            out[q] = query_prior[q] + np.exp((query_vectors[q] @ v.T - 1.0) / temperature) @ alpha
    return out
