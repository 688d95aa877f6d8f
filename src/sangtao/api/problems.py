"""RFC 9457 problem details, in Vietnamese and English."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language_from_request

PROBLEM_TYPE = "https://sangtao.invalid/problems/"

TITLES: dict[str, tuple[str, str]] = {
    "validation": ("Đơn không hợp lệ", "The application is not valid"),
    "too_large": ("Tệp hoặc yêu cầu quá lớn", "File or request too large"),
    "malformed_json": ("JSON không hợp lệ", "Malformed JSON"),
    "idempotency_conflict": (
        "Khóa Idempotency-Key đã dùng cho một yêu cầu khác",
        "Idempotency-Key already used for a different request",
    ),
    "not_found": ("Không tìm thấy", "Not found"),
    "unauthorized": ("Chưa xác thực", "Authentication required"),
    "forbidden": ("Không có quyền", "Not allowed"),
    "unsupported_media_type": ("Kiểu nội dung không hỗ trợ", "Unsupported content type"),
    "act_refused": ("Thao tác không được thực hiện", "The act was not performed"),
    "search_unavailable": ("Chưa thể tra cứu", "Search is not available"),
    "invalid_query": ("Câu truy vấn không hợp lệ", "The search query is not valid"),
}


def problem(
    request: HttpRequest,
    status: int,
    kind: str,
    *,
    detail_vi: str = "",
    detail_en: str = "",
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    """A problem+json response; ``title``/``detail`` follow Accept-Language, both kept."""
    vi, en = TITLES[kind]
    lang = get_language_from_request(request)
    use_en = lang.startswith("en")
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE + kind,
        "title": en if use_en else vi,
        "status": status,
        "title_vi": vi,
        "title_en": en,
    }
    if detail_vi or detail_en:
        body["detail"] = detail_en if use_en else detail_vi
        body["detail_vi"] = detail_vi
        body["detail_en"] = detail_en
    if errors is not None:
        body["errors"] = errors
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type="application/problem+json; charset=utf-8",
    )
    for k, v in (headers or {}).items():
        response[k] = v
    return response


def not_found(request: HttpRequest, number: str) -> HttpResponse:
    """The same answer whether the number does not exist or is not the caller's to see."""
    return problem(
        request,
        404,
        "not_found",
        detail_vi=f"Không có đơn số {number} mà bạn được xem.",
        detail_en=f"No application {number} that you may see.",
    )
