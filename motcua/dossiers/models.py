"""Dossiers, their append-only event log, attachments, code counters and the outbox.

Status changes never happen here: every one goes through a function of `workflow`, which
locks the row, checks `workflow.TRANSITIONS` and writes a `DossierEvent` in the same
transaction (ARCHITECTURE.md, "The dossier core").
"""

from typing import TYPE_CHECKING, Any, NoReturn

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import OrgUnit
from motcua.catalog.models import ProcedureCase, ProcedureDocument, ProcedureVersion, ProcessStep

if TYPE_CHECKING:  # django-stubs is a development dependency only
    from django_stubs_ext import StrOrPromise


class DossierStatus(models.TextChoices):
    """Internal statuses; each maps to exactly one national code (DOMAIN.md §3.1)."""

    SUBMITTED = "submitted", _("Đã nộp trực tuyến, chờ tiếp nhận")
    RECEIVED = "received", _("Đã tiếp nhận")
    REFUSED = "refused", _("Từ chối tiếp nhận")
    FORWARDED = "forwarded", _("Đã chuyển xử lý, chờ phân công")
    IN_PROCESS = "in_process", _("Đang xử lý")
    APPROVED = "approved", _("Đã ký duyệt, chờ phát hành")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Yêu cầu bổ sung")
    AWAITING_FEES = "awaiting_fees", _("Chờ thực hiện nghĩa vụ tài chính")
    WITHDRAWN = "withdrawn", _("Công dân rút hồ sơ")
    STOPPED = "stopped", _("Dừng xử lý")
    RESULT_READY = "result_ready", _("Có kết quả, chờ trả")
    RETURNED = "returned", _("Đã trả kết quả")

    @property
    def national_code(self) -> int:
        return NATIONAL_STATUS[self][0]

    @property
    def national_label(self) -> str:
        return NATIONAL_STATUS[self][1]


# The national code list used in every DVCQG sync: the one place internal statuses meet it.
NATIONAL_STATUS: dict[DossierStatus, tuple[int, str]] = {
    DossierStatus.SUBMITTED: (1, "Mới đăng ký"),
    DossierStatus.RECEIVED: (2, "Được tiếp nhận"),
    DossierStatus.REFUSED: (3, "Không được tiếp nhận"),
    DossierStatus.FORWARDED: (4, "Đang xử lý"),
    DossierStatus.IN_PROCESS: (4, "Đang xử lý"),
    # Signed but not yet numbered by the văn thư: the result is not at the desk yet.
    DossierStatus.APPROVED: (4, "Đang xử lý"),
    DossierStatus.SUPPLEMENT_REQUESTED: (5, "Yêu cầu bổ sung giấy tờ"),
    DossierStatus.AWAITING_FEES: (6, "Yêu cầu thực hiện nghĩa vụ tài chính"),
    DossierStatus.WITHDRAWN: (7, "Công dân yêu cầu rút hồ sơ"),
    DossierStatus.STOPPED: (8, "Dừng xử lý"),
    DossierStatus.RESULT_READY: (9, "Đã xử lý xong"),
    DossierStatus.RETURNED: (10, "Đã trả kết quả"),
}

# Statuses in which the working-time clock does not run.
PAUSED_STATUSES = (DossierStatus.SUPPLEMENT_REQUESTED, DossierStatus.AWAITING_FEES)
# Statuses after which nothing more happens to the dossier.
FINAL_STATUSES = (
    DossierStatus.REFUSED,
    DossierStatus.WITHDRAWN,
    DossierStatus.STOPPED,
    DossierStatus.RETURNED,
)
# The others: the dossier is in some officer's inbox.
OPEN_STATUSES = tuple(s for s in DossierStatus if s not in FINAL_STATUSES)


class Channel(models.IntegerChoices):
    """Channel codes of the national list (DOMAIN.md §3.2)."""

    COUNTER = 1, _("Trực tiếp")
    ONLINE = 2, _("Trực tuyến")
    POST = 3, _("Bưu chính công ích")


class ReturnMethod(models.TextChoices):
    COUNTER = "counter", _("Tại Bộ phận Một cửa")
    POST = "post", _("Qua bưu chính công ích")
    ELECTRONIC = "electronic", _("Trực tuyến (bản điện tử)")


class Timing(models.TextChoices):
    """Result of a step on Mẫu 06: trước hạn / đúng hạn / quá hạn."""

    EARLY = "early", _("Trước hạn")
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Quá hạn")


personal_id_validator = RegexValidator(
    r"^\d{12}\Z", _("Số định danh cá nhân phải gồm đúng 12 chữ số.")
)


def _unit_fk(verbose: "StrOrPromise", related: str, null: bool = False) -> Any:
    return models.ForeignKey(
        OrgUnit,
        verbose_name=verbose,
        on_delete=models.PROTECT,
        related_name=related,
        null=null,
        blank=null,
    )


def _user_fk(verbose: "StrOrPromise", null: bool = True) -> Any:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose,
        on_delete=models.PROTECT,
        related_name="+",
        null=null,
        blank=null,
    )


class Dossier(models.Model):
    """A hồ sơ: one filing of one procedure version, from receipt to returned result."""

    code = models.CharField(_("mã hồ sơ"), max_length=64, unique=True)
    procedure_version = models.ForeignKey(
        ProcedureVersion, verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        ProcedureCase,
        verbose_name=_("trường hợp"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    receiving_unit = _unit_fk(_("nơi tiếp nhận"), "dossiers_received")
    deciding_unit = _unit_fk(_("cơ quan giải quyết"), "dossiers_decided")
    # Where the dossier is now: the receiving unit until forwarded, then the processing unit
    # (or a coordinating unit after a liên thông transfer).
    current_unit = _unit_fk(_("đơn vị đang giữ hồ sơ"), "dossiers_held")
    channel = models.PositiveSmallIntegerField(_("hình thức nộp"), choices=Channel.choices)

    applicant_name = models.CharField(_("người nộp / tổ chức"), max_length=255)
    applicant_personal_id = models.CharField(
        _("số định danh cá nhân"), max_length=12, blank=True, validators=[personal_id_validator]
    )
    applicant_organisation_id = models.CharField(_("mã số tổ chức"), max_length=32, blank=True)
    applicant_phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    applicant_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    representative_name = models.CharField(_("người được ủy quyền"), max_length=255, blank=True)
    representative_id = models.CharField(
        _("số định danh người được ủy quyền"),
        max_length=12,
        blank=True,
        validators=[personal_id_validator],
    )
    representative_authorisation = models.CharField(
        _("văn bản ủy quyền"), max_length=255, blank=True
    )
    # Mẫu 01 names how to reach the authorised representative too.
    representative_address = models.CharField(
        _("địa chỉ người được ủy quyền"), max_length=500, blank=True
    )
    representative_phone = models.CharField(
        _("số điện thoại người được ủy quyền"), max_length=20, blank=True
    )
    representative_email = models.EmailField(_("thư điện tử người được ủy quyền"), blank=True)
    # Recorded at receipt and printed on Mẫu 01.
    sets = models.PositiveSmallIntegerField(_("số bộ hồ sơ"), default=1)
    collect_method = models.CharField(
        _("đăng ký nhận kết quả"), max_length=12, choices=ReturnMethod.choices, default="counter"
    )
    assisted_by = _user_fk(_("người hỗ trợ nộp trực tuyến"))

    status = models.CharField(
        _("trạng thái"), max_length=24, choices=DossierStatus.choices, db_index=True
    )
    # Where a pause (supplement, fees) returns to when it ends.
    status_before_pause = models.CharField(
        max_length=24, choices=DossierStatus.choices, blank=True, editable=False
    )
    current_step = models.ForeignKey(
        ProcessStep,
        verbose_name=_("bước hiện tại"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    assignee = _user_fk(_("cán bộ xử lý"))

    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    clock_started_at = models.DateTimeField(_("bắt đầu tính thời hạn"), null=True, blank=True)
    due_at = models.DateTimeField(_("hẹn trả kết quả"), null=True, blank=True, db_index=True)
    step_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    step_due_at = models.DateTimeField(_("hạn của bước"), null=True, blank=True)
    paused_minutes = models.PositiveIntegerField(_("thời gian tạm dừng (phút làm việc)"), default=0)
    paused_since = models.DateTimeField(_("tạm dừng từ"), null=True, blank=True)
    supplement_count = models.PositiveSmallIntegerField(_("số lần yêu cầu bổ sung"), default=0)
    reschedule_count = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=0)
    # A supplement request that makes the dossier late (a second one, or one after the
    # appointment): the officer confirmed it knowing, and the inbox marks it.
    late_by_supplement = models.BooleanField(_("trễ hạn do yêu cầu bổ sung"), default=False)
    # Mẫu 04 given later than one working day before the appointment (DOMAIN.md §3.2).
    apology_late = models.BooleanField(_("xin lỗi, gia hạn muộn"), default=False)
    # The applicant asked online to withdraw; the one-stop desk confirms it (Mẫu 05).
    withdrawal_requested_at = models.DateTimeField(
        _("công dân đề nghị rút hồ sơ lúc"), null=True, blank=True
    )

    result_number = models.CharField(_("số, ký hiệu kết quả"), max_length=64, blank=True)
    result_file = models.FileField(_("tệp kết quả"), upload_to="dossiers/results/%Y/", blank=True)
    result_signer = _user_fk(_("người ký"))
    result_issued_at = models.DateTimeField(_("phát hành lúc"), null=True, blank=True)
    returned_at = models.DateTimeField(_("trả kết quả lúc"), null=True, blank=True)
    return_method = models.CharField(
        _("hình thức trả"), max_length=12, choices=ReturnMethod.choices, blank=True
    )
    returned_to = models.CharField(_("người nhận kết quả"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        ordering = ["-pk"]
        # The inboxes read a unit's open dossiers (or a handler's): a few thousand at most,
        # where the unit's history holds every dossier it ever had (selectors.inbox_counts).
        indexes = [
            models.Index(
                fields=[name], condition=Q(status__in=OPEN_STATUSES), name=f"dossier_open_{name}"
            )
            for name in ("receiving_unit", "deciding_unit", "current_unit", "assignee")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(paused_minutes__gte=0)
                & Q(supplement_count__gte=0)
                & Q(reschedule_count__gte=0),
                name="dossier_counts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(reschedule_count__lte=1), name="dossier_rescheduled_at_most_once"
            ),
            models.CheckConstraint(
                condition=~Q(applicant_personal_id="") | ~Q(applicant_organisation_id=""),
                name="dossier_applicant_identified",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def national_code(self) -> int:
        return DossierStatus(self.status).national_code

    @property
    def national_label(self) -> str:
        return DossierStatus(self.status).national_label


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove a recorded event."""


class EventQuerySet(models.QuerySet["DossierEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("dossier events are never updated")

    def delete(self) -> NoReturn:  # type: ignore[override]
        raise AppendOnlyError("dossier events are never deleted")


class DossierEvent(models.Model):
    """One thing that happened to a dossier. Mẫu 06, Mẫu 07 and every report read these."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField(_("thứ tự"))
    at = models.DateTimeField(_("thời điểm"))
    # Null for the applicant and the system; actor_label keeps the name as it was then.
    actor = _user_fk(_("người thực hiện"))
    actor_label = models.CharField(_("người thực hiện (tên)"), max_length=255)
    action = models.CharField(_("thao tác"), max_length=32)
    from_status = models.CharField(max_length=24, choices=DossierStatus.choices, blank=True)
    to_status = models.CharField(max_length=24, choices=DossierStatus.choices)
    step = models.ForeignKey(
        ProcessStep, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", null=True)
    note = models.TextField(_("ghi chú"), blank=True)
    payload = models.JSONField(default=dict, blank=True)
    step_deadline = models.DateTimeField(_("hạn của bước"), null=True, blank=True)
    timing = models.CharField(_("kết quả"), max_length=8, choices=Timing.choices, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("diễn biến hồ sơ")
        verbose_name_plural = _("diễn biến hồ sơ")
        ordering = ["dossier", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "seq"], name="event_seq_unique"),
            models.CheckConstraint(condition=Q(seq__gte=1), name="event_seq_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.seq} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("dossier events are never updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("dossier events are never deleted")


class AttachmentKind(models.TextChoices):
    SUBMITTED = "submitted", _("Thành phần hồ sơ")
    SUPPLEMENT = "supplement", _("Bổ sung")
    RESULT = "result", _("Kết quả")


class Attachment(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="attachments")
    document = models.ForeignKey(
        ProcedureDocument, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    kind = models.CharField(_("loại"), max_length=12, choices=AttachmentKind.choices)
    file = models.FileField(_("tệp"), upload_to="dossiers/%Y/%m/")
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(_("định dạng"), max_length=64)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64)
    digitised = models.BooleanField(_("số hóa từ bản giấy"), default=False)
    uploaded_by = _user_fk(_("người tải lên"))
    at = models.DateTimeField(_("tải lên lúc"))

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["dossier", "pk"]

    def __str__(self) -> str:
        return self.original_name


class DossierCodeCounter(models.Model):
    """The last sequence number given at a unit on a day; bumped by one upsert per receipt."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "day"], name="code_counter_unique"),
            models.CheckConstraint(condition=Q(last__gte=0), name="code_counter_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.day}: {self.last}"


class CounterRefusal(models.Model):
    """A filing refused at the counter before receipt (Mẫu 03 instead of Mẫu 01).

    Not a `Dossier`: nothing was received, so there is no code, no appointment, no receipt
    notice, and no report or 766 denominator can count it by mistake. The register (Mẫu 07)
    lists it, without an appointment. Written only by `workflow.refuse_at_counter`.
    """

    receiving_unit = _unit_fk(_("nơi tiếp nhận"), "counter_refusals")
    procedure_version = models.ForeignKey(
        ProcedureVersion, verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="+"
    )
    applicant_name = models.CharField(_("người nộp / tổ chức"), max_length=255)
    applicant_personal_id = models.CharField(
        _("số định danh cá nhân"), max_length=12, blank=True, validators=[personal_id_validator]
    )
    applicant_organisation_id = models.CharField(_("mã số tổ chức"), max_length=32, blank=True)
    applicant_phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    applicant_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    reasons = models.JSONField(_("lý do từ chối"), default=list)
    at = models.DateTimeField(_("thời điểm"))
    actor = _user_fk(_("người từ chối"), null=False)
    actor_label = models.CharField(_("người từ chối (tên)"), max_length=255)

    class Meta:
        verbose_name = _("từ chối tiếp nhận tại quầy")
        verbose_name_plural = _("từ chối tiếp nhận tại quầy")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.receiving_unit_id} {self.at:%Y-%m-%d}"


class OutboxChannel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn")


class OutboxMessage(models.Model):
    """A message to send after commit; `process_outbox` claims and sends it."""

    channel = models.CharField(max_length=8, choices=OutboxChannel.choices)
    recipient = models.CharField(max_length=255)
    subject = models.CharField(max_length=255, blank=True)
    body = models.TextField()
    dossier = models.ForeignKey(
        Dossier, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    # Makes a message idempotent (e.g. one deadline reminder per dossier per day).
    key = models.CharField(max_length=128, null=True, blank=True, unique=True)
    created_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("thông báo chờ gửi")
        verbose_name_plural = _("thông báo chờ gửi")
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["id"], condition=Q(sent_at__isnull=True), name="outbox_unsent")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(attempts__gte=0), name="outbox_attempts_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel} #{self.pk}"
