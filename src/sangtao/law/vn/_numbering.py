"""Application numbers of IP Viet Nam: ``T-YYYY-NNNNN`` and the WIPO Publish form ``VNTYYYYNNNNN``.

``T`` is a digit for the object type, ``YYYY`` the filing year and ``NNNNN`` a five-digit
sequence. Trademark = 4 is confirmed by many published numbers (e.g. ``4-2025-20619``);
the other digits are practice or unknown and are therefore configurable.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from sangtao.law._basis import Confidence
from sangtao.law.vn._object_types import OBJECT_TYPES, object_type

__all__ = [
    "DEFAULT_NUMBERING",
    "ApplicationNumber",
    "InvalidApplicationNumber",
    "NumberingScheme",
    "format_application_number",
    "parse_application_number",
]

MAX_SEQUENCE = 99_999
_PATTERN = re.compile(r"^(?:VN-?)?(?P<digit>\d)-?(?P<year>\d{4})-?(?P<seq>\d{5})$", re.IGNORECASE)


class InvalidApplicationNumber(ValueError):
    """Raised when an application number cannot be formatted or parsed."""


class NumberingScheme:
    """Which digit opens the application numbers of each object type.

    Parameters
    ----------
    overrides : mapping of str to int, optional
        Object-type code -> digit, replacing the defaults (invention 1, utility solution 2,
        industrial design 3, trademark 4, layout design 5, geographical indication 6). Only
        trademark = 4 is confirmed; 5 and 6 are placeholders chosen by this package
        [unconfirmed].

    Raises
    ------
    ValueError
        If a code is unknown, a digit is not 0-9, or two types share a digit.
    """

    __slots__ = ("_digits", "_types")

    def __init__(self, overrides: Mapping[str, int] | None = None) -> None:
        digits = {
            code: t.default_number_digit
            for code, t in OBJECT_TYPES.items()
            if t.default_number_digit is not None
        }
        for code, digit in (overrides or {}).items():
            object_type(code)
            if isinstance(digit, bool) or not isinstance(digit, int) or not 0 <= digit <= 9:
                raise ValueError(f"digit for {code} must be an integer 0-9, got {digit!r}")
            digits[code] = digit
        types: dict[int, str] = {}
        for code, digit in digits.items():
            if digit in types:
                raise ValueError(f"digit {digit} is used by both {types[digit]} and {code}")
            types[digit] = code
        self._digits = MappingProxyType(digits)
        self._types = MappingProxyType(types)

    @property
    def digits(self) -> Mapping[str, int]:
        """Object-type code -> digit."""
        return self._digits

    def digit_for(self, type_code: str) -> int:
        """Return the digit of ``type_code``.

        Raises
        ------
        UnknownObjectType
            If the code is unknown.
        InvalidApplicationNumber
            If the scheme has no digit for it.
        """
        object_type(type_code)
        try:
            return self._digits[type_code]
        except KeyError:
            raise InvalidApplicationNumber(f"no number digit configured for {type_code}") from None

    def type_for(self, digit: int) -> str:
        """Return the object-type code numbered with ``digit``.

        Raises
        ------
        InvalidApplicationNumber
            If no type uses that digit.
        """
        try:
            return self._types[digit]
        except KeyError:
            raise InvalidApplicationNumber(f"no object type is numbered {digit}") from None

    def confidence(self, type_code: str) -> Confidence:
        """How well the digit of ``type_code`` is established (overrides count as confirmed)."""
        t = object_type(type_code)
        if self._digits.get(type_code) == t.default_number_digit:
            return t.number_digit_confidence
        return Confidence.CONFIRMED

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NumberingScheme) and dict(self._digits) == dict(other._digits)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._digits.items())))

    def __repr__(self) -> str:
        return f"NumberingScheme({dict(self._digits)!r})"


#: The default scheme (see :class:`NumberingScheme` for what is confirmed).
DEFAULT_NUMBERING = NumberingScheme()


@dataclass(frozen=True, slots=True, order=True)
class ApplicationNumber:
    """A parsed application number.

    Attributes
    ----------
    type_code : str
        Object-type code.
    digit : int
        The type digit.
    year : int
        Filing year.
    sequence : int
        Sequence within the type and year (1-99999).
    """

    type_code: str
    digit: int
    year: int
    sequence: int

    def __str__(self) -> str:
        return f"{self.digit}-{self.year:04d}-{self.sequence:05d}"

    @property
    def wipo_publish_id(self) -> str:
        """The identifier WIPO Publish uses: ``VN`` and the number without hyphens."""
        return f"VN{self.digit}{self.year:04d}{self.sequence:05d}"


def format_application_number(
    type_code: str, year: int, seq: int, *, scheme: NumberingScheme = DEFAULT_NUMBERING
) -> str:
    """Format an application number ``T-YYYY-NNNNN``.

    Parameters
    ----------
    type_code : str
        Object-type code, e.g. ``"trademark"``.
    year : int
        Filing year (four digits).
    seq : int
        Sequence number, 1 to 99999.
    scheme : NumberingScheme, optional
        Digit mapping (default :data:`DEFAULT_NUMBERING`).

    Returns
    -------
    str
        E.g. ``"4-2025-00001"``.

    Raises
    ------
    InvalidApplicationNumber
        If the year or sequence is out of range.
    UnknownObjectType
        If the type code is unknown.
    """
    digit = scheme.digit_for(type_code)
    if isinstance(year, bool) or not isinstance(year, int) or not 1000 <= year <= 9999:
        raise InvalidApplicationNumber(f"year must have four digits, got {year!r}")
    if isinstance(seq, bool) or not isinstance(seq, int) or not 1 <= seq <= MAX_SEQUENCE:
        raise InvalidApplicationNumber(
            f"sequence must be from 1 to {MAX_SEQUENCE} (five digits), got {seq!r}"
        )
    return str(ApplicationNumber(type_code, digit, year, seq))


def parse_application_number(
    text: str, *, scheme: NumberingScheme = DEFAULT_NUMBERING
) -> ApplicationNumber:
    """Parse ``4-2025-00001``, ``VN4202500001`` (WIPO Publish) or ``VN-4-2025-00001``.

    Parameters
    ----------
    text : str
        The number; surrounding whitespace is ignored.
    scheme : NumberingScheme, optional
        Digit mapping used to find the object type.

    Returns
    -------
    ApplicationNumber

    Raises
    ------
    InvalidApplicationNumber
        If ``text`` is not an application number or its digit is not mapped to a type.
    """
    match = _PATTERN.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise InvalidApplicationNumber(
            f"not an application number: {text!r} (expected T-YYYY-NNNNN or VNTYYYYNNNNN)"
        )
    digit, year, seq = int(match["digit"]), int(match["year"]), int(match["seq"])
    if seq == 0:
        raise InvalidApplicationNumber(f"sequence 00000 is not used: {text!r}")
    return ApplicationNumber(scheme.type_for(digit), digit, year, seq)
