"""Online filing: one-time codes that prove a contact, and filings (drafts until submitted).

A citizen has no account: an e-mail address or phone number proven with a one-time code is
what binds them to their draft and lets them follow and supplement their dossier. A `Filing`
is the draft while it is typed and, once submitted, the record of how the dossier came in
(verified contact, the procedure's extra fields, who assisted).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import OrgUnit
from motcua.catalog.models import ProcedureDocument, ProcedureVersion
from motcua.dossiers.models import Dossier


class ContactKind(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    PHONE = "phone", _("Số điện thoại")


class OneTimeCode(models.Model):
    """A 6-digit code sent to a contact; only its keyed hash is stored."""

    contact_kind = models.CharField(max_length=8, choices=ContactKind.choices)
    contact = models.CharField(max_length=255, db_index=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    # A newer code for the same contact replaces this one.
    replaced = models.BooleanField(default=False)
    failed_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("mã xác thực một lần")
        verbose_name_plural = _("mã xác thực một lần")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.contact_kind} #{self.pk}"


class FilingStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã nộp")


class Filing(models.Model):
    """An online filing: a server-side draft bound to a verified contact, then its record."""

    version = models.ForeignKey(
        ProcedureVersion, verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=FilingStatus.choices, default=FilingStatus.DRAFT
    )
    contact_kind = models.CharField(_("loại liên hệ"), max_length=8, choices=ContactKind.choices)
    contact = models.CharField(_("liên hệ đã xác thực"), max_length=255)
    # An officer or digital-team member filing on the citizen's behalf (no code needed).
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người hỗ trợ"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    receiving_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("nơi tiếp nhận"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    applicant = models.JSONField(_("thông tin người nộp"), default=dict, blank=True)
    extra = models.JSONField(_("thông tin bổ sung"), default=dict, blank=True)
    dossier = models.OneToOneField(
        Dossier,
        verbose_name=_("hồ sơ"),
        on_delete=models.PROTECT,
        related_name="online_filing",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ nộp trực tuyến")
        verbose_name_plural = _("hồ sơ nộp trực tuyến")
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=FilingStatus.DRAFT, dossier__isnull=True)
                | Q(status=FilingStatus.SUBMITTED, dossier__isnull=False),
                name="filing_submitted_has_dossier",
            ),
            # One open draft per procedure version and filer, so a returning filer finds it.
            models.UniqueConstraint(
                fields=["version", "contact_kind", "contact"],
                condition=Q(status="draft", assisted_by__isnull=True),
                name="filing_one_draft_per_contact",
            ),
            models.UniqueConstraint(
                fields=["version", "assisted_by"],
                condition=Q(status="draft", assisted_by__isnull=False),
                name="filing_one_assisted_draft_per_helper",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version_id}/{self.pk} ({self.status})"


class FilingFile(models.Model):
    """A document uploaded to a draft; copied to the dossier's attachments on submission."""

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        ProcedureDocument, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    file = models.FileField(upload_to="filing/drafts/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp của hồ sơ nháp")
        verbose_name_plural = _("tệp của hồ sơ nháp")
        ordering = ["filing", "pk"]

    def __str__(self) -> str:
        return self.original_name
