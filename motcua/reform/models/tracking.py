"""The life cycle shared by plan tasks, inspection findings and meeting assignments: someone
must do something by a date, says it is done with evidence, and someone else confirms it."""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import User


class TrackStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    REPORTED = "reported", _("Chờ xác nhận hoàn thành")
    DONE = "done", _("Hoàn thành đúng hạn")
    DONE_LATE = "done_late", _("Hoàn thành trễ hạn")
    CANCELLED = "cancelled", _("Hủy bỏ")


OPEN_STATUSES = (TrackStatus.NOT_STARTED, TrackStatus.IN_PROGRESS, TrackStatus.REPORTED)
FINISHED_STATUSES = (TrackStatus.DONE, TrackStatus.DONE_LATE)


class Tracked(models.Model):
    """Fields of anything followed to completion. `due_on` is the date it is judged against
    (for an ongoing — "thường xuyên" — plan task, the last day of the plan's year)."""

    status = models.CharField(
        _("trạng thái"), max_length=12, choices=TrackStatus.choices, default=TrackStatus.NOT_STARTED
    )
    due_on = models.DateField(_("hạn hoàn thành"))
    reported_on = models.DateField(_("ngày báo cáo hoàn thành"), null=True, blank=True)
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    cancel_reason = models.TextField(_("lý do hủy"), blank=True)
    # The last local day an overdue reminder was queued (claimed with SKIP LOCKED).
    reminded_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def overdue(self, today: dt.date) -> bool:
        return self.status in OPEN_STATUSES and self.due_on < today


EVENT_LABELS = {
    "create": "Tạo",
    "update": "Cập nhật tiến độ",
    "report_done": "Báo cáo hoàn thành",
    "confirm": "Xác nhận hoàn thành",
    "send_back": "Trả lại, chưa đạt",
    "cancel": "Hủy bỏ",
}


class TrackEvent(models.Model):
    """One step of a task, finding or assignment: who, when, from which status to which, the
    note. Append-only; exactly one of the three subjects is set."""

    task = models.ForeignKey(
        "reform.PlanTask", null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    finding = models.ForeignKey(
        "reform.Finding", null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    question = models.ForeignKey(
        "reform.MeetingQuestion",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    at = models.DateTimeField(_("thời điểm"))
    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(_("người thực hiện"), max_length=255)
    action = models.CharField(_("thao tác"), max_length=20)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("diễn biến")
        verbose_name_plural = _("diễn biến")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(task__isnull=False, finding__isnull=True, question__isnull=True)
                    | Q(task__isnull=True, finding__isnull=False, question__isnull=True)
                    | Q(task__isnull=True, finding__isnull=True, question__isnull=False)
                ),
                name="reform_event_one_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%d/%m/%Y}"

    @property
    def label(self) -> str:
        return EVENT_LABELS.get(self.action, self.action)

    def get_to_status_display(self) -> str:
        return str(TrackStatus(self.to_status).label)


class Evidence(models.Model):
    """A file proving progress (PDF, JPEG or PNG, recognised by content)."""

    event = models.ForeignKey(TrackEvent, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("tệp"), upload_to="reform/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("tệp minh chứng")
        verbose_name_plural = _("tệp minh chứng")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name
