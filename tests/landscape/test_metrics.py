"""Landscape metrics, checked against hand counts and a second plain-Python computation."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from sangtao.corpus import open_corpus
from sangtao.landscape import (
    Landscape,
    NameHarmoniser,
    build_landscape,
    cagr,
    incomplete_years,
    load_definition,
    wipo35_definition,
)


def _documents(corpus_dir: Path, families: set[str]) -> list[dict[str, Any]]:
    con = open_corpus(corpus_dir)
    cur = con.execute(
        "SELECT doc_id, family_id, office, publication_date, coalesce(earliest_priority_date,"
        " application_date, publication_date) AS prio, applicants, inventors FROM documents"
    )
    names = [c[0] for c in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    con.close()
    return [r for r in rows if r["family_id"] in families]


def test_incomplete_years_follow_the_18_month_lag() -> None:
    assert incomplete_years(dt.date(2024, 1, 25)) == 2021
    assert incomplete_years(dt.date(2024, 6, 30)) == 2022
    assert incomplete_years(dt.date(2024, 6, 29)) == 2021
    assert incomplete_years(dt.date(2024, 6, 30), lag_months=0) == 2023


def test_cagr() -> None:
    assert cagr(100, 200, 5) == pytest.approx(2 ** (1 / 5) - 1)
    assert cagr(0, 5, 3) is None and cagr(5, 5, 0) is None


def test_families_by_priority_year_match_a_direct_count(uav: Landscape, corpus_dir: Path) -> None:
    families = {r["family_id"] for r in uav.rows("families")}
    assert len(families) == 76 == uav.meta["families"]
    first: dict[str, dt.date] = {}
    for d in _documents(corpus_dir, families):
        if d["prio"] is not None:
            first[d["family_id"]] = min(d["prio"], first.get(d["family_id"], d["prio"]))
    expected = Counter(day.year for day in first.values())
    got = {r["year"]: r["families"] for r in uav.rows("filings_by_priority_year") if r["families"]}
    assert got == dict(expected)
    assert got[2014] == 16 and got[2015] == 11
    assert uav.meta["latest_publication"] == dt.date(2024, 1, 25)
    assert uav.meta["last_complete_priority_year"] == 2021
    flags = {r["year"]: r["incomplete"] for r in uav.rows("filings_by_priority_year")}
    assert flags[2016] is False


def test_growth_window_ends_at_the_last_complete_year(uav: Landscape) -> None:
    growth = {r["basis"]: r for r in uav.rows("growth")}
    prio = growth["priority"]
    assert (prio["window_start"], prio["window_end"]) == (2011, 2016)
    assert prio["cagr"] == pytest.approx(cagr(prio["families_start"], prio["families_end"], 5))


def test_top_applicant_after_harmonisation(uav: Landscape, corpus_dir: Path) -> None:
    top = uav.rows("top_applicants")[0]
    assert (top["applicant"], top["families"], top["key"]) == ("PARROT", 4, "parrot")
    assert top["kind"] == "company"
    h = NameHarmoniser()
    docs = _documents(corpus_dir, {r["family_id"] for r in uav.rows("families")})
    parrot = {d["family_id"] for d in docs for a in d["applicants"] if h.key(a["name"]) == "parrot"}
    spellings = {a["name"] for d in docs for a in d["applicants"] if h.key(a["name"]) == "parrot"}
    assert len(parrot) == 4 and spellings == {"PARROT", "PARROT S A"}
    assert top["spellings"] == 2


def test_flows_count_each_family_once_per_origin_and_office(
    uav: Landscape, corpus_dir: Path
) -> None:
    flows = {(r["origin"], r["office"]): r["families"] for r in uav.rows("flows")}
    assert flows[("US", "US")] == 15 and flows[("CN", "CN")] == 14 and flows[("FR", "CN")] == 3
    origins = {r["country"]: r["basis"] for r in uav.rows("origins")}
    assert origins["CN"] == "priority office"
    docs = _documents(corpus_dir, {r["family_id"] for r in uav.rows("families")})
    pairs = {(d["family_id"], d["office"]) for d in docs}
    # two EP families claim no priority and have no countries: their origin is unknown
    assert uav.meta["families_without_origin"] == 2
    assert sum(flows.values()) == len(pairs) - 2 == 74


def test_rta_is_the_balassa_index(uav: Landscape) -> None:
    rows = {r["country"]: r for r in uav.rows("rta")}
    fr = rows["FR"]
    assert fr["families_in_set"] == 11 and fr["families_in_corpus"] == 26
    total_set = fr["families_in_set"] / fr["share_of_set"]
    total_all = fr["families_in_corpus"] / fr["share_of_corpus"]
    assert fr["rta"] == pytest.approx((11 / 26) / (total_set / total_all))
    assert fr["rta"] > 1 and rows["US"]["rta"] < 1
    assert rows["US"]["reliable"] and not fr["reliable"]


def test_products_map_to_their_families(uav: Landscape) -> None:
    products = {r["node_id"]: r["families"] for r in uav.rows("products")}
    assert products == {"11.1": 2, "11.2": 0, "11.3": 74}
    mapped = defaultdict(set)
    for r in uav.rows("product_families"):
        mapped[r["node_id"]].add(r["family_id"])
    assert len(mapped["11.3"]) == 74
    assert uav.match is not None and mapped["11.3"] == uav.match.families("11.3")


def test_ipc_breakdown_inside_the_group(uav: Landscape) -> None:
    subclasses = {r["subclass"]: r["families"] for r in uav.rows("ipc_subclasses")}
    assert subclasses["B64C"] == 26 and subclasses["B64D"] == 12
    fields = {r["field"]: r["families"] for r in uav.rows("technology_fields")}
    assert max(fields, key=lambda k: fields[k]) == 32


def test_coapplicant_edges_have_weights(uav: Landscape) -> None:
    edges = uav.rows("coapplicant_edges")
    assert len(edges) == 4 and all(e["weight"] == 1 for e in edges)
    assert all(e["source"] < e["target"] for e in edges)


def test_vietnam_office_view_counts_foreign_filers(corpus_dir: Path) -> None:
    ls = build_landscape(load_definition("qd1131-2025"), corpus_dir, "7")
    rows = ls.rows("vn_office")
    assert {r["category"] for r in rows} == {"foreign applicant"}
    assert sum(r["families"] for r in rows) == 18
    assert ls.rows("vn_origin") == []
    assert {r["node_id"]: r["families"] for r in ls.rows("products")}["7.1"] == 18


def test_citation_network_links_families_in_the_corpus(corpus_dir: Path) -> None:
    ls = build_landscape(wipo35_definition(), corpus_dir, "3")
    edges = ls.rows("citation_edges")
    con = open_corpus(corpus_dir)
    fam = dict(con.execute("SELECT doc_id, family_id FROM documents").fetchall())
    con.close()
    assert [(e["citing"], e["cited"], e["weight"], e["cited_in_set"]) for e in edges] == [
        (fam["US-7158629-B2"], fam["US-6570975"], 1, 1)
    ]
    forward = {r["family_id"]: r["citing_families"] for r in ls.rows("forward_citations")}
    assert forward == {fam["US-6570975"]: 1}
