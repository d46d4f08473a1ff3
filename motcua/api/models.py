"""API keys for clients that create requests (Open311 POST). Only a hash of the key is kept."""

import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

PREFIX_LENGTH = 8


def hash_key(key: str) -> str:
    # Keys are 32 random bytes: a plain SHA-256 is enough (nothing to brute-force).
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    return secrets.token_urlsafe(32)


class ApiKey(models.Model):
    name = models.CharField(_("tên ứng dụng"), max_length=255)
    prefix = models.CharField(_("tiền tố"), max_length=PREFIX_LENGTH, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def set_key(self, key: str) -> None:
        self.prefix, self.key_hash = key[:PREFIX_LENGTH], hash_key(key)


# GovStack Registration Building Block (docs/api.md). The building block names things with its
# own identifiers: these rows map them to ours, so that a client's ids stay stable whatever we
# rename, and so that the conformance suite's fixed identifiers can be loaded.


class GovstackForm(models.Model):
    """An eForm: the online form of one procedure version (applicant block + extra fields)."""

    ref = models.CharField(_("mã eForm"), max_length=100, unique=True)
    version = models.ForeignKey(
        "catalog.ProcedureVersion", verbose_name=_("phiên bản thủ tục"), on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("biểu mẫu GovStack")
        verbose_name_plural = _("biểu mẫu GovStack")

    def __str__(self) -> str:
        return self.ref


class GovstackService(models.Model):
    """A service: a procedure as offered at one receiving unit, published to GovStack."""

    ref = models.CharField(_("mã dịch vụ"), max_length=100, unique=True)
    form = models.ForeignKey(GovstackForm, verbose_name=_("biểu mẫu"), on_delete=models.PROTECT)
    unit = models.ForeignKey(
        "accounts.OrgUnit", verbose_name=_("nơi tiếp nhận"), on_delete=models.PROTECT
    )
    # The short name statistics are asked for by (`registrationName`), e.g. "MCTS".
    registration_name = models.CharField(_("tên đăng ký (thống kê)"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("dịch vụ GovStack")
        verbose_name_plural = _("dịch vụ GovStack")

    def __str__(self) -> str:
        return self.ref


class GovstackDocument(models.Model):
    """A document uploaded before the application that refers to it (by its private URL)."""

    ref = models.CharField(max_length=100, unique=True)
    client = models.CharField(_("ứng dụng (Information Mediator)"), max_length=255)
    file = models.FileField(upload_to="govstack/%Y/%m/")
    content_type = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    metadata = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu GovStack")
        verbose_name_plural = _("tài liệu GovStack")

    def __str__(self) -> str:
        return self.ref


class GovstackApplication(models.Model):
    """An application file: a draft until its data identify the applicant, then a dossier."""

    ref = models.CharField(_("mã hồ sơ GovStack"), max_length=100, unique=True)
    task_ref = models.CharField(_("mã công việc"), max_length=100, unique=True)
    service = models.ForeignKey(GovstackService, on_delete=models.PROTECT, related_name="files")
    client = models.CharField(_("ứng dụng (Information Mediator)"), max_length=255)
    applicant_ref = models.CharField(_("mã người nộp (applicantId)"), max_length=255)
    name = models.CharField(_("tên hồ sơ"), max_length=255, blank=True)
    created = models.DateTimeField(_("tạo lúc"))
    form_data = models.JSONField(default=dict, blank=True)
    document_urls = models.JSONField(default=list, blank=True)
    dossier = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.PROTECT,
        related_name="govstack",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("hồ sơ GovStack")
        verbose_name_plural = _("hồ sơ GovStack")
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return self.ref


# DVCQG synchronisation (docs/api.md): one row per change the national portal tracks, written in
# the transaction of the change, sent afterwards by `sync_dvcqg` in order per record.


class SyncKind(models.TextChoices):
    DOSSIER = "dossier", _("Hồ sơ")
    PAKN = "pakn", _("Phản ánh, kiến nghị")


class DvcqgSync(models.Model):
    kind = models.CharField(_("loại"), max_length=8, choices=SyncKind.choices)
    code = models.CharField(_("mã"), max_length=64)
    version = models.PositiveIntegerField(_("phiên bản"))  # the event's sequence number
    unit = models.ForeignKey(
        "accounts.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    payload = models.JSONField()
    # For 766 component 1.4: when the dossier was received (None before acceptance), and
    # whether this is the record's newest version (the portal is up to date when it is sent).
    received_at = models.DateTimeField(null=True, blank=True)
    latest = models.BooleanField(default=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    next_attempt_at = models.DateTimeField(_("gửi lần tới"))
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("số lần gửi"), default=0)
    last_error = models.CharField(_("lỗi gần nhất"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("đồng bộ DVCQG")
        verbose_name_plural = _("đồng bộ DVCQG")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code", "version"], name="dvcqg_sync_unique")
        ]
        indexes = [
            models.Index(
                fields=["id"], condition=models.Q(sent_at__isnull=True), name="dvcqg_unsent"
            ),
            models.Index(fields=["kind", "code", "version"], name="dvcqg_record"),
            models.Index(
                fields=["unit", "received_at"],
                condition=models.Q(latest=True, kind="dossier"),
                name="dvcqg_latest_dossier",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.code} v{self.version}"
