"""The public surface of sangtao.standards: pinned, and free of Django and sibling packages."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources

import pytest

import sangtao.standards as standards

PUBLIC = {
    "DEFAULT_MAX_XML_BYTES",
    "Country",
    "IpcEntry",
    "IpcLevel",
    "IpcScheme",
    "IpcSymbol",
    "LocarnoEntry",
    "LocarnoScheme",
    "MalformedSymbol",
    "MalformedXmlError",
    "NiceClass",
    "NiceScheme",
    "St3Table",
    "TechnologyConcordance",
    "TechnologyField",
    "UnknownClass",
    "UnknownCountry",
    "UnknownSymbol",
    "UnsafeXmlError",
    "XmlError",
    "country",
    "fold",
    "ipc_scheme",
    "is_goods",
    "is_services",
    "is_st3",
    "locarno_scheme",
    "nfc",
    "nice_class",
    "nice_scheme",
    "normalize_vienna_code",
    "parse_xml",
    "st3_table",
    "technology_concordance",
    "technology_field",
    "vienna_code_is_wellformed",
}


def test_public_api_is_pinned():
    assert set(standards.__all__) == PUBLIC
    for name in standards.__all__:
        assert getattr(standards, name) is not None


def test_every_public_callable_has_a_docstring():
    for name in standards.__all__:
        obj = getattr(standards, name)
        if callable(obj):
            assert obj.__doc__, name


def test_every_error_is_a_value_error():
    for error in (
        standards.MalformedSymbol,
        standards.UnknownSymbol,
        standards.UnknownClass,
        standards.UnknownCountry,
        standards.XmlError,
        standards.UnsafeXmlError,
        standards.MalformedXmlError,
    ):
        assert issubclass(error, ValueError)
    assert issubclass(standards.UnknownClass, standards.UnknownSymbol)
    assert issubclass(standards.UnknownCountry, standards.UnknownSymbol)
    assert issubclass(standards.UnsafeXmlError, standards.XmlError)
    assert issubclass(standards.MalformedXmlError, standards.XmlError)


def test_importing_and_using_it_loads_no_django_and_no_other_sangtao_package():
    code = (
        "import sys, sangtao.standards as s\n"
        "s.ipc_scheme(); s.nice_scheme(); s.locarno_scheme(); s.st3_table()\n"
        "s.technology_concordance(); s.parse_xml(b'<a/>'); s.fold('Đ')\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in {'django', 'ninja'}\n"
        "       or (m.startswith('sangtao.') and not m.startswith('sangtao.standards'))]\n"
        "print(','.join(sorted(bad)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == ""


@pytest.mark.parametrize("folder", ["ipc", "nice", "locarno", "st3"])
def test_every_data_folder_says_where_its_files_come_from(folder):
    data = resources.files("sangtao.standards").joinpath("data", folder)
    readme = data.joinpath("README.md").read_text(encoding="utf-8")
    files = [p.name for p in data.iterdir() if p.name != "README.md"]
    assert files
    for name in files:
        assert name in readme
    assert "licence" in readme.lower()


@pytest.mark.parametrize(
    "table",
    [
        standards.ipc_scheme,
        standards.nice_scheme,
        standards.locarno_scheme,
        standards.st3_table,
        standards.technology_concordance,
    ],
)
def test_every_table_names_its_edition_source_and_licence(table):
    t = table()
    assert t.edition
    assert t.source
    assert t.licence
    assert table() is t  # loaded once and cached
