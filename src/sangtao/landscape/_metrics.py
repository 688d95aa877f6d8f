"""Landscape metrics in the WIPO manner, counted by simple patent family.

:func:`build_landscape` matches a definition (or one of its groups) against the corpus and
computes, with the statements of :mod:`sangtao.landscape._sql`:

- filings over time by earliest-priority (first filing) year and by first-publication year,
  with years flagged incomplete under the 18-month publication lag, year-on-year growth and
  the compound annual growth rate (CAGR) over the last complete years;
- top applicants after name harmonisation, with their sector and country;
- origin → office flows (origin: inventor countries, else applicant countries, else the
  first-filing office, else the publishing office; one count per country);
- families at IP Viet Nam (office VN) by Vietnamese applicant / inventor versus foreign;
  families of Vietnamese origin by office;
- revealed technological advantage (RTA) of each origin country;
- co-applicant network and citation network (edges with weights);
- IPC subclasses and main groups, WIPO fields of technology inside the set;
- products of the group mapped to their families.

References
----------
WIPO, *Guidelines for Preparing Patent Landscape Reports* (2015); WIPO Technology Trends
methodology appendix (simple families, first filing, inventor origin); OECD, *Patent
Statistics Manual* (2009), RTA (Balassa index).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from sangtao.standards import UnknownSymbol, fold, ipc_scheme, technology_concordance

from ._definition import Definition, Node
from ._engine import DuckDBEngine, Engine
from ._errors import LandscapeError
from ._harmonise import NameHarmoniser, default_harmoniser
from ._match import MatchResult, match_definition, symbol_fields
from ._sql import quote, render

__all__ = ["Landscape", "build_landscape", "incomplete_years", "cagr"]

PUBLICATION_LAG_MONTHS = 18
_VI_LETTERS = frozenset("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
_VI_NAME_MARKS = ("viet nam", "vietnam", "cong ty", "tong cong ty", "tap doan", "dai hoc")


@dataclass(slots=True)
class Landscape:
    """A computed landscape: its tables and what they were computed from.

    Attributes
    ----------
    definition
        The technology definition.
    node
        The group or product mapped (``None``: every group of the definition).
    tables
        Name → Arrow table (see :data:`TABLES` in the module documentation of
        :mod:`sangtao.landscape`).
    meta
        Corpus size, latest publication date, last complete years, counts, timings.
    match
        The matching result (documents and families of every node evaluated).
    """

    definition: Definition
    node: Node | None
    tables: dict[str, pa.Table] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    match: MatchResult | None = None

    def rows(self, name: str) -> list[dict[str, Any]]:
        """The rows of table ``name`` as dictionaries."""
        return self.tables[name].to_pylist()


def incomplete_years(latest_publication: dt.date, lag_months: int = PUBLICATION_LAG_MONTHS) -> int:
    """Return the last priority year whose filings are all published by ``latest_publication``.

    A filing of 31 December of year Y is published ``lag_months`` later; the year is complete
    when that date is on or before the data's latest publication date.

    Examples
    --------
    >>> incomplete_years(dt.date(2026, 11, 1))
    2024
    >>> incomplete_years(dt.date(2026, 5, 31))
    2023
    """
    for year in range(latest_publication.year, latest_publication.year - 100, -1):
        months = year * 12 + 11 + lag_months
        y, m = divmod(months, 12)
        next_month = dt.date(y + (m + 1) // 12, (m + 1) % 12 + 1, 1)
        if next_month - dt.timedelta(days=1) <= latest_publication:
            return year
    return latest_publication.year - 100


def cagr(first: float, last: float, years: int) -> float | None:
    """Compound annual growth rate from ``first`` to ``last`` over ``years`` years."""
    if years <= 0 or first <= 0 or last < 0:
        return None
    return (last / first) ** (1 / years) - 1


def _series(
    rows: list[dict[str, Any]], last_complete: int | None, basis: str
) -> list[dict[str, Any]]:
    counts = {int(r["year"]): int(r["families"]) for r in rows}
    if not counts:
        return []
    out = []
    previous: int | None = None
    for year in range(min(counts), max(counts) + 1):
        n = counts.get(year, 0)
        growth = (n - previous) / previous if previous else None
        out.append(
            {
                "basis": basis,
                "year": year,
                "families": n,
                "growth": growth,
                "incomplete": last_complete is not None and year > last_complete,
            }
        )
        previous = n
    return out


def _growth(series: list[dict[str, Any]], basis: str, window: int) -> dict[str, Any]:
    complete = [r for r in series if not r["incomplete"]]
    row: dict[str, Any] = {"basis": basis, "window_start": None, "window_end": None}
    row.update(families_start=None, families_end=None, cagr=None)
    if len(complete) < 2:
        return row
    end = complete[-1]
    start = next((r for r in complete if r["year"] >= end["year"] - window), complete[0])
    row.update(
        window_start=start["year"],
        window_end=end["year"],
        families_start=start["families"],
        families_end=end["families"],
        cagr=cagr(start["families"], end["families"], end["year"] - start["year"]),
    )
    return row


def _is_vietnamese(name: str) -> bool:
    lowered = name.lower()
    if any(ch in _VI_LETTERS for ch in lowered):
        return True
    folded = fold(name)
    return any(mark in folded for mark in _VI_NAME_MARKS)


def _table(rows: list[dict[str, Any]], schema: dict[str, pa.DataType]) -> pa.Table:
    return pa.table(
        {name: pa.array([r.get(name) for r in rows], kind) for name, kind in schema.items()}
    )


class _Builder:
    def __init__(self, engine: Engine, landscape: Landscape, harmoniser: NameHarmoniser) -> None:
        self.engine = engine
        self.d = engine.dialect
        self.ls = landscape
        self.h = harmoniser
        self.timings: dict[str, float] = {}

    def q(self, name: str, **params: str) -> pa.Table:
        start = time.perf_counter()
        table = self.engine.query(render(name, self.d, **params))
        self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start
        return table

    def x(self, name: str, **params: str) -> None:
        start = time.perf_counter()
        self.engine.execute(render(name, self.d, **params))
        self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start

    def set_tables(self, nodes: list[str]) -> None:
        self.x("set", nodes=", ".join(quote(n) for n in nodes))
        self.x("set_doc")
        self.x("set_family")
        self.x("set_party")
        self.x("set_origin", origin=render("origin", self.d, source="lx_sdoc"))

    def time_series(self, latest: dt.date | None, window: int) -> None:
        last_priority = incomplete_years(latest) if latest else None
        last_publication = None
        if latest:
            last_publication = (
                latest.year if (latest.month, latest.day) == (12, 31) else latest.year - 1
            )
        prio = _series(self.q("filings_by_priority_year").to_pylist(), last_priority, "priority")
        pub = _series(
            self.q("filings_by_publication_year").to_pylist(), last_publication, "publication"
        )
        schema = {
            "basis": pa.string(),
            "year": pa.int32(),
            "families": pa.int64(),
            "growth": pa.float64(),
            "incomplete": pa.bool_(),
        }
        self.ls.tables["filings_by_priority_year"] = _table(prio, schema)
        self.ls.tables["filings_by_publication_year"] = _table(pub, schema)
        self.ls.tables["growth"] = _table(
            [_growth(prio, "priority", window), _growth(pub, "publication", window)],
            {
                "basis": pa.string(),
                "window_start": pa.int32(),
                "window_end": pa.int32(),
                "families_start": pa.int64(),
                "families_end": pa.int64(),
                "cagr": pa.float64(),
            },
        )
        self.ls.meta.update(
            last_complete_priority_year=last_priority,
            last_complete_publication_year=last_publication,
        )

    def names(self) -> None:
        rows = self.q("applicant_names").to_pylist()
        weighted: list[str] = []
        for r in rows:
            weighted.extend([r["name"]] * int(r["families"]))
        mapping = self.h.harmonise(weighted)
        names = sorted(mapping)
        self.engine.register(
            "lx_names",
            pa.table(
                {
                    "name": pa.array(names, pa.string()),
                    "key": pa.array([mapping[n][0] for n in names], pa.string()),
                    "display": pa.array([mapping[n][1] for n in names], pa.string()),
                    "kind": pa.array([self.h.kind(n) for n in names], pa.string()),
                    "vietnamese": pa.array([int(_is_vietnamese(n)) for n in names], pa.int32()),
                }
            ),
        )
        self.ls.meta["applicant_spellings"] = len(names)
        self.ls.meta["applicants_harmonised"] = len({mapping[n][0] for n in names})
        self.ls.tables["harmonised_names"] = self.engine.query(
            "SELECT key, display, name, kind, vietnamese FROM lx_names ORDER BY key, name"
        )

    def applicants(self, top: int) -> None:
        table = self.q("top_applicants", limit=str(int(top)))
        countries: dict[str, tuple[int, str]] = {}
        for r in self.q("applicant_countries").to_pylist():
            best = countries.get(r["key"])
            if best is None or (r["families"], r["country"]) > best:
                countries[r["key"]] = (r["families"], r["country"])
        keys = table["key"].to_pylist()
        self.ls.tables["top_applicants"] = table.append_column(
            "country", pa.array([countries.get(k, (0, None))[1] for k in keys], pa.string())
        )
        years = self.q("applicant_years")
        self.ls.tables["applicant_years"] = years.filter(
            pc.is_in(years["key"], pa.array(keys, pa.string()))
        )

    def geography(self, rta_min: int) -> None:
        self.ls.tables["flows"] = self.q("flows")
        self.ls.tables["origins"] = self.q("origins")
        unknown = self.q("set_without_origin").to_pylist()[0]["families"]
        self.ls.meta["families_without_origin"] = unknown
        self.ls.tables["vn_office"] = self.q("vn_office")
        self.ls.tables["vn_origin"] = self.q("vn_origin")
        # the whole corpus's origins, counted by country in one statement (timed "origin_all")
        start = time.perf_counter()
        corpus = self.engine.query(
            render("corpus_origin_counts", self.d, source="lx_documents")
        ).to_pylist()
        self.timings["origin_all"] = time.perf_counter() - start
        all_counts = {r["country"]: r["families"] for r in corpus}
        total_all = corpus[0]["total"] if corpus else 0
        set_counts = {r["country"]: r["families"] for r in self.q("set_origin_counts").to_pylist()}
        total_set = self.engine.query(
            "SELECT count(DISTINCT family_id) AS n FROM lx_sorigin"
        ).to_pylist()[0]["n"]
        rows = []
        for country, n_all in all_counts.items():
            n_set = set_counts.get(country, 0)
            share_set = n_set / total_set if total_set else 0.0
            share_all = n_all / total_all if total_all else 0.0
            rta = (n_set / n_all) / (total_set / total_all) if total_set and n_all else None
            rows.append(
                {
                    "country": country,
                    "families_in_set": n_set,
                    "families_in_corpus": n_all,
                    "share_of_set": share_set,
                    "share_of_corpus": share_all,
                    "rta": rta,
                    "reliable": n_all >= rta_min,
                }
            )
        rows.sort(key=lambda r: (-r["families_in_set"], r["country"]))
        self.ls.tables["rta"] = _table(
            rows,
            {
                "country": pa.string(),
                "families_in_set": pa.int64(),
                "families_in_corpus": pa.int64(),
                "share_of_set": pa.float64(),
                "share_of_corpus": pa.float64(),
                "rta": pa.float64(),
                "reliable": pa.bool_(),
            },
        )
        self.ls.meta["rta_min_families"] = rta_min

    def networks(self) -> None:
        edges = self.q("coapplicant_edges")
        self.ls.tables["coapplicant_edges"] = edges
        self.ls.tables["coapplicant_nodes"] = self.engine.query(
            "SELECT n.key, min(n.display) AS applicant, count(DISTINCT p.family_id) AS families "
            "FROM lx_sparty p JOIN lx_names n ON p.name = n.name WHERE p.role = 'applicant' "
            "GROUP BY n.key ORDER BY families DESC, n.key"
        )
        self.ls.tables["citation_edges"] = self.q("citation_edges")
        self.ls.tables["forward_citations"] = self.q("cited_by_corpus")

    def classification(self, top: int) -> None:
        subclasses = self.q("ipc_subclasses")
        scheme = ipc_scheme()
        titles: list[str | None] = []
        for s in subclasses["subclass"].to_pylist():
            try:
                titles.append(scheme.lookup(s).title)
            except (UnknownSymbol, ValueError):
                titles.append(None)
        self.ls.tables["ipc_subclasses"] = subclasses.append_column(
            "title_en", pa.array(titles, pa.string())
        )
        self.ls.tables["ipc_main_groups"] = self.q("ipc_main_groups", limit=str(int(top)))
        symbols = self.q("set_ipc_symbols")["symbol"].to_pylist()
        self.engine.register("lx_symbol_field", symbol_fields(symbols))
        fields = self.q("technology_fields")
        concordance = technology_concordance()
        numbers = fields["field"].to_pylist()
        self.ls.tables["technology_fields"] = fields.append_column(
            "name_en", pa.array([concordance.field(n).name_en for n in numbers], pa.string())
        ).append_column(
            "sector_en", pa.array([concordance.field(n).sector_en for n in numbers], pa.string())
        )

    def products(self, children: list[Node]) -> None:
        if not children:
            return
        ids = ", ".join(quote(n.id) for n in children)
        counts = {r["node_id"]: r for r in self.q("products", nodes=ids).to_pylist()}
        rows = [
            {
                "node_id": n.id,
                "name_vi": n.name_vi,
                "name_en": n.name_en,
                "families": int(counts.get(n.id, {}).get("families", 0)),
                "documents": int(counts.get(n.id, {}).get("documents", 0)),
                "status": n.strategy.status if n.strategy else None,
            }
            for n in children
        ]
        self.ls.tables["products"] = _table(
            rows,
            {
                "node_id": pa.string(),
                "name_vi": pa.string(),
                "name_en": pa.string(),
                "families": pa.int64(),
                "documents": pa.int64(),
                "status": pa.string(),
            },
        )
        self.ls.tables["product_families"] = self.q("product_families", nodes=ids)


def build_landscape(
    definition: Definition,
    corpus: Path | str | Engine,
    group: str | None = None,
    *,
    top: int = 20,
    growth_window: int = 5,
    rta_min_families: int = 30,
    harmoniser: NameHarmoniser | None = None,
    nodes: Iterable[str] | None = None,
) -> Landscape:
    """Compute the landscape of a definition's group (or of all its groups).

    Parameters
    ----------
    definition
        A :class:`~sangtao.landscape.Definition`.
    corpus
        A corpus folder (opened with :class:`~sangtao.landscape.DuckDBEngine`) or an engine.
    group
        A group or product id; ``None`` maps every group (their union).
    top
        Rows kept in the ranked tables (applicants, main groups).
    growth_window
        Years of the CAGR window, ending at the last complete year.
    rta_min_families
        Countries with fewer families in the whole corpus are flagged ``reliable = false``.
    harmoniser
        Applicant-name harmoniser; default :func:`~sangtao.landscape.default_harmoniser`.
    nodes
        Which nodes to match (default: ``group`` and its products, or all).

    Returns
    -------
    Landscape

    Raises
    ------
    LandscapeError
        If ``group`` is not in the definition.
    """
    engine: Engine
    own_engine = not hasattr(corpus, "dialect")
    engine = DuckDBEngine(corpus) if own_engine else corpus  # type: ignore[arg-type, assignment]
    try:
        node: Node | None = None
        if group is not None:
            try:
                node = definition.node(str(group))
            except KeyError as exc:
                raise LandscapeError(str(exc.args[0])) from None
        start = time.perf_counter()
        match = match_definition(
            engine, definition, nodes if nodes is not None else ([node.id] if node else None)
        )
        landscape = Landscape(definition=definition, node=node, match=match)
        builder = _Builder(engine, landscape, harmoniser or default_harmoniser())
        builder.timings["match"] = time.perf_counter() - start
        targets = [node.id] if node else [g.id for g in definition.groups]
        children = list(node.products) if node else list(definition.groups)
        summary = builder.q("corpus_summary").to_pylist()[0]
        builder.set_tables(targets)
        latest = summary["latest_publication"]
        builder.time_series(latest, growth_window)
        builder.names()
        builder.applicants(top)
        builder.geography(rta_min_families)
        builder.networks()
        builder.classification(top)
        builder.products(children)
        landscape.tables["families"] = builder.q("families")
        landscape.meta.update(
            definition=definition.id,
            definition_version=definition.version,
            definition_status=definition.status,
            node=node.id if node else None,
            corpus_documents=summary["documents"],
            corpus_families=summary["families"],
            latest_publication=latest,
            earliest_publication=summary["earliest_publication"],
            families=landscape.tables["families"].num_rows,
            engine=engine.dialect.name,
            timings=builder.timings,
        )
        return landscape
    finally:
        if own_engine:
            engine.close()
