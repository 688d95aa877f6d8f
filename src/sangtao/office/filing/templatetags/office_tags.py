"""Template filters of the office pages: money, regime and status names, search passages
and notes."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def vnd(value: Any) -> str:
    """Group thousands with dots (VND has no minor unit)."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return ""


@register.filter
def regime_label(code: str) -> str:
    """The legal regime's name in the current language, e.g. for code ``B``."""
    from django.utils.translation import get_language

    from sangtao.law import vn

    for regime in vn.REGIMES:
        if regime.code == code:
            name = regime.name_en if (get_language() or "vi").startswith("en") else regime.name_vi
            return f"{code} — {name} ({regime.effective_from:%d/%m/%Y})"
    return code


@register.filter
def status_name(app: Any) -> str:
    """The application's status in the current language (names from the procedure)."""
    from django.utils.translation import get_language

    from sangtao.office.procedure.rules import status_label

    name_vi, name_en = status_label(app)
    return name_en if (get_language() or "vi").startswith("en") else name_vi


@register.filter
def highlight(passage: dict[str, Any]) -> Any:
    """A search passage with its matching spans marked (text escaped)."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    text = passage.get("text", "")
    out, pos = [], 0
    for start, end in sorted(passage.get("spans", [])):
        if start < pos:
            continue
        out += [escape(text[pos:start]), "<mark>", escape(text[start:end]), "</mark>"]
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above


@register.filter
def search_message(text: str) -> str:
    """A search note or error in the current language (see ``office.search_messages``)."""
    from sangtao.office.search_messages import search_message as translate

    return translate(str(text))
