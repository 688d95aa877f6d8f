"""Vietnamese text: NFC for storage, folding for matching."""

from __future__ import annotations

import unicodedata

import pytest

from sangtao.standards import fold, nfc


def test_fold_removes_diacritics_and_reads_d_bar_as_d():
    assert fold("Động cơ đốt trong ĐÀ NẴNG") == "dong co dot trong da nang"


def test_nfd_input_becomes_nfc():
    decomposed = unicodedata.normalize("NFD", "Cục Sở hữu trí tuệ Việt Nam")
    assert decomposed != "Cục Sở hữu trí tuệ Việt Nam"
    assert nfc(decomposed) == "Cục Sở hữu trí tuệ Việt Nam"
    assert unicodedata.is_normalized("NFC", nfc(decomposed))


def test_nfc_keeps_the_exact_text_otherwise():
    text = "  Công ty TNHH ABC — Hà Nội, 2026  "
    assert nfc(text) == text


@pytest.mark.parametrize(
    "variant", ["Đà Nẵng", "ĐÀ NẴNG", "đà nẵng", "Da Nang", unicodedata.normalize("NFD", "Đà Nẵng")]
)
def test_every_writing_of_a_name_folds_to_the_same_key(variant):
    assert fold(variant) == "da nang"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Ư ơ ă â ê ô", "u o a a e o"),
        ("Ỹ ỵ ỷ", "y y y"),
        ("Straße", "strasse"),
        ("Müller-Lüdenscheidt", "muller-ludenscheidt"),
        ("H04W 4/02", "h04w 4/02"),
        ("", ""),
    ],
)
def test_fold_examples(text, folded):
    assert fold(text) == folded


def test_fold_leaves_marks_that_make_other_letters():
    # Japanese voiced marks and Korean syllables are letters, not accents.
    assert fold("ガス") == "ガス"
    assert fold("삼성전자") == "삼성전자"


def test_fold_output_is_nfc():
    assert unicodedata.is_normalized("NFC", fold("Nguyễn Thị Minh Khai 삼성"))
