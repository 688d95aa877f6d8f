"""The web e-filing form; it builds the same payload the API takes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sangtao.office.filing.models import Document, ObjectType, TrademarkKind

LINES_HELP = _("One per line: name | address | country code (e.g. VN)")


class FilingForm(forms.Form):
    """An application filed through the web."""

    form_key = forms.CharField(widget=forms.HiddenInput)
    object_type = forms.ChoiceField(label=_("Object type"), choices=ObjectType.choices)
    trademark_kind = forms.ChoiceField(
        label=_("Trademark kind"),
        choices=[("", "—"), *TrademarkKind.choices],
        required=False,
    )
    title_vi = forms.CharField(label=_("Title (Vietnamese)"), max_length=2000)
    title_original = forms.CharField(
        label=_("Title (original language)"), max_length=2000, required=False
    )
    original_language = forms.CharField(label=_("Original language"), max_length=8, required=False)
    abstract_vi = forms.CharField(
        label=_("Abstract (Vietnamese)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    applicants = forms.CharField(
        label=_("Applicants"), widget=forms.Textarea(attrs={"rows": 2}), help_text=LINES_HELP
    )
    inventors = forms.CharField(
        label=_("Inventors / authors"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=LINES_HELP,
        required=False,
    )
    representative = forms.CharField(
        label=_("Representative licence number"), max_length=40, required=False
    )
    priorities = forms.CharField(
        label=_("Priority claims"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line: office code | number | YYYY-MM-DD"),
        required=False,
    )
    ipc = forms.CharField(label=_("IPC symbols"), required=False, help_text=_("Comma separated"))
    locarno = forms.CharField(
        label=_("Locarno classes"), required=False, help_text=_("Comma separated")
    )
    nice = forms.CharField(
        label=_("Nice classes and goods/services"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One class per line: class: term; term; term"),
        required=False,
    )
    vienna = forms.CharField(label=_("Vienna codes"), required=False)
    mark_text = forms.CharField(label=_("Mark (text)"), max_length=500, required=False)
    claims_count = forms.IntegerField(label=_("Number of claims"), min_value=0, initial=0)
    independent_claims = forms.IntegerField(label=_("Independent claims"), min_value=0, initial=0)
    description_pages = forms.IntegerField(label=_("Description pages"), min_value=0, initial=0)
    drawings_count = forms.IntegerField(label=_("Drawings"), min_value=0, initial=0)
    designs_count = forms.IntegerField(label=_("Designs / variants"), min_value=0, initial=0)
    examination_requested = forms.BooleanField(
        label=_("Request substantive examination now"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for kind, label in Document.Kind.choices:
            self.fields[f"file_{kind}"] = forms.FileField(label=label, required=False)

    def payload(self) -> dict[str, Any]:
        """The API-shaped payload; line-format errors are reported on their field."""
        d = self.cleaned_data
        payload: dict[str, Any] = {
            "object_type": d["object_type"],
            "title_vi": d["title_vi"],
            "title_original": d["title_original"],
            "original_language": d["original_language"],
            "abstract_vi": d["abstract_vi"],
            "applicants": _people(d["applicants"]),
            "inventors": _people(d["inventors"]),
            "priorities": _priorities(d["priorities"]),
            "ipc": _csv(d["ipc"]),
            "locarno": _csv(d["locarno"]),
            "nice": _nice(d["nice"]),
            "vienna": _csv(d["vienna"]),
            "claims_count": d["claims_count"],
            "independent_claims": d["independent_claims"],
            "description_pages": d["description_pages"],
            "drawings_count": d["drawings_count"],
            "designs_count": d["designs_count"],
            "examination_requested": d["examination_requested"],
        }
        if d["trademark_kind"]:
            payload["trademark_kind"] = d["trademark_kind"]
        if d["representative"]:
            payload["representative"] = {"licence_number": d["representative"]}
        if d["mark_text"]:
            payload["mark"] = {"text": d["mark_text"], "kind": "word"}
        return payload


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _people(value: str) -> list[dict[str, str]]:
    out = []
    for line in value.splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        name = parts[0]
        address = parts[1] if len(parts) > 1 else ""
        country = parts[2] if len(parts) > 2 else "VN"
        out.append({"name": name, "address": address, "country": country.upper()})
    return out


def _priorities(value: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for line in value.splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 3:
            raise forms.ValidationError(_("Priority lines must read: office | number | YYYY-MM-DD"))
        try:
            date = dt.date.fromisoformat(parts[2]).isoformat()
        except ValueError as exc:
            raise forms.ValidationError(_("Priority date must be YYYY-MM-DD")) from exc
        out.append({"office": parts[0].upper(), "number": parts[1], "date": date})
    return out


def _nice(value: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for line in value.splitlines():
        if not line.strip():
            continue
        head, _sep, rest = line.partition(":")
        try:
            cls = int(head.strip())
        except ValueError as exc:
            raise forms.ValidationError(_("Nice lines must read: class: term; term")) from exc
        goods = [g.strip() for g in rest.split(";") if g.strip()]
        out.append({"class": cls, "goods": goods})
    return out


class CalculatorForm(forms.Form):
    """Facts for the deadline calculator."""

    type = forms.ChoiceField(label=_("Object type"), choices=ObjectType.choices)
    filing_date = forms.DateField(label=_("Filing date"), widget=forms.DateInput({"type": "date"}))
    priority_date = forms.DateField(
        label=_("Priority date"), required=False, widget=forms.DateInput({"type": "date"})
    )
    publication_date = forms.DateField(
        label=_("Publication date"), required=False, widget=forms.DateInput({"type": "date"})
    )
    notice_signed = forms.DateField(
        label=_("Notice signed on"), required=False, widget=forms.DateInput({"type": "date"})
    )
    accelerated = forms.BooleanField(label=_("Expedited examination"), required=False)
    pct = forms.BooleanField(label=_("PCT national phase"), required=False)
