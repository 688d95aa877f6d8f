"""Errors and issues of the corpus: what went wrong with a file or one of its records."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CorpusError", "Issue", "RecordError", "UnknownFormatError"]


class CorpusError(ValueError):
    """Base class of the corpus errors."""


class UnknownFormatError(CorpusError):
    """A file whose content matches none of the supported bulk formats."""


class RecordError(CorpusError):
    """One record that cannot be read; the reader skips it and goes on."""


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem found while reading: the record was skipped (``error``) or kept (``warning``).

    Attributes
    ----------
    file
        The source file.
    line
        The 1-based line where the record starts, if known.
    severity
        ``"error"`` (record skipped) or ``"warning"`` (record kept, something repaired).
    message
        What went wrong, for a person to read.
    doc_id
        The document, when it could be identified.
    """

    file: str
    line: int | None
    severity: str
    message: str
    doc_id: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        who = f" [{self.doc_id}]" if self.doc_id else ""
        return f"{where}: {self.severity}{who}: {self.message}"
