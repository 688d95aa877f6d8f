"""Exceptions raised by the composite-indicator engine.

Every error names what is wrong and where (indicator code, unit code, row), so that an
analyst can fix the input without reading a traceback.
"""

from __future__ import annotations

__all__ = [
    "AggregationError",
    "DataError",
    "FrameworkError",
    "IndicesError",
    "NormalisationError",
    "SpecError",
    "TreatmentError",
]


class IndicesError(ValueError):
    """Base class of every error raised by :mod:`sangtao.indices`."""


class FrameworkError(IndicesError):
    """The indicator metadata (iMeta) or framework is inconsistent."""


class DataError(IndicesError):
    """The indicator data (iData) is inconsistent with itself or with the framework."""


class SpecError(IndicesError):
    """A pipeline specification (YAML or step parameters) is invalid."""


class TreatmentError(IndicesError):
    """Outlier treatment could not be applied to an indicator."""


class NormalisationError(IndicesError):
    """Normalisation could not be applied to an indicator."""


class AggregationError(IndicesError):
    """Aggregation could not be applied (bad weights or values for the chosen mean)."""
