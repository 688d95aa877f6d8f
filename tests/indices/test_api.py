"""The public API of sangtao.indices is curated and importable without Django."""

from __future__ import annotations

import subprocess
import sys

import sangtao.indices as indices


def test_every_public_name_exists():
    for name in indices.__all__:
        assert hasattr(indices, name), name
    assert len(set(indices.__all__)) == len(indices.__all__)


def test_core_names_are_public():
    assert {"Coin", "Treat", "Normalise", "Aggregate", "load_spec", "get_results"} <= set(
        indices.__all__
    )


def test_importing_the_library_does_not_import_django():
    code = "import sys, sangtao.indices; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
