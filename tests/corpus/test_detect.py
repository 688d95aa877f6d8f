"""Format detection from content."""

from __future__ import annotations

import pytest

from sangtao.corpus import FORMATS, UnknownFormatError, detect_format


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("uspto/ipg120103.slice.xml", "uspto-grant-xml"),
        ("uspto/US20050004437A1.xml", "uspto-application-xml"),
        ("uspto/US06336130.xml", "uspto-sgml"),
        ("uspto/USD435854S1.xml", "uspto-sgml"),
        ("uspto/US20010000044A1.xml", "uspto-pap"),
        ("uspto/US03937375.greenbook", "uspto-aps"),
        ("wipo/st36_EP0600083A1.xml", "st36"),
        ("wipo/st96_US8930553B2.xml", "st96"),
        ("epo/sampleEP0600000.tsv", "epo-tsv"),
        ("lens/pizza_lens_slice.csv", "lens-csv"),
        ("lens/drones_tac_cleaned_slice.csv", "lens-csv"),
        ("lens/covid_mers_diagnosis_slice.jsonl", "lens-jsonl"),
        ("patentscope/pizza_medium_slice.csv", "patentscope-csv"),
        ("ipvn/vn_patent_applications_slice.csv", "ipvn-csv"),
    ],
)
def test_detects_each_fixture(fixtures, name, fmt):
    assert detect_format(fixtures / name) == fmt
    assert fmt in FORMATS


def test_detection_ignores_the_file_name(tmp_path, fixtures):
    path = tmp_path / "misleading.csv"
    path.write_bytes((fixtures / "uspto" / "US03937375.greenbook").read_bytes())
    assert detect_format(path) == "uspto-aps"


@pytest.mark.parametrize("content", [b"hello\n", b"<html><body/></html>", b"PK\x03\x04zip"])
def test_unknown_content(tmp_path, content):
    path = tmp_path / "x.dat"
    path.write_bytes(content)
    with pytest.raises(UnknownFormatError):
        detect_format(path)
