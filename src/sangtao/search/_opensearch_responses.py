"""Readers of OpenSearch answers: hits, multi-get, bulk results, mappings and errors.

Pure functions over decoded JSON (OpenSearch 2.x); every failure the server reports becomes
a :class:`SearchError` that carries the server's error type and reason.
"""

from __future__ import annotations

import json
from typing import Any

from ._errors import IncompatibleIndexError, SearchError
from ._model import EmbeddingModel
from ._opensearch_requests import FORMAT

__all__ = [
    "error_from",
    "inner_product",
    "model_from_mapping",
    "parse_bulk",
    "parse_fingerprints",
    "parse_hits",
    "parse_mget",
]


def model_from_mapping(payload: dict[str, Any], index_name: str) -> EmbeddingModel | None:
    """The embedding model in the ``_meta`` of a ``GET /{index}/_mapping`` answer.

    Raises
    ------
    IncompatibleIndexError
        If the index was not written by this library, or in another format.
    """
    if len(payload) != 1:
        raise SearchError(f"{index_name!r} names {len(payload)} indices; give one index")
    mappings = next(iter(payload.values())).get("mappings") or {}
    meta = (mappings.get("_meta") or {}).get("sangtao")
    if not isinstance(meta, dict):
        raise IncompatibleIndexError(f"OpenSearch index {index_name!r} is not a sangtao index")
    if meta.get("format") != FORMAT:
        raise IncompatibleIndexError(
            f"OpenSearch index {index_name!r} has format {meta.get('format')}, "
            f"this version reads {FORMAT}: rebuild it"
        )
    model = meta.get("model")
    return EmbeddingModel(**model) if model else None


def error_from(status: int | None, payload: Any) -> SearchError:
    """A :class:`SearchError` carrying the server's error type and reason (and root causes)."""
    error = payload.get("error") if isinstance(payload, dict) else None
    where = f"HTTP {status}, " if status else ""
    if not isinstance(error, dict):
        detail = error or (json.dumps(payload, ensure_ascii=False)[:200] if payload else "")
        return SearchError(f"OpenSearch answered HTTP {status}" + (f": {detail}" if detail else ""))
    seen = [str(error.get("reason") or "no reason given")]
    reasons = list(seen)
    causes = [*(error.get("root_cause") or []), error.get("caused_by") or {}]
    causes += [f.get("reason") or {} for f in error.get("failed_shards") or []]
    for cause in causes:
        reason = cause.get("reason")
        if reason and reason not in seen:
            seen.append(reason)
            reasons.append(f"{cause.get('type')}: {reason}")
    return SearchError(
        f"OpenSearch refused the request ({where}{error.get('type')}): " + "; ".join(reasons)
    )


def _check_shards(payload: dict[str, Any]) -> None:
    shards = payload.get("_shards") or {}
    if shards.get("failed"):
        reasons = sorted(
            {
                str((f.get("reason") or {}).get("reason") or f.get("reason"))
                for f in shards.get("failures") or []
            }
        )
        raise SearchError(
            f"OpenSearch answered from {shards.get('successful')} of {shards.get('total')} "
            f"shards: {'; '.join(reasons) or 'no reason given'}"
        )


def parse_hits(payload: dict[str, Any]) -> list[tuple[str, float]]:
    """``(doc_id, score)`` of a search answer, best first; a shard failure is an error."""
    _check_shards(payload)
    return [(hit["_id"], float(hit["_score"])) for hit in payload["hits"]["hits"]]


def inner_product(score: float) -> float:
    """The inner product behind a k-NN ``innerproduct`` score (``ip + 1``, or ``1/(1 − ip)``
    when ``ip`` is negative), as both the Lucene and the Faiss engines scale it."""
    return score - 1.0 if score >= 1.0 else 1.0 - 1.0 / score


def parse_fingerprints(payload: dict[str, Any]) -> tuple[dict[str, str], list[Any] | None]:
    """``doc_id`` → fingerprint of one page, and the ``search_after`` of the next (or None)."""
    _check_shards(payload)
    hits = payload["hits"]["hits"]
    out = {hit["_id"]: hit["_source"]["fingerprint"] for hit in hits}
    return out, (hits[-1]["sort"] if hits else None)


def parse_bulk(payload: dict[str, Any]) -> list[tuple[str, str]]:
    """``(doc_id, result)`` of each bulk action (``created``, ``deleted``, ``not_found``…).

    Raises
    ------
    SearchError
        If any action failed, naming the documents and the server's reasons.
    """
    done: list[tuple[str, str]] = []
    failed: list[str] = []
    for item in payload.get("items") or []:
        ((_, outcome),) = item.items()
        error = outcome.get("error")
        if error:
            reason = error.get("reason") if isinstance(error, dict) else error
            kind = error.get("type") if isinstance(error, dict) else outcome.get("status")
            failed.append(f"{outcome.get('_id')}: {kind}: {reason}")
        else:
            done.append((outcome.get("_id"), outcome.get("result")))
    if failed:
        shown = "; ".join(failed[:3]) + ("; …" if len(failed) > 3 else "")
        raise SearchError(
            f"{len(failed)} of {len(failed) + len(done)} bulk actions failed: {shown}"
        )
    return done


def parse_mget(payload: dict[str, Any], field: str) -> dict[str, Any]:
    """``doc_id`` → ``_source[field]`` of the documents of a multi-get answer that exist."""
    out = {}
    for doc in payload.get("docs") or []:
        if "error" in doc:
            raise error_from(None, doc)
        if doc.get("found") and field in (doc.get("_source") or {}):
            out[doc["_id"]] = doc["_source"][field]
    return out
