"""Public-service and reform inspections (kiểm tra công vụ, kiểm tra CCHC): a yearly plan of
the province or a department, the inspections — planned or unannounced — and their findings,
each followed until it is fixed."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import OrgUnit, User
from motcua.dossiers.models import Dossier
from motcua.reform.models.staff import Person
from motcua.reform.models.tracking import Tracked


class InspectionPlan(models.Model):
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị kiểm tra"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên kế hoạch kiểm tra"), max_length=500)
    decision_number = models.CharField(_("số kế hoạch"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày ban hành"), null=True, blank=True)

    class Meta:
        verbose_name = _("kế hoạch kiểm tra")
        verbose_name_plural = _("kế hoạch kiểm tra")
        ordering = ["-year", "pk"]

    def __str__(self) -> str:
        return self.title


class Inspection(models.Model):
    plan = models.ForeignKey(
        InspectionPlan,
        verbose_name=_("kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    inspecting_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị kiểm tra"), on_delete=models.PROTECT, related_name="+"
    )
    inspected_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị được kiểm tra"), on_delete=models.PROTECT, related_name="+"
    )
    surprise = models.BooleanField(_("kiểm tra đột xuất (không báo trước)"), default=False)
    theme = models.CharField(_("nội dung kiểm tra"), max_length=500)
    planned_on = models.DateField(_("ngày dự kiến"), null=True, blank=True)
    held_on = models.DateField(_("ngày kiểm tra"), null=True, blank=True)
    leader = models.CharField(_("trưởng đoàn"), max_length=255)
    members = models.TextField(_("thành viên đoàn"), blank=True)
    checked_presence = models.TextField(_("sự có mặt, tác phong, thái độ của cán bộ"), blank=True)
    checked_desk = models.TextField(_("Bộ phận Một cửa"), blank=True)
    checked_posting = models.TextField(_("niêm yết, công khai thủ tục hành chính"), blank=True)
    checked_dossiers = models.TextField(_("hồ sơ kiểm tra xác suất"), blank=True)
    sampled = models.ManyToManyField(
        Dossier, verbose_name=_("hồ sơ được chọn kiểm tra"), blank=True, related_name="+"
    )
    conclusion_number = models.CharField(_("số kết luận"), max_length=64, blank=True)
    conclusion_date = models.DateField(_("ngày kết luận"), null=True, blank=True)
    conclusion_file = models.FileField(
        _("văn bản kết luận (PDF)"), upload_to="reform/ket-luan/", blank=True
    )
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("cuộc kiểm tra")
        verbose_name_plural = _("cuộc kiểm tra")
        ordering = ["-held_on", "-planned_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.theme} — {self.inspected_unit}"

    @property
    def kind_label(self) -> str:
        return "Đột xuất" if self.surprise else "Theo kế hoạch"


class FindingKind(models.TextChoices):
    PRESENCE = "presence", _("Chấp hành thời giờ làm việc, có mặt tại nhiệm sở")
    ATTITUDE = "attitude", _("Tác phong, thái độ phục vụ")
    DESK = "desk", _("Tổ chức, hoạt động Bộ phận Một cửa")
    POSTING = "posting", _("Niêm yết, công khai thủ tục hành chính")
    DOSSIERS = "dossiers", _("Giải quyết hồ sơ (trễ hạn, yêu cầu ngoài quy định)")
    OTHER = "other", _("Khác")


class Severity(models.TextChoices):
    MINOR = "minor", _("Nhắc nhở")
    MODERATE = "moderate", _("Cần chấn chỉnh")
    SERIOUS = "serious", _("Nghiêm trọng, xem xét trách nhiệm")


class Finding(Tracked):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("loại tồn tại"), max_length=12, choices=FindingKind.choices)
    severity = models.CharField(_("mức độ"), max_length=12, choices=Severity.choices)
    person = models.ForeignKey(
        Person,
        verbose_name=_("cán bộ liên quan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("tồn tại, hạn chế"))
    recommendation = models.TextField(_("kiến nghị khắc phục"))
    responsible = models.CharField(_("người chịu trách nhiệm khắc phục"), max_length=255)

    class Meta:
        verbose_name = _("tồn tại phát hiện qua kiểm tra")
        verbose_name_plural = _("tồn tại phát hiện qua kiểm tra")
        ordering = ["inspection", "pk"]

    def __str__(self) -> str:
        return self.description[:80]
