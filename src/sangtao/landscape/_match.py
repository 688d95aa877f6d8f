"""Evaluating a definition against the corpus: which documents and families each node matches.

A strategy is compiled into numbered *criteria*: one per class set (IPC/CPC prefixes,
joined on the subclass then compared by prefix), one per keyword set (a regular expression
over folded title, abstract and claims text), one per list of WIPO fields. The engine finds
the hits of every criterion in one pass per kind, pivots them to one row per document
(``lx_pivot``: a 0/1 column per criterion) and evaluates each node's boolean condition:

    (class include OR keywords OR (combination classes AND combination keywords) …)
    AND NOT (class exclude OR excluded keywords)

A group's set is its own strategy's set united with its products' sets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from sangtao.standards import fold, ipc_scheme

from ._definition import Definition, Node, Strategy
from ._engine import Engine
from ._errors import LandscapeError
from ._sql import quote, render
from ._wipo35 import technology_field_of

__all__ = [
    "Criterion",
    "MatchResult",
    "TEXT_PARTS",
    "keyword_pattern",
    "match_definition",
    "prepare",
    "symbol_prefix",
    "symbol_fields",
]

TEXT_PARTS = ("titles", "abstracts", "claims")
"""The text the keywords are matched in (the corpus's list columns)."""

_WORD_SPLIT = re.compile(r"[^0-9a-z]+")


def symbol_prefix(symbol: str) -> tuple[str, str]:
    """Return ``(subclass, prefix)`` of a definition symbol, in the spaceless stored form.

    A subclass covers itself (``"G06V"``); a main group ``"G06N 3/00"`` covers all its
    subgroups (prefix ``"G06N3/"``); a subgroup covers the subgroups whose digits extend it
    (``"H04L 9/08"`` → ``"H04L9/08"``, matching ``H04L 9/0852``) — the decimal notation of
    the IPC puts a subgroup's descendants there.
    """
    parsed = ipc_scheme().normalize(symbol)
    if not parsed.main_group:
        return parsed.subclass, parsed.subclass
    if parsed.subgroup.strip("0") == "":
        return parsed.subclass, f"{parsed.subclass}{parsed.main_group}/"
    return parsed.subclass, f"{parsed.subclass}{parsed.main_group}/{parsed.subgroup}"


def keyword_pattern(keywords: Iterable[str]) -> str:
    """Return one regular expression matching any of ``keywords`` in folded text.

    Each keyword is folded (:func:`sangtao.standards.fold`); its words may be joined by
    spaces, hyphens or slashes in the text (``machine-learning``); a trailing ``*`` matches
    any ending (``robot*``: robots, robotic); matches start and end on word boundaries.

    Examples
    --------
    >>> keyword_pattern(["Trí tuệ nhân tạo", "robot*"])
    '\\\\b(?:tri[\\\\s\\\\-/]*tue[\\\\s\\\\-/]*nhan[\\\\s\\\\-/]*tao|robot\\\\w*)\\\\b'
    """
    alternatives = []
    for keyword in keywords:
        text = fold(keyword).strip()
        stem = text.endswith("*")
        words = [w for w in _WORD_SPLIT.split(text.rstrip("*")) if w]
        if not words:
            continue
        body = r"[\s\-/]*".join(re.escape(w) for w in words)
        alternatives.append(body + (r"\w*" if stem else ""))
    return r"\b(?:" + "|".join(alternatives) + r")\b"


@dataclass(frozen=True, slots=True)
class Criterion:
    """One numbered test of a node's strategy.

    ``kind`` is ``"class"`` (``payload``: symbols as ``scheme:symbol``), ``"keyword"``
    (``payload``: keywords) or ``"field"`` (``payload``: WIPO field numbers as text);
    ``role`` is ``"include"``, ``"keywords"``, ``"exclude"``, ``"exclude keywords"``,
    ``"combination N classes"`` or ``"combination N keywords"``.
    """

    id: int
    node: str
    role: str
    kind: str
    payload: tuple[str, ...]

    @property
    def column(self) -> str:
        """Its column in ``lx_pivot``."""
        return f"c{self.id}"


@dataclass(slots=True)
class MatchResult:
    """What :func:`match_definition` found.

    Attributes
    ----------
    matches
        Arrow table ``node_id, doc_id, family_id, via`` (also left in the engine as
        ``lx_match``); ``via`` says how: ``classes``, ``keywords``, ``combination``,
        ``product <id>``.
    criteria
        The criteria of every node, for explanations and near-miss samples.
    nodes
        The node ids evaluated, in definition order.
    """

    matches: pa.Table
    criteria: list[Criterion] = field(default_factory=list)
    nodes: list[str] = field(default_factory=list)

    def families(self, node_id: str) -> set[str]:
        """The families matched by one node."""
        table = self.matches.filter(pc.equal(self.matches["node_id"], node_id))
        return set(table["family_id"].to_pylist())

    def documents(self, node_id: str) -> set[str]:
        """The documents matched by one node."""
        table = self.matches.filter(pc.equal(self.matches["node_id"], node_id))
        return set(table["doc_id"].to_pylist())


class _Compiler:
    def __init__(self) -> None:
        self.criteria: list[Criterion] = []

    def add(self, node: str, role: str, kind: str, payload: Sequence[str]) -> Criterion | None:
        if not payload:
            return None
        crit = Criterion(len(self.criteria), node, role, kind, tuple(payload))
        self.criteria.append(crit)
        return crit

    def strategy(self, node: str, s: Strategy) -> str:
        """Add the criteria of a strategy and return its SQL condition over lx_pivot."""
        include: list[str] = []
        exclude: list[str] = []
        classes = [f"ipc:{x}" for x in s.ipc_include] + [f"cpc:{x}" for x in s.cpc_include]
        if c := self.add(node, "include", "class", classes):
            include.append(f"{c.column} = 1")
        if c := self.add(node, "include", "field", [str(n) for n in s.technology_fields]):
            include.append(f"{c.column} = 1")
        if c := self.add(node, "keywords", "keyword", s.keywords):
            include.append(f"{c.column} = 1")
        for i, combo in enumerate(s.combinations, start=1):
            cls = [f"ipc:{x}" for x in combo.ipc] + [f"cpc:{x}" for x in combo.cpc]
            a = self.add(node, f"combination {i} classes", "class", cls)
            b = self.add(node, f"combination {i} keywords", "keyword", combo.keywords)
            if a and b:
                include.append(f"({a.column} = 1 AND {b.column} = 1)")
        out = [f"ipc:{x}" for x in s.ipc_exclude] + [f"cpc:{x}" for x in s.cpc_exclude]
        if c := self.add(node, "exclude", "class", out):
            exclude.append(f"{c.column} = 1")
        if c := self.add(node, "exclude keywords", "keyword", s.keywords_exclude):
            exclude.append(f"{c.column} = 1")
        condition = "(" + " OR ".join(include or ["1 = 0"]) + ")"
        if exclude:
            condition += " AND NOT (" + " OR ".join(exclude) + ")"
        return condition

    def via(self, node: str) -> str:
        mine = [c for c in self.criteria if c.node == node]
        cases = []
        for c in mine:
            if c.role == "include":
                cases.append(f"WHEN {c.column} = 1 THEN 'classes'")
        for c in mine:
            if c.role == "keywords":
                cases.append(f"WHEN {c.column} = 1 THEN 'keywords'")
        return "CASE " + " ".join(cases) + " ELSE 'combination' END" if cases else "'combination'"


def prepare(engine: Engine) -> None:
    """Create the base tables (``lx_documents``, ``lx_doc``, ``lx_class``) once per engine.

    ``lx_documents`` is the corpus's stored rows when no ``doc_id`` is stored twice (no
    copy), else its de-duplicated ``documents`` view materialised once.
    """
    if getattr(engine, "_lx_prepared", False):
        return
    d = engine.dialect
    duplicates = engine.query(render("duplicates", d)).to_pylist()[0]["duplicates"]
    engine.execute(render("documents_as_stored" if not duplicates else "documents_deduplicated", d))
    engine.execute(render("doc", d))
    engine.execute(render("classes", d))
    engine._lx_prepared = True  # type: ignore[attr-defined]


def symbol_fields(symbols: Iterable[str]) -> pa.Table:
    """``symbol`` (spaceless) → WIPO ``field`` for IPC symbols, newer symbols remapped."""
    rows = [(s.replace(" ", ""), technology_field_of(s)) for s in symbols]
    kept = [(s, f) for s, f in rows if f is not None]
    return pa.table(
        {
            "symbol": pa.array([s for s, _ in kept], pa.string()),
            "field": pa.array([f for _, f in kept], pa.int32()),
        }
    )


def _selected(definition: Definition, node_ids: Iterable[str] | None) -> list[Node]:
    if node_ids is None:
        return list(definition.nodes())
    out: list[Node] = []
    for node_id in node_ids:
        try:
            node = definition.node(str(node_id))
        except KeyError as exc:
            raise LandscapeError(str(exc.args[0])) from None
        for n in (node, *node.products):
            if n not in out:
                out.append(n)
    return out


def match_definition(
    engine: Engine,
    definition: Definition,
    node_ids: Iterable[str] | None = None,
    *,
    text_parts: Sequence[str] = TEXT_PARTS,
) -> MatchResult:
    """Find the documents and families each node of a definition matches.

    Parameters
    ----------
    engine
        An engine over the corpus; :func:`prepare` is run if needed.
    definition
        The technology definition.
    node_ids
        Groups or products to evaluate (a group brings its products); all by default.
    text_parts
        Which texts keywords are matched in.

    Returns
    -------
    MatchResult
        Also leaves ``lx_pivot`` (criteria hits per document) and ``lx_match`` in the engine.
    """
    prepare(engine)
    nodes = _selected(definition, node_ids)
    compiler = _Compiler()
    conditions = {n.id: compiler.strategy(n.id, n.strategy) for n in nodes if n.strategy}
    d = engine.dialect
    rules: list[tuple[int, str, str, str]] = []
    for c in compiler.criteria:
        if c.kind == "class":
            for item in c.payload:
                scheme, symbol = item.split(":", 1)
                subclass, prefix = symbol_prefix(symbol)
                rules.append((c.id, scheme, subclass, prefix))
    parts: list[str] = []
    if rules:
        engine.register(
            "lx_rules",
            pa.table(
                {
                    "crit": pa.array([r[0] for r in rules], pa.int32()),
                    "scheme": [r[1] for r in rules],
                    "subclass": [r[2] for r in rules],
                    "prefix": [r[3] for r in rules],
                }
            ),
        )
        parts.append(render("class_hits", d))
    fields = [(c.id, int(n)) for c in compiler.criteria if c.kind == "field" for n in c.payload]
    if fields:
        symbols = engine.query(render("ipc_symbols", d))["symbol"].to_pylist()
        engine.register("lx_symbol_field", symbol_fields(symbols))
        engine.register(
            "lx_field_rules",
            pa.table(
                {
                    "crit": pa.array([f[0] for f in fields], pa.int32()),
                    "field": pa.array([f[1] for f in fields], pa.int32()),
                }
            ),
        )
        parts.append(render("field_hits", d))
    keyword_criteria = [c for c in compiler.criteria if c.kind == "keyword"]
    if keyword_criteria:
        texts = " UNION ALL ".join(render("text_parts", d, part=p) for p in text_parts)
        everything = keyword_pattern(k for c in keyword_criteria for k in c.payload)
        engine.execute(
            render(
                "text_candidates",
                d,
                parts=texts,
                fold_raw=d.fold("raw"),
                any_keyword=d.folded_matches("raw", everything),
            )
        )
        for c in keyword_criteria:
            parts.append(
                render(
                    "keyword_hits",
                    d,
                    crit=str(c.id),
                    matches=d.regexp("text", keyword_pattern(c.payload)),
                )
            )
    if not parts:
        parts.append("SELECT '' AS doc_id, '' AS family_id, 0 AS crit WHERE 1 = 0")
    engine.execute(render("hits", d, union=" UNION ALL ".join(parts)))
    columns = ", ".join(
        f"max(CASE WHEN crit = {c.id} THEN 1 ELSE 0 END) AS {c.column}" for c in compiler.criteria
    )
    engine.execute(render("pivot", d, columns=columns or "0 AS c_none"))
    selects = [
        render("node_match", d, node=quote(nid), via=compiler.via(nid), condition=cond)
        for nid, cond in conditions.items()
    ]
    own = " UNION ALL ".join(selects) or (
        "SELECT '' AS node_id, '' AS doc_id, '' AS family_id, '' AS via WHERE 1 = 0"
    )
    engine.execute(render("match", d, union=own))
    for group in (n for n in nodes if n.products):
        products = ", ".join(quote(p.id) for p in group.products)
        engine.execute(render("group_union", d, group=quote(group.id), products=products))
    matches = engine.query(render("matches", d))
    return MatchResult(matches=matches, criteria=compiler.criteria, nodes=[n.id for n in nodes])
