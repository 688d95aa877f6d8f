"""Terms of topic clusters: tokens, English and Vietnamese stop words, class-based TF-IDF.

Words are matched on their folded form (:func:`sangtao.standards.fold`: no diacritics, ``đ``
as ``d``, case folded) so that ``MÁY BAY``, ``máy bay`` and ``may bay`` count as one term,
and shown in their most frequent original spelling (diacritics preferred). A Vietnamese
stop word is matched exactly when the word carries diacritics (``có`` is a stop word, ``cơ``
is not) and on its folded form only when the word has none (text typed without marks).
Vietnamese words are syllables, so terms are single words and pairs of adjacent words
(``máy bay``, ``unmanned aerial``); boilerplate pairs (``thiết bị``, ``sáng chế``) are
stop words too.

A cluster's terms are ranked by class-based TF-IDF (Grootendorst, *BERTopic*, 2022) over
binary document counts: ``df(t, c) / n(c) × log(1 + A / df(t))``, ``A`` the mean number of
documents per cluster; on a tie a pair of words goes before a single word.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from sangtao.standards import fold

__all__ = ["cluster_terms", "language_of", "terms_of"]

_FRAGMENT = re.compile(r"[.,;:!?()\[\]{}\"“”'‘’/\\|<>=+*&%#@~^_-]+|\s[-–—]\s")
_TOKEN = re.compile(r"[^\W\d_]+")
_VI_LETTERS = frozenset("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
_VI_COMMON = frozenset(
    "va cua cac duoc cho trong mot khong nguoi thiet bi phuong phap he thong viec nhung "
    "voi tren duoi bang dien may".split()
)

_EN_STOP = frozenset(
    """a about above according after again against all also am an and another any apparatus
    apparatuses are as at based be because been before being below between both but by can
    capable comprise comprised comprises comprising configured corresponding could device
    devices did disclosed disclosure do does doing down during each eg embodiment
    embodiments etc first for from further had has have having he her here herein hereby
    his how ie if in include included includes including into invention inventions is it
    its itself least may means member members method methods more most new no nor not novel
    of off on once one only or other our out over particular particularly plurality portion
    portions present process provide provided provides providing related relates relating
    respectively said same second she should so some such system systems than that
    the their them then there thereby therefor therefrom therein thereof thereon thereto
    these they third this those through thus to two under unit units until up upon use
    used uses using via was we were what when where whereby wherein which while who whom
    why will with within without would""".split()
)
# German and French function words and boilerplate, for the titles of DE/FR/EP documents
_DE_FR_STOP = frozenset(
    """und der das den dem des ein eine einer eines einem mit für fur von vom zur zum zu im
    auf aus oder bei sowie durch über uber verfahren vorrichtung dessen deren sich
    de en la le les du et pour un une au aux dans par sur ou avec procédé procede dispositif
    système systeme son sa ses""".split()
)
_VI_STOP = frozenset(
    """và của các là trong cho được với một những có để từ theo này đó về thì như
    khi tại bởi đến ra vào trên dưới hoặc cũng đã sẽ đang nhất nhiều mỗi giữa sau trước
    nên nếu mà rằng vì qua bị do hay còn cùng việc sự nhằm gồm bao nhau khác nào đây
    kia ấy chỉ rất đều vẫn ở tới bằng thứ hai ba bốn năm nó chúng ta ít trong đó""".split()
)
_VI_STOP_FOLDED = frozenset(fold(w) for w in _VI_STOP)
_STOP_PAIRS = frozenset(
    fold(p)
    for p in (
        "sáng chế",
        "giải pháp",
        "hữu ích",
        "phương pháp",
        "thiết bị",
        "hệ thống",
        "bao gồm",
        "đề cập",
        "liên quan",
        "cụ thể",
        "nói trên",
        "ít nhất",
        "thứ nhất",
        "thứ hai",
        "có thể",
        "theo đó",
        "tương ứng",
        "mục đích",
        "cung cấp",
        "sử dụng",
        "trong đó",
        "ngoài ra",
        "bộ phận",
        "đặc trưng",
        "đặc điểm",
        "đề xuất",
        "mô tả",
        "lĩnh vực",
        "khía cạnh",
        "phương án",
        "trình bày",
    )
)


def language_of(text: str, lang: str | None = None) -> str:
    """Two-letter language of ``text``: ``lang`` when given, else a guess (vi, en or und).

    Vietnamese when 30 % of the words have Vietnamese letters, or many words are common
    Vietnamese syllables (text typed without diacritics),
    English when it is plain ASCII, ``und`` (undetermined) otherwise.
    """
    if lang:
        return lang.strip().lower()[:2]
    lowered = text.lower()
    words = _TOKEN.findall(lowered)
    marked = sum(any(ch in _VI_LETTERS for ch in w) for w in words)
    if words and (
        marked >= 0.3 * len(words) or sum(w in _VI_COMMON for w in words) >= max(2, len(words) // 5)
    ):
        return "vi"
    return "en" if lowered.isascii() else "und"


def _is_stop(low: str, key: str, vietnamese: bool) -> bool:
    if low in _VI_STOP or not 2 <= len(low) <= 30:
        return True
    if vietnamese:
        return key == low and key in _VI_STOP_FOLDED
    return low in _EN_STOP or low in _DE_FR_STOP


def terms_of(text: str, lang: str | None = None) -> list[tuple[str, str]]:
    """``(key, display)`` of the words and pairs of adjacent words of ``text``, stop words out.

    In Vietnamese text (``lang == "vi"``) Vietnamese stop words are matched, folded for
    words typed without diacritics, and a syllable is a term alone only when it has no
    non-stop neighbour (Vietnamese words are mostly two syllables); in other text English,
    German and French stop words are matched (``may`` is an English stop word but ``máy``,
    and an unmarked ``may`` in Vietnamese, are not).

    Examples
    --------
    >>> [shown for _, shown in terms_of("Thiết bị bay không người lái và pin.", "vi")]
    ['bay không', 'không người', 'người lái', 'pin']
    """
    vietnamese = (lang or language_of(text)) == "vi"
    out: list[tuple[str, str]] = []
    for fragment in _FRAGMENT.split(text):
        lows = [t.lower() for t in _TOKEN.findall(fragment)]
        keys = [fold(t) for t in lows]
        stop = [_is_stop(low, key, vietnamese) for low, key in zip(lows, keys, strict=True)]
        for i in range(len(keys) - 1):
            if f"{keys[i]} {keys[i + 1]}" in _STOP_PAIRS:
                stop[i] = stop[i + 1] = True
        for i, key in enumerate(keys):
            if stop[i]:
                continue
            paired = i + 1 < len(keys) and not stop[i + 1]
            # a Vietnamese syllable counts alone only outside a pair: "pin", not "máy"
            if not vietnamese or not (paired or (i and not stop[i - 1])):
                out.append((key, lows[i]))
            if paired:
                out.append((f"{key} {keys[i + 1]}", f"{lows[i]} {lows[i + 1]}"))
    return out


def _display(forms: Counter[str]) -> str:
    """The most frequent spelling; ties go to the one with more diacritics, then A–Z."""
    return min(forms, key=lambda f: (-forms[f], -sum(not c.isascii() for c in f), f))


def cluster_terms(
    texts: Sequence[str], labels: Sequence[int], n_terms: int = 8, lang: str | None = None
) -> dict[int, list[str]]:
    """Top terms of each cluster by class-based TF-IDF over the documents' texts.

    Parameters
    ----------
    texts
        One text per document (empty: the document has no text in this language).
    labels
        The cluster of each document.
    lang
        Language of every text (``None``: guessed per text with :func:`language_of`).
    n_terms
        Terms kept per cluster. A term is skipped when its words are all in terms already
        kept (``aerial`` after ``unmanned aerial``).

    Returns
    -------
    dict
        Cluster → terms in their display spelling (clusters without text: ``[]``).
    """
    df_c: dict[int, Counter[str]] = defaultdict(Counter)
    docs_c: Counter[int] = Counter()
    df: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for text, c in zip(texts, labels, strict=True):
        if not text:
            continue
        terms = terms_of(text, lang)
        if not terms:
            continue
        keys = set()
        for key, shown in terms:
            keys.add(key)
            forms[key][shown] += 1
        docs_c[int(c)] += 1
        df_c[int(c)].update(keys)
        df.update(keys)
    out: dict[int, list[str]] = {int(c): [] for c in set(labels)}
    if not docs_c:
        return out
    mean_docs = sum(docs_c.values()) / len(docs_c)
    for c, counts in df_c.items():
        n = docs_c[c]
        min_df = 2 if n >= 5 else 1
        scored = sorted(
            (
                (-(m / n) * math.log(1 + mean_docs / df[key]), -key.count(" "), key)
                for key, m in counts.items()
                if m >= min_df
            ),
        )
        kept: list[str] = []
        covered: set[str] = set()
        for _, _, key in scored:
            words = set(key.split())
            if words <= covered:
                continue
            kept.append(key)
            covered |= words
            if len(kept) == n_terms:
                break
        out[c] = [_display(forms[key]) for key in kept]
    return out
