"""Meetings with citizens (đối thoại, gặp gỡ nhân dân) and what was asked and answered.

Nothing here names a resident: the minutes name the leaders present and count the residents;
questions are recorded as their content. A question that needs follow-up is an assignment
tracked like a plan task."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import OrgUnit, User
from motcua.reform.models.tracking import Tracked


class PapiTopic(models.TextChoices):
    """The PAPI dimensions."""

    PARTICIPATION = "participation", _("Tham gia của người dân ở cấp cơ sở")
    TRANSPARENCY = "transparency", _("Công khai, minh bạch")
    ACCOUNTABILITY = "accountability", _("Trách nhiệm giải trình với người dân")
    CORRUPTION = "corruption", _("Kiểm soát tham nhũng")
    PROCEDURES = "procedures", _("Thủ tục hành chính công")
    SERVICES = "services", _("Cung ứng dịch vụ công")
    ENVIRONMENT = "environment", _("Quản trị môi trường")
    E_GOVERNANCE = "e_governance", _("Quản trị điện tử")


class Meeting(models.Model):
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(_("ngày đối thoại"))
    place = models.CharField(_("địa điểm"), max_length=255)
    title = models.CharField(_("chủ đề"), max_length=500)
    leaders = models.TextField(_("lãnh đạo chủ trì, tham dự"))
    residents = models.PositiveIntegerField(_("số người dân tham dự"))
    topics = models.JSONField(_("nội dung theo chỉ số PAPI"), default=list)
    summary = models.TextField(_("tóm tắt kết quả"), blank=True)
    minutes = models.FileField(_("biên bản (PDF)"), upload_to="reform/bien-ban/", blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("buổi đối thoại với nhân dân")
        verbose_name_plural = _("đối thoại với nhân dân")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"

    def topic_labels(self) -> list[str]:
        return [str(PapiTopic(t).label) for t in self.topics if t in PapiTopic.values]


class MeetingQuestion(Tracked):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="questions")
    question = models.TextField(_("ý kiến, kiến nghị của người dân"))
    answer = models.TextField(_("trả lời tại buổi đối thoại"), blank=True)
    assignee_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị được giao"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assignee = models.ForeignKey(
        User,
        verbose_name=_("cán bộ được giao"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    result = models.TextField(_("kết quả giải quyết"), blank=True)

    class Meta:
        verbose_name = _("ý kiến tại buổi đối thoại")
        verbose_name_plural = _("ý kiến tại buổi đối thoại")
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.question[:80]

    @property
    def assigned(self) -> bool:
        return self.assignee_unit_id is not None
