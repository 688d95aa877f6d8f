"""The facts an application's fees depend on, and the units fees are counted in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

__all__ = ["FEE_CONDITIONS", "FeeFacts", "FeeStage", "FeeUnit"]


class FeeUnit(StrEnum):
    """What one unit of a fee is counted on."""

    PER_APPLICATION = "per_application"
    PER_CLASS = "per_class"
    PER_CLASS_BEYOND_LIMIT = "per_class_beyond_limit"
    PER_GOOD_BEYOND_LIMIT = "per_good_beyond_limit"
    PER_INDEPENDENT_CLAIM = "per_independent_claim"
    PER_INDEPENDENT_CLAIM_BEYOND_LIMIT = "per_independent_claim_beyond_limit"
    PER_PAGE_BEYOND_LIMIT = "per_page_beyond_limit"
    PER_PRIORITY_CLAIM = "per_priority_claim"
    PER_DESIGN = "per_design"
    PER_DESIGN_BEYOND_LIMIT = "per_design_beyond_limit"
    PER_DRAWING_BEYOND_LIMIT = "per_drawing_beyond_limit"

    @property
    def has_limit(self) -> bool:
        """Whether the unit counts only what exceeds an included number."""
        return self.value.endswith("_beyond_limit")


class FeeStage(StrEnum):
    """When a fee falls due: with the application (or examination request), or at grant."""

    FILING = "filing"
    GRANT = "grant"


#: Boolean facts a fee rule may be conditional on (``when:`` in the data files).
FEE_CONDITIONS = frozenset({"examination_requested", "office_classifies"})


@dataclass(frozen=True)
class FeeFacts:
    """The facts about an application that its fees depend on.

    Parameters
    ----------
    object_type : str
        Object-type code, e.g. ``"trademark"``.
    trademark_kind : str, optional
        ``"individual"``, ``"collective"`` or ``"certification"``; trademarks only.
    nice_classes : mapping of int to int
        For trademarks: Nice class number -> number of goods/services listed in it.
    independent_claims : int
        Number of independent claims (inventions, utility solutions).
    description_pages : int
        Pages of the description.
    drawings : int
        Number of drawings, figures or photographs to publish.
    designs : int
        Number of designs (variants, *phương án*) in a design application.
    priority_claims : int
        Number of priorities claimed.
    examination_requested : bool
        Whether substantive examination is requested now; for inventions and utility
        solutions the request may be filed later, with its own fees.
    office_classifies : bool
        Whether the office has to classify the goods/services (the applicant did not, or
        did so wrongly), which adds the classification fee.
    """

    object_type: str
    trademark_kind: str | None = None
    nice_classes: Mapping[int, int] = field(default_factory=dict, hash=False)
    independent_claims: int = 0
    description_pages: int = 0
    drawings: int = 0
    designs: int = 1
    priority_claims: int = 0
    examination_requested: bool = False
    office_classifies: bool = False

    def __post_init__(self) -> None:
        classes = dict(self.nice_classes)
        for number, goods in classes.items():
            if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 45:
                raise ValueError(f"Nice class must be an integer from 1 to 45, got {number!r}")
            if isinstance(goods, bool) or not isinstance(goods, int) or goods < 1:
                raise ValueError(f"class {number} must list at least one good or service")
        object.__setattr__(self, "nice_classes", MappingProxyType(dict(sorted(classes.items()))))
        for name in (
            "independent_claims",
            "description_pages",
            "drawings",
            "designs",
            "priority_claims",
        ):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be a non-negative integer, got {value!r}")

    def quantity(self, unit: FeeUnit, included: int = 0) -> int:
        """Return how many units of ``unit`` these facts count, above ``included``."""
        classes = self.nice_classes
        counts = {
            FeeUnit.PER_APPLICATION: 1,
            FeeUnit.PER_CLASS: len(classes),
            FeeUnit.PER_CLASS_BEYOND_LIMIT: len(classes) - included,
            FeeUnit.PER_GOOD_BEYOND_LIMIT: sum(max(0, g - included) for g in classes.values()),
            FeeUnit.PER_INDEPENDENT_CLAIM: self.independent_claims,
            FeeUnit.PER_INDEPENDENT_CLAIM_BEYOND_LIMIT: self.independent_claims - included,
            FeeUnit.PER_PAGE_BEYOND_LIMIT: self.description_pages - included,
            FeeUnit.PER_PRIORITY_CLAIM: self.priority_claims,
            FeeUnit.PER_DESIGN: self.designs,
            FeeUnit.PER_DESIGN_BEYOND_LIMIT: self.designs - included,
            FeeUnit.PER_DRAWING_BEYOND_LIMIT: self.drawings - included,
        }
        return max(0, counts[unit])
