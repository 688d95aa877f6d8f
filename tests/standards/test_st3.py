"""WIPO ST.3 two-letter codes of states and organisations."""

from __future__ import annotations

import unicodedata

import pytest

from sangtao.standards import UnknownCountry, UnknownSymbol, country, is_st3, st3_table

FREQUENT_ORIGINS = (
    "VN US JP KR CN TW DE FR GB CH NL SE FI DK IT ES AT BE CA AU SG TH MY ID PH IN IL RU "
    "NO IE LU PL CZ HU TR SA AE NZ BR MX HK KH LA"
).split()
ORGANISATIONS = "WO IB EP EM AP OA EA GC XN XV XX BX QZ XU".split()


def test_vietnam_in_both_languages():
    vn = country("VN")
    assert (vn.code, vn.kind, vn.name_en, vn.name_vi) == ("VN", "state", "Viet Nam", "Việt Nam")
    assert vn.name == "Việt Nam"


def test_all_iso_3166_states_are_present():
    states = [c for c in st3_table() if c.kind == "state"]
    assert len(states) == 249


@pytest.mark.parametrize("code", FREQUENT_ORIGINS)
def test_frequent_filing_origins_have_a_vietnamese_name(code):
    entry = country(code)
    assert entry.name_vi
    assert entry.name_vi == unicodedata.normalize("NFC", entry.name_vi)


@pytest.mark.parametrize("code", ORGANISATIONS)
def test_intergovernmental_organisations_are_st3_codes(code):
    assert is_st3(code)
    assert country(code).kind == "organisation"


def test_codes_are_read_without_regard_to_case_or_spaces():
    assert is_st3("vn")
    assert country(" ep ").code == "EP"
    assert country("wo").name_en.startswith("World Intellectual Property Organization")


@pytest.mark.parametrize("code", ["ZZ", "VNM", "V", "", "12", "EU"])
def test_other_codes_are_unknown(code):
    assert not is_st3(code)
    with pytest.raises(UnknownCountry) as info:
        country(code)
    assert isinstance(info.value, UnknownSymbol)
    assert repr(code) in str(info.value)


def test_former_codes_only_when_asked_for():
    assert not is_st3("SU")
    assert is_st3("SU", include_former=True)
    with pytest.raises(UnknownCountry, match="former"):
        country("DD")
    assert country("DD", include_former=True).name_en == "German Democratic Republic"
    assert all(c.kind != "former" for c in st3_table())


def test_non_string_is_not_a_code():
    assert not is_st3(None)  # type: ignore[arg-type]


def test_priority_countries_of_real_vietnamese_applications_are_st3():
    # The offices of first filing in IP Viet Nam's PCT national-phase sample (306 applications).
    for code in "US KR CN JP EP AU DK FR IN NL GB DE FI ES IT NO".split():
        assert is_st3(code), code
