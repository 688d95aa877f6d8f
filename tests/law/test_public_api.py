"""The public API of the law packages is curated and pinned."""

from __future__ import annotations

import subprocess
import sys

import pytest

import sangtao.law
import sangtao.law.vn

LAW_API = {
    "FEE_CONDITIONS",
    "Act",
    "ActNotAllowed",
    "Appeal",
    "ApplicationFacts",
    "ComputedDeadline",
    "Extension",
    "NotAllowedReason",
    "Notice",
    "PeriodKind",
    "PeriodRule",
    "Procedure",
    "ProcedureData",
    "ProcedureDataError",
    "RegimeChoice",
    "Role",
    "Status",
    "Transition",
    "TriggerEvent",
    "WipoEvent",
    "load_procedure_data",
    "parse_procedure_data",
    "Confidence",
    "Deadline",
    "FeeAssessment",
    "FeeFacts",
    "FeeItem",
    "FeeNote",
    "FeeRule",
    "FeeSchedule",
    "FeeScheduleError",
    "FeeStage",
    "FeeUnit",
    "FilingRequirement",
    "LegalReference",
    "NoFeeSchedule",
    "ObjectType",
    "TemporaryReduction",
    "TrademarkKind",
    "UnknownObjectType",
    "UnknownTrademarkKind",
    "WorkingCalendar",
    "add_months",
    "format_amount_en",
    "format_amount_vi",
    "load_fee_schedule",
    "parse_fee_schedule",
}

VN_API = {
    "CIVIL_CODE_PERIODS",
    "ActNotAllowed",
    "ApplicationFacts",
    "ComputedDeadline",
    "IpvnEvent",
    "Notice",
    "Role",
    "Transition",
    "deadlines",
    "ipvn_event",
    "ipvn_events",
    "ipvn_transitions",
    "map_ipvn_event",
    "normalise_ipvn_event",
    "period_kind",
    "period_kinds",
    "procedure",
    "procedure_data",
    "trigger_date",
    "COMPENSATORY_DAYS",
    "DEFAULT_NUMBERING",
    "LABOUR_CODE_HOLIDAYS",
    "OBJECT_TYPES",
    "OFFICIAL_HOLIDAYS",
    "REGIMES",
    "REGIME_A",
    "REGIME_B",
    "TRADEMARK_KINDS",
    "ApplicationNumber",
    "ClosedDay",
    "ClosedDayKind",
    "FeeFacts",
    "Instrument",
    "InvalidApplicationNumber",
    "LunarDate",
    "NoPriorityRight",
    "NumberingScheme",
    "Occasion",
    "OfficeCalendar",
    "OfficialHolidays",
    "PriorityCheck",
    "PriorityIssue",
    "PriorityPeriod",
    "Regime",
    "UnknownObjectType",
    "UnknownTrademarkKind",
    "assess_fees",
    "check_priority",
    "deadline",
    "fee_schedule_on",
    "fee_schedules",
    "format_application_number",
    "lunar_to_solar",
    "object_type",
    "object_types",
    "parse_application_number",
    "priority_period",
    "priority_period_months",
    "regime_on",
    "solar_to_lunar",
    "statutory_holidays",
    "tet_date",
    "trademark_kind",
}


@pytest.mark.parametrize(("module", "expected"), [(sangtao.law, LAW_API), (sangtao.law.vn, VN_API)])
def test_all_is_pinned_and_every_name_resolves(module, expected):
    assert set(module.__all__) == expected
    for name in module.__all__:
        assert getattr(module, name) is not None


def test_law_packages_import_without_django():
    code = (
        "import sys, sangtao.law, sangtao.law.vn;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'ninja'));"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
