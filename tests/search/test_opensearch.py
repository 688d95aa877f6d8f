"""The OpenSearch backend: exact requests, answers read from recorded responses, a live suite.

(a) The request builders are pure: their JSON is asserted exactly. (b) The backend runs its
real building and parsing code against a fake transport that answers with OpenSearch 2.x
responses from ``fixtures/opensearch/``. (c) With ``OPENSEARCH_URL`` set, the conformance
suite and the analyser checks run against that server.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import os
import socket
import threading
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from sangtao.search import (
    EmbeddingModel,
    Filters,
    HashingEmbedder,
    IncompatibleIndexError,
    IndexDocument,
    QueryError,
    SearchError,
    SearchIndex,
    parse_query,
    prepare_filters,
)
from sangtao.search._analysis import fold_tokens
from sangtao.search._opensearch import OpenSearchBackend, UrllibTransport
from sangtao.search._opensearch_requests import (
    analysis_settings,
    bulk_delete,
    bulk_upsert,
    index_body,
    keyword_body,
    knn_body,
)
from sangtao.search._opensearch_responses import inner_product

from . import test_conformance as conformance

FIXTURES = Path(__file__).parent / "fixtures" / "opensearch"
URL = "http://search.example:9200"
INDEX = "sangtao-patents"
MODEL = EmbeddingModel("hashing", "1;buckets=4096;char=0;seed=0", 64)
FIELDS = [
    "title^3",
    "title_en^1.5",
    "abstract^2",
    "abstract_en^1",
    "claims^1.5",
    "claims_en^0.75",
    "description^1",
    "description_en^0.5",
]
LIVE_URL = os.environ.get("OPENSEARCH_URL", "")
live = pytest.mark.skipif(
    not LIVE_URL, reason="set OPENSEARCH_URL (e.g. http://localhost:9200) to run against a server"
)


def words(text: str) -> dict[str, Any]:
    return {"multi_match": {"query": text, "type": "most_fields", "fields": FIELDS}}


def phrase(text: str) -> dict[str, Any]:
    return {"multi_match": {"query": text, "type": "phrase", "fields": FIELDS, "tie_breaker": 1.0}}


def search(boolean: dict[str, Any], k: int = 10) -> dict[str, Any]:
    return {"size": k, "_source": False, "track_total_hits": False, "query": {"bool": boolean}}


# -- (a) request builders ------------------------------------------------------------------


def test_terms_sum_over_fields_with_field_boosts_and_half_weight_stems():
    body = keyword_body(parse_query("pizza separator"), Filters(), 10)
    assert body == search(
        {"should": [words("pizza"), words("separator")], "minimum_should_match": 1}
    )


def test_quoted_phrase_is_a_phrase_match_summed_over_fields():
    body = keyword_body(parse_query('"pizza separator" box'), Filters(), 5)
    assert body == search(
        {"should": [phrase("pizza separator"), words("box")], "minimum_should_match": 1}, k=5
    )
    # inner punctuation makes a phrase too, as in the embedded backend
    body = keyword_body(parse_query("H04W4/02"), Filters(), 5)
    assert body["query"]["bool"]["should"] == [phrase("h04w4 02")]


def test_required_excluded_and_boolean_operators():
    assert keyword_body(parse_query("+pizza -pan"), Filters(), 10) == search(
        {"must": [words("pizza")], "must_not": [words("pan")]}
    )
    assert keyword_body(parse_query("pizza AND toppings"), Filters(), 10) == search(
        {"must": [words("pizza"), words("toppings")]}
    )
    assert keyword_body(parse_query('pizza NOT "baking pan"'), Filters(), 10) == search(
        {"should": [words("pizza")], "must_not": [phrase("baking pan")], "minimum_should_match": 1}
    )
    assert keyword_body(parse_query("pizza OR pan"), Filters(), 10) == search(
        {"should": [words("pizza"), words("pan")], "minimum_should_match": 1}
    )


def test_repeated_clauses_are_sent_once_with_their_count_as_boost():
    body = keyword_body(parse_query('"pizza box" "Pizza Box" ' + "pizza " * 20_000), Filters(), 3)
    should = body["query"]["bool"]["should"]
    assert len(should) == 2
    assert should[0] == {"multi_match": {**phrase("pizza box")["multi_match"], "boost": 2.0}}
    assert should[1]["multi_match"]["query"] == "pizza"
    assert should[1]["multi_match"]["boost"] == 1662.0  # the query is cut to 10,000 characters


def test_more_distinct_words_than_the_cluster_allows_is_a_query_error():
    many = " ".join(f"w{n}" for n in range(129))
    with pytest.raises(QueryError, match=r"129 distinct words.*at most 128.*max_clause_count"):
        keyword_body(parse_query(many), Filters(), 10)
    assert (
        len(
            keyword_body(parse_query(many), Filters(), 10, max_clauses=4096)["query"]["bool"][
                "should"
            ]
        )
        == 129
    )


def test_vietnamese_is_sent_folded_and_nfd_input_sends_the_same_request():
    nfc = 'Động cơ "đốt trong" -xăng'
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    expected = search(
        {
            "should": [words("dong"), words("co"), phrase("dot trong")],
            "must_not": [words("xang")],
            "minimum_should_match": 1,
        }
    )
    assert keyword_body(parse_query(nfc), Filters(), 10) == expected
    assert keyword_body(parse_query(nfd), Filters(), 10) == expected
    assert keyword_body(parse_query("ĐỘNG CƠ ĐỐT TRONG -XĂNG"), Filters(), 10)["query"]["bool"][
        "should"
    ] == [words("dong"), words("co"), words("dot"), words("trong")]


def test_filters_are_term_lookups_on_class_keys_and_a_half_open_date_range():
    filters, _ = prepare_filters(
        Filters(
            ipc=("B65D 85/36", "a21"),
            cpc=("A21D 13/007",),
            after=dt.date(2014, 1, 24),
            before=dt.date(2020, 1, 1),
            office=(" us", "wo"),
            kind=("a1",),
            language=("VI",),
        )
    )
    body = keyword_body(parse_query("pizza"), filters, 50)
    assert body["query"]["bool"]["filter"] == [
        {"terms": {"ipc_keys": ["B65D 85/36", "A21"]}},
        {"terms": {"cpc_keys": ["A21D 13/007"]}},
        {"terms": {"office": ["US", "WO"]}},
        {"terms": {"kind": ["A1"]}},
        {"terms": {"language": ["vi"]}},
        {"range": {"publication_date": {"gte": "2014-01-24", "lt": "2020-01-01"}}},
    ]
    # main-group prefixes are keys too: "B65D 85/00" and "B65D 85/36" share "B65D 85/"
    main_group, _ = prepare_filters(Filters(ipc=("B65D 85/00",)))
    assert keyword_body(parse_query("pizza"), main_group, 5)["query"]["bool"]["filter"] == [
        {"terms": {"ipc_keys": ["B65D 85/"]}}
    ]


def test_knn_body_filters_inside_the_graph_search_and_sends_float32_values():
    filters, _ = prepare_filters(Filters(office=("vn",), before=dt.date(2003, 2, 7)))
    vector = np.array([0.5, -0.25, 0.1], dtype=np.float32)
    assert knn_body(vector, filters, 5) == {
        "size": 5,
        "_source": False,
        "track_total_hits": False,
        "query": {
            "knn": {
                "embedding": {
                    "vector": [0.5, -0.25, 0.1],
                    "k": 100,
                    "filter": {
                        "bool": {
                            "filter": [
                                {"terms": {"office": ["VN"]}},
                                {"range": {"publication_date": {"lt": "2003-02-07"}}},
                            ]
                        }
                    },
                }
            }
        },
    }
    assert "filter" not in knn_body(vector, Filters(), 500)["query"]["knn"]["embedding"]
    assert knn_body(vector, Filters(), 500)["query"]["knn"]["embedding"]["k"] == 500


def test_analysers_fold_diacritics_and_d_and_stem_english():
    analysis = analysis_settings()
    assert analysis["analyzer"] == {
        "sangtao_folded": {
            "type": "custom",
            "char_filter": ["sangtao_letters", "sangtao_diacritics"],
            "tokenizer": "sangtao_words",
            "filter": ["lowercase", "asciifolding", "sangtao_length"],
        },
        "sangtao_english": {
            "type": "custom",
            "char_filter": ["sangtao_letters", "sangtao_diacritics"],
            "tokenizer": "sangtao_words",
            "filter": ["lowercase", "asciifolding", "sangtao_length", "sangtao_stem_en"],
        },
    }
    mappings = analysis["char_filter"]["sangtao_letters"]["mappings"]
    assert mappings[:2] == ["đ => d", "Đ => d"]
    keys = [m.split(" => ")[0] for m in mappings]
    assert len(keys) == len(set(keys))  # the server refuses a key mapped twice
    assert {"й => и", "ό => ο", "ς => σ", "ß => ss"} <= set(mappings)
    assert not [m for m in mappings if m.startswith(("é ", "ệ ", "ư "))]  # asciifolding's job
    assert analysis["char_filter"]["sangtao_diacritics"] == {
        "type": "pattern_replace",
        "pattern": r"[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]",
        "replacement": "",
    }
    assert analysis["tokenizer"] == {
        "sangtao_words": {"type": "pattern", "pattern": r"[^\p{L}\p{N}]+"}
    }
    assert analysis["filter"] == {
        "sangtao_length": {"type": "length", "max": 39},
        "sangtao_stem_en": {"type": "stemmer", "language": "porter2"},
    }


def test_index_body_has_knn_vector_keyword_filters_exact_document_and_meta():
    body = index_body(MODEL, engine="faiss", shards=2, replicas=0)
    assert body["settings"]["index"] == {
        "number_of_shards": 2,
        "number_of_replicas": 0,
        "knn": True,
    }
    mappings = body["mappings"]
    assert mappings["_meta"] == {
        "sangtao": {
            "format": 1,
            "model": {"name": "hashing", "version": "1;buckets=4096;char=0;seed=0", "dim": 64},
        }
    }
    props = mappings["properties"]
    assert props["embedding"] == {
        "type": "knn_vector",
        "dimension": 64,
        "method": {
            "name": "hnsw",
            "space_type": "innerproduct",
            "engine": "faiss",
            "parameters": {"m": 16, "ef_construction": 128},
        },
    }
    for name in ("office", "kind", "language", "ipc", "cpc", "ipc_keys", "cpc_keys", "doc_id"):
        assert props[name] == {"type": "keyword"}
    assert props["publication_date"] == {"type": "date", "format": "strict_date"}
    assert props["document"] == {"type": "object", "enabled": False}
    assert props["title"] == {"type": "text", "analyzer": "sangtao_folded"}
    assert props["description_en"] == {"type": "text", "analyzer": "sangtao_english"}
    assert mappings["_source"]["excludes"] == [
        "title",
        "title_en",
        "abstract",
        "abstract_en",
        "claims",
        "claims_en",
        "description",
        "description_en",
    ]
    assert mappings["dynamic"] == "strict"


def test_keyword_only_index_has_no_vector_field_and_a_null_model():
    body = index_body(None)
    assert "embedding" not in body["mappings"]["properties"]
    assert "knn" not in body["settings"]["index"]
    assert body["mappings"]["_meta"]["sangtao"]["model"] is None
    with pytest.raises(SearchError, match="unknown k-NN engine 'nmslib'"):
        index_body(MODEL, engine="nmslib")


def test_bulk_upsert_is_ndjson_of_index_actions_with_exact_and_searchable_text():
    doc = IndexDocument(
        "VN-1-A",
        office="vn",
        kind="a",
        publication_date=dt.date(2020, 1, 2),
        titles=(("vi", "Động cơ đốt trong"), ("en", "Internal combustion engine")),
        abstracts=((None, unicodedata.normalize("NFD", "Piston và xi lanh")),),
        ipc=("F02B 3/06",),
        applicants=("Công ty Đà Nẵng",),
    )
    (body,) = bulk_upsert([doc], np.array([[0.5, -0.25]], dtype=np.float32))
    assert body.endswith("\n") and "Động cơ" in body  # UTF-8, not \u escapes
    action, source = (json.loads(line) for line in body.splitlines())
    assert action == {"index": {"_id": "VN-1-A"}}
    assert source == {
        "doc_id": "VN-1-A",
        "office": "VN",
        "kind": "A",
        "language": ["en", "vi"],
        "ipc": ["F02B 3/06"],
        "cpc": [],
        "ipc_keys": ["F", "F02", "F02B", "F02B 3/", "F02B 3/06"],
        "cpc_keys": [],
        "applicants": ["Công ty Đà Nẵng"],
        "publication_date": "2020-01-02",
        "priority_date": None,
        "fingerprint": doc.fingerprint(),
        "document": {
            "doc_id": "VN-1-A",
            "office": "vn",
            "kind": "a",
            "publication_date": "2020-01-02",
            "priority_date": None,
            "titles": [["vi", "Động cơ đốt trong"], ["en", "Internal combustion engine"]],
            "abstracts": [[None, unicodedata.normalize("NFD", "Piston và xi lanh")]],
            "claims": [],
            "descriptions": [],
            "ipc": ["F02B 3/06"],
            "cpc": [],
            "applicants": ["Công ty Đà Nẵng"],
        },
        "title": ["Động cơ đốt trong", "Internal combustion engine"],
        "title_en": ["Internal combustion engine"],
        "abstract": ["Piston và xi lanh"],  # searchable copy in NFC, exact copy as given
        "abstract_en": ["Piston và xi lanh"],
        "claims": [],
        "claims_en": [],
        "description": [],
        "description_en": [],
        "embedding": [0.5, -0.25],
    }


def test_bulk_upsert_splits_bodies_by_size_and_bulk_delete_lists_ids():
    docs = [IndexDocument(f"D-{n}", titles=((None, "word " * 100),)) for n in range(5)]
    bodies = bulk_upsert(docs, max_bytes=2500)
    assert len(bodies) > 1
    lines = [json.loads(line) for body in bodies for line in body.splitlines()]
    ids = [line["index"]["_id"] for line in lines if "index" in line]
    assert ids == [f"D-{n}" for n in range(5)]
    assert all(len(b.encode()) <= 2500 for b in bodies)
    assert bulk_delete(["US-1", "VN-2"]) == '{"delete":{"_id":"US-1"}}\n{"delete":{"_id":"VN-2"}}\n'


def test_inner_product_scores_are_read_back_from_knn_scores():
    assert inner_product(1.875) == pytest.approx(0.875)
    assert inner_product(1.0) == 0.0
    assert inner_product(0.8) == pytest.approx(-0.25)


# -- (b) the backend against recorded responses --------------------------------------------


class FakeTransport:
    """Answers each request with the next recorded response; keeps what was sent."""

    url = URL

    def __init__(self, *replies: tuple[int, str | bytes]) -> None:
        self.replies = list(replies)
        self.sent: list[tuple[str, str, Any]] = []

    def request(
        self, method: str, path: str, body: bytes | None = None, content_type: str = "x"
    ) -> tuple[int, bytes]:
        if body is None:
            sent: Any = None
        elif content_type == "application/x-ndjson":
            sent = [json.loads(line) for line in body.decode().splitlines()]
        else:
            sent = json.loads(body)
        self.sent.append((method, path, sent))
        status, reply = self.replies.pop(0)
        return status, reply if isinstance(reply, bytes) else (FIXTURES / reply).read_bytes()


def opened(*replies: tuple[int, str | bytes]) -> tuple[OpenSearchBackend, FakeTransport]:
    """A backend on the recorded index (model MODEL), then ``replies``."""
    transport = FakeTransport((200, "mapping.json"), *replies)
    return OpenSearchBackend(URL, INDEX, transport=transport), transport


def test_opens_an_existing_index_with_the_model_in_its_meta():
    backend, transport = opened()
    assert backend.model == MODEL
    assert transport.sent == [("GET", "/sangtao-patents/_mapping", None)]
    assert backend.name == "opensearch"
    with pytest.raises(IncompatibleIndexError, match="holds hashing .*64-d.*not e5"):
        OpenSearchBackend(
            URL,
            INDEX,
            EmbeddingModel("e5", "1", 384),
            transport=FakeTransport((200, "mapping.json")),
        )
    foreign = json.dumps({INDEX: {"mappings": {"properties": {}}}}).encode()
    with pytest.raises(IncompatibleIndexError, match="not a sangtao index"):
        OpenSearchBackend(URL, INDEX, transport=FakeTransport((200, foreign)))


def test_creates_a_missing_index_with_the_built_settings():
    transport = FakeTransport((404, "index_not_found.json"), (200, "create_index.json"))
    backend = OpenSearchBackend(URL, INDEX, MODEL, transport=transport, replicas=0)
    assert backend.model == MODEL
    method, path, body = transport.sent[1]
    assert (method, path) == ("PUT", "/sangtao-patents")
    assert body == index_body(MODEL, replicas=0)


def test_open_of_a_missing_index_and_create_of_an_existing_one_are_refused():
    with pytest.raises(SearchError, match=r"no OpenSearch index 'sangtao-patents'.*no such index"):
        OpenSearchBackend.open(URL, INDEX, transport=FakeTransport((404, "index_not_found.json")))
    transport = FakeTransport((200, "mapping.json"))
    with pytest.raises(SearchError, match="already exists"):
        OpenSearchBackend.create(URL, INDEX, MODEL, transport=transport)
    assert [m for m, _, _ in transport.sent] == ["GET"]  # nothing was written
    proxy = b'{"message":"no Route matched with those values"}'  # not OpenSearch's 404
    transport = FakeTransport((404, proxy))
    with pytest.raises(SearchError, match="HTTP 404: .*no Route matched"):
        OpenSearchBackend(URL, INDEX, MODEL, transport=transport)
    assert len(transport.sent) == 1  # no index was created
    with pytest.raises(SearchError, match="not an OpenSearch index name"):
        OpenSearchBackend(URL, "Patents/../x", transport=FakeTransport())


def test_exists_and_drop_tell_a_missing_index_from_other_errors():
    transport = FakeTransport(
        (200, b""),
        (404, b""),
        (200, b'{"acknowledged":true}'),
        (404, "index_not_found.json"),
        (403, "security_exception.json"),
    )
    assert OpenSearchBackend.exists(URL, INDEX, transport=transport)
    assert not OpenSearchBackend.exists(URL, INDEX, transport=transport)
    assert OpenSearchBackend.drop(URL, INDEX, transport=transport)
    assert not OpenSearchBackend.drop(URL, INDEX, transport=transport)
    with pytest.raises(SearchError, match="security_exception.*no permissions"):
        OpenSearchBackend.drop(URL, INDEX, transport=transport)
    assert [(m, p) for m, p, _ in transport.sent] == [("HEAD", "/sangtao-patents")] * 2 + [
        ("DELETE", "/sangtao-patents")
    ] * 3


def test_keyword_search_sends_the_query_and_reads_scored_hits():
    backend, transport = opened((200, "search_keyword.json"))
    parsed = parse_query("pizza -pan")
    filters, _ = prepare_filters(Filters(ipc=("B65D",)))
    hits = backend.keyword(parsed, filters, 3)
    assert hits == [
        ("US-20030024843", 9.274132),
        ("KR-200477500-Y1", 6.0311246),
        ("US-5256432-A", 4.1838737),
    ]
    assert transport.sent[1] == (
        "POST",
        "/sangtao-patents/_search",
        keyword_body(parsed, filters, 3),
    )


def test_dense_search_returns_inner_products():
    backend, transport = opened((200, "search_knn.json"))
    vector = np.full(64, 0.125, dtype=np.float32)
    hits = backend.dense(vector, Filters(), 3)
    assert [d for d, _ in hits] == ["US-8087209-B2", "VN-90079-A", "US-6640362"]
    assert [s for _, s in hits] == pytest.approx([0.875, 0.25, -0.25])
    assert transport.sent[1][2]["query"]["knn"]["embedding"]["vector"] == [0.125] * 64
    with pytest.raises(IncompatibleIndexError, match="dimension 3, the index 64"):
        backend.dense(np.ones(3, dtype=np.float32), Filters(), 3)


def test_get_returns_the_exact_documents_that_exist():
    backend, transport = opened((200, "mget_documents.json"))
    docs = backend.get(["VN-90079-A", "NO-SUCH-DOC", "US-5256432-A"])
    assert set(docs) == {"VN-90079-A", "US-5256432-A"}
    vn = docs["VN-90079-A"]
    assert vn.title == "Hợp chất ức chế CDK2 và dược phẩm chứa hợp chất này"
    assert vn.publication_date == dt.date(2022, 10, 25)
    assert vn.ipc[0] == "A61K 31/437"
    assert docs["US-5256432-A"].titles == (
        (None, "Method of making pizza with a pizza toppings disk"),
    )
    assert transport.sent[1] == (
        "POST",
        "/sangtao-patents/_mget?_source_includes=document",
        {"ids": ["VN-90079-A", "NO-SUCH-DOC", "US-5256432-A"]},
    )
    assert backend.get([]) == {} and len(transport.sent) == 2


def test_vectors_come_back_as_float32_rows():
    backend, transport = opened((200, "mget_vectors.json"))
    vectors = backend.vectors(["VN-90079-A", "NO-SUCH-DOC"])
    assert list(vectors) == ["VN-90079-A"]
    assert vectors["VN-90079-A"].dtype == np.float32
    assert vectors["VN-90079-A"].tolist() == [0.125, -0.5, 0.0625, 0.800000011920929]
    assert transport.sent[1][1] == "/sangtao-patents/_mget?_source_includes=embedding"


def test_upsert_sends_bulk_ndjson_and_item_errors_name_document_and_reason():
    backend, transport = opened((200, "bulk_indexed.json"), (200, "bulk_item_errors.json"))
    docs = [IndexDocument("VN-90079-A", office="VN"), IndexDocument("US-5256432-A", office="US")]
    vectors = np.zeros((2, 64), dtype=np.float32)
    backend.upsert(docs, vectors)
    method, path, lines = transport.sent[1]
    assert (method, path) == ("POST", "/sangtao-patents/_bulk")
    assert [line["index"]["_id"] for line in lines[::2]] == ["VN-90079-A", "US-5256432-A"]
    assert lines[1]["document"]["doc_id"] == "VN-90079-A" and len(lines[1]["embedding"]) == 64
    with pytest.raises(SearchError) as caught:
        backend.upsert(docs, vectors)
    message = str(caught.value)
    assert "1 of 2 bulk actions failed" in message
    assert "US-5256432-A: cluster_block_exception" in message
    assert "flood-stage watermark" in message


def test_upsert_checks_vectors_before_sending_anything():
    backend, transport = opened()
    doc = IndexDocument("VN-1")
    with pytest.raises(SearchError, match="give one per document"):
        backend.upsert([doc])
    with pytest.raises(IncompatibleIndexError, match=r"shape \(1, 64\)"):
        backend.upsert([doc], np.zeros((1, 8), dtype=np.float32))
    with pytest.raises(SearchError, match="without a doc_id"):
        backend.upsert([IndexDocument("")], np.zeros((1, 64), dtype=np.float32))
    assert len(transport.sent) == 1


def test_delete_counts_the_documents_that_were_there():
    backend, transport = opened((200, "bulk_deleted.json"))
    assert backend.delete(["US-20030024843", "NO-SUCH-DOC", "US-20030024843"]) == 1
    assert transport.sent[1][2] == [
        {"delete": {"_id": "US-20030024843"}},
        {"delete": {"_id": "NO-SUCH-DOC"}},
    ]
    assert backend.delete([]) == 0 and len(transport.sent) == 2


def test_commit_refreshes_and_len_counts():
    backend, transport = opened((200, "refresh.json"), (200, "count.json"))
    backend.commit()
    assert len(backend) == 38
    assert [(m, p) for m, p, _ in transport.sent[1:]] == [
        ("POST", "/sangtao-patents/_refresh"),
        ("GET", "/sangtao-patents/_count"),
    ]


def test_fingerprints_are_read_in_pages_after_the_last_sort_value():
    empty = json.dumps({"took": 1, "timed_out": False, "hits": {"hits": []}}).encode()
    backend, transport = opened((200, "fingerprints.json"), (200, empty))
    backend.page_size = 2
    prints = backend.fingerprints()
    assert list(prints) == ["US-5256432-A", "VN-90079-A"]
    assert prints["VN-90079-A"].startswith("9d2e4b1c")
    first, second = transport.sent[1][2], transport.sent[2][2]
    assert first == {
        "size": 2,
        "_source": ["fingerprint"],
        "track_total_hits": False,
        "query": {"match_all": {}},
        "sort": [{"doc_id": "asc"}],
    }
    assert second["search_after"] == ["VN-90079-A"]


def test_server_errors_carry_the_servers_reason():
    backend, _ = opened(
        (400, "parsing_exception.json"),
        (400, "search_phase_execution_exception.json"),
        (200, "search_shard_failure.json"),
        (200, "mget_index_missing.json"),
        (502, b"<html><body>502 Bad Gateway</body></html>"),
    )
    query = parse_query("pizza")
    with pytest.raises(
        SearchError, match=r"HTTP 400, parsing_exception\): \[multi_match\] unknown"
    ):
        backend.keyword(query, Filters(), 10)
    with pytest.raises(
        SearchError,
        match="all shards failed; illegal_argument_exception: Result window is too large",
    ):
        backend.keyword(query, Filters(), 20_000)
    with pytest.raises(SearchError, match=r"from 1 of 2 shards: \[parent\] Data too large"):
        backend.keyword(query, Filters(), 10)
    with pytest.raises(SearchError, match=r"index_not_found_exception\): no such index"):
        backend.get(["VN-90079-A"])
    with pytest.raises(SearchError, match="HTTP 502 and a body that is not JSON: b'<html>"):
        backend.keyword(query, Filters(), 10)


def test_analyze_lists_the_tokens_of_a_field():
    backend, transport = opened((200, "analyze.json"))
    assert backend.analyze("Động cơ đốt trong") == ["dong", "co", "dot", "trong"]
    assert transport.sent[1] == (
        "POST",
        "/sangtao-patents/_analyze",
        {"field": "title", "text": "Động cơ đốt trong"},
    )


def test_search_index_runs_keyword_search_on_the_backend():
    backend, transport = opened((200, "search_keyword.json"), (200, "mget_documents.json"))
    with SearchIndex(backend, HashingEmbedder(64)) as index:
        result = index.search("pizza", mode="keyword", k=3)
    assert [h.doc_id for h in result.hits] == ["US-20030024843", "KR-200477500-Y1", "US-5256432-A"]
    assert result.hits[0].document is None  # not in the recorded multi-get answer
    assert result.hits[2].document is not None
    assert result.hits[2].document.applicants == ("PIZZA HUT INC",)
    assert result.hits[0].arms["keyword"].rank == 1


def test_search_index_update_embeds_writes_and_refreshes_through_the_backend():
    empty_page = json.dumps({"took": 1, "timed_out": False, "hits": {"hits": []}}).encode()
    not_found = json.dumps(
        {
            "docs": [
                {"_index": INDEX, "_id": d, "found": False} for d in ("VN-90079-A", "US-5256432-A")
            ]
        }
    ).encode()
    backend, transport = opened(
        (200, empty_page), (200, not_found), (200, "bulk_indexed.json"), (200, "refresh.json")
    )
    embedder = HashingEmbedder(64)
    docs = [
        IndexDocument("VN-90079-A", office="VN", titles=(("vi", "Hợp chất ức chế CDK2"),)),
        IndexDocument("US-5256432-A", office="US", titles=((None, "Method of making pizza"),)),
    ]
    report = SearchIndex(backend, embedder).update(docs)
    assert (report.added, report.embedded, report.reused) == (2, 2, 0)
    paths = [path for _, path, _ in transport.sent[1:]]
    assert paths == [
        "/sangtao-patents/_search",
        "/sangtao-patents/_mget?_source_includes=document",
        "/sangtao-patents/_bulk",
        "/sangtao-patents/_refresh",
    ]
    bulk = transport.sent[3][2]
    expected = embedder.embed_passages([d.embedding_text() for d in docs])
    assert np.array_equal(
        np.array([bulk[1]["embedding"], bulk[3]["embedding"]], np.float32), expected
    )
    assert bulk[1]["title"] == ["Hợp chất ức chế CDK2"] and bulk[1]["title_en"] == []


# -- the HTTP transport, on a local server -------------------------------------------------


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Local addresses are reached directly whatever proxy the environment names."""
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.fixture
def local_server() -> Iterator[tuple[str, list[dict[str, str]]]]:
    seen: list[dict[str, str]] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            seen.append(dict(self.headers))
            status = 200 if self.path == "/sangtao-patents/_count" else 404
            payload = FIXTURES / ("count.json" if status == 200 else "index_not_found.json")
            data = payload.read_bytes()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://elastic:p%40ss@127.0.0.1:{server.server_address[1]}/", seen
    server.shutdown()
    server.server_close()


def test_transport_returns_http_errors_and_sends_basic_auth(local_server):
    url, seen = local_server
    transport = UrllibTransport(url, timeout=5)
    assert transport.url.startswith("http://127.0.0.1:") and "p%40ss" not in transport.url
    status, body = transport.request("GET", "/sangtao-patents/_count")
    assert (status, json.loads(body)["count"]) == (200, 38)
    status, body = transport.request("GET", "/missing/_count")
    assert status == 404 and b"index_not_found_exception" in body
    assert seen[0]["Authorization"] == "Basic ZWxhc3RpYzpwQHNz"  # elastic:p@ss


def test_unreachable_or_silent_cluster_is_a_clear_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SearchError, match=rf"cannot reach OpenSearch at http://127.0.0.1:{port} "):
        OpenSearchBackend(f"http://127.0.0.1:{port}", INDEX, timeout=2)
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        with pytest.raises(SearchError, match="cannot reach OpenSearch.*timed out"):
            UrllibTransport(url, timeout=0.3).request("GET", "/_cluster/health")
    with pytest.raises(SearchError, match="must be http"):
        UrllibTransport("localhost:9200")


# -- (c) a live server ---------------------------------------------------------------------


@pytest.fixture
def backend() -> str:
    return "opensearch"


@pytest.fixture
def make_index(embedder: HashingEmbedder) -> Iterator[Callable[..., SearchIndex]]:
    """Indexes on the live server, each under a fresh name, dropped afterwards."""
    made: list[SearchIndex] = []

    def make(backend: str, docs: list[IndexDocument], with_vectors: bool = True) -> SearchIndex:
        assert backend == "opensearch"
        name = f"sangtao-test-{uuid.uuid4().hex[:12]}"
        model = embedder.model if with_vectors else None
        index = SearchIndex(
            OpenSearchBackend.create(LIVE_URL, name, model, replicas=0),
            embedder if with_vectors else None,
        )
        made.append(index)
        index.update(docs)
        return index

    yield make
    for index in made:
        assert isinstance(index.backend, OpenSearchBackend)
        assert OpenSearchBackend.drop(LIVE_URL, index.backend.index_name)


@pytest.fixture
def index(make_index: Callable[..., SearchIndex], documents: list[IndexDocument]) -> SearchIndex:
    return make_index("opensearch", documents)


@live
class TestOpenSearchConformance(conformance.TestBackendConformance):
    """The shared conformance suite, against the server at OPENSEARCH_URL."""


@live
def test_live_analyser_tokens_equal_the_embedded_folding(make_index):
    index = make_index("opensearch", [], with_vectors=False)
    backend = index.backend
    assert isinstance(backend, OpenSearchBackend)
    for text in (
        "HỢP CHẤT ỨC CHẾ CDK2 và dược phẩm",
        unicodedata.normalize("NFD", "Đề cập đến Phương pháp khử"),
        "Российская Федерация, ёлка",
        "H04W4/02 anti-lock C++ 3.5mm",
    ):
        assert backend.analyze(text) == fold_tokens(text), text
    assert backend.analyze("separators", "title_en") == backend.analyze("separator", "title_en")


@live
def test_live_reopen_gives_the_same_answers_and_errors_carry_reasons(make_index, documents):
    index = make_index("opensearch", documents)
    backend = index.backend
    assert isinstance(backend, OpenSearchBackend)
    queries = ("pizza", "hop chat", "coronavirus antibody")
    before = [conformance.ids(index.search(q)) for q in queries]
    reopened = SearchIndex(OpenSearchBackend.open(LIVE_URL, backend.index_name))
    assert reopened.backend.model == index.backend.model
    assert len(reopened) == len(documents)
    assert [conformance.ids(reopened.search(q)) for q in queries] == before
    with pytest.raises(SearchError, match="Result window is too large"):
        backend.keyword(parse_query("pizza"), Filters(), 20_000)
