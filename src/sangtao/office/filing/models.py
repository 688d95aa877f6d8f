"""Applications and what is filed with them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sangtao.office.accounts.models import Agent, Party


class ObjectType(models.TextChoices):
    """Industrial-property object types (codes shared with ``sangtao.law``)."""

    INVENTION = "invention", _("Invention")
    UTILITY_SOLUTION = "utility_solution", _("Utility solution")
    INDUSTRIAL_DESIGN = "industrial_design", _("Industrial design")
    TRADEMARK = "trademark", _("Trademark")
    GEOGRAPHICAL_INDICATION = "geographical_indication", _("Geographical indication")
    LAYOUT_DESIGN = "layout_design", _("Layout design")


class TrademarkKind(models.TextChoices):
    """Kinds of trademark."""

    INDIVIDUAL = "individual", _("Individual mark")
    COLLECTIVE = "collective", _("Collective mark")
    CERTIFICATION = "certification", _("Certification mark")


class NumberSequence(models.Model):
    """The last number issued per (type digit, year); locked while a filing commits."""

    type_digit = models.PositiveSmallIntegerField()
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["type_digit", "year"], name="uniq_sequence_type_year")
        ]

    def __str__(self) -> str:
        return f"{self.type_digit}-{self.year}: {self.last}"


class Application(models.Model):
    """An application for an industrial-property right."""

    number = models.CharField(_("application number"), max_length=20, unique=True)
    type_digit = models.PositiveSmallIntegerField()
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    object_type = models.CharField(_("object type"), max_length=30, choices=ObjectType.choices)
    trademark_kind = models.CharField(
        _("trademark kind"), max_length=20, choices=TrademarkKind.choices, blank=True
    )
    # Status codes come from the law pack's procedure (sangtao.law.vn.procedure).
    status = models.CharField(_("status"), max_length=40, default="filed")
    filing_date = models.DateTimeField(_("filing date"))
    regime = models.CharField(_("legal regime"), max_length=4)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="filings"
    )
    representative = models.ForeignKey(
        Agent,
        verbose_name=_("representative"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    title_vi = models.TextField(_("title (Vietnamese)"))
    title_original = models.TextField(_("title (original language)"), blank=True)
    original_language = models.CharField(_("original language"), max_length=8, blank=True)
    abstract_vi = models.TextField(_("abstract (Vietnamese)"), blank=True)
    abstract_original = models.TextField(_("abstract (original language)"), blank=True)
    mark_text = models.CharField(_("mark"), max_length=500, blank=True)
    mark_kind = models.CharField(_("mark type"), max_length=20, blank=True)
    mark_colours = models.CharField(_("colours claimed"), max_length=300, blank=True)
    claims_count = models.PositiveIntegerField(_("claims"), default=0)
    independent_claims = models.PositiveIntegerField(_("independent claims"), default=0)
    description_pages = models.PositiveIntegerField(_("description pages"), default=0)
    drawings_count = models.PositiveIntegerField(_("drawings"), default=0)
    designs_count = models.PositiveIntegerField(_("designs / variants"), default=0)
    examination_requested = models.BooleanField(_("examination requested"), default=False)
    pct_application_number = models.CharField(_("PCT application"), max_length=40, blank=True)
    pct_filing_date = models.DateField(_("PCT filing date"), null=True, blank=True)
    pct_publication_number = models.CharField(_("PCT publication"), max_length=40, blank=True)
    pct_publication_date = models.DateField(_("PCT publication date"), null=True, blank=True)
    fees_due = models.JSONField(_("fees due"), default=dict)
    fees_total = models.PositiveBigIntegerField(_("total fees (VND)"), default=0)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-filing_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["type_digit", "year", "sequence"], name="uniq_application_sequence"
            )
        ]
        indexes = [models.Index(fields=["object_type", "status", "filing_date"])]

    def __str__(self) -> str:
        return self.number

    @property
    def is_published(self) -> bool:
        """Whether the application has been published in the gazette."""
        return self.published_at is not None


class ApplicationParty(models.Model):
    """A party to an application as filed: applicant/owner or inventor/author/designer."""

    class Role(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        INVENTOR = "inventor", _("Inventor / author")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(max_length=20, choices=Role.choices)
    order = models.PositiveSmallIntegerField()
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    name = models.CharField(_("name"), max_length=300)
    address = models.CharField(_("address"), max_length=500, blank=True)
    country = models.CharField(_("country"), max_length=2)
    kind = models.CharField(_("kind"), max_length=10, blank=True)

    class Meta:
        ordering = ["role", "order"]

    def __str__(self) -> str:
        return self.name


class PriorityClaim(models.Model):
    """A Paris or PCT priority claim."""

    class Kind(models.TextChoices):
        PARIS = "paris", _("Paris Convention")
        PCT = "pct", _("PCT")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="priorities"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    office = models.CharField(_("office"), max_length=2)
    number = models.CharField(_("number"), max_length=60)
    date = models.DateField(_("date"))

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.office} {self.number} {self.date}"


class Classification(models.Model):
    """A class symbol in one scheme (IPC, Locarno, Nice, Vienna), with the edition checked."""

    class Scheme(models.TextChoices):
        IPC = "ipc", "IPC"
        LOCARNO = "locarno", "Locarno"
        NICE = "nice", "Nice"
        VIENNA = "vienna", "Vienna"

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="classifications"
    )
    scheme = models.CharField(max_length=10, choices=Scheme.choices)
    symbol = models.CharField(max_length=40)
    edition = models.CharField(max_length=40, blank=True)
    goods_services = models.TextField(_("goods and services"), blank=True)
    goods_count = models.PositiveIntegerField(default=0)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["scheme", "order"]

    def __str__(self) -> str:
        return f"{self.scheme}:{self.symbol}"


def document_path(instance: Document, filename: str) -> str:
    """Store documents by content hash under the application's number."""
    return f"applications/{instance.application.number}/{instance.sha256}"


class Document(models.Model):
    """A file received with an application, with its size, media type and SHA-256."""

    class Kind(models.TextChoices):
        DESCRIPTION = "description", _("Description")
        CLAIMS = "claims", _("Claims")
        DRAWINGS = "drawings", _("Drawings")
        ABSTRACT = "abstract", _("Abstract")
        MARK_IMAGE = "mark_image", _("Mark image")
        DESIGN_IMAGES = "design_images", _("Design images")
        POWER_OF_ATTORNEY = "power_of_attorney", _("Power of attorney")
        PRIORITY_DOCUMENT = "priority_document", _("Priority document")
        SEQUENCE_LISTING = "sequence_listing", _("Sequence listing")
        SPECIFICATION = "specification", _("GI specification")
        LAYOUT = "layout", _("Layout design drawings")
        OTHER = "other", _("Other")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    filename = models.CharField(_("file name"), max_length=255)
    media_type = models.CharField(_("media type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField("SHA-256", max_length=64)
    file = models.FileField(upload_to=document_path, max_length=300)
    received_at = models.DateTimeField(_("received"))

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.filename}"


class IdempotencyKey(models.Model):
    """A client's Idempotency-Key: a retry with the same key and body returns the first result."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="uniq_idempotency_user_key")
        ]

    def __str__(self) -> str:
        return self.key


class Receipt(models.Model):
    """The filing receipt (PDF), rendered once after the filing has committed."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="receipt"
    )
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    rendered_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"receipt {self.application_id}"
