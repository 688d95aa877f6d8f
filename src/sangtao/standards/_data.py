"""Reading the reference tables shipped as package data under ``sangtao/standards/data/``."""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

__all__ = ["TableInfo", "read_csv", "read_text"]


@dataclass(frozen=True, slots=True)
class TableInfo:
    """Which table a result was checked against.

    Attributes
    ----------
    edition
        The edition or version of the classification, as the office should cite it.
    source
        Where the file came from.
    licence
        The licence of the file and of its content.
    """

    edition: str
    source: str
    licence: str


def read_text(*parts: str) -> str:
    """Return a data file as text, decompressing it when its name ends in ``.gz``.

    Parameters
    ----------
    *parts
        The path below ``sangtao/standards/data/``, one component per argument.
    """
    resource = resources.files("sangtao.standards").joinpath("data", *parts)
    raw = resource.read_bytes()
    if parts[-1].endswith(".gz"):
        raw = gzip.decompress(raw)
    return raw.decode("utf-8-sig")


def read_csv(*parts: str) -> Iterator[dict[str, str]]:
    """Yield the rows of a CSV data file as dictionaries keyed by its header."""
    yield from csv.DictReader(io.StringIO(read_text(*parts), newline=""))
