"""Examiners' and heads' worklists: new, due this week, overdue, waiting for the applicant."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from sangtao.office.filing.models import Application
from sangtao.office.procedure.models import Deadline, ProcedureEvent

CLOSED = ("withdrawn", "deemed_withdrawn", "refused", "granted", "converted")


def _scope(user: Any) -> QuerySet[Application]:
    qs = Application.objects.all()
    if user.role in {"head_of_division", "administrator"}:
        return qs
    return qs.filter(assignments__examiner=user, assignments__active=True)


def worklist(user: Any, today: dt.date) -> dict[str, QuerySet[Application]]:
    """The user's applications by bucket (a head sees the whole division)."""
    scope = _scope(user).prefetch_related("parties")
    open_dl = Deadline.objects.filter(application=OuterRef("pk"), state=Deadline.State.OPEN)
    acted = ProcedureEvent.objects.filter(application=OuterRef("pk")).exclude(act="file")
    week = today + dt.timedelta(days=7)
    return {
        "new": scope.filter(~Exists(acted)).exclude(status__in=CLOSED),
        "due_this_week": scope.filter(
            Exists(open_dl.filter(responsible="office", due_date__gte=today, due_date__lte=week))
        ),
        "overdue": scope.filter(Exists(open_dl.filter(responsible="office", due_date__lt=today))),
        "waiting_for_applicant": scope.filter(
            Exists(open_dl.filter(responsible__in=["applicant", "agent"]))
        ),
    }
