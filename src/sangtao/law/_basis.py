"""Legal references and confidence markers carried by every rule in a law pack."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Confidence", "LegalReference"]


class Confidence(StrEnum):
    """How well a rule is established, as marked in the project's reference notes.

    ``confirmed``: stated in an official or primary text, or in two or more independent
    sources. ``single_source``: one secondary source. ``unconfirmed``: background knowledge
    or a truncated source; such a rule must stay configurable and be checked before use.
    """

    CONFIRMED = "confirmed"
    SINGLE_SOURCE = "single_source"
    UNCONFIRMED = "unconfirmed"


@dataclass(frozen=True, slots=True)
class LegalReference:
    """A pointer to the legal text that a rule comes from.

    Parameters
    ----------
    instrument : str
        The law, decree, circular or treaty, e.g. ``"Civil Code No. 91/2015/QH13"``.
    provision : str, optional
        Article, clause, appendix or item, e.g. ``"Arts. 147-148"``.
    confidence : Confidence, optional
        How well the rule is established (default ``confirmed``).
    note : str, optional
        Anything a reader must know: sources, conflicts, what is left to check.
    """

    instrument: str
    provision: str = ""
    confidence: Confidence = Confidence.CONFIRMED
    note: str = ""

    def __str__(self) -> str:
        return f"{self.instrument}, {self.provision}" if self.provision else self.instrument
