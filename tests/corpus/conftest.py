"""Fixtures of the corpus tests: the folder of real data slices."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    """The folder of real data slices (see fixtures/README.md)."""
    return FIXTURES
