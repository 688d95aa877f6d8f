"""Training the phrase-similarity model (:mod:`._phrase_model`) with scikit-learn.

``train_phrase_model(train, valid, embedder, seed=0)`` embeds every distinct phrase once, fits
the PCA of the reference space, the MLP (out of fold on the training pairs, then on all of them),
computes the features of the training pairs leaving each pair out of its own neighbours, fits
histogram gradient boosting on them and exports the trees as arrays. The same seed and data
give the same parameters. scikit-learn runs single-threaded here (``threadpoolctl``), which
keeps it reproducible and fast on a busy machine.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from ._embedders import Embedder
from ._errors import SearchError
from ._eval import PhrasePair
from ._phrase_features import Reference
from ._phrase_model import Mlp, PhraseModel, Trees, class_titles, quantised

__all__ = ["load_vectors", "save_vectors", "train_phrase_model"]

SPACE_DIM = 64
HIDDEN = 128
MLP_EPOCHS = 25
FOLDS = 5
TREES: dict[str, Any] = {
    "learning_rate": 0.03,
    "max_iter": 500,
    "max_leaf_nodes": 31,
    "min_samples_leaf": 60,
    "l2_regularization": 1.0,
}


def _pearson(x: np.ndarray, y: np.ndarray) -> float:
    if np.std(x) == 0 or np.std(y) == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def _fit_mlp(x: np.ndarray, y: np.ndarray, seed: int) -> Mlp:
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPRegressor

    net = MLPRegressor(
        hidden_layer_sizes=(HIDDEN,),
        alpha=1e-3,
        batch_size=256,
        learning_rate_init=1e-3,
        max_iter=MLP_EPOCHS,
        random_state=seed,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        net.fit(x, y)
    return Mlp(
        net.coefs_[0].astype(np.float32),
        net.intercepts_[0].astype(np.float32),
        net.coefs_[1].astype(np.float32),
        net.intercepts_[1].astype(np.float32),
    )


def _export_trees(model: Any) -> Trees:
    """The fitted ``HistGradientBoostingRegressor``'s trees as flat arrays."""
    parts, roots, offset, depth = [], [], 0, 1
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        if nodes["is_categorical"].any():  # pragma: no cover - no categorical features here
            raise SearchError("categorical splits cannot be exported")
        parts.append(nodes)
        roots.append(offset)
        depth = max(depth, int(nodes["depth"].max()) + 1)
        offset += len(nodes)
    nodes = np.concatenate(parts)
    starts = np.repeat(np.array(roots), [len(p) for p in parts])
    leaf = nodes["is_leaf"].astype(bool)
    return Trees(
        feature=np.where(leaf, 0, nodes["feature_idx"]).astype(np.int64),
        threshold=nodes["num_threshold"].astype(np.float64),
        left=np.where(leaf, 0, nodes["left"].astype(np.int64) + starts),
        right=np.where(leaf, 0, nodes["right"].astype(np.int64) + starts),
        value=nodes["value"].astype(np.float64),
        missing_left=nodes["missing_go_to_left"].astype(np.uint8),
        is_leaf=leaf.astype(np.uint8),
        roots=np.array(roots, dtype=np.int64),
        baseline=float(np.ravel(model._baseline_prediction)[0]),
        depth=depth,
    )


def load_vectors(path: Path, embedder: Embedder) -> dict[str, np.ndarray]:
    """Phrase embeddings cached by :func:`save_vectors` (empty if absent or from another
    embedder)."""
    if not path.exists():
        return {}
    try:
        with np.load(path, allow_pickle=False) as z:
            model = z["model"].tobytes().decode()
            phrases = z["phrases"].tobytes().decode().split("\n")
            matrix = z["vectors"]
    except (OSError, ValueError, KeyError) as exc:
        raise SearchError(f"{path} is not a cache of phrase vectors: {exc}") from None
    if model != repr(embedder.model) or len(phrases) != len(matrix):
        return {}
    return dict(zip(phrases, matrix, strict=True))


def save_vectors(path: Path, embedder: Embedder, vectors: dict[str, np.ndarray]) -> None:
    """Cache phrase embeddings (phrases with a line break are left out)."""
    phrases = sorted(p for p in vectors if "\n" not in p)
    np.savez(
        path,
        model=np.frombuffer(repr(embedder.model).encode(), dtype=np.uint8),
        phrases=np.frombuffer("\n".join(phrases).encode(), dtype=np.uint8),
        vectors=np.array([vectors[p] for p in phrases], dtype=np.float32).reshape(len(phrases), -1),
    )


def train_phrase_model(
    train: Sequence[PhrasePair],
    valid: Sequence[PhrasePair] | None,
    embedder: Embedder,
    *,
    seed: int = 0,
    vectors: dict[str, np.ndarray] | None = None,
    log: Callable[[str], None] | None = None,
) -> tuple[PhraseModel, dict[str, Any]]:
    """Train on ``train``; measure on ``valid`` (if given). Returns the model and a report.

    ``vectors`` may hold embeddings already computed (phrase to vector, from the same
    embedder); the phrases it lacks are embedded and added to it.

    Raises
    ------
    SearchError
        With fewer than 20 training pairs or constant scores.
    """
    from sklearn.decomposition import PCA
    from sklearn.ensemble import HistGradientBoostingRegressor
    from sklearn.model_selection import KFold
    from threadpoolctl import threadpool_limits

    say = log or (lambda _: None)
    if len(train) < 20:
        raise SearchError("need at least 20 training pairs")
    y = np.array([p.score for p in train])
    if np.std(y) == 0:
        raise SearchError("the training scores are constant")
    start = time.perf_counter()
    report: dict[str, Any] = {"seed": seed, "train_pairs": len(train)}
    vectors = {} if vectors is None else vectors
    everything = list(train) + list(valid or ())
    missing = sorted(
        ({p.anchor for p in everything} | {p.target for p in everything}) - set(vectors)
    )
    say(f"embedding {len(missing):,} phrases with {embedder.model.name}")
    for i in range(0, len(missing), 1024):
        chunk = missing[i : i + 1024]
        vectors.update(zip(chunk, embedder.embed_queries(chunk), strict=True))
        say(f"  {min(i + 1024, len(missing)):,}/{len(missing):,}")
    report["embed_seconds"] = round(time.perf_counter() - start, 1)

    def embed(rows: Sequence[PhrasePair]) -> tuple[np.ndarray, np.ndarray]:
        return (
            np.array([vectors[p.anchor] for p in rows], dtype=np.float32),
            np.array([vectors[p.target] for p in rows], dtype=np.float32),
        )

    a, t = embed(train)
    with threadpool_limits(1):
        fit_start = time.perf_counter()
        train_phrases = sorted({p.anchor for p in train} | {p.target for p in train})
        matrix = np.array([vectors[x] for x in train_phrases], dtype=np.float32)
        k = min(SPACE_DIM, matrix.shape[1], len(train_phrases) - 1)
        pca = PCA(k, svd_solver="full", random_state=seed).fit(matrix)
        mlp_x = Mlp.inputs(a, t)
        oof = np.zeros(len(train))
        folds = KFold(min(FOLDS, len(train)), shuffle=True, random_state=seed)
        for f, (fit_rows, held_rows) in enumerate(folds.split(mlp_x)):
            say(f"MLP fold {f + 1}/{FOLDS}")
            net = _fit_mlp(mlp_x[fit_rows], y[fit_rows], seed)
            oof[held_rows] = net.predict(a[held_rows], t[held_rows])
        say("MLP on all training pairs")
        mlp = _fit_mlp(mlp_x, y, seed)
        report["mlp_oof_pearson"] = round(_pearson(oof, y), 4)
        contexts = tuple(sorted({p.context for p in train if p.context}))
        titles = class_titles()
        known = [c for c in contexts if c in titles]
        context_vectors = np.zeros((len(contexts), a.shape[1]), dtype=np.float32)
        if known:
            title_vectors = embedder.embed_queries([titles[c] for c in known])
            for c, v in zip(known, title_vectors, strict=True):
                context_vectors[contexts.index(c)] = v
        unfitted = Trees(*(np.zeros(1, dtype=np.int64),) * 8, baseline=0.0, depth=1)
        empty = Reference((), (), (), y[:0], np.zeros((0, k), dtype=np.float32))
        draft = PhraseModel(
            embedder.model,
            pca.mean_.astype(np.float32),
            pca.components_.astype(np.float32),
            empty,
            mlp,
            unfitted,
            contexts,
            context_vectors=context_vectors,
        )
        reference = Reference(
            tuple(p.anchor for p in train),
            tuple(p.target for p in train),
            tuple(p.context for p in train),
            y,
            draft.project(t),
            oof,
        )
        draft = quantised(replace(draft, reference=reference))
        say("features of the training pairs (leave one out)")
        x = draft.features(
            [p.anchor for p in train],
            [p.target for p in train],
            [p.context for p in train],
            a,
            t,
            leave_one_out=True,
            mlp_scores=oof,
        )
        say("gradient boosting")
        booster = HistGradientBoostingRegressor(
            **TREES, early_stopping=False, random_state=seed
        ).fit(x, y)
        report["fit_seconds"] = round(time.perf_counter() - fit_start, 1)
    report["train_pearson"] = round(_pearson(booster.predict(x), y), 4)
    model = replace(draft, trees=_export_trees(booster))
    if valid:
        va, vt = embed(valid)
        xv = model.features(
            [p.anchor for p in valid], [p.target for p in valid], [p.context for p in valid], va, vt
        )
        predicted = model.trees.predict(xv)
        report["valid_pairs"] = len(valid)
        report["valid_pearson"] = round(_pearson(predicted, np.array([p.score for p in valid])), 4)
        if not np.allclose(predicted, booster.predict(xv)):  # pragma: no cover - a bug
            raise SearchError("the exported trees disagree with scikit-learn")
    report["seconds"] = round(time.perf_counter() - start, 1)
    return replace(model, info=dict(report, embedder=embedder.model.name)), report
