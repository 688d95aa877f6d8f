"""Law packs: rules of industrial-property procedure as dated data with their legal basis.

This package holds what every law pack shares: legal references and confidence markers,
calendar-month arithmetic and deadlines, object-type shapes, fee schedules with their
calculator, and the procedure as data: statuses, acts and transitions (:class:`Procedure`),
kinds of period with their rules, and the facts and computed deadlines of an application.
A country's rules live in a sub-package (``sangtao.law.vn`` for Viet Nam).
It never imports Django.
"""

from sangtao.law._basis import Confidence, LegalReference
from sangtao.law._fee_data import FeeScheduleError, load_fee_schedule, parse_fee_schedule
from sangtao.law._fee_facts import FEE_CONDITIONS, FeeFacts, FeeStage, FeeUnit
from sangtao.law._fee_text import format_amount_en, format_amount_vi
from sangtao.law._fees import (
    FeeAssessment,
    FeeItem,
    FeeNote,
    FeeRule,
    FeeSchedule,
    NoFeeSchedule,
    TemporaryReduction,
)
from sangtao.law._months import Deadline, WorkingCalendar, add_months
from sangtao.law._objects import (
    FilingRequirement,
    ObjectType,
    TrademarkKind,
    UnknownObjectType,
    UnknownTrademarkKind,
)
from sangtao.law._periods import (
    ApplicationFacts,
    ComputedDeadline,
    Extension,
    Notice,
    PeriodKind,
    PeriodRule,
    RegimeChoice,
    TriggerEvent,
)
from sangtao.law._procedure import (
    Act,
    ActNotAllowed,
    Appeal,
    NotAllowedReason,
    Procedure,
    Role,
    Status,
    Transition,
    WipoEvent,
)
from sangtao.law._procedure_data import (
    ProcedureData,
    ProcedureDataError,
    load_procedure_data,
    parse_procedure_data,
)

__all__ = [
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
]
