"""Errors of the search library: every one is a :class:`ValueError` with a message for people."""

from __future__ import annotations

__all__ = ["IncompatibleIndexError", "QueryError", "SearchError"]


class SearchError(ValueError):
    """Base class of the errors :mod:`sangtao.search` raises on bad input or a bad index."""


class QueryError(SearchError):
    """A query or a filter cannot be run: empty, only stop words or punctuation, a bad filter."""


class IncompatibleIndexError(SearchError):
    """An index was written with another embedding model, dimension or format."""
