"""The shape of a filing, shared by the API and the web form (pydantic, strict)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ObjectTypeCode = Literal[
    "invention",
    "utility_solution",
    "industrial_design",
    "trademark",
    "geographical_indication",
    "layout_design",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PartyIn(_Strict):
    """An applicant/owner or an inventor/author/designer."""

    name: str = Field(min_length=1, max_length=300)
    address: str = Field(default="", max_length=500)
    country: str = Field(min_length=2, max_length=2, description="ST.3 code of residence")
    kind: Literal["natural", "legal"] = "legal"
    customer_number: str | None = Field(
        default=None, max_length=20, description="The office's customer number, if known"
    )


class RepresentativeIn(_Strict):
    """The IP agent acting for the applicant."""

    licence_number: str = Field(min_length=1, max_length=40)


class PriorityIn(_Strict):
    """A Paris or PCT priority claim."""

    kind: Literal["paris", "pct"] = "paris"
    office: str = Field(min_length=2, max_length=2)
    number: str = Field(min_length=1, max_length=60)
    date: dt.date


class PctIn(_Strict):
    """PCT national-phase data."""

    application_number: str = Field(min_length=1, max_length=40)
    filing_date: dt.date
    publication_number: str = Field(default="", max_length=40)
    publication_date: dt.date | None = None


class NiceIn(_Strict):
    """A Nice class with the goods or services claimed in it."""

    nice_class: int = Field(alias="class")
    goods: list[str] = Field(min_length=1)


class MarkIn(_Strict):
    """The mark as filed."""

    text: str = Field(default="", max_length=500)
    kind: Literal["word", "figurative", "combined", "three_dimensional", "other"] = "word"
    colours: str = Field(default="", max_length=300)


class DocumentIn(_Strict):
    """A document sent inline as base64 (multipart uploads carry the same fields)."""

    kind: str
    filename: str = Field(min_length=1, max_length=255)
    media_type: str = Field(default="", max_length=120)
    content_base64: str


class FilingIn(_Strict):
    """An application as an agent or applicant files it."""

    object_type: ObjectTypeCode
    trademark_kind: Literal["individual", "collective", "certification"] | None = None
    title_vi: str = Field(min_length=1, max_length=2000)
    title_original: str = Field(default="", max_length=2000)
    original_language: str = Field(default="", max_length=8)
    abstract_vi: str = Field(default="", max_length=20000)
    abstract_original: str = Field(default="", max_length=20000)
    applicants: list[PartyIn] = Field(min_length=1)
    inventors: list[PartyIn] = Field(default_factory=list)
    representative: RepresentativeIn | None = None
    priorities: list[PriorityIn] = Field(default_factory=list)
    pct: PctIn | None = None
    ipc: list[str] = Field(default_factory=list)
    locarno: list[str] = Field(default_factory=list)
    nice: list[NiceIn] = Field(default_factory=list)
    vienna: list[str] = Field(default_factory=list)
    mark: MarkIn | None = None
    claims_count: int = Field(default=0, ge=0, le=10000)
    independent_claims: int = Field(default=0, ge=0, le=1000)
    description_pages: int = Field(default=0, ge=0, le=100000)
    drawings_count: int = Field(default=0, ge=0, le=10000)
    designs_count: int = Field(default=0, ge=0, le=1000)
    examination_requested: bool = False
    documents: list[DocumentIn] = Field(default_factory=list)
