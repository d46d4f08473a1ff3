"""Phản ánh, kiến nghị (PAKN) on administrative regulations, NĐ 20/2008 (DOMAIN.md §7).

A `Pakn` row holds the submitter's contact (personal data: never shown on a public page or in
the API), the content, the unit handling it and, once decided, the answer and the officer's
public summary of the matter. Every change is a function in `workflow.py` that writes one
`PaknEvent` with the deadline it was held to and whether it was met.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import OrgUnit, User
from motcua.catalog.models import Procedure
from motcua.dossiers.models import Dossier


class PaknKind(models.TextChoices):
    REGULATION = "regulation", _("Về quy định hành chính")
    PROCEDURE = "procedure", _("Về thủ tục hành chính, việc giải quyết hồ sơ")
    CONDUCT = "conduct", _("Về hành vi, thái độ của cán bộ, công chức")


class PaknChannel(models.TextChoices):
    PORTAL = "portal", _("Cổng dịch vụ công")
    HOTLINE = "hotline", _("Đường dây nóng")
    POST = "post", _("Bưu chính")
    IN_PERSON = "in_person", _("Trực tiếp")
    EMAIL = "email", _("Thư điện tử")
    OPEN311 = "open311", _("Ứng dụng qua Open311")


# Channels an officer transcribes; the portal and Open311 file by themselves.
RECORDED_CHANNELS = (
    PaknChannel.HOTLINE,
    PaknChannel.POST,
    PaknChannel.IN_PERSON,
    PaknChannel.EMAIL,
)


class PaknStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    INFO_REQUESTED = "info_requested", _("Đề nghị bổ sung thông tin")
    FORWARDED = "forwarded", _("Đã chuyển cơ quan có thẩm quyền")
    REFUSED = "refused", _("Không tiếp nhận")
    ANSWERED = "answered", _("Đã có trả lời")
    PUBLISHED = "published", _("Đã công khai trả lời")


OPEN_STATUSES = (
    PaknStatus.RECEIVED,
    PaknStatus.INFO_REQUESTED,
    PaknStatus.FORWARDED,
    PaknStatus.ANSWERED,
)


class Reaction(models.TextChoices):
    LIKE = "like", _("Hài lòng")
    DISLIKE = "dislike", _("Không hài lòng")


class Pakn(models.Model):
    code = models.CharField(_("mã phản ánh"), max_length=32, unique=True)
    kind = models.CharField(_("loại"), max_length=12, choices=PaknKind.choices)
    channel = models.CharField(_("kênh tiếp nhận"), max_length=10, choices=PaknChannel.choices)
    title = models.CharField(_("tiêu đề"), max_length=255)
    content = models.TextField(_("nội dung"), max_length=10000)
    # Personal data (DOMAIN.md §10): for replying only, never published.
    submitter_name = models.CharField(_("họ và tên người gửi"), max_length=255)
    submitter_phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    submitter_email = models.EmailField(_("thư điện tử"), blank=True)
    submitter_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    contact_verified = models.BooleanField(_("liên hệ đã xác thực"), default=False)

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị xử lý"), on_delete=models.PROTECT, related_name="pakn"
    )
    about_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị bị phản ánh"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("thủ tục"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("hồ sơ"),
        on_delete=models.PROTECT,
        related_name="pakn",
        null=True,
        blank=True,
    )
    earlier = models.ForeignKey(
        "self",
        verbose_name=_("phản ánh trước (phản ánh lại)"),
        on_delete=models.PROTECT,
        related_name="raised_again",
        null=True,
        blank=True,
    )
    recorded_by = models.ForeignKey(
        User,
        verbose_name=_("cán bộ ghi nhận"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    status = models.CharField(
        _("trạng thái"), max_length=16, choices=PaknStatus.choices, default=PaknStatus.RECEIVED
    )
    received_at = models.DateTimeField(_("tiếp nhận lúc"))
    # When the current unit's deadlines start: receipt, forwarding, or the additional
    # information arriving.
    clock_from = models.DateTimeField(_("tính thời hạn từ"))
    due_at = models.DateTimeField(_("hạn xử lý hiện tại"), db_index=True, null=True, blank=True)
    info_requested_count = models.PositiveSmallIntegerField(default=0)

    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    answered_by = models.ForeignKey(
        User,
        verbose_name=_("người trả lời"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    public_summary = models.TextField(_("nội dung công khai"), blank=True)
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True, db_index=True)
    refusal_reason = models.TextField(_("lý do không tiếp nhận"), blank=True)
    reaction = models.CharField(
        _("đánh giá của người gửi"), max_length=8, choices=Reaction.choices, blank=True
    )
    reacted_at = models.DateTimeField(null=True, blank=True)
    # When the submitter first raised the same matter again after the answer (a later PAKN
    # names this one as `earlier`): such a PAKN is not a satisfied one (766, 5.3).
    reraised_at = models.DateTimeField(_("được phản ánh lại lúc"), null=True, blank=True)
    # fold(title + summary + answer), padded with spaces: see motcua.catalog.selectors.
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        ordering = ["-received_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="pakn_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class PaknEvent(models.Model):
    """Append-only history of a PAKN; `deadline`/`on_time` feed the 766 component 5.2."""

    pakn = models.ForeignKey(Pakn, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    at = models.DateTimeField()
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    actor_label = models.CharField(max_length=255)
    action = models.CharField(max_length=24)
    from_status = models.CharField(max_length=16, choices=PaknStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=PaknStatus.choices)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    deadline = models.DateTimeField(null=True, blank=True)
    on_time = models.BooleanField(null=True)

    class Meta:
        verbose_name = _("diễn biến xử lý")
        verbose_name_plural = _("diễn biến xử lý")
        ordering = ["pakn", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["pakn", "seq"], name="pakn_event_seq_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.pakn_id}#{self.seq} {self.action}"


class PaknCodeCounter(models.Model):
    """The last number given per year, so that codes are short and never reused."""

    year = models.PositiveSmallIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
