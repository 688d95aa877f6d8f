"""OpenSearch request bodies (index settings, bulk, queries): pure functions, no I/O.

Each document is indexed three ways (:func:`index_body`):

* keyword fields for filters: ``office``, ``kind``, ``language``, ``ipc_keys``/``cpc_keys``
  (every level of each symbol's hierarchy, :func:`sangtao.search._filters.class_keys`, so a
  class filter at any level is one ``terms`` lookup) and ``publication_date``;
* text fields for BM25: each part (``title``, ``abstract``, ``claims``, ``description``) by
  the ``sangtao_folded`` analyser (diacritics stripped, ``đ``→``d``, lower case: the
  tokens of :func:`sangtao.search._analysis.fold_tokens`) and, for English or unlabelled
  texts, ``<part>_en`` by ``sangtao_english`` (the same, then Snowball English stems). These
  fields are left out of ``_source``;
* the exact document (``document``, stored, not indexed) for display, its ``fingerprint``,
  and its unit vector (``embedding``, ``knn_vector``, inner product, HNSW).

The index ``_meta`` records the format and the embedding model. The answers are read by
:mod:`._opensearch_responses`.

References
----------
OpenSearch 2.x REST API: create index, bulk, multi-get, search, analyze; the k-NN plugin's
``knn_vector`` field and filtered k-NN search (inner product on Lucene from 2.13).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

import numpy as np

from sangtao.standards import fold, nfc

from ._analysis import MAX_TOKEN_CHARS, ParsedQuery
from ._errors import QueryError, SearchError
from ._filters import class_keys
from ._model import EmbeddingModel, Filters, IndexDocument
from ._protocol import FIELD_BOOSTS, STEM_WEIGHT

__all__ = [
    "FORMAT",
    "bulk_delete",
    "bulk_upsert",
    "filter_clauses",
    "index_body",
    "keyword_body",
    "knn_body",
]

FORMAT = 1
"""Version of the index layout; an index of another format must be rebuilt."""
KNN_ENGINES = ("lucene", "faiss")
KNN_MIN_CANDIDATES = 100
"""Neighbours the HNSW graph is searched for at least (Lucene uses k as its beam width)."""
MAX_CLAUSES = 1024
"""The default ``indices.query.bool.max_clause_count`` of OpenSearch 2.x."""
MAX_BULK_BYTES = 8 * 2**20
"""Largest bulk request body sent (the server's default limit is 100 MB)."""

PARTS = {
    "title": "titles",
    "abstract": "abstracts",
    "claims": "claims",
    "description": "descriptions",
}
ENGLISH_LANGS = (None, "en")
# The combining-mark blocks sangtao.standards.fold strips (Latin, Greek, Cyrillic diacritics).
_DIACRITICS = r"[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]"
SEARCH_FIELDS = tuple(
    f"{part}{suffix}^{boost * weight:g}"
    for part, boost in FIELD_BOOSTS.items()
    for suffix, weight in (("", 1.0), ("_en", STEM_WEIGHT))
)
"""The text fields a clause searches, with their boosts (``title^3``, ``title_en^1.5``…)."""


# -- index ---------------------------------------------------------------------------------


def fold_mappings() -> list[str]:
    """Character mappings for what :func:`fold` does and Lucene's lower case and ASCII
    folding do not: ``đ``→``d``, modern Greek and Cyrillic letters with diacritics (``ό``, ``й``),
    and letters whose case fold is not their lower case (``ς``→``σ``, ``µ``→``μ``)."""
    rules = ["đ => d", "Đ => d"]
    for cp in [*range(0xA0, 0x500), 0x1E9E]:
        char = chr(cp)
        folded = fold(char)
        if not char.isalpha() or folded == char.lower():
            continue
        if cp < 0x370 and char.casefold() == char.lower():
            continue  # a Latin letter with diacritics: asciifolding takes it to ASCII
        rules.append(f"{char} => {folded}")
    return rules


def analysis_settings() -> dict[str, Any]:
    """The analysers: ``sangtao_folded`` (as :func:`fold_tokens`) and ``sangtao_english``.

    Letters are mapped (:func:`fold_mappings`) and combining diacritics removed before the
    text is split into runs of letters and digits (so text typed in NFD folds as NFC does),
    then lower-cased and ASCII-folded; tokens of :data:`MAX_TOKEN_CHARS` or more are
    dropped. Lucene's ASCII folding goes further than :func:`fold` (``ø``→``o``,
    ``æ``→``ae``); since queries pass through the same analyser, that only widens matching.
    """
    common = {
        "type": "custom",
        "char_filter": ["sangtao_letters", "sangtao_diacritics"],
        "tokenizer": "sangtao_words",
    }
    folded = ["lowercase", "asciifolding", "sangtao_length"]
    return {
        "char_filter": {
            "sangtao_letters": {"type": "mapping", "mappings": fold_mappings()},
            "sangtao_diacritics": {
                "type": "pattern_replace",
                "pattern": _DIACRITICS,
                "replacement": "",
            },
        },
        "tokenizer": {"sangtao_words": {"type": "pattern", "pattern": r"[^\p{L}\p{N}]+"}},
        "filter": {
            "sangtao_length": {"type": "length", "max": MAX_TOKEN_CHARS - 1},
            "sangtao_stem_en": {"type": "stemmer", "language": "porter2"},
        },
        "analyzer": {
            "sangtao_folded": {**common, "filter": folded},
            "sangtao_english": {**common, "filter": [*folded, "sangtao_stem_en"]},
        },
    }


def index_body(
    model: EmbeddingModel | None,
    *,
    engine: str = "lucene",
    shards: int = 1,
    replicas: int = 1,
    m: int = 16,
    ef_construction: int = 128,
) -> dict[str, Any]:
    """The settings and mappings of a new index (``PUT /{index}``).

    Parameters
    ----------
    model
        The embedding model of the vectors (``dimension``, ``_meta``); None: no vectors.
    engine
        HNSW implementation, ``"lucene"`` (OpenSearch 2.13 or later) or ``"faiss"``.
    shards, replicas
        One shard keeps BM25 statistics exact; add shards past tens of millions of texts.
    m, ef_construction
        HNSW graph degree and build beam width.
    """
    if engine not in KNN_ENGINES:
        raise SearchError(f"unknown k-NN engine {engine!r}: use lucene or faiss")
    keyword = {"type": "keyword"}
    day = {"type": "date", "format": "strict_date"}
    properties: dict[str, Any] = {
        "doc_id": keyword,
        "office": keyword,
        "kind": keyword,
        "language": keyword,
        "ipc": keyword,
        "cpc": keyword,
        "ipc_keys": keyword,
        "cpc_keys": keyword,
        "applicants": {"type": "keyword", "ignore_above": 512},
        "publication_date": day,
        "priority_date": day,
        "fingerprint": {"type": "keyword", "index": False},
        "document": {"type": "object", "enabled": False},
    }
    for part in PARTS:
        properties[part] = {"type": "text", "analyzer": "sangtao_folded"}
        properties[f"{part}_en"] = {"type": "text", "analyzer": "sangtao_english"}
    index: dict[str, Any] = {"number_of_shards": shards, "number_of_replicas": replicas}
    if model is not None:
        index["knn"] = True
        properties["embedding"] = {
            "type": "knn_vector",
            "dimension": model.dim,
            "method": {
                "name": "hnsw",
                "space_type": "innerproduct",
                "engine": engine,
                "parameters": {"m": m, "ef_construction": ef_construction},
            },
        }
    return {
        "settings": {"index": index, "analysis": analysis_settings()},
        "mappings": {
            "dynamic": "strict",
            "_meta": {"sangtao": {"format": FORMAT, "model": asdict(model) if model else None}},
            "_source": {"excludes": [f"{p}{s}" for p in PARTS for s in ("", "_en")]},
            "properties": properties,
        },
    }


# -- writing -------------------------------------------------------------------------------


def vector_json(vector: np.ndarray) -> list[float]:
    """A vector as JSON numbers: the shortest decimal that reads back as the same float32."""
    return [float(str(x)) for x in np.asarray(vector, dtype=np.float32).ravel()]


def document_source(doc: IndexDocument, vector: np.ndarray | None = None) -> dict[str, Any]:
    """The ``_source`` of one document (see the module notes for its fields)."""
    source: dict[str, Any] = {
        "doc_id": doc.doc_id,
        "office": doc.office.upper(),
        "kind": doc.kind.upper() if doc.kind else None,
        "language": list(doc.languages),
        "ipc": list(doc.ipc),
        "cpc": list(doc.cpc),
        "ipc_keys": sorted({k for s in doc.ipc for k in class_keys(s)}),
        "cpc_keys": sorted({k for s in doc.cpc for k in class_keys(s)}),
        "applicants": list(doc.applicants),
        "publication_date": doc.publication_date.isoformat() if doc.publication_date else None,
        "priority_date": doc.priority_date.isoformat() if doc.priority_date else None,
        "fingerprint": doc.fingerprint(),
        "document": doc.as_dict(),
    }
    for part, attr in PARTS.items():
        texts = getattr(doc, attr)
        # NFC, as queries are: the analysers cannot compose Hangul or kana typed in NFD
        source[part] = [nfc(text) for _, text in texts]
        source[f"{part}_en"] = [nfc(text) for lang, text in texts if lang in ENGLISH_LANGS]
    if vector is not None:
        source["embedding"] = vector_json(vector)
    return source


def _line(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def bulk_upsert(
    documents: Sequence[IndexDocument],
    vectors: np.ndarray | None = None,
    max_bytes: int = MAX_BULK_BYTES,
) -> list[str]:
    """NDJSON bodies of ``POST /{index}/_bulk`` that index (add or replace) ``documents``.

    Documents are split into bodies of at most ``max_bytes`` (a larger document goes alone).
    """
    bodies: list[str] = []
    lines: list[str] = []
    size = 0
    for row, doc in enumerate(documents):
        vector = vectors[row] if vectors is not None else None
        pair = _line({"index": {"_id": doc.doc_id}}) + _line(document_source(doc, vector))
        n = len(pair.encode())
        if lines and size + n > max_bytes:
            bodies.append("".join(lines))
            lines, size = [], 0
        lines.append(pair)
        size += n
    if lines:
        bodies.append("".join(lines))
    return bodies


def bulk_delete(doc_ids: Iterable[str]) -> str:
    """NDJSON body of ``POST /{index}/_bulk`` that deletes documents by id."""
    return "".join(_line({"delete": {"_id": doc_id}}) for doc_id in doc_ids)


# -- searching -----------------------------------------------------------------------------


def clause_query(words: tuple[str, ...], repeats: int = 1) -> dict[str, Any]:
    """One term or phrase over every text field, scores summed with :data:`SEARCH_FIELDS`.

    The folded words are sent: the fields' analysers leave them as they are (folded field)
    or stem them as they stem the index (English field). A clause written ``repeats``
    times is sent once with that boost, which scores the same as the repeated clauses.
    """
    spec: dict[str, Any] = {"query": " ".join(words), "fields": list(SEARCH_FIELDS)}
    if len(words) > 1:
        # a dis_max with tie_breaker 1 sums the fields' scores, as most_fields does for terms
        spec.update(type="phrase", tie_breaker=1.0)
    else:
        spec.update(type="most_fields")
    if repeats > 1:
        spec["boost"] = float(repeats)
    return {"multi_match": spec}


def filter_clauses(filters: Filters) -> list[dict[str, Any]]:
    """Non-scoring clauses of prepared :class:`Filters` (see :func:`prepare_filters`)."""
    out: list[dict[str, Any]] = []
    for field, values in (
        ("ipc_keys", filters.ipc),
        ("cpc_keys", filters.cpc),
        ("office", filters.office),
        ("kind", filters.kind),
        ("language", filters.language),
    ):
        if values:
            out.append({"terms": {field: list(values)}})
    if filters.before or filters.after:
        bounds = {}
        if filters.after:
            bounds["gte"] = filters.after.isoformat()
        if filters.before:
            bounds["lt"] = filters.before.isoformat()
        out.append({"range": {"publication_date": bounds}})
    return out


def keyword_body(
    query: ParsedQuery, filters: Filters, k: int, max_clauses: int = MAX_CLAUSES
) -> dict[str, Any]:
    """``POST /{index}/_search`` body of the keyword arm: BM25 over folded and English fields.

    ``+word``/``AND`` clauses are ``must``, ``-word``/``NOT`` ``must_not``, the others
    ``should``; without a ``must`` clause at least one ``should`` clause has to match.

    Raises
    ------
    QueryError
        If the distinct clauses times the fields searched pass ``max_clauses``, the
        cluster's ``indices.query.bool.max_clause_count``.
    """
    counts = Counter((c.occur, c.words) for c in query.clauses)
    if len(counts) * len(SEARCH_FIELDS) > max_clauses:
        raise QueryError(
            f"the query has {len(counts):,} distinct words and phrases; this OpenSearch "
            f"cluster takes at most {max_clauses // len(SEARCH_FIELDS):,} "
            f"(indices.query.bool.max_clause_count = {max_clauses:,} over "
            f"{len(SEARCH_FIELDS)} fields): shorten the query or raise that setting"
        )
    boolean: dict[str, Any] = {}
    for occur in ("must", "should", "must_not"):
        clauses = [clause_query(w, n) for (o, w), n in counts.items() if o == occur]
        if clauses:
            boolean[occur] = clauses
    if "must" not in boolean:
        if "should" in boolean:
            boolean["minimum_should_match"] = 1
        else:
            boolean["must"] = [{"match_all": {}}]
    if filters:
        boolean["filter"] = filter_clauses(filters)
    return {"size": k, "_source": False, "track_total_hits": False, "query": {"bool": boolean}}


def knn_body(vector: np.ndarray, filters: Filters, k: int) -> dict[str, Any]:
    """``POST /{index}/_search`` body of the dense arm: HNSW inner product, filtered inside."""
    knn: dict[str, Any] = {"vector": vector_json(vector), "k": max(k, KNN_MIN_CANDIDATES)}
    if filters:
        knn["filter"] = {"bool": {"filter": filter_clauses(filters)}}
    return {
        "size": k,
        "_source": False,
        "track_total_hits": False,
        "query": {"knn": {"embedding": knn}},
    }


def fingerprints_body(after: list[Any] | None, size: int = 10_000) -> dict[str, Any]:
    """One page of ``doc_id`` → fingerprint, in ``doc_id`` order after ``after``."""
    body: dict[str, Any] = {
        "size": size,
        "_source": ["fingerprint"],
        "track_total_hits": False,
        "query": {"match_all": {}},
        "sort": [{"doc_id": "asc"}],
    }
    if after is not None:
        body["search_after"] = after
    return body
