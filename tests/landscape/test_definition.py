"""Technology definitions: the shipped decisions validate; user files get clear errors."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from sangtao.landscape import (
    DefinitionError,
    builtin_definitions,
    definition_from_dict,
    load_definition,
)


def test_decision_1131_has_11_groups_and_35_product_groups() -> None:
    d = load_definition("qd1131-2025")
    assert len(d.groups) == 11
    assert sum(len(g.products) for g in d.groups) == 35
    assert d.node("11").name_vi == "Công nghệ hàng không, vũ trụ"
    assert d.node("11.3").name_vi == "Thiết bị bay không người lái"
    assert d.node("11.3").parent == "11"
    assert d.taxonomy["id"] == "QD1131-2025"


def test_decision_21_2026_has_10_groups_and_30_products_in_two_tiers() -> None:
    d = load_definition("qd21-2026")
    products = [p for g in d.groups for p in g.products]
    assert len(d.groups) == 10
    assert sorted(p.id for p in products) == [f"P{i:02d}" for i in range(1, 31)]
    assert {p.tier for p in products} == {1, 2}
    assert d.node("10").name_en == "High-speed rail and urban rail technology"
    assert all("group assignment proposed" in p.tags for p in products)


@pytest.mark.parametrize("name", ["qd1131-2025", "qd21-2026"])
def test_every_strategy_is_a_proposal_with_a_change_log(name: str) -> None:
    d = load_definition(name)
    assert d.status == "proposal" and d.is_proposal
    assert d.review["approved_by"] is None
    assert d.changelog[-1].version == d.version and d.changelog[-1].author
    strategies = [n.strategy for n in d.nodes() if n.strategy]
    assert strategies and all(s.status == "proposal" for s in strategies)
    assert d.classification["ipc"] == "2024.01"


def test_builtin_list_includes_wipo35() -> None:
    assert builtin_definitions() == ("qd1131-2025", "qd21-2026", "wipo35")
    assert len(load_definition("wipo35").groups) == 35


def _minimal() -> dict[str, Any]:
    text = """
schema: sangtao.landscape/definition@1
id: my-drones
version: "1.0"
title_vi: Thiết bị bay không người lái
title_en: Drones
taxonomy: {id: MY}
status: proposal
classification: {ipc: "2024.01"}
changelog:
  - {version: "1.0", date: 2026-11-01, author: An, change: first}
groups:
  - id: "1"
    name_vi: Thiết bị bay
    name_en: UAV
    strategy:
      ipc: {include: [B64U, "B64C 39/024"]}
      keywords: {en: ["drone*"], vi: ["máy bay không người lái"]}
"""
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def test_user_definition_loads_from_yaml(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(_minimal(), allow_unicode=True), encoding="utf-8")
    d = load_definition(path)
    strategy = d.node("1").strategy
    assert strategy is not None
    assert strategy.ipc_include == ("B64U", "B64C 39/024")
    assert strategy.keywords == ("drone*", "máy bay không người lái")


def test_invalid_definition_lists_every_problem_with_its_path() -> None:
    data = copy.deepcopy(_minimal())
    group = data["groups"][0]
    group["strategy"]["ipc"]["include"] = ["B64U", "not a class", "G06"]
    group["strategy"]["colour"] = "blue"
    group["strategy"]["combinations"] = [{"ipc": ["G05D 1/00"]}]
    group["strategy"]["keywords"]["en"] = ["*drone"]
    data["groups"].append({"id": "1", "name_vi": "x", "name_en": "y"})
    with pytest.raises(DefinitionError) as info:
        definition_from_dict(data, "mine.yaml")
    problems = info.value.problems
    assert any(
        p.startswith("groups[0].strategy.ipc.include[1]: 'not a class' is not an IPC/CPC symbol")
        for p in problems
    )
    text = str(info.value)
    assert text.startswith("mine.yaml: ")
    assert "groups[0].strategy.ipc.include[2]: 'G06' is a section or class" in text
    assert "groups[0].strategy.colour: unknown key" in text
    assert "groups[0].strategy.combinations[0]: a combination needs classes" in text
    assert "groups[0].strategy.keywords.en[0]: '*drone'" in text
    assert "groups[1].id: duplicate id '1'" in text
    assert "groups[1]: a node needs a strategy" in text


def test_approval_needs_an_examiner_and_a_date() -> None:
    data = _minimal()
    data["groups"][0]["strategy"]["status"] = "approved"
    with pytest.raises(DefinitionError, match="names its examiner"):
        definition_from_dict(data)
    data["groups"][0]["strategy"].update(reviewed_by="Examiner A", reviewed_on="2026-11-20")
    strategy = definition_from_dict(data).node("1").strategy
    assert strategy is not None and strategy.status == "approved"


def test_change_log_is_required_and_matches_the_version() -> None:
    data = _minimal()
    data["version"] = "1.1"
    with pytest.raises(DefinitionError, match="last entry is version '1.0', not '1.1'"):
        definition_from_dict(data)
    del data["changelog"]
    with pytest.raises(DefinitionError, match="changelog: at least one entry"):
        definition_from_dict(data)


def test_unknown_definition_and_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="not one of qd1131-2025"):
        load_definition("no-such-definition")
    bad = tmp_path / "bad.yaml"
    bad.write_text("groups: [unclosed", encoding="utf-8")
    with pytest.raises(DefinitionError, match="not valid YAML"):
        load_definition(bad)
