"""The objects of industrial property that can be applied for in Viet Nam, and trademark kinds.

Legal basis: Law on Intellectual Property No. 50/2005/QH11 as amended (Art. 4 definitions;
Arts. 100-106 application content), Decree 65/2023/ND-CP and Circular 23/2023/TT-BKHCN.
"""

from __future__ import annotations

from types import MappingProxyType

from sangtao.law._basis import Confidence, LegalReference
from sangtao.law._objects import (
    FilingRequirement,
    ObjectType,
    TrademarkKind,
    UnknownObjectType,
    UnknownTrademarkKind,
)

__all__ = ["OBJECT_TYPES", "TRADEMARK_KINDS", "object_type", "object_types", "trademark_kind"]

_LAW = "Law on Intellectual Property No. 50/2005/QH11 (as amended to Law 07/2022/QH15)"
_PREFIX_NOTE = (
    "Application-number prefix digit: 4 for trademarks is confirmed; 1, 2 and 3 are "
    "practice, not confirmed; the digits for GIs and layout designs were not found. "
    "All are configurable through NumberingScheme."
)

_REQUEST = FilingRequirement("request", "Tờ khai đăng ký", "Request (declaration form)")
_FEES = FilingRequirement("fee_receipt", "Chứng từ nộp phí, lệ phí", "Proof of fee payment")
_POA = FilingRequirement(
    "power_of_attorney",
    "Giấy ủy quyền",
    "Power of attorney",
    mandatory=False,
    condition_vi="nếu nộp đơn thông qua đại diện",
    condition_en="if filed through a representative",
)
_PRIORITY = FilingRequirement(
    "priority_document",
    "Tài liệu chứng minh quyền ưu tiên",
    "Priority document",
    mandatory=False,
    condition_vi="nếu yêu cầu hưởng quyền ưu tiên",
    condition_en="if priority is claimed",
)
_RIGHT = FilingRequirement(
    "right_to_file",
    "Tài liệu chứng minh quyền đăng ký",
    "Proof of the right to file",
    mandatory=False,
    condition_vi="nếu người nộp đơn thụ hưởng quyền đăng ký từ người khác",
    condition_en="if the applicant derives the right to file from another person",
)
_COMMON = (_REQUEST, _FEES, _POA, _RIGHT)

_PATENT_DOCS = (
    *_COMMON,
    _PRIORITY,
    FilingRequirement("description", "Bản mô tả", "Description"),
    FilingRequirement("claims", "Phạm vi (yêu cầu) bảo hộ", "Claims"),
    FilingRequirement(
        "drawings",
        "Hình vẽ",
        "Drawings",
        mandatory=False,
        condition_vi="nếu cần để hiểu sáng chế",
        condition_en="if needed to understand the invention",
    ),
    FilingRequirement(
        "abstract",
        "Bản tóm tắt",
        "Abstract",
        mandatory=False,
        condition_vi="có thể bổ sung sau ngày nộp đơn (thực tiễn)",
        condition_en="may be filed after the filing date (practice) [single source]",
    ),
)


def _basis(provision: str, confidence: Confidence = Confidence.CONFIRMED) -> LegalReference:
    return LegalReference(_LAW, provision, confidence)


_TYPES = (
    ObjectType(
        code="invention",
        name_vi="Sáng chế",
        name_en="Invention",
        title_vi="Bằng độc quyền sáng chế",
        title_en="Patent for invention",
        default_number_digit=1,
        number_digit_confidence=Confidence.UNCONFIRMED,
        classifications=("IPC",),
        filing_requirements=_PATENT_DOCS,
        legal_basis=(_basis("Art. 4(12); Art. 102"),),
        note=_PREFIX_NOTE,
    ),
    ObjectType(
        code="utility_solution",
        name_vi="Giải pháp hữu ích",
        name_en="Utility solution",
        title_vi="Bằng độc quyền giải pháp hữu ích",
        title_en="Patent for utility solution",
        default_number_digit=2,
        number_digit_confidence=Confidence.UNCONFIRMED,
        classifications=("IPC",),
        filing_requirements=_PATENT_DOCS,
        legal_basis=(_basis("Art. 102"),),
        note="An invention protected by a utility-solution patent (petty patent). " + _PREFIX_NOTE,
    ),
    ObjectType(
        code="industrial_design",
        name_vi="Kiểu dáng công nghiệp",
        name_en="Industrial design",
        title_vi="Bằng độc quyền kiểu dáng công nghiệp",
        title_en="Patent for industrial design",
        default_number_digit=3,
        number_digit_confidence=Confidence.UNCONFIRMED,
        classifications=("Locarno",),
        filing_requirements=(
            *_COMMON,
            _PRIORITY,
            FilingRequirement(
                "representations", "Bộ ảnh chụp, bản vẽ", "Photographs or drawings (views)"
            ),
            FilingRequirement("description", "Bản mô tả kiểu dáng", "Description of the design"),
        ),
        legal_basis=(_basis("Art. 4(13); Art. 103"),),
        note=_PREFIX_NOTE,
    ),
    ObjectType(
        code="trademark",
        name_vi="Nhãn hiệu",
        name_en="Trademark",
        title_vi="Giấy chứng nhận đăng ký nhãn hiệu",
        title_en="Certificate of trademark registration",
        default_number_digit=4,
        number_digit_confidence=Confidence.CONFIRMED,
        classifications=("Nice", "Vienna"),
        filing_requirements=(
            *_COMMON,
            _PRIORITY,
            FilingRequirement(
                "mark", "Mẫu nhãn hiệu", "Representation of the mark (image or text)"
            ),
            FilingRequirement(
                "goods_services",
                "Danh mục hàng hóa, dịch vụ (phân nhóm theo Bảng phân loại Nice)",
                "List of goods and services grouped by Nice class",
            ),
        ),
        legal_basis=(_basis("Art. 4(16); Art. 105"),),
        note="Vienna codes classify the figurative elements of the mark.",
    ),
    ObjectType(
        code="geographical_indication",
        name_vi="Chỉ dẫn địa lý",
        name_en="Geographical indication",
        title_vi="Giấy chứng nhận đăng ký chỉ dẫn địa lý",
        title_en="Certificate of geographical-indication registration",
        default_number_digit=6,
        number_digit_confidence=Confidence.UNCONFIRMED,
        classifications=("Nice",),
        filing_requirements=(
            *_COMMON,
            FilingRequirement(
                "product_description",
                "Bản mô tả tính chất, chất lượng đặc thù hoặc danh tiếng của sản phẩm",
                "Description of the product's specific characteristics, quality or reputation",
            ),
            FilingRequirement("area_map", "Bản đồ khu vực địa lý", "Map of the geographical area"),
            FilingRequirement(
                "specification",
                "Bản mô tả điều kiện địa lý và phương pháp sản xuất (đặc điểm sản phẩm)",
                "Specification: geographical conditions and method of production",
            ),
        ),
        legal_basis=(_basis("Art. 4(22); Art. 106"),),
        note=(
            "The right to register belongs to the State (Law Art. 88). Products are identified "
            "by name; Nice classes used in practice [unconfirmed]. No Paris priority. "
            + _PREFIX_NOTE
        ),
    ),
    ObjectType(
        code="layout_design",
        name_vi="Thiết kế bố trí mạch tích hợp bán dẫn",
        name_en="Layout design of semiconductor integrated circuit",
        title_vi="Giấy chứng nhận đăng ký thiết kế bố trí mạch tích hợp bán dẫn",
        title_en="Certificate of layout-design registration",
        default_number_digit=5,
        number_digit_confidence=Confidence.UNCONFIRMED,
        classifications=(),
        filing_requirements=(
            *_COMMON,
            FilingRequirement(
                "layout_drawings",
                "Bản vẽ, ảnh chụp thiết kế bố trí",
                "Drawings or photographs of the layout design",
            ),
            FilingRequirement(
                "circuit_information",
                "Thông tin về chức năng, cấu trúc của mạch tích hợp",
                "Information on the function and structure of the integrated circuit",
            ),
            FilingRequirement(
                "ic_sample",
                "Mẫu mạch tích hợp sản xuất theo thiết kế bố trí",
                "Sample of the integrated circuit",
                mandatory=False,
                condition_vi="nếu thiết kế bố trí đã được khai thác thương mại",
                condition_en="if the layout design has been commercially exploited",
            ),
        ),
        legal_basis=(_basis("Art. 4(15); Art. 104", Confidence.UNCONFIRMED),),
        note="No classification scheme applies. " + _PREFIX_NOTE,
    ),
)

#: The object types of the Viet Nam law pack, by code.
OBJECT_TYPES: MappingProxyType[str, ObjectType] = MappingProxyType({t.code: t for t in _TYPES})

_USE_RULES = FilingRequirement(
    "rules_of_use", "Quy chế sử dụng nhãn hiệu", "Regulations governing use of the mark"
)

_KINDS = (
    TrademarkKind(
        code="individual",
        name_vi="Nhãn hiệu thông thường",
        name_en="Individual trademark",
        extra_requirements=(),
        legal_basis=(_basis("Art. 4(16)"),),
        confidence=Confidence.UNCONFIRMED,
        note="The law defines 'nhãn hiệu' without a qualifier; 'thông thường' is practice usage.",
    ),
    TrademarkKind(
        code="collective",
        name_vi="Nhãn hiệu tập thể",
        name_en="Collective trademark",
        extra_requirements=(_USE_RULES,),
        legal_basis=(_basis("Art. 4(17); Art. 105(3)"),),
        confidence=Confidence.SINGLE_SOURCE,
        note="Definition quoted in a public agent tool on GitHub, matching Law Art. 4(17).",
    ),
    TrademarkKind(
        code="certification",
        name_vi="Nhãn hiệu chứng nhận",
        name_en="Certification trademark",
        extra_requirements=(_USE_RULES,),
        legal_basis=(_basis("Art. 4(18); Art. 105(4)", Confidence.UNCONFIRMED),),
        confidence=Confidence.UNCONFIRMED,
    ),
)

#: Trademark kinds, by code. An associated mark (nhãn hiệu liên kết, Art. 4(19)) is a
#: relation between marks of one owner, not a kind, and is not listed.
TRADEMARK_KINDS: MappingProxyType[str, TrademarkKind] = MappingProxyType(
    {k.code: k for k in _KINDS}
)


def object_type(code: str) -> ObjectType:
    """Return the Viet Nam object type with ``code``.

    Parameters
    ----------
    code : str
        One of ``invention``, ``utility_solution``, ``industrial_design``, ``trademark``,
        ``geographical_indication``, ``layout_design``.

    Raises
    ------
    UnknownObjectType
        If ``code`` is not one of them.
    """
    try:
        return OBJECT_TYPES[code]
    except (KeyError, TypeError):
        known = ", ".join(OBJECT_TYPES)
        raise UnknownObjectType(f"unknown object type {code!r}; known types: {known}") from None


def object_types() -> tuple[ObjectType, ...]:
    """Return all Viet Nam object types in their conventional order."""
    return _TYPES


def trademark_kind(code: str) -> TrademarkKind:
    """Return the trademark kind with ``code`` (``individual``, ``collective``, ``certification``).

    Raises
    ------
    UnknownTrademarkKind
        If ``code`` is not one of them.
    """
    try:
        return TRADEMARK_KINDS[code]
    except (KeyError, TypeError):
        known = ", ".join(TRADEMARK_KINDS)
        raise UnknownTrademarkKind(
            f"unknown trademark kind {code!r}; known kinds: {known}"
        ) from None
