"""The yearly CCHC plan (kế hoạch cải cách hành chính năm) of a unit and its tasks."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import OrgUnit, User
from motcua.reform.models.tracking import Tracked


class ReformArea(models.TextChoices):
    """The contents of Nghị quyết 76/NQ-CP plus direction: the areas of the PAR rubric."""

    DIRECTION = "direction", _("Công tác chỉ đạo, điều hành và tuyên truyền CCHC")
    INSTITUTIONS = "institutions", _("Cải cách thể chế")
    PROCEDURES = "procedures", _("Cải cách thủ tục hành chính")
    ORGANISATION = "organisation", _("Cải cách tổ chức bộ máy")
    CIVIL_SERVICE = "civil_service", _("Cải cách chế độ công vụ")
    PUBLIC_FINANCE = "public_finance", _("Cải cách tài chính công")
    DIGITAL = "digital", _("Xây dựng, phát triển Chính phủ điện tử, Chính phủ số")


class ReformPlan(models.Model):
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="reform_plans"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên kế hoạch"), max_length=500)
    legal_basis = models.TextField(_("căn cứ"), blank=True)
    decision_number = models.CharField(_("số quyết định / kế hoạch"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    decision_signer = models.CharField(_("người ký"), max_length=255, blank=True)
    source = models.ForeignKey(
        "self",
        verbose_name=_("kế hoạch cấp trên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="derived",
    )
    created_at = models.DateTimeField(_("ngày tạo"))
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("kế hoạch CCHC")
        verbose_name_plural = _("kế hoạch CCHC")
        ordering = ["-year", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="reform_plan_unit_year")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class PlanTask(Tracked):
    plan = models.ForeignKey(ReformPlan, on_delete=models.CASCADE, related_name="tasks")
    number = models.CharField(_("số thứ tự"), max_length=16, blank=True)
    area = models.CharField(_("lĩnh vực"), max_length=20, choices=ReformArea.choices)
    content = models.TextField(_("nội dung nhiệm vụ"))
    product = models.CharField(_("sản phẩm"), max_length=255, blank=True)
    lead_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lead_officer = models.ForeignKey(
        User,
        verbose_name=_("cán bộ chủ trì"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reform_tasks",
    )
    support = models.TextField(_("đơn vị, cán bộ phối hợp"), blank=True)
    starts_on = models.DateField(_("ngày bắt đầu"), null=True, blank=True)
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    ongoing = models.BooleanField(_("thường xuyên"), default=False)
    source_task = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )

    class Meta:
        verbose_name = _("nhiệm vụ CCHC")
        verbose_name_plural = _("nhiệm vụ CCHC")
        ordering = ["plan", "area", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="reform_task_status_due")]

    def __str__(self) -> str:
        return self.content[:80]

    @property
    def deadline_label(self) -> str:
        return "Thường xuyên" if self.ongoing else f"{self.deadline:%d/%m/%Y}"
