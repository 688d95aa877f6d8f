"""Who may see an application: before publication, only its parties and office staff."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from sangtao.office.filing.models import Application


def visible_applications(user: Any) -> QuerySet[Application]:
    """Applications ``user`` may see (anonymous users see published ones only)."""
    qs = Application.objects.all()
    if user is None or not user.is_authenticated:
        return qs.filter(published_at__isnull=False)
    if user.is_office_staff:
        return qs
    own = Q(filed_by=user) | Q(published_at__isnull=False)
    if user.agent_id:
        own |= Q(representative_id=user.agent_id)
    if user.party_id:
        own |= Q(parties__party_id=user.party_id, parties__role="applicant")
    return qs.filter(own).distinct()


def portfolio(user: Any) -> QuerySet[Application]:
    """The caller's own applications (as filer, representative or applicant)."""
    if user is None or not user.is_authenticated:
        return Application.objects.none()
    own = Q(filed_by=user)
    if user.agent_id:
        own |= Q(representative_id=user.agent_id)
    if user.party_id:
        own |= Q(parties__party_id=user.party_id, parties__role="applicant")
    return Application.objects.filter(own).distinct()


def can_view(user: Any, application: Application) -> bool:
    """Whether ``user`` may see ``application``."""
    return visible_applications(user).filter(pk=application.pk).exists()


def visible_application(user: Any, number: str) -> Application | None:
    """The application ``number`` if ``user`` may see it, else None (absent or hidden alike)."""
    return visible_applications(user).filter(number=number).first()
