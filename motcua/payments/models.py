"""Fees of a dossier, the payments that settle them, bank statements and gateway callbacks.

Amounts are whole đồng in integer columns: the đồng has no subunit in use, so nothing here is
ever a float. A dossier's fee lines are copied from its procedure version (and case) once, the
first time they are needed: a published version never changes, so the copy is what was in force
at receipt. Every payment and exemption also writes an event in the dossier's log.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import OrgUnit, User
from motcua.dossiers.models import Dossier


class BankAccount(models.Model):
    """Where a unit's fees are transferred: what its VietQR codes carry."""

    unit = models.OneToOneField(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="bank_account"
    )
    bank_bin = models.CharField(
        _("mã ngân hàng (BIN)"),
        max_length=6,
        validators=[RegexValidator(r"^\d{6}$", _("Mã BIN gồm 6 chữ số, ví dụ 970415."))],
    )
    bank_name = models.CharField(_("ngân hàng"), max_length=120)
    account_number = models.CharField(
        _("số tài khoản"),
        max_length=19,
        validators=[RegexValidator(r"^[0-9A-Za-z]{1,19}$", _("Chỉ gồm chữ số, chữ cái."))],
    )
    account_name = models.CharField(_("tên tài khoản"), max_length=120)
    # The unit takes card payments through the online gateway too (766 group 4: "integrated").
    gateway_enabled = models.BooleanField(_("nhận thanh toán qua cổng trực tuyến"), default=True)

    class Meta:
        verbose_name = _("tài khoản nhận phí")
        verbose_name_plural = _("tài khoản nhận phí")

    def __str__(self) -> str:
        return f"{self.unit}: {self.bank_name} {self.account_number}"


class DossierFee(models.Model):
    """One phí or lệ phí of one dossier, with the exemption or reduction an officer granted."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="fees")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    name = models.CharField(_("tên phí, lệ phí"), max_length=600)
    amount_vnd = models.PositiveBigIntegerField(_("mức thu (đồng)"))
    exemption_vnd = models.PositiveBigIntegerField(_("miễn, giảm (đồng)"), default=0)
    exemption_reason = models.CharField(_("lý do miễn, giảm"), max_length=500, blank=True)
    exempted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    exempted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("phí, lệ phí của hồ sơ")
        verbose_name_plural = _("phí, lệ phí của hồ sơ")
        ordering = ["dossier", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(exemption_vnd__lte=models.F("amount_vnd")),
                name="fee_exemption_within_amount",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def due_vnd(self) -> int:
        return self.amount_vnd - self.exemption_vnd


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Tiền mặt tại quầy")
    CARD = "card", _("Thẻ tại quầy")
    TRANSFER = "transfer", _("Chuyển khoản (VietQR)")
    GATEWAY = "gateway", _("Cổng thanh toán trực tuyến")


# Paid without coming to the counter: what 766 group 4 counts as paid online.
ONLINE_METHODS = (PaymentMethod.TRANSFER, PaymentMethod.GATEWAY)


class Payment(models.Model):
    """Money received for a dossier. `reference` is the receipt number at the counter, the
    bank's transaction reference for a transfer, the gateway's transaction id online: unique
    per method, so the same transfer or callback can never be counted twice."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="payments")
    amount_vnd = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    method = models.CharField(_("hình thức"), max_length=10, choices=PaymentMethod.choices)
    reference = models.CharField(_("số biên lai / mã giao dịch"), max_length=128)
    paid_at = models.DateTimeField(_("nộp lúc"), db_index=True)
    recorded_by = models.ForeignKey(
        User,
        verbose_name=_("người ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("ghi nhận lúc"))

    class Meta:
        verbose_name = _("khoản thanh toán")
        verbose_name_plural = _("khoản thanh toán")
        ordering = ["-paid_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["method", "reference"], name="payment_reference_once"),
            models.CheckConstraint(condition=Q(amount_vnd__gt=0), name="payment_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.reference}"

    @property
    def receipt_number(self) -> str:
        return f"BL-{self.paid_at:%Y}-{self.pk:06d}"


class LineOutcome(models.TextChoices):
    MATCHED = "matched", _("Khớp, đã ghi nhận")
    PARTIAL = "partial", _("Nộp thiếu, đã ghi nhận một phần")
    UNMATCHED = "unmatched", _("Chưa khớp hồ sơ")
    RESOLVED = "resolved", _("Cán bộ đã xử lý")


NEEDS_OFFICER = (LineOutcome.PARTIAL, LineOutcome.UNMATCHED)


class StatementLine(models.Model):
    """One credit line of a bank statement imported for a unit's account."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    booked_on = models.DateField(_("ngày giao dịch"))
    amount_vnd = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    description = models.CharField(_("nội dung"), max_length=500)
    reference = models.CharField(_("số tham chiếu"), max_length=128)
    outcome = models.CharField(
        _("kết quả đối soát"), max_length=10, choices=LineOutcome.choices, db_index=True
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    dossier = models.ForeignKey(
        Dossier, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    payment = models.OneToOneField(
        Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="statement_line"
    )
    imported_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(_("nhập lúc"))

    class Meta:
        verbose_name = _("dòng sao kê")
        verbose_name_plural = _("dòng sao kê")
        ordering = ["-booked_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "reference"], name="statement_line_once")
        ]

    def __str__(self) -> str:
        return self.reference


class OrderStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ kết quả")
    PAID = "paid", _("Đã thanh toán")
    FAILED = "failed", _("Không thành công")


class GatewayOrder(models.Model):
    """A request to pay a dossier's fees through the online gateway."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="+")
    order_id = models.CharField(max_length=40, unique=True)
    gateway = models.CharField(max_length=20)
    amount_vnd = models.PositiveBigIntegerField()
    status = models.CharField(max_length=8, choices=OrderStatus.choices)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("lệnh thanh toán trực tuyến")
        verbose_name_plural = _("lệnh thanh toán trực tuyến")
        constraints = [
            models.CheckConstraint(condition=Q(amount_vnd__gt=0), name="order_positive"),
        ]

    def __str__(self) -> str:
        return self.order_id


class CallbackOutcome(models.TextChoices):
    PAID = "paid", _("Ghi nhận thanh toán")
    FAILED = "failed", _("Giao dịch không thành công")
    DUPLICATE = "duplicate", _("Đã nhận trước đó, bỏ qua")
    UNKNOWN = "unknown", _("Không rõ lệnh thanh toán, bỏ qua")
    NOTHING_DUE = "nothing_due", _("Hồ sơ không còn phí phải nộp, bỏ qua")
    BAD_SIGNATURE = "bad_sig", _("Sai chữ ký, bỏ qua")


class GatewayCallback(models.Model):
    """Every callback received, kept whatever it said: an unknown order, a repeat or a bad
    signature is logged here and changes nothing else."""

    gateway = models.CharField(max_length=20)
    received_at = models.DateTimeField(db_index=True)
    order_id = models.CharField(max_length=40, blank=True)
    transaction_id = models.CharField(max_length=128, blank=True)
    outcome = models.CharField(max_length=12, choices=CallbackOutcome.choices)

    class Meta:
        verbose_name = _("thông báo từ cổng thanh toán")
        verbose_name_plural = _("thông báo từ cổng thanh toán")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.gateway} {self.order_id} {self.outcome}"
