"""Vietnamese text: one stored form (NFC) and one matching form (folded).

Text is stored and displayed exactly as written, in Unicode normalisation form C, so that
``"Đà Nẵng"`` typed with precomposed letters and with combining marks compare equal. For
matching (search, duplicate detection, sorting keys) it is folded: diacritics removed, ``đ``
read as ``d`` and case ignored, so ``"ĐÀ NẴNG"``, ``"Da Nang"`` and ``"đà nẵng"`` all match.

References
----------
Unicode Standard Annex #15, *Unicode Normalization Forms*; Unicode Standard, section 5.18
*Case Mappings* (``str.casefold``).
"""

from __future__ import annotations

import unicodedata

__all__ = ["fold", "nfc"]

# Combining marks that are diacritics on Latin, Greek and Cyrillic letters (all Vietnamese tone
# and vowel marks are in the first block). Marks of other scripts — Japanese dakuten, Indic
# vowel signs — change the letter rather than accent it, so they are kept.
_DIACRITIC_BLOCKS = (
    (0x0300, 0x036F),  # Combining Diacritical Marks
    (0x1AB0, 0x1AFF),  # Combining Diacritical Marks Extended
    (0x1DC0, 0x1DFF),  # Combining Diacritical Marks Supplement
    (0x20D0, 0x20FF),  # Combining Diacritical Marks for Symbols
    (0xFE20, 0xFE2F),  # Combining Half Marks
)
_STRIP = {
    cp: None
    for low, high in _DIACRITIC_BLOCKS
    for cp in range(low, high + 1)
    if unicodedata.combining(chr(cp))
}
# đ and Đ are letters in their own right (not d with a combining mark), so NFD keeps them.
_LETTERS = {ord("đ"): "d", ord("Đ"): "D"}


def nfc(text: str) -> str:
    """Return ``text`` in Unicode normalisation form C, the form the platform stores.

    Parameters
    ----------
    text
        Any text, for example typed with combining marks (NFD) on macOS or by some
        Vietnamese input methods.

    Returns
    -------
    str
        The same text with precomposed characters where Unicode has them.

    Examples
    --------
    >>> nfc("Vie\u0323\u0302t Nam") == "Việt Nam"
    True
    """
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Return the matching key of ``text``: no diacritics, ``đ`` as ``d``, case folded.

    Parameters
    ----------
    text
        Text in any normalisation form.

    Returns
    -------
    str
        The folded text in NFC. Spaces and punctuation are kept as they are; display the
        original text, never the folded one.

    Examples
    --------
    >>> fold("Động cơ đốt trong ĐÀ NẴNG")
    'dong co dot trong da nang'
    """
    decomposed = unicodedata.normalize("NFD", text).translate(_LETTERS)
    stripped = decomposed.casefold().translate(_STRIP)
    return unicodedata.normalize("NFC", stripped)
