"""API v1: file an application, read it, list the caller's portfolio, fetch the receipt."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError

from sangtao.api.auth import OptionalBearer
from sangtao.api.problems import not_found, problem
from sangtao.api.serialise import application_detail, application_summary
from sangtao.office.filing.access import portfolio, visible_application, visible_applications
from sangtao.office.filing.actions import file_application, nfc_tree
from sangtao.office.filing.errors import (
    ErrorList,
    FilingRejected,
    IdempotencyConflict,
    pydantic_errors,
)
from sangtao.office.filing.receipt import receipt_pdf
from sangtao.office.filing.schemas import FilingIn
from sangtao.office.filing.validation import ReceivedFile, decode_inline_documents


class SangTaoAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document also carries the filing body schema."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        filing = FilingIn.model_json_schema(ref_template="#/components/schemas/{model}")
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(filing.pop("$defs", {}))
        components["FilingIn"] = filing
        return schema


api = SangTaoAPI(
    title="Sáng Tạo API",
    version="1.0.0",
    description="E-filing and portfolio API of the industrial-property office (IP Viet Nam).",
    auth=OptionalBearer(),
    urls_namespace="api-1.0.0",
)


@api.exception_handler(AuthenticationError)
def _unauthorised(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem(
        request,
        401,
        "unauthorized",
        detail_vi="Mã truy cập (Bearer token) không hợp lệ hoặc đã bị thu hồi.",
        detail_en="The Bearer token is invalid or revoked.",
        headers={"WWW-Authenticate": "Bearer"},
    )


@api.exception_handler(NinjaValidationError)
def _bad_query(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return problem(
        request,
        422,
        "validation",
        errors=[
            {
                "pointer": "/" + "/".join(str(p) for p in e.get("loc", [])[1:]),
                "code": e.get("type", "invalid"),
                "detail_vi": "Giá trị không hợp lệ.",
                "detail_en": e.get("msg", "Invalid value."),
            }
            for e in exc.errors
        ],
    )


def _read_request(request: HttpRequest) -> tuple[dict[str, Any], list[ReceivedFile]]:
    """The filing payload and files from a JSON or multipart body."""
    ctype = request.content_type or ""
    files: list[ReceivedFile] = []
    if ctype == "multipart/form-data":
        raw = request.POST.get("data", "")
        for kind in request.FILES:
            for upload in request.FILES.getlist(kind):
                if upload.size and upload.size > settings.SANGTAO_MAX_FILE_BYTES:
                    raise FilingRejected([_too_large_error(kind, upload.name or "")])
                files.append(
                    ReceivedFile(
                        kind, upload.name or kind, upload.content_type or "", upload.read()
                    )
                )
    elif ctype in {"application/json", ""}:
        raw = request.body.decode("utf-8")
    else:
        raise ValueError(ctype)
    payload = json.loads(raw)
    if not isinstance(payload, dict):
        raise json.JSONDecodeError("expected an object", raw, 0)
    return nfc_tree(payload), files


def _too_large_error(kind: str, name: str) -> Any:
    limit = settings.SANGTAO_MAX_FILE_BYTES
    errors = ErrorList()
    errors.add(
        f"/documents/{kind}",
        "too_large",
        f"Tệp {name} vượt quá giới hạn {limit} byte.",
        f"File {name} exceeds the limit of {limit} bytes.",
    )
    return errors.errors[0]


_FILING_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/FilingIn"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "data": {"type": "string", "description": "FilingIn as JSON"},
                    },
                    "additionalProperties": {"type": "string", "format": "binary"},
                    "description": "Each file part is named by its document kind "
                    "(description, claims, drawings, mark_image, …).",
                }
            },
        },
    }
}


class ApplicationOut(Schema):
    """An application as returned by the API."""

    number: str
    object_type: str
    status: str
    filing_date: str
    title_vi: str
    published: bool
    fees_due: dict[str, Any] | None = None
    receipt: str | None = None


@api.post(
    "/applications",
    response={201: ApplicationOut, 200: ApplicationOut},
    openapi_extra=_FILING_BODY,
    summary="File an application",
)
def create_application(request: HttpRequest) -> Any:
    """File one application; ``Idempotency-Key`` makes retries safe."""
    received_at = timezone.now()
    user = request.auth  # type: ignore[attr-defined]
    if not user.is_authenticated:
        return problem(
            request,
            401,
            "unauthorized",
            detail_vi="Cần mã truy cập (Bearer token) để nộp đơn.",
            detail_en="A Bearer token is required to file.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    try:
        payload, files = _read_request(request)
    except RequestDataTooBig:
        return problem(
            request,
            413,
            "too_large",
            detail_vi="Yêu cầu vượt quá giới hạn kích thước.",
            detail_en="The request exceeds the size limit.",
        )
    except FilingRejected as exc:
        return problem(request, exc.status, "too_large", errors=[e.as_dict() for e in exc.errors])
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return problem(
            request,
            400,
            "malformed_json",
            detail_vi=f"Nội dung không phải JSON hợp lệ: {exc}",
            detail_en=f"The body is not valid JSON: {exc}",
        )
    except ValueError as exc:
        return problem(
            request,
            415,
            "unsupported_media_type",
            detail_vi=f"Chỉ nhận application/json hoặc multipart/form-data, không nhận {exc}.",
            detail_en=f"Only application/json or multipart/form-data, not {exc}.",
        )
    try:
        filing = FilingIn.model_validate(payload)
    except ValidationError as exc:
        return problem(request, 422, "validation", errors=pydantic_errors(exc))
    errors = ErrorList()
    files = decode_inline_documents(filing, errors) + files
    try:
        errors.raise_if_any()
        result = file_application(
            actor=user,
            filing=filing,
            files=files,
            payload=payload,
            received_at=received_at,
            idempotency_key=request.headers.get("Idempotency-Key") or None,
        )
    except FilingRejected as exc:
        kind = "too_large" if exc.status == 413 else "validation"
        return problem(request, exc.status, kind, errors=[e.as_dict() for e in exc.errors])
    except IdempotencyConflict:
        return problem(
            request,
            409,
            "idempotency_conflict",
            detail_vi="Khóa này đã được dùng với nội dung khác; không có đơn mới nào được nộp.",
            detail_en="This key was used with a different body; nothing new was filed.",
        )
    status = 200 if result.replayed else 201
    response = api.create_response(request, application_detail(result.application), status=status)
    response["Location"] = f"/api/v1/applications/{result.application.number}"
    if result.replayed:
        response["Idempotent-Replayed"] = "true"
    return response


@api.get("/applications/{number}", summary="Read one application")
def get_application(request: HttpRequest, number: str) -> Any:
    """An application the caller may see (unpublished: its parties and office staff only)."""
    app = visible_application(request.auth, number)  # type: ignore[attr-defined]
    if app is None:
        return not_found(request, number)
    return application_detail(app)


class PortfolioFilter(Schema):
    """Filters for the caller's portfolio."""

    object_type: str | None = None
    status: str | None = None
    filed_from: dt.date | None = None
    filed_to: dt.date | None = None
    limit: int = 100
    offset: int = 0


@api.get("/applications", summary="The caller's portfolio")
def list_applications(request: HttpRequest, filters: Query[PortfolioFilter]) -> Any:
    """Applications the caller filed, represents or is applicant of."""
    user = request.auth  # type: ignore[attr-defined]
    qs = visible_applications(user) if user.is_authenticated and user.is_office_staff else None
    qs = qs if qs is not None else portfolio(user)
    if filters.object_type:
        qs = qs.filter(object_type=filters.object_type)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.filed_from:
        qs = qs.filter(filing_date__date__gte=filters.filed_from)
    if filters.filed_to:
        qs = qs.filter(filing_date__date__lte=filters.filed_to)
    limit = max(1, min(filters.limit, 500))
    total = qs.count()
    items = qs.order_by("-filing_date", "-id")[filters.offset : filters.offset + limit]
    return {"count": total, "items": [application_summary(a) for a in items]}


@api.get("/applications/{number}/receipt", url_name="receipt", summary="Filing receipt (PDF)")
def get_receipt(request: HttpRequest, number: str) -> Any:
    """The filing receipt in Vietnamese and English, as PDF."""
    app = visible_application(request.auth, number)  # type: ignore[attr-defined]
    if app is None:
        return not_found(request, number)
    pdf = receipt_pdf(app)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="receipt-{number}.pdf"'
    return response


from sangtao.api.procedure import router as procedure_router  # noqa: E402
from sangtao.api.search import router as search_router  # noqa: E402

api.add_router("", procedure_router)
api.add_router("", search_router)
