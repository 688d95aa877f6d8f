"""Applicant-name harmonisation: legal forms, case, punctuation, transliteration."""

from __future__ import annotations

import pytest

from sangtao.landscape import ApplicantKind, NameHarmoniser, default_harmoniser


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("PARROT S A", "Parrot SA"),
        ("KABUSHIKI KAISHA TOSHIBA", "Toshiba Corp."),
        ("Công ty TNHH Điện tử Sao Việt", "CONG TY TNHH DIEN TU SAO VIET"),
        ("CÔNG TY CỔ PHẦN TẬP ĐOÀN VINGROUP", "Vingroup JSC"),
        ("UNIV BEI HANG", "BEIHANG UNIVERSITY"),
        ("RHEINMETALL GMBH, 4000 DUESSELDORF, DE", "RHEINMETALL GMBH"),
        ("Telefonaktiebolaget LM Ericsson (publ)", "TELEFONAKTIEBOLAGET LM ERICSSON"),
        ("OBSHCHESTVO S OGRANICHENNOJ OTVETSTVENNOSTJU PARAFARM", "OOO PARAFARM"),
        ("Søren Ørsted", "SOREN ORSTED"),
        ("DANA-FARBER CANCER INST INC", "Dana Farber Cancer Institute, Inc."),
    ],
)
def test_spellings_of_one_applicant_share_a_key(a: str, b: str) -> None:
    h = default_harmoniser()
    assert h.key(a) == h.key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("SONY CORP", "SONY MUSIC"), ("UNIV TSINGHUA", "UNIV PEKING"), ("CASSIDIAN", "THALES SA")],
)
def test_different_applicants_stay_apart(a: str, b: str) -> None:
    h = default_harmoniser()
    assert h.key(a) != h.key(b)


def test_a_name_that_is_only_a_legal_form_keeps_a_key() -> None:
    assert NameHarmoniser().key("Company") == "company"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("TRƯỜNG ĐẠI HỌC BÁCH KHOA HÀ NỘI", ApplicantKind.UNIVERSITY),
        ("UNIV NORTH CAROLINA", ApplicantKind.UNIVERSITY),
        ("FRAUNHOFER GES FORSCHUNG", ApplicantKind.RESEARCH),
        ("VIỆN HÀN LÂM KHOA HỌC VÀ CÔNG NGHỆ VIỆT NAM", ApplicantKind.RESEARCH),
        ("BOSE CORP", ApplicantKind.COMPANY),
        ("HUANG QIANGWEI", ApplicantKind.INDIVIDUAL),
    ],
)
def test_applicant_kind(name: str, kind: str) -> None:
    assert default_harmoniser().kind(name) == kind


def test_display_name_is_the_most_frequent_spelling() -> None:
    mapping = NameHarmoniser().harmonise(["PARROT", "PARROT S A", "PARROT S A", "BOSE CORP"])
    assert mapping["PARROT"] == ("parrot", "PARROT S A")
    assert mapping["BOSE CORP"] == ("bose", "BOSE CORP")
