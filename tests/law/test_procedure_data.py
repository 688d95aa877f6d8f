"""Procedure and period data files are validated strictly, with errors that say where."""

from __future__ import annotations

import copy
from importlib.resources import files

import pytest
import yaml

from sangtao.law import ProcedureDataError, load_procedure_data, parse_procedure_data

DATA = files("sangtao.law.vn").joinpath("data")
PROCEDURE = yaml.safe_load(DATA.joinpath("procedure.yaml").read_text(encoding="utf-8"))
PERIODS = yaml.safe_load(DATA.joinpath("periods.yaml").read_text(encoding="utf-8"))


def _parse(procedure=None, periods=None, **kw):
    return parse_procedure_data(
        PROCEDURE if procedure is None else procedure, PERIODS if periods is None else periods, **kw
    )


def test_the_shipped_files_load_from_paths(tmp_path):
    proc = tmp_path / "procedure.yaml"
    per = tmp_path / "periods.yaml"
    proc.write_text(DATA.joinpath("procedure.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    per.write_text(DATA.joinpath("periods.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    data = load_procedure_data(str(proc), per)
    assert len(data.object_types) == 6
    assert data.procedure("trademark").standard == "ST.61"
    with pytest.raises(KeyError):
        data.procedure("plant_variety")


def test_invalid_yaml_is_reported(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("acts: [", encoding="utf-8")
    with pytest.raises(ProcedureDataError, match="not valid YAML"):
        load_procedure_data(bad, bad)


def _mutated(path, value, *, periods=False):
    doc = copy.deepcopy(PERIODS if periods else PROCEDURE)
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return doc


@pytest.mark.parametrize(
    ("procedure", "periods", "message"),
    [
        (_mutated(("acts", 0, "to"), "nowhere"), None, r"acts\[0\] \(file\)\.to: unknown statuses"),
        (_mutated(("acts", 0, "roles"), ["king"]), None, "unknown role 'king'"),
        (_mutated(("acts", 0, "regimes"), ["C"]), None, "regimes must be among"),
        (_mutated(("acts", 0, "opens"), ["nothing"]), None, "unknown period kinds: nothing"),
        (_mutated(("acts", 0, "object_types"), ["plants"]), None, "unknown object type"),
        (_mutated(("acts", 0, "colour"), "red"), None, "unknown keys: colour"),
        (_mutated(("acts", 0, "appeal"), "court"), None, "unknown appeal route"),
        (_mutated(("acts", 1, "code"), "file"), None, "code 'file' is used twice"),
        (
            _mutated(("acts", 0, "wipo"), {"ST.27": ["A", "B10", "x"]}),
            None,
            "key event 'B10' must be 'A' and two digits",
        ),
        (_mutated(("acts", 0, "wipo"), {"ST.99": ["A", "A10", "x"]}), None, "ST.27, ST.61"),
        (
            None,
            _mutated(("periods", 0, "rules", 0, "months"), 0, periods=True),
            "a period needs months or days",
        ),
        (
            None,
            _mutated(("periods", 0, "rules", 0, "trigger"), "moonrise", periods=True),
            "'moonrise' is not one of",
        ),
        (
            None,
            _mutated(("periods", 0, "rules", 0, "when"), ["raining"], periods=True),
            "conditions must be among",
        ),
        (
            None,
            _mutated(("periods", 0, "lapse_act"), "explode", periods=True),
            "unknown lapse act",
        ),
        (None, _mutated(("periods", 0, "actor"), "king", periods=True), "must be one of"),
    ],
)
def test_malformed_data_is_refused_with_its_place(procedure, periods, message):
    with pytest.raises(ProcedureDataError, match=message):
        _parse(procedure, periods)


def test_object_types_are_checked_against_the_law_pack():
    with pytest.raises(ProcedureDataError, match="unknown object types"):
        _parse(object_types={"invention"})
