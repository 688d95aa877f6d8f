"""Log in and out, each recorded in the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpResponse

from sangtao.office.audit.chain import record


class LoginView(auth_views.LoginView):
    """The login page; a successful login is an audit event."""

    template_name = "backoffice/login.html"

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        with transaction.atomic():
            record(
                actor=form.get_user(),
                action="log_in",
                object_type="user",
                object_id=form.get_user().username,
                after={"ip": self.request.META.get("REMOTE_ADDR", "")},
            )
        return response


class LogoutView(auth_views.LogoutView):
    """Log out; recorded before the session ends."""

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            with transaction.atomic():
                record(actor=user, action="log_out", object_type="user", object_id=user.username)
        return super().post(request, *args, **kwargs)
