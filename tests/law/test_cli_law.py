"""``sangtao law deadlines`` prints a bilingual table or JSON."""

from __future__ import annotations

import json

import pytest

from sangtao.cli import main

BASE = ["law", "deadlines", "--type", "invention", "--filing-date", "2025-03-10",
        "--priority-date", "2024-09-12", "--on", "2026-11-01"]  # fmt: skip


def test_json_lists_every_deadline_with_rule_and_basis(capsys):
    code = main([*BASE, "--publication-date", "2026-05-04", "--notice-signed", "2026-06-01",
                 "--notice-signed", "notice_intended_grant:2026-09-01", "--json"])  # fmt: skip
    assert code == 0
    rows = json.loads(capsys.readouterr().out)
    by_kind = {r["kind"]: r for r in rows}
    assert by_kind["opposition"]["date"] == "2026-11-04"
    assert by_kind["opposition"]["regime"] == "B"
    assert by_kind["examination_request"]["months"] == 36
    assert by_kind["substantive_response"]["notice_act"] == "notice_intended_refusal"
    assert by_kind["grant_fee"]["trigger_date"] == "2026-09-01"
    assert by_kind["grant_fee"]["confidence"] == "unconfirmed"
    assert by_kind["grant_fee"]["note"]
    assert all(r["legal_basis"] and r["rule_vi"] and r["rule_en"] for r in rows)


def test_the_table_is_bilingual(capsys):
    assert main([*BASE, "--accelerated"]) == 0
    out = capsys.readouterr().out
    assert "Thời hạn yêu cầu thẩm định nội dung" in out
    assert "Request for substantive examination" in out
    assert "Căn cứ / Basis" in out


def test_bad_input_is_refused(capsys):
    with pytest.raises(SystemExit):
        main(["law", "deadlines", "--type", "invention", "--filing-date", "10/03/2025"])
    assert "not a date" in capsys.readouterr().err
    code = main(["law", "deadlines", "--type", "invention", "--filing-date", "2025-03-10",
                 "--priority-date", "2025-04-01"])  # fmt: skip
    assert code == 2
    assert "priority date" in capsys.readouterr().err
