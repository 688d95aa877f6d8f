"""Bearer-token authentication; no token means an anonymous (public) caller."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from sangtao.office.accounts.models import ApiToken


def user_for_token(raw: str) -> Any | None:
    """The active user a raw token belongs to, or None."""
    token = (
        ApiToken.objects.select_related("user", "user__agent", "user__party")
        .filter(key_hash=ApiToken.hash(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    # Recorded to the minute: a write per request would double the filing's round trips.
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


class OptionalBearer(HttpBearer):
    """Bearer tokens; a request without ``Authorization`` proceeds as the public."""

    def __call__(self, request: HttpRequest) -> Any:
        if not request.headers.get("Authorization"):
            # Sessions are not honoured here: the API is token-only, so no CSRF exposure.
            return AnonymousUser()
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is None:
            raise AuthenticationError()
        request.user = user
        return user
