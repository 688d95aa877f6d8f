"""Who may open the analysis pages: landscapes and indices.

Office staff and ministry analysts see them; prior-art reports, which concern
applications, are for office staff only.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render


def may_analyse(user: Any) -> bool:
    """Whether ``user`` may see landscapes and indices."""
    return bool(user.is_authenticated and user.may_analyse)


def forbidden(request: HttpRequest) -> HttpResponse:
    """The bilingual 403 page for pages meant for office staff."""
    return render(request, "backoffice/forbidden.html", status=403)


def analysts_only(view: Callable[..., Any]) -> Callable[..., HttpResponseBase]:
    """Log in first; then a 403 page unless the user may analyse."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not may_analyse(request.user):
            return forbidden(request)
        return view(request, *args, **kwargs)

    return login_required(wrapper)
