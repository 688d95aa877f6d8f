"""The two procedural regimes of Viet Nam's industrial-property law, chosen by date.

Regime A: Law 50/2005/QH11 as amended up to Law 07/2022/QH15, Decree 65/2023/ND-CP,
Circular 23/2023/TT-BKHCN and the fee circulars; procedural acts up to 31 March 2026.
Regime B: Regime A as amended by Law 131/2025/QH15, Decree 100/2026/ND-CP and Circular
10/2026/TT-BKHCN, from 1 April 2026. Which trigger date selects the regime for each kind
of period is a transitional question left to the caller [unconfirmed].
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sangtao.law._basis import Confidence

__all__ = ["REGIMES", "REGIME_A", "REGIME_B", "Instrument", "Regime", "regime_on"]


@dataclass(frozen=True, slots=True)
class Instrument:
    """A law, decree or circular that forms part of a regime.

    Parameters
    ----------
    number : str
        Official number, e.g. ``"131/2025/QH15"``.
    kind_vi, kind_en : str
        ``Luật`` / Law, ``Nghị định`` / Decree, ``Thông tư`` / Circular.
    title_en : str
        Short English title.
    effective_from : datetime.date or None
        When it took effect.
    confidence : Confidence
        How well its date and content are established.
    note : str
        Caveats.
    """

    number: str
    kind_vi: str
    kind_en: str
    title_en: str
    effective_from: dt.date | None
    confidence: Confidence
    note: str = ""

    def __str__(self) -> str:
        return f"{self.kind_en} {self.number}"


@dataclass(frozen=True, slots=True)
class Regime:
    """A set of instruments in force together over a span of dates.

    Parameters
    ----------
    code : str
        ``"A"`` or ``"B"``.
    name_vi, name_en : str
        Description.
    effective_from, effective_to : datetime.date or None
        Inclusive span; ``None`` is open.
    instruments : tuple of Instrument
        What the regime consists of.
    note : str
        Caveats.
    """

    code: str
    name_vi: str
    name_en: str
    effective_from: dt.date | None
    effective_to: dt.date | None
    instruments: tuple[Instrument, ...]
    note: str = ""

    def in_force_on(self, d: dt.date) -> bool:
        """Whether the regime applies to acts on ``d``."""
        after_start = self.effective_from is None or self.effective_from <= d
        return after_start and (self.effective_to is None or d <= self.effective_to)


def _law(
    number: str, title: str, since: dt.date | None, conf: Confidence, note: str = ""
) -> Instrument:
    return Instrument(number, "Luật", "Law", title, since, conf, note)


_C = Confidence
_REGIME_A_INSTRUMENTS = (
    _law(
        "50/2005/QH11",
        "Law on Intellectual Property",
        dt.date(2006, 7, 1),
        _C.CONFIRMED,
        "Effective date from background knowledge.",
    ),
    _law("36/2009/QH12", "Law amending the IP Law", dt.date(2010, 1, 1), _C.UNCONFIRMED),
    _law(
        "42/2019/QH14",
        "Law amending the Insurance and IP Laws",
        dt.date(2019, 11, 1),
        _C.UNCONFIRMED,
    ),
    _law(
        "07/2022/QH15",
        "Law amending the IP Law",
        dt.date(2023, 1, 1),
        _C.CONFIRMED,
        "Oppositions (Art. 112a), complaints (Art. 119a), deferred design publication.",
    ),
    Instrument(
        "65/2023/ND-CP",
        "Nghị định",
        "Decree",
        "Decree detailing industrial property",
        dt.date(2023, 8, 23),
        _C.CONFIRMED,
        "Replaced Decrees 103/2006 and 105/2006.",
    ),
    Instrument(
        "23/2023/TT-BKHCN",
        "Thông tư",
        "Circular",
        "Circular guiding the IP Law",
        dt.date(2023, 11, 30),
        _C.CONFIRMED,
        "Replaced Circular 01/2007.",
    ),
    Instrument(
        "263/2016/TT-BTC",
        "Thông tư",
        "Circular",
        "Industrial-property fees and charges",
        dt.date(2017, 1, 1),
        _C.CONFIRMED,
    ),
    Instrument(
        "31/2020/TT-BTC",
        "Thông tư",
        "Circular",
        "Amending Circular 263/2016/TT-BTC",
        dt.date(2020, 7, 1),
        _C.CONFIRMED,
        "Consolidated text 23/VBHN-BTC (8 Jun 2020).",
    ),
)

#: Regime A: the law before the 2025 amendment.
REGIME_A = Regime(
    code="A",
    name_vi="Luật SHTT sửa đổi đến Luật 07/2022, Nghị định 65/2023, Thông tư 23/2023",
    name_en="IP Law as amended to Law 07/2022, Decree 65/2023, Circular 23/2023",
    effective_from=None,
    effective_to=dt.date(2026, 3, 31),
    instruments=_REGIME_A_INSTRUMENTS,
    note="Open start: earlier states of the law are not modelled; see each instrument's date.",
)

#: Regime B: from 1 April 2026.
REGIME_B = Regime(
    code="B",
    name_vi="Chế độ A sửa đổi bởi Luật 131/2025, Nghị định 100/2026, Thông tư 10/2026",
    name_en="Regime A as amended by Law 131/2025, Decree 100/2026, Circular 10/2026",
    effective_from=dt.date(2026, 4, 1),
    effective_to=None,
    instruments=(
        *_REGIME_A_INSTRUMENTS,
        _law(
            "131/2025/QH15",
            "Law amending the IP Law (71 articles amended, 8 repealed)",
            dt.date(2026, 4, 1),
            _C.CONFIRMED,
            "Passed 10 Dec 2025.",
        ),
        Instrument(
            "100/2026/ND-CP",
            "Nghị định",
            "Decree",
            "Decree amending Decree 65/2023",
            dt.date(2026, 4, 1),
            _C.CONFIRMED,
            "Existence confirmed; contents single source. Decrees 15/2026 and 33/2026 "
            "also reported.",
        ),
        Instrument(
            "10/2026/TT-BKHCN",
            "Thông tư",
            "Circular",
            "Circular guiding the amended law",
            dt.date(2026, 4, 1),
            _C.CONFIRMED,
            "Existence confirmed; contents unconfirmed.",
        ),
    ),
    note="Whether a new fee circular replaces 263/2016 in 2026 is unconfirmed.",
)

REGIMES: tuple[Regime, ...] = (REGIME_A, REGIME_B)


def regime_on(d: dt.date) -> Regime:
    """Return the regime in force on ``d``.

    Parameters
    ----------
    d : datetime.date
        The date of the trigger event that the transitional rule points to for the period in
        question (publication, filing, notice signature...).

    Returns
    -------
    Regime
        ``REGIME_A`` up to 31 March 2026, ``REGIME_B`` from 1 April 2026.
    """
    for regime in REGIMES:
        if regime.in_force_on(d):
            return regime
    raise LookupError(f"no regime in force on {d.isoformat()}")  # pragma: no cover
