"""Office hours and calendar overrides: what each province changes in the national calendar."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from motcua.workdays import timecalc


class OfficeHours(models.Model):
    """Giờ làm việc: a morning and an afternoon period, in force from `valid_from`.

    A row without province is the deployment's default; a province's own rows win over it.
    """

    province = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("tỉnh / thành phố"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="office_hours",
        help_text=_("Để trống: áp dụng cho toàn hệ thống."),
    )
    morning_start = models.TimeField(_("buổi sáng bắt đầu"), default=datetime.time(7, 0))
    morning_end = models.TimeField(_("buổi sáng kết thúc"), default=datetime.time(11, 30))
    afternoon_start = models.TimeField(_("buổi chiều bắt đầu"), default=datetime.time(13, 30))
    afternoon_end = models.TimeField(_("buổi chiều kết thúc"), default=datetime.time(17, 0))
    valid_from = models.DateField(_("hiệu lực từ"))
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("giờ làm việc")
        verbose_name_plural = _("giờ làm việc")
        ordering = ["province", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(morning_start__lt=F("morning_end"))
                & Q(morning_end__lte=F("afternoon_start"))
                & Q(afternoon_start__lt=F("afternoon_end")),
                name="officehours_periods_ordered",
            ),
            # Two constraints because NULL provinces are distinct in a plain unique index.
            models.UniqueConstraint(
                fields=["province", "valid_from"], name="officehours_one_per_province_and_date"
            ),
            models.UniqueConstraint(
                fields=["valid_from"],
                condition=Q(province__isnull=True),
                name="officehours_one_default_per_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.morning_start:%H:%M}–{self.morning_end:%H:%M}, " + (
            f"{self.afternoon_start:%H:%M}–{self.afternoon_end:%H:%M} ({self.valid_from:%d/%m/%Y})"
        )

    def clean(self) -> None:
        if None in (self.morning_start, self.morning_end, self.afternoon_start, self.afternoon_end):
            return  # the missing field reports its own error
        try:
            self.as_office_hours()
        except timecalc.CalendarError as error:
            raise ValidationError(
                _("Các buổi làm việc phải theo thứ tự và không chồng lên nhau.")
            ) from error

    def as_office_hours(self) -> timecalc.OfficeHours:
        return timecalc.OfficeHours(
            ((self.morning_start, self.morning_end), (self.afternoon_start, self.afternoon_end))
        )


class OverrideKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ")
    WORKING_DAY = "working_day", _("Ngày làm việc (làm bù)")


class CalendarOverride(models.Model):
    """A day that differs from the national calendar of the `holidays` package.

    Yearly announcements the package does not know yet, local closures (typhoons, floods),
    make-up working days — each with the document that decided it (căn cứ pháp lý).
    """

    province = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("tỉnh / thành phố"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_overrides",
        help_text=_("Để trống: áp dụng cho toàn hệ thống."),
    )
    date = models.DateField(_("ngày"))
    kind = models.CharField(_("loại ngày"), max_length=20, choices=OverrideKind.choices)
    reason = models.CharField(_("lý do"), max_length=255)
    legal_reference = models.CharField(
        _("căn cứ pháp lý"),
        max_length=255,
        help_text=_("Số, ký hiệu và ngày của văn bản, ví dụ: Thông báo 6150/TB-BLĐTBXH."),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("ngày nghỉ / ngày làm bù")
        verbose_name_plural = _("ngày nghỉ / ngày làm bù")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "date"], name="calendaroverride_one_per_province_and_date"
            ),
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(province__isnull=True),
                name="calendaroverride_one_default_per_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}: {self.get_kind_display()}"
