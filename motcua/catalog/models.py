"""The procedure catalog: procedures, their versions and everything a version is made of.

A procedure (thủ tục hành chính) is a stable identity — its national code, sector and level.
Everything the law can change lives on a `ProcedureVersion` (NĐ 63/2010 Art. 8 and DOMAIN.md §5).
Dossiers point at the version in force when they were received, so a published version is
never edited: a change is a new draft version, published in its turn.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import OrgUnit, Role, UnitKind
from motcua.lib.extra_fields import validate_schema as validate_extra_fields
from motcua.lib.text import fold


class TimeLimitUnit(models.TextChoices):
    # Same values as motcua.workdays.timecalc.LimitUnit, kept here so catalog does not depend
    # on an app that is being written at the same time.
    WORKING_DAYS = "working_days", _("ngày làm việc")
    WORKING_HOURS = "working_hours", _("giờ làm việc")
    CALENDAR_DAYS = "calendar_days", _("ngày")
    SAME_DAY = "same_day", _("trong ngày")


class Level(models.TextChoices):
    """Where a procedure is decided; for "both", the deciding level comes first."""

    COMMUNE = "commune", _("Cấp xã")
    PROVINCE = "province", _("Cấp tỉnh")
    COMMUNE_PROVINCE = "commune_province", _("Cấp xã, cấp tỉnh")
    PROVINCE_COMMUNE = "province_commune", _("Cấp tỉnh, cấp xã")


COMMUNE_LEVELS = (Level.COMMUNE, Level.COMMUNE_PROVINCE, Level.PROVINCE_COMMUNE)
PROVINCE_LEVELS = (Level.PROVINCE, Level.COMMUNE_PROVINCE, Level.PROVINCE_COMMUNE)


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    PUBLISHED = "published", _("Đang áp dụng")
    RETIRED = "retired", _("Hết hiệu lực")


class OnlineLevel(models.TextChoices):
    FULL = "full", _("Toàn trình")
    PARTIAL = "partial", _("Một phần")
    NONE = "none", _("Không cung cấp trực tuyến")


class Channel(models.TextChoices):
    COUNTER = "counter", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    POST = "post", _("Qua dịch vụ bưu chính")


class Confidence(models.TextChoices):
    HIGH = "high", _("Cao")
    MEDIUM = "medium", _("Trung bình")
    LOW = "low", _("Thấp")


class Sector(models.Model):
    """A lĩnh vực. The seed data carries no sector codes, so the code may be blank."""

    code = models.CharField(_("mã lĩnh vực"), max_length=32, blank=True, default="")
    name = models.CharField(_("tên lĩnh vực"), max_length=255, unique=True)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="sector_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Procedure(models.Model):
    """A procedure's identity. Liên thông groups have no confirmed national code (null)."""

    code = models.CharField(_("mã thủ tục"), max_length=32, null=True, blank=True, unique=True)
    sector = models.ForeignKey(
        Sector, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="procedures"
    )
    level = models.CharField(_("cấp thực hiện"), max_length=20, choices=Level.choices)
    # Copied from the current version so lists and search need no join; see refresh_index().
    name = models.CharField(_("tên thủ tục"), max_length=600, editable=False, default="")
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["code", "pk"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}" if self.code else self.name

    def current_version(self) -> "ProcedureVersion | None":
        """The published version, or else the newest draft."""
        versions = self.versions.order_by("-number")
        return versions.filter(status=VersionStatus.PUBLISHED).first() or versions.first()

    def refresh_index(self) -> None:
        """Recompute the name and the folded search text from the current version.

        Folding happens here, in Python, so that search is a plain `__contains` that behaves
        the same on SQLite and PostgreSQL.
        """
        version = self.current_version()
        self.name = version.name if version else ""
        # Padded with spaces so that a query word can be matched at a word start (" hoa").
        indexed = f"{self.name} {self.code or ''} {self.sector.name}"
        self.search_text = f" {fold(indexed)} "
        Procedure.objects.filter(pk=self.pk).update(name=self.name, search_text=self.search_text)


class ProcedureVersion(models.Model):
    """One version of a procedure, with every constituent part of NĐ 63/2010 Art. 8."""

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("phiên bản số"), default=1)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    name = models.CharField(_("tên thủ tục"), max_length=600)
    implementing_body = models.TextField(_("cơ quan thực hiện"), null=True, blank=True)
    deciding_body = models.TextField(_("cơ quan có thẩm quyền quyết định"), null=True, blank=True)
    applicants = models.TextField(_("đối tượng thực hiện"), null=True, blank=True)
    channels = models.JSONField(_("cách thức thực hiện"), default=list, blank=True)
    steps_text = models.TextField(_("trình tự thực hiện"), null=True, blank=True)
    time_limit_value = models.PositiveIntegerField(_("thời hạn giải quyết"), null=True, blank=True)
    time_limit_unit = models.CharField(
        _("đơn vị thời hạn"), max_length=20, choices=TimeLimitUnit.choices, null=True, blank=True
    )
    time_limit_text = models.TextField(_("thời hạn (nguyên văn)"), null=True, blank=True)
    cutoff_15h = models.BooleanField(
        _("nhận sau 15 giờ tính từ ngày làm việc tiếp theo"), default=False
    )
    online_time_limit_value = models.PositiveIntegerField(
        _("thời hạn khi nộp trực tuyến"), null=True, blank=True
    )
    online_time_limit_unit = models.CharField(
        _("đơn vị thời hạn trực tuyến"),
        max_length=20,
        choices=TimeLimitUnit.choices,
        null=True,
        blank=True,
    )
    conditions = models.TextField(_("yêu cầu, điều kiện"), null=True, blank=True)
    result = models.TextField(_("kết quả thực hiện"), null=True, blank=True)
    # Null: not confirmed; each province configures its online services.
    online_level = models.CharField(
        _("mức độ dịch vụ công trực tuyến"),
        max_length=20,
        choices=OnlineLevel.choices,
        null=True,
        blank=True,
    )
    paper_result_required = models.BooleanField(
        _("bắt buộc trả kết quả giấy"), null=True, blank=True
    )
    legal_basis = models.JSONField(_("căn cứ pháp lý"), default=list, blank=True)
    # What the online form asks beyond the applicant's details (motcua.lib.extra_fields).
    extra_fields = models.JSONField(
        _("trường thông tin bổ sung khi nộp trực tuyến"),
        default=list,
        blank=True,
        validators=[validate_extra_fields],
    )
    sources = models.JSONField(_("nguồn dữ liệu"), default=list, blank=True)
    confidence = models.CharField(
        _("độ tin cậy"), max_length=10, choices=Confidence.choices, null=True, blank=True
    )
    notes = models.TextField(_("ghi chú"), null=True, blank=True)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người công bố"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("phiên bản thủ tục")
        verbose_name_plural = _("phiên bản thủ tục")
        ordering = ["procedure", "number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="version_number_unique"),
            models.UniqueConstraint(
                fields=["procedure"],
                condition=Q(status="published"),
                name="version_one_published",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="version_number_positive"),
            models.CheckConstraint(
                condition=Q(time_limit_value__isnull=True, time_limit_unit__isnull=True)
                | Q(time_limit_value__isnull=False, time_limit_unit__isnull=False),
                name="version_time_limit_complete",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="version_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (phiên bản {self.number})"

    @property
    def is_editable(self) -> bool:
        return self.status == VersionStatus.DRAFT


class ProcedureCase(models.Model):
    """A trường hợp: a variant of the procedure with its own time limit and documents."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="cases")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    name = models.CharField(_("trường hợp"), max_length=600)
    time_limit_value = models.PositiveIntegerField(_("thời hạn"), null=True, blank=True)
    time_limit_unit = models.CharField(
        _("đơn vị thời hạn"), max_length=20, choices=TimeLimitUnit.choices, null=True, blank=True
    )

    class Meta:
        verbose_name = _("trường hợp")
        verbose_name_plural = _("trường hợp")
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "name"], name="case_name_unique")]

    def __str__(self) -> str:
        return self.name


class ProcedureDocument(models.Model):
    """A thành phần hồ sơ. Counts are null where the source gives none (electronic data)."""

    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="documents"
    )
    case = models.ForeignKey(
        ProcedureCase,
        verbose_name=_("trường hợp"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    name = models.CharField(_("tên giấy tờ"), max_length=600)
    originals = models.PositiveSmallIntegerField(_("bản chính"), null=True, blank=True)
    copies = models.PositiveSmallIntegerField(_("bản sao"), null=True, blank=True)
    mandatory = models.BooleanField(_("bắt buộc"), default=True)
    # "Xuất trình để đối chiếu, không nộp": shown to the officer, never filed or uploaded.
    presented_only = models.BooleanField(_("chỉ xuất trình, không nộp"), default=False)
    note = models.TextField(_("ghi chú"), null=True, blank=True)
    editor_note = models.TextField(
        _("ghi chú biên tập (nội bộ)"),
        blank=True,
        default="",
        help_text=_("Nguồn, đối chiếu, ví dụ nơi khác: chỉ người biên tập danh mục thấy."),
    )
    template = models.FileField(_("mẫu đơn, tờ khai"), upload_to="catalog/forms/", blank=True)

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["version", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class ProcedureFee(models.Model):
    """A phí or lệ phí; amount is null where the provincial council (HĐND) sets it."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="fees")
    # Empty: due in every case of the procedure; set: only in that case (trường hợp).
    case = models.ForeignKey(
        ProcedureCase,
        verbose_name=_("trường hợp"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="fees",
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    name = models.CharField(_("tên phí, lệ phí"), max_length=600)
    amount_vnd = models.PositiveBigIntegerField(_("mức thu (đồng)"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), null=True, blank=True)
    editor_note = models.TextField(
        _("ghi chú biên tập (nội bộ)"),
        blank=True,
        default="",
        help_text=_("Nguồn, đối chiếu, ví dụ nơi khác: chỉ người biên tập danh mục thấy."),
    )

    class Meta:
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = _("phí, lệ phí")
        ordering = ["version", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class ProcessStep(models.Model):
    """A step of the internal process (quy trình nội bộ) with its hour budget.

    A step names either a concrete unit or a kind of unit (e.g. "the commune centre"), so one
    process serves every commune; with neither, the step belongs to the deciding unit.
    """

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("bước"))
    name = models.CharField(_("tên bước"), max_length=255)
    role = models.CharField(_("vai trò thực hiện"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.PROTECT
    )
    unit_kind = models.CharField(
        _("loại đơn vị"), max_length=20, choices=UnitKind.choices, null=True, blank=True
    )
    hours = models.DecimalField(_("thời gian (giờ làm việc)"), max_digits=7, decimal_places=2)

    class Meta:
        verbose_name = _("bước quy trình nội bộ")
        verbose_name_plural = _("quy trình nội bộ")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="step_order_unique"),
            models.CheckConstraint(condition=Q(hours__gt=Decimal(0)), name="step_hours_positive"),
            models.CheckConstraint(
                condition=Q(unit__isnull=True) | Q(unit_kind__isnull=True),
                name="step_unit_or_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class ProcedureOffering(models.Model):
    """A unit where a procedure can be filed (nơi tiếp nhận)."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="offerings")
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="offerings"
    )

    class Meta:
        verbose_name = _("nơi tiếp nhận")
        verbose_name_plural = _("nơi tiếp nhận")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "unit"], name="offering_unique")
        ]

    def __str__(self) -> str:
        return f"{self.procedure} @ {self.unit}"


class CatalogStamp(models.Model):
    """One row whose token changes with every write to what the public catalog pages show.

    Database triggers (motcua/catalog/stamp.py) replace the token on any insert, update or
    delete of sectors, procedures, versions and their parts, offerings and units — from the
    admin, a service, a bulk load or another server alike — in the writing transaction, so a
    reader sees the new token exactly when it sees the new rows. The citizen pages cache their
    catalog fragments under the token (`motcua.catalog.selectors.catalog_stamp`). The token is
    random rather than a counter, so a rolled-back change or a restored backup never brings back
    a token whose cached pages showed something else.
    """

    token = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("dấu thay đổi danh mục")
        verbose_name_plural = _("dấu thay đổi danh mục")

    def __str__(self) -> str:
        return str(self.token)
