"""The OpenSearch backend: one index on an OpenSearch 2.x cluster (k-NN plugin for vectors).

Requests are built by :mod:`._opensearch_requests` and answers read by
:mod:`._opensearch_responses`; this module sends them over a small HTTP transport on
:mod:`urllib.request` (no client library). Any object with the :class:`Transport` ``request``
method can replace it (a proxy, a request signer, a test double).
"""

from __future__ import annotations

import base64
import http.client
import json
import re
import ssl
import urllib.error
import urllib.request
from collections.abc import Iterable, Sequence
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit, urlunsplit

import numpy as np

from . import _opensearch_requests as req
from . import _opensearch_responses as res
from ._analysis import ParsedQuery
from ._checks import check_document_vectors, check_query_vector
from ._errors import IncompatibleIndexError, SearchError
from ._model import EmbeddingModel, Filters, IndexDocument

__all__ = ["OpenSearchBackend", "Transport", "UrllibTransport"]

JSON = "application/json"
NDJSON = "application/x-ndjson"
_INDEX_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,254}")


def public_url(url: str) -> str:
    """``url`` without user, password, query or trailing slash: safe to show in messages."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        raise SearchError(f"the OpenSearch URL {url!r} has a bad port") from None
    netloc = (f"[{host}]" if ":" in host else host) + port
    return urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))


class Transport(Protocol):
    """Sends one HTTP request to the cluster and returns ``(status, body)``.

    HTTP error statuses are returned, not raised; a cluster that cannot be reached raises
    :class:`SearchError`.
    """

    def request(
        self, method: str, path: str, body: bytes | None = None, content_type: str = JSON
    ) -> tuple[int, bytes]: ...


class UrllibTransport:
    """HTTP(S) with :mod:`urllib.request`, a timeout, and Basic auth from ``user:pass@``.

    Parameters
    ----------
    url
        The cluster, e.g. ``"https://user:secret@search.example:9200"``.
    timeout
        Seconds to wait to connect and for each read.
    ssl_context
        For HTTPS with a private certificate authority.
    """

    def __init__(
        self, url: str, timeout: float = 30.0, ssl_context: ssl.SSLContext | None = None
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SearchError(f"the OpenSearch URL must be http(s)://host[:port], not {url!r}")
        self.headers = {"Accept": JSON}
        if parts.username is not None:
            token = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
            self.headers["Authorization"] = "Basic " + base64.b64encode(token).decode()
        self.url = public_url(url)
        self.timeout = timeout
        self.ssl_context = ssl_context

    def request(
        self, method: str, path: str, body: bytes | None = None, content_type: str = JSON
    ) -> tuple[int, bytes]:
        """Send the request; see :class:`Transport`."""
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = content_type
        elif method in ("POST", "PUT"):
            body = b""
        request = urllib.request.Request(self.url + path, data=body, headers=headers, method=method)
        try:
            with urllib.request.urlopen(
                request, timeout=self.timeout, context=self.ssl_context
            ) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            with exc:
                return exc.code, exc.read()
        except (OSError, http.client.HTTPException) as exc:
            reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
            why = reason or type(exc).__name__
            raise SearchError(
                f"cannot reach OpenSearch at {self.url} ({method} {path}): {why}"
            ) from None


def _checked(index_name: str) -> str:
    if not isinstance(index_name, str) or not _INDEX_NAME.fullmatch(index_name):
        raise SearchError(
            f"{index_name!r} is not an OpenSearch index name: use lower-case letters, "
            "digits, '.', '_' and '-', starting with a letter or digit"
        )
    return index_name


class _Client:
    """JSON in and out over a :class:`Transport`; HTTP errors become :class:`SearchError`."""

    def __init__(self, url: str, transport: Transport | None, timeout: float) -> None:
        self.http = transport or UrllibTransport(url, timeout)
        self.url = public_url(url)

    def call(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        *,
        ndjson: str | None = None,
        missing_ok: bool = False,
    ) -> tuple[int, Any]:
        """Send a request; ``missing_ok``: a 404 for a missing index is returned, not raised."""
        if ndjson is not None:
            status, raw = self.http.request(method, path, ndjson.encode(), NDJSON)
        elif body is not None:
            data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
            status, raw = self.http.request(method, path, data, JSON)
        else:
            status, raw = self.http.request(method, path)
        try:
            payload = json.loads(raw) if raw.strip() else {}
        except ValueError:
            raise SearchError(
                f"OpenSearch at {self.url} answered {method} {path} with HTTP {status} "
                f"and a body that is not JSON: {raw[:200]!r}"
            ) from None
        if status == 404 and missing_ok and _index_missing(payload):
            return status, payload
        if status >= 300:
            raise res.error_from(status, payload)
        return status, payload


def _index_missing(payload: Any) -> bool:
    error = payload.get("error") if isinstance(payload, dict) else None
    return not payload or (
        isinstance(error, dict) and error.get("type") == "index_not_found_exception"
    )


class OpenSearchBackend:
    """A :class:`SearchBackend` on one OpenSearch index.

    Parameters
    ----------
    url
        The cluster, ``http(s)://[user:password@]host:port``.
    index_name
        The index (lower case letters, digits, ``.``, ``_`` and ``-``).
    model
        The embedding model of a new index (None: keyword only); for an existing index, the
        model it must hold (None: whatever it holds).
    create
        True: create the index, which must not exist; False: open it, it must exist;
        None (the default): open it, or create it if it is missing.
    transport
        Sends the requests; a :class:`UrllibTransport` on ``url`` by default.
    timeout
        Seconds per request of the default transport.
    engine, shards, replicas
        Of a new index: HNSW engine (``"lucene"`` or ``"faiss"``), shard and replica counts
        (see :func:`sangtao.search._opensearch_requests.index_body`).
    max_clauses
        The cluster's ``indices.query.bool.max_clause_count``: a keyword query with more
        distinct words than it allows (1024 / 8 fields = 128) is a :class:`QueryError`.

    Raises
    ------
    SearchError
        If the cluster cannot be reached or refuses, or the index is missing or exists
        against ``create``.
    IncompatibleIndexError
        If the index holds another model or format, or was not written by this library.
    """

    name = "opensearch"
    page_size = 10_000
    """Fingerprints read per request (at most the index's ``max_result_window``)."""

    def __init__(
        self,
        url: str,
        index_name: str,
        model: EmbeddingModel | None = None,
        *,
        create: bool | None = None,
        transport: Transport | None = None,
        timeout: float = 30.0,
        engine: str = "lucene",
        shards: int = 1,
        replicas: int = 1,
        max_clauses: int = req.MAX_CLAUSES,
    ) -> None:
        self.max_clauses = max_clauses
        self._client = _Client(url, transport, timeout)
        self.url = self._client.url
        self.index_name = _checked(index_name)
        self._path = "/" + index_name
        status, payload = self._client.call("GET", f"{self._path}/_mapping", missing_ok=True)
        if status == 404:
            if create is False:
                raise SearchError(
                    f"no OpenSearch index {index_name!r} at {self.url}: create it first "
                    f"({res.error_from(status, payload)})"
                )
            body = req.index_body(model, engine=engine, shards=shards, replicas=replicas)
            self._client.call("PUT", self._path, body)
            self._model = model
            return
        if create:
            raise SearchError(
                f"OpenSearch index {index_name!r} at {self.url} already exists: open it or drop it"
            )
        stored = res.model_from_mapping(payload, index_name)
        if model is not None and stored != model:
            held = f"{stored.name} {stored.version} ({stored.dim}-d)" if stored else "no vectors"
            raise IncompatibleIndexError(
                f"OpenSearch index {index_name!r} holds {held}, not {model.name} "
                f"{model.version} ({model.dim}-d): rebuild it"
            )
        self._model = stored

    @classmethod
    def create(
        cls, url: str, index_name: str, model: EmbeddingModel | None = None, **options: Any
    ) -> OpenSearchBackend:
        """Create a new index (it must not exist); ``options`` as for the constructor."""
        return cls(url, index_name, model, create=True, **options)

    @classmethod
    def open(cls, url: str, index_name: str, **options: Any) -> OpenSearchBackend:
        """Open an existing index, with the model recorded in its ``_meta``."""
        return cls(url, index_name, None, create=False, **options)

    @staticmethod
    def exists(
        url: str, index_name: str, *, transport: Transport | None = None, timeout: float = 30.0
    ) -> bool:
        """Whether the cluster holds an index (or alias) of that name."""
        return _found("HEAD", _Client(url, transport, timeout), index_name)

    @staticmethod
    def drop(
        url: str, index_name: str, *, transport: Transport | None = None, timeout: float = 30.0
    ) -> bool:
        """Delete an index and everything in it; returns whether it existed."""
        return _found("DELETE", _Client(url, transport, timeout), index_name)

    def __repr__(self) -> str:
        return f"OpenSearchBackend({self.url!r}, {self.index_name!r})"

    # -- protocol -----------------------------------------------------------------------

    @property
    def model(self) -> EmbeddingModel | None:
        """The embedding model of the vectors, None for a keyword-only index."""
        return self._model

    def __len__(self) -> int:
        return int(self._client.call("GET", f"{self._path}/_count")[1]["count"])

    def close(self) -> None:
        """Nothing to release: each request opens its own connection."""

    def upsert(self, documents: Sequence[IndexDocument], vectors: np.ndarray | None = None) -> None:
        """Index (add or replace) documents and, if the index holds vectors, one row each."""
        check_document_vectors(self._model, len(documents), vectors)
        if self._model is None:
            vectors = None
        for doc in documents:
            if not doc.doc_id:
                raise SearchError("a document without a doc_id cannot be indexed")
        for body in req.bulk_upsert(documents, vectors):
            res.parse_bulk(self._client.call("POST", f"{self._path}/_bulk", ndjson=body)[1])

    def delete(self, doc_ids: Iterable[str]) -> int:
        """Remove documents by ``doc_id``; returns how many were indexed."""
        ids = list(dict.fromkeys(doc_ids))
        if not ids:
            return 0
        payload = self._client.call("POST", f"{self._path}/_bulk", ndjson=req.bulk_delete(ids))[1]
        return sum(1 for _, result in res.parse_bulk(payload) if result == "deleted")

    def commit(self) -> None:
        """Refresh the index, so that searches see the changes (bulk writes are durable)."""
        self._client.call("POST", f"{self._path}/_refresh")

    def keyword(self, query: ParsedQuery, filters: Filters, k: int) -> list[tuple[str, float]]:
        """BM25 over the folded and English fields with :data:`FIELD_BOOSTS`."""
        body = req.keyword_body(query, filters, k, self.max_clauses)
        return res.parse_hits(self._client.call("POST", f"{self._path}/_search", body)[1])

    def dense(self, vector: np.ndarray, filters: Filters, k: int) -> list[tuple[str, float]]:
        """Approximate (HNSW) inner product with filters applied during the graph search."""
        check_query_vector(self._model, vector)
        body = req.knn_body(vector, filters, k)
        hits = res.parse_hits(self._client.call("POST", f"{self._path}/_search", body)[1])
        return [(doc_id, res.inner_product(score)) for doc_id, score in hits]

    def _mget(self, doc_ids: Sequence[str], field: str) -> dict[str, Any]:
        ids = list(dict.fromkeys(doc_ids))
        if not ids:
            return {}
        path = f"{self._path}/_mget?_source_includes={field}"
        return res.parse_mget(self._client.call("POST", path, {"ids": ids})[1], field)

    def get(self, doc_ids: Sequence[str]) -> dict[str, IndexDocument]:
        """The stored documents of the ids that are indexed (exact text, as given)."""
        return {d: IndexDocument.from_dict(v) for d, v in self._mget(doc_ids, "document").items()}

    def vectors(self, doc_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of the given documents."""
        if self._model is None:
            return {}
        found = self._mget(doc_ids, "embedding")
        return {d: np.asarray(v, dtype=np.float32) for d, v in found.items()}

    def fingerprints(self) -> dict[str, str]:
        """``doc_id`` → fingerprint of every searchable document, read in pages."""
        out: dict[str, str] = {}
        after: list[Any] | None = None
        while True:
            body = req.fingerprints_body(after, self.page_size)
            page, after = res.parse_fingerprints(
                self._client.call("POST", f"{self._path}/_search", body)[1]
            )
            out.update(page)
            if len(page) < body["size"] or after is None:
                return out

    def analyze(self, text: str, field: str = "title") -> list[str]:
        """The tokens ``field``'s analyser makes of ``text`` (to see why a word matches)."""
        payload = self._client.call(
            "POST", f"{self._path}/_analyze", {"field": field, "text": text}
        )[1]
        return [t["token"] for t in payload.get("tokens") or []]


def _found(method: str, client: _Client, index_name: str) -> bool:
    """Send ``method`` to the index; whether it was there (not a 404)."""
    return client.call(method, "/" + _checked(index_name), missing_ok=True)[0] != 404
