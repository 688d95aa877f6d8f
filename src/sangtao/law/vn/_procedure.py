"""The IP Viet Nam procedure (package data): statuses, acts and period kinds per object type."""

from __future__ import annotations

from functools import cache, lru_cache
from importlib.resources import files

from sangtao.law._periods import PeriodKind
from sangtao.law._procedure import Procedure
from sangtao.law._procedure_data import ProcedureData, load_procedure_data
from sangtao.law.vn._object_types import OBJECT_TYPES, object_type
from sangtao.law.vn._regimes import REGIMES, regime_on

__all__ = ["period_kind", "period_kinds", "procedure", "procedure_data"]


@lru_cache(maxsize=1)
def procedure_data() -> ProcedureData:
    """Return the procedure data of the Viet Nam law pack (``data/procedure.yaml`` and
    ``data/periods.yaml``).

    Raises
    ------
    ProcedureDataError
        If a data file is malformed.
    """
    data = files("sangtao.law.vn").joinpath("data")
    return load_procedure_data(
        data.joinpath("procedure.yaml"),
        data.joinpath("periods.yaml"),
        object_types=OBJECT_TYPES,
        regimes=tuple(r.code for r in REGIMES),
    )


@cache
def procedure(type_code: str) -> Procedure:
    """Return the procedure (state machine) of an object type.

    Acts are checked against the regime in force on their date (:func:`regime_on`).

    Parameters
    ----------
    type_code : str
        Object-type code, e.g. ``"invention"``.

    Returns
    -------
    Procedure

    Raises
    ------
    UnknownObjectType
        If the code is unknown.

    Examples
    --------
    >>> import datetime as dt
    >>> p = procedure("trademark")
    >>> p.apply("accepted", "publish", "system", dt.date(2025, 6, 2)).new_status
    'published'
    """
    object_type(type_code)
    return procedure_data().procedure(type_code, regime_on=regime_on)


def period_kinds() -> tuple[PeriodKind, ...]:
    """Return every kind of period of the Viet Nam procedure, in data-file order."""
    return procedure_data().period_kinds


def period_kind(code: str) -> PeriodKind:
    """Return the period kind with ``code`` (e.g. ``"opposition"``).

    Raises
    ------
    KeyError
        If there is none.
    """
    return procedure_data().period_kind(code)
