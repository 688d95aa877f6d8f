"""Shared test fixtures: named actors (one per role) and valid filings of every type."""

from __future__ import annotations

import base64
import copy
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def doc(kind: str, content: bytes = PDF, name: str | None = None, media: str = "") -> dict:
    """A base64 document entry."""
    return {
        "kind": kind,
        "filename": name or f"{kind}.pdf",
        "media_type": media,
        "content_base64": base64.b64encode(content).decode(),
    }


APPLICANT_VN = {"name": "Công ty Cổ phần Sáng Tạo Việt", "address": "Hà Nội", "country": "VN"}
APPLICANT_JP = {"name": "Kabushiki Kaisha Example", "address": "Tokyo", "country": "JP"}

FILINGS: dict[str, dict[str, Any]] = {
    "invention": {
        "object_type": "invention",
        "title_vi": "Động cơ đốt trong có bộ phun nhiên liệu cải tiến",
        "title_original": "Internal combustion engine with improved fuel injector",
        "original_language": "en",
        "abstract_vi": "Sáng chế đề cập đến động cơ đốt trong.",
        "applicants": [APPLICANT_VN],
        "inventors": [{"name": "Nguyễn Văn An", "country": "VN"}],
        "ipc": ["F02M 61/16"],
        "claims_count": 12,
        "independent_claims": 2,
        "description_pages": 30,
        "documents": [doc("description"), doc("claims")],
    },
    "utility_solution": {
        "object_type": "utility_solution",
        "title_vi": "Dụng cụ gọt hoa quả",
        "applicants": [APPLICANT_VN],
        "ipc": ["A47J 17/00"],
        "claims_count": 3,
        "independent_claims": 1,
        "documents": [doc("description"), doc("claims")],
    },
    "industrial_design": {
        "object_type": "industrial_design",
        "title_vi": "Chai đựng nước mắm",
        "applicants": [APPLICANT_VN],
        "locarno": ["09-01"],
        "designs_count": 2,
        "documents": [doc("design_images", PNG, "bottle.png", "image/png")],
    },
    "trademark": {
        "object_type": "trademark",
        "trademark_kind": "individual",
        "title_vi": "Nhãn hiệu SÁNG TẠO",
        "mark": {"text": "SÁNG TẠO", "kind": "word"},
        "applicants": [APPLICANT_VN],
        "nice": [
            {"class": 9, "goods": ["Phần mềm máy tính"]},
            {"class": 42, "goods": ["Thiết kế phần mềm", "Tư vấn công nghệ thông tin"]},
        ],
        "vienna": [],
    },
    "geographical_indication": {
        "object_type": "geographical_indication",
        "title_vi": "Phú Quốc cho sản phẩm nước mắm",
        "applicants": [{"name": "UBND tỉnh An Giang", "address": "An Giang", "country": "VN"}],
        "nice": [{"class": 30, "goods": ["Nước mắm"]}],
        "documents": [doc("specification")],
    },
    "layout_design": {
        "object_type": "layout_design",
        "title_vi": "Thiết kế bố trí mạch tích hợp điều khiển nguồn",
        "applicants": [APPLICANT_VN],
        "documents": [doc("layout")],
    },
}


@pytest.fixture
def filing() -> Callable[..., dict[str, Any]]:
    """A fresh valid payload of the given object type, with overrides."""

    def make(object_type: str = "invention", **overrides: Any) -> dict[str, Any]:
        payload = copy.deepcopy(FILINGS[object_type])
        payload.update(overrides)
        return payload

    return make


@pytest.fixture
def actors(db: Any) -> dict[str, Any]:
    """One user per role, plus a second agent and applicant who are outsiders."""
    from sangtao.office.accounts.actions import register_agent, register_party, register_user

    agent_firm = register_agent(actor=None, name="Công ty Luật Tầm Nhìn", licence_number="VN-001")
    other_firm = register_agent(actor=None, name="Other IP Firm", licence_number="VN-002")
    party = register_party(
        actor=None, customer_number="C-0001", name="Công ty Cổ phần Sáng Tạo Việt", country="VN"
    )
    pw = "pw-123456789"
    return {
        "agent": register_user(
            actor=None, username="agent", password=pw, role="agent", agent=agent_firm
        ),
        "other_agent": register_user(
            actor=None, username="other", password=pw, role="agent", agent=other_firm
        ),
        "applicant": register_user(
            actor=None, username="applicant", password=pw, role="applicant", party=party
        ),
        "other_applicant": register_user(
            actor=None, username="stranger", password=pw, role="applicant"
        ),
        "formalities": register_user(
            actor=None, username="formalities", password=pw, role="formalities_examiner"
        ),
        "examiner": register_user(
            actor=None, username="examiner", password=pw, role="substantive_examiner"
        ),
        "head": register_user(actor=None, username="head", password=pw, role="head_of_division"),
        "admin": register_user(actor=None, username="admin", password=pw, role="administrator"),
        "analyst": register_user(actor=None, username="analyst", password=pw, role="analyst"),
    }


@pytest.fixture
def token_for(db: Any) -> Callable[[Any], str]:
    """Issue a Bearer token for a user."""
    from sangtao.office.accounts.actions import issue_api_token

    return lambda user: issue_api_token(actor=None, user=user)


@pytest.fixture
def api(token_for: Callable[[Any], str]) -> Callable[..., Client]:
    """A test client authenticated by Bearer token as ``user`` (None: the public)."""

    def make(user: Any = None, lang: str = "vi") -> Client:
        headers = {"Accept-Language": lang}
        if user is not None:
            headers["Authorization"] = f"Bearer {token_for(user)}"
        return Client(headers=headers)

    return make


@pytest.fixture(autouse=True)
def _audit_guards(request: pytest.FixtureRequest) -> Any:
    """Keep the append-only triggers on; drop them before a transactional test's flush."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        yield
        return
    from django.db import connection

    from sangtao.office.audit import guards

    transactional = bool(marker.kwargs.get("transaction"))
    request.getfixturevalue("transactional_db" if transactional else "db")
    guards.install(connection)
    yield
    if transactional:
        guards.remove(connection)


@pytest.fixture(autouse=True)
def _media_root(tmp_path: Any, settings: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SANGTAO_CORPUS_DIR = tmp_path / "corpus"
    settings.SANGTAO_SEARCH_INDEX = tmp_path / "corpus" / "index"
    settings.SANGTAO_LANDSCAPE_DIR = tmp_path / "landscapes"
    settings.SANGTAO_INDICES_DIR = tmp_path / "indices"
    # Fast hashing: the actors fixture creates eight users per test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def demo_search_index(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The demo corpus and a hybrid index of it (hashing embedder: both arms run), built once."""
    from sangtao.corpus import ingest
    from sangtao.office.filing.management.commands.demo import DATA, HISTORIES
    from sangtao.search import HashingEmbedder, build_index

    root = tmp_path_factory.mktemp("prior-art")
    ingest([DATA.with_name("corpus"), HISTORIES], root / "corpus")
    build_index(root / "corpus", root / "index", HashingEmbedder(64, char_ngrams=3))
    return root


@pytest.fixture
def search_index(demo_search_index: Any, settings: Any) -> Any:
    """Point the office at the demo search index."""
    settings.SANGTAO_CORPUS_DIR = demo_search_index / "corpus"
    settings.SANGTAO_SEARCH_INDEX = demo_search_index / "index"
    return demo_search_index
