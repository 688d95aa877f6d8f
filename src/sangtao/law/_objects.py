"""Shapes of the objects a law pack protects: object types, filing documents, mark kinds."""

from __future__ import annotations

from dataclasses import dataclass

from sangtao.law._basis import Confidence, LegalReference

__all__ = [
    "FilingRequirement",
    "ObjectType",
    "TrademarkKind",
    "UnknownObjectType",
    "UnknownTrademarkKind",
]


class UnknownObjectType(ValueError):
    """Raised when an object-type code is not defined by the law pack."""


class UnknownTrademarkKind(ValueError):
    """Raised when a trademark-kind code is not defined by the law pack."""


@dataclass(frozen=True, slots=True)
class FilingRequirement:
    """A document or field that an application must (or may) contain at filing.

    Parameters
    ----------
    code : str
        Stable identifier, e.g. ``"claims"``.
    label_vi, label_en : str
        Names in Vietnamese and English.
    mandatory : bool
        ``True`` when the application cannot be filed without it.
    condition_vi, condition_en : str
        When a non-mandatory item becomes required (e.g. "if priority is claimed").
    """

    code: str
    label_vi: str
    label_en: str
    mandatory: bool = True
    condition_vi: str = ""
    condition_en: str = ""


@dataclass(frozen=True, slots=True)
class ObjectType:
    """A kind of industrial-property object that can be applied for.

    Parameters
    ----------
    code : str
        Stable identifier used across the platform, e.g. ``"trademark"``.
    name_vi, name_en : str
        Name of the object in Vietnamese and English.
    title_vi, title_en : str
        The protection title granted for it.
    default_number_digit : int or None
        The digit that opens its application numbers by default (``T`` in
        ``T-YYYY-NNNNN``); ``None`` when not known.
    number_digit_confidence : Confidence
        How well that digit is established.
    classifications : tuple of str
        Classification schemes used for it (``"IPC"``, ``"Locarno"``, ``"Nice"``,
        ``"Vienna"``); empty when none applies.
    filing_requirements : tuple of FilingRequirement
        What the application contains.
    legal_basis : tuple of LegalReference
        Where the object and its application content are defined.
    note : str
        Caveats.
    """

    code: str
    name_vi: str
    name_en: str
    title_vi: str
    title_en: str
    default_number_digit: int | None
    number_digit_confidence: Confidence
    classifications: tuple[str, ...]
    filing_requirements: tuple[FilingRequirement, ...]
    legal_basis: tuple[LegalReference, ...]
    note: str = ""

    def requirement(self, code: str) -> FilingRequirement:
        """Return the filing requirement with ``code``.

        Raises
        ------
        KeyError
            If the object type has no such requirement.
        """
        for item in self.filing_requirements:
            if item.code == code:
                return item
        raise KeyError(f"{self.code} has no filing requirement {code!r}")

    @property
    def number_digit(self) -> int:
        """The default application-number digit.

        Raises
        ------
        ValueError
            If the law pack defines none for this type.
        """
        if self.default_number_digit is None:
            raise ValueError(f"no application-number digit is defined for {self.code}")
        return self.default_number_digit

    @property
    def mandatory_requirements(self) -> tuple[FilingRequirement, ...]:
        """The requirements without which the application cannot be filed."""
        return tuple(item for item in self.filing_requirements if item.mandatory)


@dataclass(frozen=True, slots=True)
class TrademarkKind:
    """A kind of trademark (individual, collective, certification).

    Parameters
    ----------
    code : str
        Stable identifier, e.g. ``"collective"``.
    name_vi, name_en : str
        Names in Vietnamese and English.
    extra_requirements : tuple of FilingRequirement
        Documents needed for this kind on top of the trademark's own.
    legal_basis : tuple of LegalReference
        Where the kind is defined.
    confidence : Confidence
        How well the Vietnamese term is established.
    note : str
        Caveats.
    """

    code: str
    name_vi: str
    name_en: str
    extra_requirements: tuple[FilingRequirement, ...]
    legal_basis: tuple[LegalReference, ...]
    confidence: Confidence
    note: str = ""
