"""Filing errors: each names the field (JSON pointer) and says what is wrong, in vi and en."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError


@dataclass(frozen=True)
class FieldError:
    """One problem with one field of a filing."""

    pointer: str
    code: str
    message_vi: str
    message_en: str

    def as_dict(self) -> dict[str, str]:
        """The error as it appears in a problem+json body."""
        return {
            "pointer": self.pointer,
            "code": self.code,
            "detail_vi": self.message_vi,
            "detail_en": self.message_en,
        }


class FilingRejected(Exception):
    """The filing was not accepted; nothing was stored."""

    status = 422

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(f"{e.pointer}: {e.message_en}" for e in errors))
        self.errors = errors


class TooLarge(FilingRejected):
    """A file or the request is over the office's size limit."""

    status = 413


class IdempotencyConflict(Exception):
    """The Idempotency-Key was used before with a different request."""

    status = 409


@dataclass
class ErrorList:
    """Collects field errors while validating."""

    errors: list[FieldError] = field(default_factory=list)

    def add(self, pointer: str, code: str, vi: str, en: str) -> None:
        """Record one error."""
        self.errors.append(FieldError(pointer, code, vi, en))

    def raise_if_any(self) -> None:
        """Stop the filing if anything was wrong."""
        if self.errors:
            if any(e.code == "too_large" for e in self.errors):
                raise TooLarge(self.errors)
            raise FilingRejected(self.errors)


def pydantic_errors(exc: ValidationError) -> list[dict[str, Any]]:
    """Structural errors (pydantic) in the same shape as the office's field errors."""
    out = []
    for e in exc.errors():
        loc = [str(x) for x in e["loc"]]
        out.append(
            {
                "pointer": "/" + "/".join(loc),
                "code": e["type"],
                "detail_vi": _vi_for(e["type"]),
                "detail_en": e["msg"],
            }
        )
    return out


def _vi_for(kind: str) -> str:
    return {
        "missing": "Thiếu trường bắt buộc.",
        "extra_forbidden": "Trường không được phép.",
        "literal_error": "Giá trị không nằm trong danh sách cho phép.",
        "string_too_short": "Chuỗi quá ngắn hoặc để trống.",
        "string_too_long": "Chuỗi quá dài.",
        "too_short": "Danh sách phải có ít nhất một phần tử.",
        "int_parsing": "Phải là số nguyên.",
        "date_from_datetime_parsing": "Ngày không hợp lệ (YYYY-MM-DD).",
        "date_parsing": "Ngày không hợp lệ (YYYY-MM-DD).",
    }.get(kind, "Giá trị không hợp lệ.")
