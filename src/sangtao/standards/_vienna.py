"""The Vienna Classification of figurative elements of marks: syntax only.

No table of the Vienna Classification ships with Sáng Tạo yet, so a code can be checked for its
form but not for its existence. A code is category, division and main or auxiliary section,
each on two digits and separated by dots: ``26.01.01``. Categories run from 1 to 29. IP Viet
Nam's publications follow a code with the edition in brackets, ``26.03.23 (7)``; that suffix is
accepted and dropped. When IP Viet Nam's Vienna table (8th edition in Vietnamese) is imported,
existence checks belong here.

References
----------
WIPO, *Vienna Classification*, https://www.wipo.int/classifications/vienna/
"""

from __future__ import annotations

import re
import unicodedata

from ._errors import MalformedSymbol

__all__ = ["normalize_vienna_code", "vienna_code_is_wellformed"]

_SCHEME = "Vienna"
_CODE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{1,2})", re.ASCII)
_CANONICAL = re.compile(r"\d{2}\.\d{2}\.\d{2}", re.ASCII)
_EDITION = re.compile(r"\(\s*\d{1,2}\s*\)$", re.ASCII)
_CATEGORIES = range(1, 30)


def normalize_vienna_code(code: str) -> str:
    """Write a Vienna code on two digits per part: ``"26.1.1"`` becomes ``"26.01.01"``.

    Parameters
    ----------
    code
        Category, division and section separated by dots, optionally followed by the edition in
        brackets (``"26.03.23 (7)"``).

    Returns
    -------
    str
        ``"CC.DD.SS"``.

    Raises
    ------
    MalformedSymbol
        If the code is not of that form, the category is outside 1–29, or the division or
        section is 0.
    """
    if not isinstance(code, str):
        raise MalformedSymbol(code, _SCHEME, "expected a string")
    text = unicodedata.normalize("NFKC", code).strip()
    text = _EDITION.sub("", text).strip()
    m = _CODE.fullmatch(text)
    if m is None:
        raise MalformedSymbol(code, _SCHEME, 'expected category.division.section, e.g. "26.01.01"')
    category, division, section = (int(part) for part in m.groups())
    if category not in _CATEGORIES:
        raise MalformedSymbol(code, _SCHEME, "the category must be between 1 and 29")
    if division == 0 or section == 0:
        raise MalformedSymbol(code, _SCHEME, "divisions and sections are numbered from 1")
    return f"{category:02d}.{division:02d}.{section:02d}"


def vienna_code_is_wellformed(code: str) -> bool:
    """Whether ``code`` is a Vienna code written in canonical form, ``"26.01.01"``.

    Two digits for each of category (1–29), division and section, separated by dots. This is a
    syntax check only: no Vienna table ships yet, so a well-formed code may still not exist.
    Other writings (``"26.1.1"``, ``"26.03.23 (7)"``) are not canonical; pass them through
    :func:`normalize_vienna_code` first.
    """
    if not isinstance(code, str) or _CANONICAL.fullmatch(code) is None:
        return False
    try:
        normalize_vienna_code(code)
    except MalformedSymbol:
        return False
    return True
