"""Object types and trademark kinds of the Viet Nam law pack."""

from __future__ import annotations

import pytest

from sangtao.law import Confidence, UnknownObjectType, UnknownTrademarkKind
from sangtao.law.vn import (
    OBJECT_TYPES,
    TRADEMARK_KINDS,
    object_type,
    object_types,
    trademark_kind,
)


@pytest.mark.parametrize(
    ("code", "name_vi", "name_en", "digit", "schemes"),
    [
        ("invention", "Sáng chế", "Invention", 1, ("IPC",)),
        ("utility_solution", "Giải pháp hữu ích", "Utility solution", 2, ("IPC",)),
        ("industrial_design", "Kiểu dáng công nghiệp", "Industrial design", 3, ("Locarno",)),
        ("trademark", "Nhãn hiệu", "Trademark", 4, ("Nice", "Vienna")),
        ("geographical_indication", "Chỉ dẫn địa lý", "Geographical indication", 6, ("Nice",)),
        (
            "layout_design",
            "Thiết kế bố trí mạch tích hợp bán dẫn",
            "Layout design of semiconductor integrated circuit",
            5,
            (),
        ),
    ],
)
def test_object_types_have_names_digits_and_classifications(code, name_vi, name_en, digit, schemes):
    t = object_type(code)
    assert (t.name_vi, t.name_en, t.default_number_digit, t.classifications) == (
        name_vi,
        name_en,
        digit,
        schemes,
    )
    assert t.number_digit == digit
    assert t.legal_basis


def test_only_the_trademark_digit_is_confirmed():
    confirmed = [
        t.code for t in object_types() if t.number_digit_confidence is Confidence.CONFIRMED
    ]
    assert confirmed == ["trademark"]


@pytest.mark.parametrize(
    ("code", "required"),
    [
        ("invention", {"request", "fee_receipt", "description", "claims"}),
        ("utility_solution", {"request", "fee_receipt", "description", "claims"}),
        ("industrial_design", {"request", "fee_receipt", "representations", "description"}),
        ("trademark", {"request", "fee_receipt", "mark", "goods_services"}),
        (
            "geographical_indication",
            {"request", "fee_receipt", "product_description", "area_map", "specification"},
        ),
        ("layout_design", {"request", "fee_receipt", "layout_drawings", "circuit_information"}),
    ],
)
def test_mandatory_filing_documents(code, required):
    assert {r.code for r in object_type(code).mandatory_requirements} == required


def test_optional_documents_say_when_they_are_needed():
    abstract = object_type("invention").requirement("abstract")
    assert not abstract.mandatory
    priority = object_type("trademark").requirement("priority_document")
    assert priority.condition_en == "if priority is claimed"
    with pytest.raises(KeyError):
        object_type("trademark").requirement("claims")
    assert "priority_document" not in {
        r.code for r in object_type("geographical_indication").filing_requirements
    }


def test_unknown_codes_raise_a_clear_value_error():
    with pytest.raises(UnknownObjectType, match="unknown object type 'patent'; known types"):
        object_type("patent")
    assert issubclass(UnknownObjectType, ValueError)


def test_the_registry_is_read_only_and_ordered():
    assert list(OBJECT_TYPES) == [t.code for t in object_types()]
    with pytest.raises(TypeError):
        OBJECT_TYPES["x"] = object_type("trademark")  # type: ignore[index]


@pytest.mark.parametrize(
    ("code", "name_vi", "extra"),
    [
        ("individual", "Nhãn hiệu thông thường", set()),
        ("collective", "Nhãn hiệu tập thể", {"rules_of_use"}),
        ("certification", "Nhãn hiệu chứng nhận", {"rules_of_use"}),
    ],
)
def test_trademark_kinds(code, name_vi, extra):
    kind = trademark_kind(code)
    assert kind.name_vi == name_vi
    assert {r.code for r in kind.extra_requirements} == extra
    assert kind.confidence is not Confidence.CONFIRMED


def test_unknown_trademark_kinds_raise():
    assert set(TRADEMARK_KINDS) == {"individual", "collective", "certification"}
    with pytest.raises(UnknownTrademarkKind):
        trademark_kind("associated")
