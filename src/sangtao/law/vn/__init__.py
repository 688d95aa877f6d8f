"""The Viet Nam law pack: industrial-property procedure of IP Viet Nam as dated data.

Object types and trademark kinds; application numbers; the office calendar with the
Vietnamese lunar calendar and public holidays; Civil-Code deadlines; the procedural regimes
before and from 1 April 2026; priority periods; and the fee schedule of Circular
263/2016/TT-BTC with its calculator; the procedure of each object type as data (statuses,
acts, roles, WIPO legal-status events), its kinds of period per regime, the deadline
calculator, and the mapping of IP Viet Nam's own timeline events to acts. Every rule
carries its legal basis and a confidence marker; see
``/work/shared/reference/vn-procedure.md`` for the sources.
"""

from sangtao.law._fee_facts import FeeFacts
from sangtao.law._objects import UnknownObjectType, UnknownTrademarkKind
from sangtao.law._periods import ApplicationFacts, ComputedDeadline, Notice
from sangtao.law._procedure import ActNotAllowed, Role, Transition
from sangtao.law.vn._calendar import COMPENSATORY_DAYS, ClosedDay, ClosedDayKind, OfficeCalendar
from sangtao.law.vn._deadlines import CIVIL_CODE_PERIODS, deadline
from sangtao.law.vn._fees import assess_fees, fee_schedule_on, fee_schedules
from sangtao.law.vn._holidays import (
    LABOUR_CODE_HOLIDAYS,
    OFFICIAL_HOLIDAYS,
    Occasion,
    OfficialHolidays,
    statutory_holidays,
)
from sangtao.law.vn._ipvn_events import (
    IpvnEvent,
    ipvn_event,
    ipvn_events,
    ipvn_transitions,
    map_ipvn_event,
    normalise_ipvn_event,
)
from sangtao.law.vn._lunar import LunarDate, lunar_to_solar, solar_to_lunar, tet_date
from sangtao.law.vn._numbering import (
    DEFAULT_NUMBERING,
    ApplicationNumber,
    InvalidApplicationNumber,
    NumberingScheme,
    format_application_number,
    parse_application_number,
)
from sangtao.law.vn._object_types import (
    OBJECT_TYPES,
    TRADEMARK_KINDS,
    object_type,
    object_types,
    trademark_kind,
)
from sangtao.law.vn._period_calc import deadlines, trigger_date
from sangtao.law.vn._priority import (
    NoPriorityRight,
    PriorityCheck,
    PriorityIssue,
    PriorityPeriod,
    check_priority,
    priority_period,
    priority_period_months,
)
from sangtao.law.vn._procedure import period_kind, period_kinds, procedure, procedure_data
from sangtao.law.vn._regimes import REGIME_A, REGIME_B, REGIMES, Instrument, Regime, regime_on

__all__ = [
    "CIVIL_CODE_PERIODS",
    "COMPENSATORY_DAYS",
    "DEFAULT_NUMBERING",
    "LABOUR_CODE_HOLIDAYS",
    "OBJECT_TYPES",
    "OFFICIAL_HOLIDAYS",
    "REGIMES",
    "REGIME_A",
    "REGIME_B",
    "TRADEMARK_KINDS",
    "ActNotAllowed",
    "ApplicationFacts",
    "ApplicationNumber",
    "ComputedDeadline",
    "ClosedDay",
    "ClosedDayKind",
    "FeeFacts",
    "Instrument",
    "InvalidApplicationNumber",
    "IpvnEvent",
    "LunarDate",
    "NoPriorityRight",
    "Notice",
    "NumberingScheme",
    "Occasion",
    "OfficeCalendar",
    "OfficialHolidays",
    "PriorityCheck",
    "PriorityIssue",
    "PriorityPeriod",
    "Regime",
    "Role",
    "Transition",
    "UnknownObjectType",
    "UnknownTrademarkKind",
    "assess_fees",
    "check_priority",
    "deadline",
    "deadlines",
    "fee_schedule_on",
    "fee_schedules",
    "format_application_number",
    "ipvn_event",
    "ipvn_events",
    "ipvn_transitions",
    "lunar_to_solar",
    "map_ipvn_event",
    "normalise_ipvn_event",
    "object_type",
    "object_types",
    "parse_application_number",
    "period_kind",
    "period_kinds",
    "priority_period",
    "priority_period_months",
    "procedure",
    "procedure_data",
    "regime_on",
    "solar_to_lunar",
    "statutory_holidays",
    "tet_date",
    "trademark_kind",
    "trigger_date",
]
