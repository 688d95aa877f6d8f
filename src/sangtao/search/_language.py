"""Vietnamese or English? A cheap guess for queries and documents, for language-aware fusion.

Vietnamese is told by the letters only it uses (``đ ơ ư ă ĩ ũ`` and the tone-marked vowels of
Unicode's Latin Extended Additional block, U+1EA0–U+1EF9) and, when typed without diacritics,
by its commonest words; English by its commonest function words in text with few accents.
Anything else (a few keywords, a class symbol, another script) is left undecided.
:func:`cross_language_weights` turns the guess into per-document weights of the keyword arm.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from sangtao.standards import nfc

from ._fusion import RRF_K, reciprocal_rank_fusion
from ._model import IndexDocument

__all__ = ["LANGUAGE_NAMES", "cross_language_weights", "detect_language", "document_languages"]

LANGUAGE_NAMES = {"vi": "Vietnamese", "en": "English"}

_WORD = re.compile(r"[^\W\d_]+")
_VI_LETTERS = frozenset("đơưăĩũ" + "".join(chr(c) for c in range(0x1EA1, 0x1EFA, 2)))
"""Lower-case letters of Vietnamese that no other major Latin-script language combines."""
# Frequent words of Vietnamese (patent) text, folded, that are not English words.
_VI_WORDS = frozenset(
    """cua duoc nhung khong trong mot voi cac nay hoac bang theo gom chua cho
    thiet phuong phap nguoi viec nhieu hien dinh loai dong""".split()
)
_EN_WORDS = frozenset(
    """the of and to in for with is are which that by from on at as be or an
    said wherein comprising having this these its into""".split()
)
_VI_WEAK = frozenset("àáâãèéêìíòóôõùúý")
"""Accented letters of Vietnamese that French, Portuguese or Spanish also use."""


def detect_language(text: str) -> str | None:
    """``"vi"``, ``"en"`` or None (undecided) for ``text``.

    Vietnamese when at least one word in ten has a letter only Vietnamese uses, or half of
    the words have accents Vietnamese uses and none has another accent (in both cases with
    more such words than English function words). Otherwise, with at most one word in ten
    accented: Vietnamese typed without diacritics when it has two or more common Vietnamese
    words and more of them than English function words; English when it has an English
    function word.
    """
    words = _WORD.findall(nfc(text).lower())
    if not words:
        return None
    en = sum(1 for w in words if w in _EN_WORDS)
    strong = weak = foreign = 0
    for w in words:
        if w.isascii():
            continue
        if not _VI_LETTERS.isdisjoint(w):
            strong += 1
        elif all(c.isascii() or c in _VI_WEAK for c in w):
            weak += 1
        else:
            foreign += 1
    if strong >= 0.1 * len(words) and strong > en:
        return "vi"
    if not foreign and strong + weak >= max(2, 0.5 * len(words)) and strong + weak > en:
        return "vi"
    if strong + weak + foreign > 0.1 * len(words):
        return None
    vi = sum(1 for w in words if w in _VI_WORDS)
    if vi >= 2 and vi > en:
        return "vi"
    return "en" if en else None


def document_languages(doc: IndexDocument) -> frozenset[str]:
    """The languages ``doc`` has text in: its labelled ones, and for unlabelled titles and
    abstracts ``"vi"`` when they read as Vietnamese, else ``"en"`` (as the backends' English
    fields read unlabelled text)."""
    langs = set(doc.languages)
    unlabelled: Iterable[str] = (t for lang, t in (*doc.titles, *doc.abstracts) if lang is None)
    for text in unlabelled:
        langs.add("vi" if detect_language(text) == "vi" else "en")
    return frozenset(langs)


def cross_language_weights(
    arms: Mapping[str, Sequence[tuple[str, float]]],
    lang: str,
    weight: float,
    read: Callable[[Sequence[str]], Mapping[str, IndexDocument]],
    top: int,
) -> tuple[dict[str, float], dict[str, IndexDocument]]:
    """The keyword arm's ``weight`` for each document without ``lang`` text, as far as the
    first ``top`` fused hits depend on it, and the documents ``read`` to know that.

    Weights only lower a score, so the plain RRF score is an upper bound: keyword hits are
    read in blocks, best bound first, until no unread one could reach the ``top``-th score.
    """
    keyword = {d: 1.0 / (RRF_K + r) for r, (d, _) in enumerate(arms.get("keyword", ()), 1)}
    plain = reciprocal_rank_fusion(arms)
    bound = {d: s for d, s, _ in plain}
    pending = [d for d, _, _ in plain if d in keyword]
    exact = [s for d, s, _ in plain if d not in keyword]
    lowered: dict[str, float] = {}
    docs: dict[str, IndexDocument] = {}
    block = max(2 * top, 20) if top < len(plain) else len(plain)
    while pending:
        batch, pending = pending[:block], pending[block:]
        docs.update(read(batch))
        for d in batch:
            if d in docs and lang not in document_languages(docs[d]):
                lowered[d] = weight
            exact.append(bound[d] - (1.0 - lowered.get(d, 1.0)) * keyword[d])
        if pending and len(exact) >= top and bound[pending[0]] < heapq.nlargest(top, exact)[-1]:
            break
    return lowered, docs
