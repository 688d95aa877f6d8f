"""Technology definitions: versioned, reviewable search strategies read from YAML.

A definition (schema ``sangtao.landscape/definition@1``) names a taxonomy (a decision with
its dates), the classification editions its symbols refer to, a review status, a change log
and a tree of groups and products. Each node has an official Vietnamese name, an English name
and a :class:`Strategy`: IPC/CPC symbols to include and exclude, keywords in English and
Vietnamese, excluded keywords and combinations (classes AND keywords). Until IP Viet Nam's
examiners approve it, every strategy is a ``proposal``.

The shipped definitions live in ``sangtao/landscape/data/`` (``qd1131-2025.yaml``,
``qd21-2026.yaml``); users write their own in the same schema and load them with
:func:`load_definition`, which reports every problem at once with the path of the field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from sangtao.standards import MalformedSymbol, fold, ipc_scheme

from ._errors import DefinitionError

__all__ = [
    "SCHEMA_ID",
    "STATUSES",
    "Change",
    "Combination",
    "Definition",
    "Node",
    "Strategy",
    "builtin_definitions",
    "definition_from_dict",
    "load_definition",
]

SCHEMA_ID = "sangtao.landscape/definition@1"
STATUSES = ("proposal", "approved", "retired")
"""Review statuses: a ``proposal`` awaits IP Viet Nam's examiners; ``approved`` names them."""

_BUILTIN = ("qd1131-2025", "qd21-2026")
_KEYWORD = re.compile(r"^[^\s*][^*]*\*?$")


@dataclass(frozen=True, slots=True)
class Combination:
    """Classes AND keywords: a document needs one of the symbols and one of the keywords."""

    ipc: tuple[str, ...] = ()
    cpc: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Strategy:
    """How a technology is found in patent documents.

    A document matches when (any included symbol OR any keyword OR any combination) AND NOT
    (any excluded symbol OR any excluded keyword). Symbols are in display form
    (``"G06N 3/00"``, ``"G06V"``) and cover everything below them; keywords are matched
    folded (:func:`sangtao.standards.fold`) as whole words, a trailing ``*`` being a stem.

    Attributes
    ----------
    status
        ``"proposal"`` (default), ``"approved"`` or ``"retired"``.
    reviewed_by, reviewed_on
        The examiner who approved the strategy and when (``None`` for a proposal).
    technology_fields
        WIPO fields of technology (1–35) whose IPC symbols are included (via
        :func:`sangtao.standards.technology_field` and the remapping of newer symbols).
    """

    ipc_include: tuple[str, ...] = ()
    ipc_exclude: tuple[str, ...] = ()
    cpc_include: tuple[str, ...] = ()
    cpc_exclude: tuple[str, ...] = ()
    keywords_en: tuple[str, ...] = ()
    keywords_vi: tuple[str, ...] = ()
    keywords_exclude: tuple[str, ...] = ()
    combinations: tuple[Combination, ...] = ()
    technology_fields: tuple[int, ...] = ()
    status: str = "proposal"
    reviewed_by: str | None = None
    reviewed_on: dt.date | None = None
    note: str | None = None

    @property
    def keywords(self) -> tuple[str, ...]:
        """English and Vietnamese keywords together."""
        return self.keywords_en + self.keywords_vi

    @property
    def is_empty(self) -> bool:
        """Whether the strategy can match nothing by itself."""
        return not (
            self.ipc_include
            or self.cpc_include
            or self.keywords
            or self.combinations
            or self.technology_fields
        )


@dataclass(frozen=True, slots=True)
class Node:
    """A group or a product of a definition.

    Attributes
    ----------
    id
        Unique in the definition (``"11"``, ``"11.3"``, ``"P22"``).
    name_vi, name_en
        Official Vietnamese name; English name (unofficial unless the decision has one).
    strategy
        ``None`` for a group defined only by its products.
    products
        The products of a group (empty for a product).
    parent
        The id of the group of a product, ``None`` for a group.
    tier, tags
        Free attributes kept from the YAML (``tier`` of Decision 21/2026 products).
    """

    id: str
    name_vi: str
    name_en: str
    strategy: Strategy | None = None
    products: tuple[Node, ...] = ()
    parent: str | None = None
    tier: int | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of a definition's change log: who changed what, when."""

    version: str
    date: dt.date
    author: str
    change: str
    nodes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Definition:
    """A versioned technology definition (see the module documentation for the schema).

    Attributes
    ----------
    id, version
        ``"qd1131-2025"``, ``"0.1.0"``.
    title_vi, title_en
        Title in Vietnamese and English.
    taxonomy
        The taxonomy it implements: ``id``, ``issued``, ``in_force_from``, ``in_force_until``,
        ``source`` (as written in the YAML).
    status
        Review status of the definition as a whole (see :data:`STATUSES`).
    review
        ``note_vi``, ``note_en``, ``approved_by``, ``approved_on``.
    classification
        The editions symbols refer to: ``{"ipc": "2024.01", "cpc": "2024.01"}``.
    changelog
        Every change, oldest first.
    groups
        The groups, each with its products.
    source
        The file it was read from (``"<builtin>/…"`` for shipped ones).
    """

    id: str
    version: str
    title_vi: str
    title_en: str
    taxonomy: Mapping[str, Any]
    status: str
    review: Mapping[str, Any]
    classification: Mapping[str, str]
    changelog: tuple[Change, ...]
    groups: tuple[Node, ...]
    source: str = "<dict>"
    _index: dict[str, Node] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for node in self.nodes():
            self._index[node.id] = node

    def nodes(self) -> Iterator[Node]:
        """Every group followed by its products, in order."""
        for group in self.groups:
            yield group
            yield from group.products

    def node(self, node_id: str) -> Node:
        """Return the group or product ``node_id``.

        Raises
        ------
        KeyError
            With the ids that exist.
        """
        try:
            return self._index[str(node_id)]
        except KeyError:
            known = ", ".join(self._index)
            raise KeyError(
                f"{self.id} has no group or product {node_id!r} (known: {known})"
            ) from None

    @property
    def is_proposal(self) -> bool:
        """Whether any strategy still awaits approval."""
        return self.status != "approved" or any(
            n.strategy is not None and n.strategy.status == "proposal" for n in self.nodes()
        )


class _Checker:
    """Collects problems with the path of each field."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def mapping(self, value: Any, path: str, allowed: set[str]) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.fail(path, f"expected a mapping, got {type(value).__name__}")
            return {}
        for key in value:
            if key not in allowed:
                self.fail(f"{path}.{key}", f"unknown key (allowed: {', '.join(sorted(allowed))})")
        return dict(value)

    def text(self, value: Any, path: str, *, required: bool = True) -> str:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(path, "required text is missing")
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.fail(path, f"expected text, got {type(value).__name__}")
            return ""
        return value.strip()

    def date(self, value: Any, path: str, *, required: bool = True) -> dt.date | None:
        if value is None:
            if required:
                self.fail(path, "required date is missing")
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(path, f"{value!r} is not a date (YYYY-MM-DD)")
            return None

    def strings(self, value: Any, path: str) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str) or not isinstance(value, list):
            self.fail(path, "expected a list")
            return []
        out = []
        for i, item in enumerate(value):
            text = self.text(item, f"{path}[{i}]")
            if text:
                out.append(text)
        return out

    def symbols(self, value: Any, path: str) -> tuple[str, ...]:
        out: list[str] = []
        scheme = ipc_scheme()
        for i, raw in enumerate(self.strings(value, path)):
            try:
                parsed = scheme.normalize(raw)
            except MalformedSymbol:
                self.fail(f"{path}[{i}]", f"{raw!r} is not an IPC/CPC symbol (e.g. 'G06N 3/00')")
                continue
            if not parsed.subclass_letter:
                self.fail(
                    f"{path}[{i}]",
                    f"{raw!r} is a section or class: give a subclass or group (e.g. 'G06N')",
                )
                continue
            if parsed.display not in out:
                out.append(parsed.display)
        return tuple(out)

    def keywords(self, value: Any, path: str) -> tuple[str, ...]:
        out: list[str] = []
        for i, raw in enumerate(self.strings(value, path)):
            if not _KEYWORD.match(raw) or not fold(raw).strip("* "):
                self.fail(
                    f"{path}[{i}]", f"{raw!r}: a keyword is a word or phrase, '*' only at the end"
                )
                continue
            if raw not in out:
                out.append(raw)
        return tuple(out)


def _classes(c: _Checker, value: Any, path: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if isinstance(value, list):
        return c.symbols(value, path), ()
    data = c.mapping(value, path, {"include", "exclude"})
    return c.symbols(data.get("include"), f"{path}.include"), c.symbols(
        data.get("exclude"), f"{path}.exclude"
    )


def _strategy(c: _Checker, value: Any, path: str) -> Strategy | None:
    if value is None:
        return None
    allowed = {
        "status",
        "reviewed_by",
        "reviewed_on",
        "ipc",
        "cpc",
        "keywords",
        "combinations",
        "technology_fields",
        "note",
    }
    data = c.mapping(value, path, allowed)
    ipc_in, ipc_out = _classes(c, data.get("ipc"), f"{path}.ipc")
    cpc_in, cpc_out = _classes(c, data.get("cpc"), f"{path}.cpc")
    kw = c.mapping(data.get("keywords"), f"{path}.keywords", {"en", "vi", "exclude"})
    combos: list[Combination] = []
    raw_combos = data.get("combinations") or []
    if not isinstance(raw_combos, list):
        c.fail(f"{path}.combinations", "expected a list")
        raw_combos = []
    for i, raw in enumerate(raw_combos):
        cpath = f"{path}.combinations[{i}]"
        cd = c.mapping(raw, cpath, {"ipc", "cpc", "keywords"})
        combo = Combination(
            ipc=c.symbols(cd.get("ipc"), f"{cpath}.ipc"),
            cpc=c.symbols(cd.get("cpc"), f"{cpath}.cpc"),
            keywords=c.keywords(cd.get("keywords"), f"{cpath}.keywords"),
        )
        if not (combo.ipc or combo.cpc) or not combo.keywords:
            c.fail(cpath, "a combination needs classes (ipc or cpc) AND keywords")
        combos.append(combo)
    fields: list[int] = []
    for i, raw in enumerate(data.get("technology_fields") or []):
        if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= 35:
            c.fail(f"{path}.technology_fields[{i}]", f"{raw!r} is not a WIPO field (1-35)")
        else:
            fields.append(raw)
    status = c.text(data.get("status", "proposal"), f"{path}.status")
    if status and status not in STATUSES:
        c.fail(f"{path}.status", f"{status!r} is not one of {', '.join(STATUSES)}")
    reviewed_by = c.text(data.get("reviewed_by"), f"{path}.reviewed_by", required=False) or None
    reviewed_on = c.date(data.get("reviewed_on"), f"{path}.reviewed_on", required=False)
    if status == "approved" and not (reviewed_by and reviewed_on):
        c.fail(path, "an approved strategy names its examiner (reviewed_by) and date (reviewed_on)")
    strategy = Strategy(
        ipc_include=ipc_in,
        ipc_exclude=ipc_out,
        cpc_include=cpc_in,
        cpc_exclude=cpc_out,
        keywords_en=c.keywords(kw.get("en"), f"{path}.keywords.en"),
        keywords_vi=c.keywords(kw.get("vi"), f"{path}.keywords.vi"),
        keywords_exclude=c.keywords(kw.get("exclude"), f"{path}.keywords.exclude"),
        combinations=tuple(combos),
        technology_fields=tuple(fields),
        status=status or "proposal",
        reviewed_by=reviewed_by,
        reviewed_on=reviewed_on,
        note=c.text(data.get("note"), f"{path}.note", required=False) or None,
    )
    if strategy.is_empty:
        c.fail(path, "the strategy matches nothing: give symbols, keywords or combinations")
    return strategy


_NODE_KEYS = {"id", "name_vi", "name_en", "strategy", "products", "tier", "tags"}


def _node(c: _Checker, value: Any, path: str, parent: str | None, seen: set[str]) -> Node:
    data = c.mapping(value, path, _NODE_KEYS)
    node_id = c.text(data.get("id"), f"{path}.id")
    if node_id in seen:
        c.fail(f"{path}.id", f"duplicate id {node_id!r}")
    seen.add(node_id)
    products: list[Node] = []
    raw_products = data.get("products") or []
    if parent is not None and raw_products:
        c.fail(f"{path}.products", "a product cannot have products")
    elif not isinstance(raw_products, list):
        c.fail(f"{path}.products", "expected a list")
    else:
        for i, raw in enumerate(raw_products):
            products.append(_node(c, raw, f"{path}.products[{i}]", node_id, seen))
    strategy = _strategy(c, data.get("strategy"), f"{path}.strategy")
    if strategy is None and not products:
        c.fail(path, "a node needs a strategy (or, for a group, products)")
    tier = data.get("tier")
    if tier is not None and (isinstance(tier, bool) or not isinstance(tier, int)):
        c.fail(f"{path}.tier", "expected a whole number")
        tier = None
    return Node(
        id=node_id,
        name_vi=c.text(data.get("name_vi"), f"{path}.name_vi"),
        name_en=c.text(data.get("name_en"), f"{path}.name_en"),
        strategy=strategy,
        products=tuple(products),
        parent=parent,
        tier=tier,
        tags=tuple(c.strings(data.get("tags"), f"{path}.tags")),
    )


_TOP_KEYS = {
    "schema",
    "id",
    "version",
    "title_vi",
    "title_en",
    "taxonomy",
    "status",
    "review",
    "classification",
    "changelog",
    "groups",
}


def definition_from_dict(data: Any, source: str = "<dict>") -> Definition:
    """Validate a parsed YAML document and return its :class:`Definition`.

    Parameters
    ----------
    data
        The mapping read from YAML.
    source
        Named in error messages.

    Raises
    ------
    DefinitionError
        Listing every problem, each with the path of its field.
    """
    c = _Checker()
    top = c.mapping(data, "definition", _TOP_KEYS)
    if data is not None and not top and not isinstance(data, Mapping):
        raise DefinitionError(source, c.problems)
    if top.get("schema") != SCHEMA_ID:
        c.fail("schema", f"expected {SCHEMA_ID!r}, got {top.get('schema')!r}")
    status = c.text(top.get("status"), "status")
    if status and status not in STATUSES:
        c.fail("status", f"{status!r} is not one of {', '.join(STATUSES)}")
    review = c.mapping(
        top.get("review"), "review", {"note_vi", "note_en", "approved_by", "approved_on"}
    )
    if status == "approved" and not (review.get("approved_by") and review.get("approved_on")):
        c.fail("review", "an approved definition names who approved it and when")
    taxonomy = c.mapping(
        top.get("taxonomy"),
        "taxonomy",
        {"id", "issued", "in_force_from", "in_force_until", "source", "replaces", "replaced_by"},
    )
    c.text(taxonomy.get("id"), "taxonomy.id")
    classification = c.mapping(top.get("classification"), "classification", {"ipc", "cpc"})
    if not classification.get("ipc"):
        c.fail("classification.ipc", "give the IPC edition the symbols refer to (e.g. 2024.01)")
    changes: list[Change] = []
    raw_log = top.get("changelog")
    if not isinstance(raw_log, list) or not raw_log:
        c.fail("changelog", "at least one entry (version, date, author, change) is required")
        raw_log = []
    for i, raw in enumerate(raw_log):
        path = f"changelog[{i}]"
        entry = c.mapping(raw, path, {"version", "date", "author", "change", "nodes"})
        changes.append(
            Change(
                version=c.text(entry.get("version"), f"{path}.version"),
                date=c.date(entry.get("date"), f"{path}.date") or dt.date.min,
                author=c.text(entry.get("author"), f"{path}.author"),
                change=c.text(entry.get("change"), f"{path}.change"),
                nodes=tuple(c.strings(entry.get("nodes"), f"{path}.nodes")),
            )
        )
    version = c.text(top.get("version"), "version")
    if changes and version and changes[-1].version != version:
        c.fail("changelog", f"the last entry is version {changes[-1].version!r}, not {version!r}")
    groups: list[Node] = []
    raw_groups = top.get("groups")
    if not isinstance(raw_groups, list) or not raw_groups:
        c.fail("groups", "at least one group is required")
        raw_groups = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_groups):
        groups.append(_node(c, raw, f"groups[{i}]", None, seen))
    if c.problems:
        raise DefinitionError(source, c.problems)
    return Definition(
        id=c.text(top.get("id"), "id"),
        version=version,
        title_vi=c.text(top.get("title_vi"), "title_vi"),
        title_en=c.text(top.get("title_en"), "title_en"),
        taxonomy=dict(taxonomy),
        status=status,
        review=review,
        classification={k: str(v) for k, v in classification.items()},
        changelog=tuple(changes),
        groups=tuple(groups),
        source=source,
    )


def builtin_definitions() -> tuple[str, ...]:
    """Ids of the definitions shipped with the library (WIPO 35 fields included)."""
    return (*_BUILTIN, "wipo35")


def load_definition(name_or_path: str | Path) -> Definition:
    """Load a shipped definition by id or a user-written one from a YAML file.

    Parameters
    ----------
    name_or_path
        ``"qd1131-2025"``, ``"qd21-2026"``, ``"wipo35"`` (see :func:`wipo35_definition
        <sangtao.landscape.wipo35_definition>`) or the path of a YAML file in the same schema.

    Raises
    ------
    DefinitionError
        If the YAML is unreadable or invalid (every problem listed with its field path).
    FileNotFoundError
        If it is neither a shipped id nor an existing file.
    """
    key = str(name_or_path)
    if key == "wipo35":
        from ._wipo35 import wipo35_definition

        return wipo35_definition()
    if key in _BUILTIN:
        text = (
            resources.files("sangtao.landscape").joinpath("data", f"{key}.yaml").read_text("utf-8")
        )
        source = f"<builtin>/{key}.yaml"
    else:
        path = Path(key)
        if not path.is_file():
            known = ", ".join(builtin_definitions())
            raise FileNotFoundError(f"no definition {key!r}: not a file and not one of {known}")
        text = path.read_text(encoding="utf-8")
        source = str(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DefinitionError(source, [f"not valid YAML: {exc}"]) from exc
    return definition_from_dict(data, source)
