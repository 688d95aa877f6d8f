"""Business validation of a filing against the law pack and the classification standards."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings

from sangtao import law, standards
from sangtao.law import vn
from sangtao.office.filing import media
from sangtao.office.filing.errors import ErrorList
from sangtao.office.filing.models import Document
from sangtao.office.filing.schemas import FilingIn

DOCUMENT_KINDS = set(Document.Kind.values)

# Documents and data each object type needs at filing (Decree 65/2023 Arts. 16-21 as practised).
REQUIRED_DOCUMENTS: dict[str, list[str]] = {
    "invention": ["description", "claims"],
    "utility_solution": ["description", "claims"],
    "industrial_design": ["design_images"],
    "trademark": [],
    "geographical_indication": ["specification"],
    "layout_design": ["layout"],
}
DOCUMENT_VI = {
    "description": "bản mô tả",
    "claims": "yêu cầu bảo hộ",
    "design_images": "bộ ảnh chụp, bản vẽ kiểu dáng",
    "specification": "bản mô tả tính chất, chất lượng đặc thù của sản phẩm",
    "layout": "bản vẽ thiết kế bố trí",
}
PCT_TYPES = {"invention", "utility_solution"}
PCT_ENTRY_MONTHS = 31


@dataclass
class ReceivedFile:
    """A file as received, before it is stored."""

    kind: str
    filename: str
    media_type: str
    content: bytes

    @property
    def sha256(self) -> str:
        """SHA-256 of the bytes received."""
        return hashlib.sha256(self.content).hexdigest()


@dataclass
class Normalised:
    """Classification symbols in canonical form, with the edition they were checked against."""

    ipc: list[tuple[str, str]]
    locarno: list[tuple[str, str]]
    vienna: list[str]


def decode_inline_documents(filing: FilingIn, errors: ErrorList) -> list[ReceivedFile]:
    """Decode base64 documents from a JSON filing."""
    out: list[ReceivedFile] = []
    limit = settings.SANGTAO_MAX_FILE_BYTES
    for i, doc in enumerate(filing.documents):
        ptr = f"/documents/{i}"
        if len(doc.content_base64) > (limit * 4) // 3 + 8:
            errors.add(
                f"{ptr}/content_base64",
                "too_large",
                f"Tệp vượt quá giới hạn {limit} byte.",
                f"File exceeds the limit of {limit} bytes.",
            )
            continue
        try:
            content = base64.b64decode(doc.content_base64, validate=True)
        except (binascii.Error, ValueError):
            errors.add(
                f"{ptr}/content_base64",
                "invalid_base64",
                "Nội dung không phải base64 hợp lệ.",
                "Content is not valid base64.",
            )
            continue
        out.append(ReceivedFile(doc.kind, doc.filename, doc.media_type, content))
    return out


def check_files(files: list[ReceivedFile], errors: ErrorList) -> None:
    """Size, kind and media type of every file; sets each file's recognised media type."""
    limit = settings.SANGTAO_MAX_FILE_BYTES
    for i, f in enumerate(files):
        ptr = f"/documents/{i}"
        if f.kind not in DOCUMENT_KINDS:
            errors.add(
                f"{ptr}/kind",
                "unknown_document_kind",
                f"Loại tài liệu không hợp lệ: {f.kind}.",
                f"Unknown document kind: {f.kind}.",
            )
        if len(f.content) > limit:
            errors.add(
                ptr,
                "too_large",
                f"Tệp {f.filename} vượt quá giới hạn {limit} byte.",
                f"File {f.filename} exceeds the limit of {limit} bytes.",
            )
            continue
        if not f.content:
            errors.add(ptr, "empty_file", "Tệp rỗng.", "The file is empty.")
            continue
        try:
            f.media_type = media.check(f.content, f.media_type)
        except media.MediaError as exc:
            errors.add(ptr, exc.code, exc.vi, exc.en)


def validate(
    filing: FilingIn,
    files: list[ReceivedFile],
    *,
    filing_date: dt.date,
    agent_licence: str | None,
    errors: ErrorList,
) -> Normalised:
    """Check a structurally valid filing against the law and the standards."""
    t = filing.object_type
    _check_parties(filing, errors)
    _check_type_requirements(filing, files, errors)
    norm = _check_classification(filing, errors)
    _check_priorities(filing, filing_date, errors)
    _check_pct(filing, filing_date, errors)
    if t != "trademark" and filing.trademark_kind:
        errors.add(
            "/trademark_kind",
            "not_applicable",
            "Loại nhãn hiệu chỉ áp dụng cho đơn nhãn hiệu.",
            "A trademark kind applies to trademark applications only.",
        )
    non_resident = any(a.country.upper() != "VN" for a in filing.applicants)
    if non_resident and not (filing.representative or agent_licence):
        errors.add(
            "/representative",
            "representative_required",
            "Người nộp đơn không thường trú tại Việt Nam phải nộp đơn thông qua tổ chức dịch vụ"
            " đại diện sở hữu công nghiệp (Điều 89 Luật SHTT).",
            "A non-resident applicant must act through a registered IP agent (IP Law Art. 89).",
        )
    return norm


def _check_parties(filing: FilingIn, errors: ErrorList) -> None:
    for group in ("applicants", "inventors"):
        for i, p in enumerate(getattr(filing, group)):
            if not standards.is_st3(p.country.upper()):
                errors.add(
                    f"/{group}/{i}/country",
                    "unknown_country",
                    f"Mã nước không có trong WIPO ST.3: {p.country}.",
                    f"Country code not in WIPO ST.3: {p.country}.",
                )


def _check_type_requirements(
    filing: FilingIn, files: list[ReceivedFile], errors: ErrorList
) -> None:
    t = filing.object_type
    kinds = {f.kind for f in files}
    type_vi = vn.object_type(t).name_vi
    for kind in REQUIRED_DOCUMENTS[t]:
        if kind not in kinds:
            errors.add(
                "/documents",
                "document_required",
                f"Đơn {type_vi.lower()} phải kèm {DOCUMENT_VI[kind]} ({kind}).",
                f"An application for a {t.replace('_', ' ')} requires a"
                f" {kind.replace('_', ' ')} document ({kind}).",
            )
    if t in {"invention", "utility_solution"}:
        if filing.claims_count < 1:
            errors.add(
                "/claims_count",
                "claims_required",
                "Đơn sáng chế phải có ít nhất một điểm yêu cầu bảo hộ.",
                "An invention application must have at least one claim.",
            )
        if filing.independent_claims < 1 or filing.independent_claims > max(filing.claims_count, 1):
            errors.add(
                "/independent_claims",
                "independent_claims_invalid",
                "Số điểm độc lập phải từ 1 đến tổng số điểm yêu cầu bảo hộ.",
                "Independent claims must be between 1 and the number of claims.",
            )
    if t == "trademark":
        if not filing.nice:
            errors.add(
                "/nice",
                "goods_required",
                "Đơn nhãn hiệu phải có danh mục hàng hóa, dịch vụ theo phân loại Nice.",
                "A trademark application must list goods or services by Nice class.",
            )
        has_text = bool(filing.mark and filing.mark.text)
        if not has_text and "mark_image" not in kinds:
            errors.add(
                "/mark",
                "mark_required",
                "Phải có mẫu nhãn hiệu (chữ hoặc hình).",
                "The mark must be given as text or as an image.",
            )
    elif filing.nice and t != "geographical_indication":
        errors.add(
            "/nice",
            "not_applicable",
            "Phân loại Nice chỉ áp dụng cho nhãn hiệu và chỉ dẫn địa lý.",
            "Nice classes apply to trademarks and geographical indications only.",
        )
    if t == "industrial_design" and not filing.locarno:
        errors.add(
            "/locarno",
            "locarno_required",
            "Đơn kiểu dáng công nghiệp phải có phân loại Locarno.",
            "An industrial design application must give a Locarno class.",
        )


def _check_classification(filing: FilingIn, errors: ErrorList) -> Normalised:
    ipc_out: list[tuple[str, str]] = []
    ipc = standards.ipc_scheme()
    for i, symbol in enumerate(filing.ipc):
        try:
            ipc_out.append((ipc.lookup(symbol).symbol, ipc.edition))
        except ValueError as exc:
            errors.add(
                f"/ipc/{i}",
                "unknown_ipc",
                f"Ký hiệu IPC không hợp lệ hoặc không tồn tại: {symbol} ({exc}).",
                f"Unknown or malformed IPC symbol: {symbol} ({exc}).",
            )
    loc_out: list[tuple[str, str]] = []
    loc = standards.locarno_scheme()
    for i, symbol in enumerate(filing.locarno):
        try:
            loc_out.append((loc.lookup(symbol).symbol, loc.edition))
        except ValueError as exc:
            errors.add(
                f"/locarno/{i}",
                "unknown_locarno",
                f"Phân loại Locarno không hợp lệ: {symbol} ({exc}).",
                f"Unknown or malformed Locarno class: {symbol} ({exc}).",
            )
    seen: set[int] = set()
    for i, entry in enumerate(filing.nice):
        try:
            standards.nice_class(entry.nice_class)
        except ValueError:
            errors.add(
                f"/nice/{i}/class",
                "unknown_nice_class",
                f"Nhóm Nice phải từ 1 đến 45 (nhận được {entry.nice_class}).",
                f"Nice class must be between 1 and 45 (got {entry.nice_class}).",
            )
        if entry.nice_class in seen:
            errors.add(
                f"/nice/{i}/class",
                "duplicate_nice_class",
                f"Nhóm {entry.nice_class} được khai nhiều lần.",
                f"Class {entry.nice_class} is listed more than once.",
            )
        seen.add(entry.nice_class)
        for j, good in enumerate(entry.goods):
            if not good.strip():
                errors.add(
                    f"/nice/{i}/goods/{j}",
                    "empty_goods",
                    "Tên hàng hóa, dịch vụ không được để trống.",
                    "A goods or services term must not be empty.",
                )
    for i, code in enumerate(filing.vienna):
        if not standards.vienna_code_is_wellformed(code):
            errors.add(
                f"/vienna/{i}",
                "malformed_vienna",
                f"Mã Vienna không đúng dạng NN.NN.NN: {code}.",
                f"Vienna code is not of the form NN.NN.NN: {code}.",
            )
    return Normalised(ipc=ipc_out, locarno=loc_out, vienna=list(filing.vienna))


def _check_priorities(filing: FilingIn, filing_date: dt.date, errors: ErrorList) -> None:
    for i, p in enumerate(filing.priorities):
        ptr = f"/priorities/{i}"
        if not standards.is_st3(p.office.upper()):
            errors.add(
                f"{ptr}/office",
                "unknown_office",
                f"Mã cơ quan không có trong WIPO ST.3: {p.office}.",
                f"Office code not in WIPO ST.3: {p.office}.",
            )
        for problem in vn.check_priority(filing.object_type, p.date, filing_date):
            errors.add(f"{ptr}/date", problem.code, problem.message_vi, problem.message_en)


def _check_pct(filing: FilingIn, filing_date: dt.date, errors: ErrorList) -> None:
    if filing.pct is None:
        return
    if filing.object_type not in PCT_TYPES:
        errors.add(
            "/pct",
            "not_applicable",
            "Giai đoạn quốc gia PCT chỉ áp dụng cho sáng chế và giải pháp hữu ích.",
            "PCT national phase applies to inventions and utility solutions only.",
        )
        return
    earliest = min([p.date for p in filing.priorities] + [filing.pct.filing_date])
    limit = law.add_months(earliest, PCT_ENTRY_MONTHS)
    if filing_date > limit:
        errors.add(
            "/pct",
            "pct_entry_late",
            f"Quá thời hạn 31 tháng vào giai đoạn quốc gia (hết hạn {limit:%d/%m/%Y});"
            " Việt Nam không chấp nhận vào muộn.",
            f"Past the 31-month national-phase time limit (ended {limit:%d/%m/%Y});"
            " Viet Nam allows no late entry.",
        )
    if filing.pct.filing_date > filing_date:
        errors.add(
            "/pct/filing_date",
            "date_in_future",
            "Ngày nộp đơn PCT sau ngày nộp đơn này.",
            "The PCT filing date is after this filing date.",
        )
