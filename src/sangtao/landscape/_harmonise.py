"""Applicant-name harmonisation: one key for the spellings of one applicant.

The recipe of the EPO–OHIM study (Magerman, Van Looy & Song 2006): fold case and diacritics
(:func:`sangtao.standards.fold`, so Vietnamese ``CÔNG TY`` = ``CONG TY``), transliterate the
letters Unicode does not decompose (ø, æ, ł, Cyrillic), drop addresses and bracketed notes,
turn punctuation into spaces, remove legal forms at either end (``data/legal_forms.yaml``,
kept from ``company_suffixes.json`` plus forms seen in patent data), shorten common words to
one abbreviation (UNIVERSITY → UNIV, INSTITUTE → INST …), drop weak words, then compare the
sorted words written without spaces (``UNIV BEI HANG`` = ``BEIHANG UNIV``).

References
----------
T. Magerman, B. Van Looy, X. Song, *Data production methods for harmonized patent
statistics: patentee name harmonization*, Eurostat/KU Leuven, 2006.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from sangtao.standards import fold

__all__ = ["ApplicantKind", "NameHarmoniser", "default_harmoniser"]

_TRANSLIT = str.maketrans(
    {
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ł": "l",
        "þ": "th",
        "ð": "d",
        "ı": "i",
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ё": "e",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "й": "i",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "kh",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ъ": "",
        "ы": "y",
        "ь": "",
        "э": "e",
        "ю": "iu",
        "я": "ia",
    }
)
_ADDRESS = re.compile(r",\s*(?=[^,]*\d).*$")
_BRACKETS = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
_NON_WORD = re.compile(r"[^0-9a-z]+")

# One spelling per common word: Derwent/Lens abbreviations are the target.
_ABBREVIATIONS = {
    "university": "univ",
    "universite": "univ",
    "universitat": "univ",
    "universitaet": "univ",
    "universidad": "univ",
    "universita": "univ",
    "universiteit": "univ",
    "daigaku": "univ",
    "institute": "inst",
    "institut": "inst",
    "instituto": "inst",
    "istituto": "inst",
    "technology": "tech",
    "technologies": "tech",
    "technological": "tech",
    "techn": "tech",
    "international": "int",
    "internat": "int",
    "intl": "int",
    "industries": "ind",
    "industry": "ind",
    "industrial": "ind",
    "laboratories": "lab",
    "laboratory": "lab",
    "laboratoire": "lab",
    "labs": "lab",
    "research": "res",
    "science": "sci",
    "sciences": "sci",
    "scientific": "sci",
    "scient": "sci",
    "development": "dev",
    "national": "nat",
    "center": "ctr",
    "centre": "ctr",
    "ct": "ctr",
    "engineering": "eng",
    "manufacturing": "mfg",
    "systems": "syst",
    "system": "syst",
    "electronics": "electronic",
    "aviation": "aviat",
    "aeronautics": "aeronaut",
    "aeronautical": "aeronaut",
    "communications": "commun",
    "communication": "commun",
    "telecommunications": "telecom",
    "electric": "elec",
    "electrical": "elec",
    "academy": "acad",
    "foundation": "found",
}
_WEAK = frozenset(
    {
        "the",
        "of",
        "and",
        "for",
        "de",
        "des",
        "du",
        "la",
        "le",
        "der",
        "die",
        "das",
        "und",
        "et",
        "y",
    }
)
_UNIVERSITY = frozenset({"univ", "college", "dai hoc", "hoc vien", "polytechnic", "school"})
_RESEARCH = frozenset(
    {
        "inst",
        "acad",
        "res",
        "cnrs",
        "fraunhofer",
        "vien",
        "council",
        "agency",
        "lab",
        "commissariat",
    }
)
_ORG_WORDS = frozenset(
    {"tech", "ind", "int", "syst", "electronic", "elec", "mfg", "eng", "group", "holdings", "bank"}
)


_ROMANISED = (("shch", "sch"), ("shh", "sch"), ("ja", "ia"), ("ju", "iu"), ("jo", "io"))


def _romanised(word: str) -> str:
    """One spelling for the common romanisations of Russian (OBSHCHESTVO = OBSCHESTVO)."""
    for old, new in _ROMANISED:
        word = word.replace(old, new)
    if word.endswith(("oj", "ij", "yj")):
        word = word[:-1] + "i"
    return word


class ApplicantKind:
    """Applicant sectors (EEE-PPAT style, simplified): company, university, research, individual."""

    COMPANY = "company"
    UNIVERSITY = "university"
    RESEARCH = "research"
    INDIVIDUAL = "individual"


@lru_cache(maxsize=1)
def _legal_forms() -> tuple[tuple[str, ...], ...]:
    text = (
        resources.files("sangtao.landscape").joinpath("data", "legal_forms.yaml").read_text("utf-8")
    )
    data = yaml.safe_load(text)
    forms = set()
    for raw in [*data["from_suffixes"], *data["added"]]:
        text = fold(str(raw)).translate(_TRANSLIT)
        words = tuple(_romanised(w) for w in _NON_WORD.split(text) if w)
        if words:
            forms.add(words)
    return tuple(sorted(forms, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class _Parsed:
    key: str
    words: tuple[str, ...]
    had_legal_form: bool


class NameHarmoniser:
    """Harmonise applicant names (see the module documentation for the steps).

    Parameters
    ----------
    legal_forms
        Word sequences to strip (already folded); by default those of
        ``data/legal_forms.yaml``.

    Examples
    --------
    >>> h = NameHarmoniser()
    >>> h.key("PARROT S A") == h.key("Parrot SA") == h.key("PARROT")
    True
    >>> h.key("Công ty TNHH Điện tử Sao Việt") == h.key("CONG TY TNHH DIEN TU SAO VIET")
    True
    """

    def __init__(self, legal_forms: Iterable[tuple[str, ...]] | None = None) -> None:
        forms = _legal_forms() if legal_forms is None else tuple(legal_forms)
        self._forms = tuple(sorted(forms, key=len, reverse=True))
        self._cache: dict[str, _Parsed] = {}

    def _parse(self, name: str) -> _Parsed:
        cached = self._cache.get(name)
        if cached is not None:
            return cached
        text = fold(name).translate(_TRANSLIT)
        text = _ADDRESS.sub("", _BRACKETS.sub(" ", text))
        words = [_romanised(w) for w in _NON_WORD.split(text) if w]
        had_form = False
        changed = True
        while changed and len(words) > 1:
            changed = False
            for form in self._forms:
                n = len(form)
                if n < len(words) and tuple(words[-n:]) == form:
                    del words[-n:]
                    changed = had_form = True
                    break
                if n < len(words) and tuple(words[:n]) == form:
                    del words[:n]
                    changed = had_form = True
                    break
        mapped = [_ABBREVIATIONS.get(w, w) for w in words]
        kept = [w for w in mapped if w not in _WEAK] or mapped
        parsed = _Parsed("".join(sorted(kept)), tuple(kept), had_form)
        self._cache[name] = parsed
        return parsed

    def key(self, name: str) -> str:
        """Return the comparison key of a name (equal keys = one applicant)."""
        return self._parse(name).key

    def kind(self, name: str) -> str:
        """Return the sector of an applicant: one of the :class:`ApplicantKind` values."""
        parsed = self._parse(name)
        joined = " ".join(parsed.words)
        words = set(parsed.words)
        if words & _UNIVERSITY or "dai hoc" in joined or "hoc vien" in joined:
            return ApplicantKind.UNIVERSITY
        if words & _RESEARCH:
            return ApplicantKind.RESEARCH
        if parsed.had_legal_form or words & _ORG_WORDS or len(parsed.words) == 1:
            return ApplicantKind.COMPANY
        return ApplicantKind.INDIVIDUAL

    def harmonise(self, names: Iterable[str]) -> dict[str, tuple[str, str]]:
        """Map each name to ``(key, display name)``.

        The display name of a key is its most frequent spelling among ``names`` (ties: the
        shortest, then alphabetical), so pass names with repetition to weight them.
        """
        counts = Counter(n for n in names if n)
        by_key: dict[str, Counter[str]] = {}
        for name, n in counts.items():
            by_key.setdefault(self.key(name), Counter())[name] += n
        display = {
            key: min(spellings.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]
            for key, spellings in by_key.items()
        }
        return {name: (self.key(name), display[self.key(name)]) for name in counts}


@lru_cache(maxsize=1)
def default_harmoniser() -> NameHarmoniser:
    """A shared :class:`NameHarmoniser` with the shipped legal forms."""
    return NameHarmoniser()
