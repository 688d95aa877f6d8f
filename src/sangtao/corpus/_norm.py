"""Normalisation shared by every reader: numbers, dates, classes, countries, text, families.

References
----------
WIPO ST.3 (country codes), ST.13 (application numbering), ST.16 (kind codes); EPO, *Patent
families* (the DOCDB simple family: documents with exactly the same active priorities).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable

from sangtao.standards import MalformedSymbol, ipc_scheme, is_st3, nfc

from ._errors import RecordError
from ._schema import LangText, PatentRecord

__all__ = [
    "canonical_number",
    "clean_text",
    "doc_id_of",
    "family_key",
    "finish_record",
    "lang_text",
    "normalize_classes",
    "office_code",
    "parse_date",
    "split_pubkey",
]

_NON_ALNUM = re.compile(r"[^0-9A-Z]")
_US_PREFIXED = re.compile(r"^(D|RE|PP|RX|H|T|X|AI|S)0*(\d+)$")
# UTF-8 read as Windows-1252 ("FÃ¼r" for "Für"): a lead byte's letter, then continuations'.
_CONT = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013-\u203a\u20ac\u2122"
)
_MOJIBAKE = re.compile(f"(?:[\u00c2-\u00f4][{_CONT}]{{1,3}})+")
_PUBKEY = re.compile(r"^\s*([A-Za-z]{2})[\s_-]*(.+?)(?:[\s_-]+([A-Z][0-9]?))?\s*$")


def office_code(value: str | None) -> str | None:
    """Return the ST.3 code of an office or country as written (``"JPX"`` → ``"JP"``)."""
    if not value:
        return None
    code = value.strip().upper()
    if len(code) == 3 and code.endswith("X"):
        code = code[:2]
    if len(code) == 2 and code.isalpha() and (is_st3(code, include_former=True) or code in _EXTRA):
        return code
    return None


# Regional and international authorities that bulk data uses beside the ST.3 country codes.
_EXTRA = frozenset({"WO", "EP", "EA", "AP", "OA", "GC", "EM", "IB", "XN", "XV", "QZ"})


def canonical_number(office: str, number: str, *, application: bool = False) -> str:
    """Return a publication or application number in canonical form.

    Parameters
    ----------
    office
        The ST.3 code of the publishing office.
    number
        The number as written: ``"08930553"``, ``"D0680087"``, ``"2013/0101709"``,
        ``"US20090208610"``, ``"WO 2017/196847"``, ``"0600083"``.
    application
        The number is an application number: only separators and the office prefix are
        removed (``"09/727,454"`` → ``"09727454"``).

    Returns
    -------
    str
        Letters and digits only, the office prefix removed; US grant numbers without leading
        zeros (``"8930553"``, ``"D680087"``), EP numbers on seven digits.

    Raises
    ------
    RecordError
        If nothing of the number is left.
    """
    text = _NON_ALNUM.sub("", nfc(number).upper())
    if text.startswith(office) and len(text) > len(office) and text[len(office)].isdigit():
        text = text[len(office) :]
    if not text:
        raise RecordError(f"empty publication number {number!r}")
    if application:
        return text
    if office == "US":
        if text.isdigit() and len(text) <= 8:
            return text.lstrip("0") or "0"
        if m := _US_PREFIXED.match(text):
            return m[1] + m[2]
    elif office == "EP" and text.isdigit() and len(text) < 7:
        return text.zfill(7)
    return text


def doc_id_of(office: str, number: str, kind: str | None) -> str:
    """Return the corpus identifier ``OFFICE-NUMBER-KIND`` (``OFFICE-NUMBER`` without a kind)."""
    return f"{office}-{number}-{kind}" if kind else f"{office}-{number}"


def split_pubkey(text: str) -> tuple[str, str, str | None]:
    """Split a display key such as ``"US 2013/0101709 A1"`` or ``"WO_2017_196847_A1"``.

    Returns
    -------
    tuple
        ``(office, number, kind)``; ``kind`` is ``None`` when absent.

    Raises
    ------
    RecordError
        If the text does not start with a two-letter office code.
    """
    m = _PUBKEY.match(text or "")
    if not m:
        raise RecordError(f"not a publication number: {text!r}")
    office = m[1].upper()
    number = m[2].replace("_", "/")
    return office, number, m[3]


_THIS_YEAR = dt.datetime.now(dt.UTC).year
_DATE_FORMATS = (
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), "ymd"),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$"), "ymd"),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), "dmy"),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), "dmy"),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2})$"), "dmy2"),
)


def parse_date(text: str | None) -> dt.date | None:
    """Parse a date as bulk formats write it; ``None`` if empty or not a date.

    Accepted: ``20150106``, ``2015-01-06`` (a time after it is ignored), ``06.01.2015``,
    ``06/01/2015`` and Lens's ``06/01/15`` (a two-digit year up to this year's is 20xx, a
    later one 19xx). A day or month
    of ``00`` (USPTO citation dates such as ``20000600``) is read as the first.
    """
    if not text:
        return None
    text = text.strip()
    for pattern, order in _DATE_FORMATS:
        m = pattern.match(text)
        if not m:
            continue
        if order == "ymd":
            y, mo, d = int(m[1]), int(m[2]), int(m[3])
        else:
            d, mo, y = int(m[1]), int(m[2]), int(m[3])
            if order == "dmy2":
                y += 2000 if y <= _THIS_YEAR % 100 else 1900
        try:
            return dt.date(y, mo or 1, d or 1)
        except ValueError:
            return None
    return None


def _unmangle(match: re.Match[str]) -> str:
    run = match.group()
    for encoding in ("cp1252", "latin-1"):
        try:
            return run.encode(encoding).decode("utf-8")
        except UnicodeError:
            continue
    return run


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 decoded as Windows-1252 or Latin-1 ("FÃ¼r" → "Für"), as some exports
    carry it; a run of characters that does not round-trip exactly is kept as given."""
    return _MOJIBAKE.sub(_unmangle, text)


def clean_text(text: str | None) -> str:
    """Return ``text`` in NFC with runs of white space (line breaks included) made one space,
    and mojibake repaired (:func:`repair_mojibake`)."""
    if not text:
        return ""
    text = " ".join(text.split())
    return text if text.isascii() else nfc(repair_mojibake(text))


def lang_text(lang: str | None, text: str | None) -> list[LangText]:
    """Return ``[{lang, text}]`` for a non-empty text, else ``[]`` (empty texts are dropped)."""
    if text is None:
        return []
    text = nfc(text.strip())
    if not text:
        return []
    return [LangText(lang=lang.lower() if lang else None, text=text)]


def normalize_classes(values: Iterable[str]) -> tuple[list[str], list[str]]:
    """Normalise IPC or CPC symbols with :func:`sangtao.standards.ipc_scheme`.

    Returns
    -------
    tuple
        ``(symbols, raw)``: display forms (``"H04W 4/02"``), without duplicates and in order,
        and the values that could not be parsed, as written.
    """
    scheme = ipc_scheme()
    symbols: list[str] = []
    raw: list[str] = []
    for value in values:
        value = value.strip()
        if not value:
            continue
        try:
            symbol = scheme.normalize(value).display
        except MalformedSymbol:
            if value not in raw:
                raw.append(value)
            continue
        if symbol not in symbols:
            symbols.append(symbol)
    return symbols, raw


_CHECK_DIGIT = re.compile(r"\.\d\s*$")  # DE 10 2009 001 036.4, EP 93919633.0
_KIND_SUFFIX = re.compile(r"\s+[A-Z]\d?\s*$")  # DE 20 2009 001 036 U


def _key(office: str | None, number: str | None) -> str | None:
    if not number:
        return None
    text = _KIND_SUFFIX.sub("", _CHECK_DIGIT.sub("", nfc(number).upper()))
    digits = _NON_ALNUM.sub("", text)
    if office and digits.startswith(office) and len(digits) > 2:
        digits = digits[2:]
    return f"{office or '??'}:{digits}" if digits else None


def family_key(record: PatentRecord) -> str:
    """Return the simple-family identifier of a record.

    The family is the set of its priority claims, each as ``OFFICE:NUMBER`` (letters and
    digits only, without a trailing check digit such as ``.4`` or a kind such as `` U``). A
    document that claims no priority counts its own application as its
    priority, as EPO's DOCDB does for first filings, so a first filing and the later filings
    that claim only it share a family, and the A and B publications of one application too.
    Without an application number the document is its own family.

    Returns
    -------
    str
        ``"F-"`` and 16 hexadecimal digits of the SHA-1 of the sorted keys.
    """
    keys = {k for p in record["priorities"] if (k := _key(p["office"], p["number"]))}
    if not keys:
        own = _key(record["application_office"], record["application_number"])
        keys = {own} if own else {"doc:" + record["doc_id"]}
    digest = hashlib.sha1("|".join(sorted(keys)).encode(), usedforsecurity=False)
    return "F-" + digest.hexdigest()[:16]


def finish_record(record: PatentRecord) -> PatentRecord:
    """Check a record a reader built and fill the derived fields.

    Sets ``doc_id``, the canonical ``number``, ``earliest_priority_date`` and ``family_id``;
    normalises the application number.

    Raises
    ------
    RecordError
        If the record has no office or number, or has no text at all (title, abstract,
        claims and description all empty).
    """
    office = record["office"]
    if not office or office_code(office) is None:
        raise RecordError(f"missing or unknown publishing office {office!r}")
    record["number"] = canonical_number(office, record["number"])
    kind = (record["kind"] or "").strip().upper() or None
    record["kind"] = kind
    record["doc_id"] = doc_id_of(office, record["number"], kind)
    if not (record["titles"] or record["abstracts"] or record["claims"] or record["descriptions"]):
        raise RecordError(f"{record['doc_id']}: empty record (no title, abstract, claims or text)")
    dates = [p["date"] for p in record["priorities"] if p["date"]]
    record["earliest_priority_date"] = min(dates) if dates else record["application_date"]
    if record["application_number"] and not record["application_office"]:
        record["application_office"] = office
    record["family_id"] = family_key(record)  # from the number as written (check digits)
    if record["application_number"]:
        app_office = record["application_office"] or office
        try:
            record["application_number"] = canonical_number(
                app_office, record["application_number"], application=True
            )
        except RecordError:
            record["application_number"] = None
    return record
