"""Media types the office accepts, recognised from the file's bytes, not its name."""

from __future__ import annotations

import zipfile
from io import BytesIO

from sangtao.standards import XmlError, parse_xml

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
XML = "application/xml"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

ACCEPTED = {PDF, PNG, JPEG, TIFF, XML, DOCX}
ALIASES = {"text/xml": XML, "image/jpg": JPEG}


class MediaError(ValueError):
    """The file is not of a type the office accepts, or is unsafe."""

    def __init__(self, code: str, vi: str, en: str):
        super().__init__(en)
        self.code, self.vi, self.en = code, vi, en


def sniff(data: bytes) -> str | None:
    """The media type recognised from the leading bytes, or None."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as zf:
                if "word/document.xml" in zf.namelist():
                    return DOCX
        except zipfile.BadZipFile:
            return None
        return None
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return XML
    return None


def check(data: bytes, declared: str) -> str:
    """Return the accepted media type of ``data`` or raise :class:`MediaError`."""
    actual = sniff(data)
    if actual is None or actual not in ACCEPTED:
        raise MediaError(
            "unsupported_media_type",
            "Loại tệp không được chấp nhận (chỉ nhận PDF, PNG, JPEG, TIFF, DOCX, XML).",
            "File type not accepted (PDF, PNG, JPEG, TIFF, DOCX and XML only).",
        )
    declared_norm = ALIASES.get(declared.strip().lower(), declared.strip().lower())
    if declared_norm and declared_norm not in {actual, "application/octet-stream"}:
        raise MediaError(
            "media_type_mismatch",
            f"Tệp khai là {declared_norm} nhưng nội dung là {actual}.",
            f"File declared as {declared_norm} but its content is {actual}.",
        )
    if actual == XML:
        try:
            parse_xml(data)
        except XmlError as exc:
            raise MediaError(
                "unsafe_or_malformed_xml",
                f"Tệp XML không hợp lệ hoặc không an toàn: {exc}",
                f"XML file is malformed or unsafe: {exc}",
            ) from exc
    return actual
