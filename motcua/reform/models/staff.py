"""The staff register (cán bộ, công chức, viên chức): people, their postings with dates,
qualifications and training. Personal data: read only by personnel officers, every view and
export recorded (DOMAIN.md §10)."""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import OrgUnit, User


class Sex(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class StaffKind(models.TextChoices):
    CAN_BO = "can_bo", _("Cán bộ")
    CONG_CHUC = "cong_chuc", _("Công chức")
    VIEN_CHUC = "vien_chuc", _("Viên chức")
    PART_TIME = "part_time", _("Người hoạt động không chuyên trách")
    CONTRACT = "contract", _("Hợp đồng lao động")


class QualCategory(models.TextChoices):
    PROFESSIONAL = "professional", _("Chuyên môn")
    POLITICAL = "political", _("Lý luận chính trị")
    STATE_MANAGEMENT = "state_mgmt", _("Quản lý nhà nước")
    IT = "it", _("Tin học")
    LANGUAGE = "language", _("Ngoại ngữ")


class Person(models.Model):
    full_name = models.CharField(_("họ và tên"), max_length=255)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    sex = models.CharField(_("giới tính"), max_length=8, choices=Sex.choices, blank=True)
    user = models.OneToOneField(
        User,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_record",
    )
    # Where the person was registered: who may see them even after they left.
    home_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị quản lý hồ sơ"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("cán bộ, công chức")
        verbose_name_plural = _("sổ cán bộ, công chức")
        ordering = ["full_name", "pk"]

    def __str__(self) -> str:
        return self.full_name


class Posting(models.Model):
    """A person in a unit, in a position and kind, from `starts_on` to `ends_on` (inclusive)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="postings")
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.CharField(_("chức vụ, chức danh"), max_length=255)
    kind = models.CharField(_("loại"), max_length=12, choices=StaffKind.choices)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")
        ordering = ["person", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="reform_posting_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.position}"

    def active_on(self, day: dt.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)


class Qualification(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="qualifications")
    category = models.CharField(_("loại trình độ"), max_length=12, choices=QualCategory.choices)
    level = models.CharField(_("trình độ"), max_length=24)
    field = models.CharField(_("chuyên ngành"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)

    class Meta:
        verbose_name = _("trình độ")
        verbose_name_plural = _("trình độ")
        ordering = ["person", "category"]

    def __str__(self) -> str:
        from motcua.reform.levels import level_label

        return f"{self.get_category_display()}: {level_label(self.category, self.level)}"


class Training(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="trainings")
    name = models.CharField(_("tên khóa đào tạo, bồi dưỡng"), max_length=500)
    organiser = models.CharField(_("cơ sở đào tạo"), max_length=255, blank=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    certificate = models.CharField(_("chứng chỉ, giấy chứng nhận"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("đào tạo, bồi dưỡng")
        verbose_name_plural = _("đào tạo, bồi dưỡng")
        ordering = ["person", "starts_on"]

    def __str__(self) -> str:
        return self.name
