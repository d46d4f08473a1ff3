"""Forms of the back office: the inbox filter and one small form per workflow action.

Forms only parse input; every rule of the action is checked by the workflow function, whose
`WorkflowError` the view shows next to the form.
"""

import datetime as dt
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from motcua.accounts.fields import UnitChoiceField
from motcua.accounts.models import Membership, OrgUnit, Role, User
from motcua.catalog.models import ProcessStep
from motcua.dossiers.models import Dossier, DossierStatus, ReturnMethod
from motcua.dossiers.selectors import DossierFilter
from motcua.dossiers.workflow import late_supplement_cause
from motcua.lib.widgets import VietnameseDateInput
from motcua.workdays.timecalc import ZONE


class InboxFilterForm(forms.Form):
    ngan = forms.CharField(widget=forms.HiddenInput, required=False)
    q = forms.CharField(
        label="Tìm theo mã hồ sơ hoặc tên người nộp",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    procedure = forms.TypedChoiceField(
        label="Thủ tục", required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(
        label="Trạng thái",
        required=False,
        choices=[("", "Tất cả trạng thái"), *DossierStatus.choices],
    )
    received_from = forms.DateField(
        label="Nhận từ ngày", required=False, widget=VietnameseDateInput()
    )
    received_to = forms.DateField(label="đến ngày", required=False, widget=VietnameseDateInput())

    def __init__(self, *args: Any, procedures: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["procedure"]
        field.choices = [("", "Tất cả thủ tục"), *procedures]  # type: ignore[attr-defined]

    def wanted(self) -> DossierFilter:
        """What to filter on; invalid fields are ignored rather than blanking the list."""
        data = self.cleaned_data if self.is_valid() else {}
        return DossierFilter(
            procedure=data.get("procedure"),
            status=data.get("status") or "",
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
            query=data.get("q") or "",
        )


def _lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]


def _members(unit: OrgUnit, *roles: str) -> "forms.ModelChoiceField[User]":
    users = User.objects.filter(
        pk__in=Membership.objects.filter(unit=unit, role__in=roles, active=True).values("user")
    ).order_by("full_name", "username")
    return forms.ModelChoiceField(queryset=users, label="Cán bộ", empty_label=None)


NOTE = {"label": "Ghi chú", "required": False, "widget": forms.Textarea(attrs={"rows": 2})}


class ActionForm(forms.Form):
    """The base of every action form: the dossier it acts on, and an optional note."""

    note = forms.CharField(**NOTE)  # type: ignore[arg-type]

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        self.dossier = dossier
        super().__init__(*args, **kwargs)


CONFIRM_MESSAGE = "Đánh dấu xác nhận: thao tác này kết thúc hồ sơ và không hoàn tác được."


def _confirm_field() -> forms.BooleanField:
    return forms.BooleanField(
        label="Tôi xác nhận: thao tác này kết thúc việc giải quyết hồ sơ, không hoàn tác được.",
        error_messages={"required": CONFIRM_MESSAGE},
    )


class ReasonsForm(ActionForm):
    """Refusal and stop: specific reasons, one per line, and an explicit confirmation."""

    note = None  # type: ignore[assignment]
    reasons = forms.CharField(
        label="Lý do (mỗi lý do một dòng)", widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confirm"] = _confirm_field()

    def clean_reasons(self) -> list[str]:
        lines = _lines(self.cleaned_data["reasons"])
        if not lines:
            raise forms.ValidationError("Cần ghi rõ lý do.")
        return lines


class SupplementRequestForm(ActionForm):
    """Mẫu 02: every missing item in one notice.

    A request that makes the dossier late (a second one, or after the appointment) says so
    and needs its reason and an explicit confirmation before it is sent.
    """

    note = None  # type: ignore[assignment]
    missing = forms.CharField(
        label="Giấy tờ cần bổ sung, hoàn thiện (mỗi giấy tờ một dòng)",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Liệt kê đầy đủ trong một lần yêu cầu, kèm số bản chính / bản sao nếu cần.",
    )
    reason = forms.CharField(
        label="Lý do", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, dossier=dossier, **kwargs)
        self.late_cause = late_supplement_cause(dossier, timezone.now())
        if self.late_cause:
            reason = self.fields["reason"]
            reason.required, reason.label = True, "Lý do phải yêu cầu bổ sung (bắt buộc)"
            reason.error_messages["required"] = (
                "Yêu cầu này làm hồ sơ bị tính trễ hạn: cần ghi rõ lý do."
            )
            self.fields["confirm_late"] = forms.BooleanField(
                label=f"Tôi biết yêu cầu này làm hồ sơ bị tính là trễ hạn ({self.late_cause}).",
                error_messages={"required": "Đánh dấu xác nhận hồ sơ sẽ bị tính là trễ hạn."},
            )

    def clean_missing(self) -> list[str]:
        return _lines(self.cleaned_data["missing"])


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        items = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class SupplementReceivedForm(ActionForm):
    uploads = MultipleFileField(label="Giấy tờ bổ sung (PDF, JPEG, PNG)", required=False)


class AssignForm(ActionForm):
    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, dossier=dossier, **kwargs)
        step = dossier.current_step
        role = step.role if step else Role.HANDLER
        self.fields["assignee"] = _members(dossier.current_unit, role)
        self.order_fields(["assignee", "note"])


class HandOverForm(ActionForm):
    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, dossier=dossier, **kwargs)
        self.next_step = next_step_of(dossier)
        if self.next_step is not None:
            unit = self.next_step.unit or dossier.current_unit
            field = _members(unit, self.next_step.role)
            field.required, field.empty_label = False, "Chưa chỉ định (lãnh đạo sẽ phân công)"
            field.label = "Người nhận ở bước sau"
            self.fields["to_user"] = field
            self.order_fields(["to_user", "note"])


def next_step_of(dossier: Dossier) -> ProcessStep | None:
    if dossier.current_step is None:
        return None
    later = dossier.procedure_version.steps.filter(order__gt=dossier.current_step.order)
    return later.order_by("order").first()


class FeesForm(ActionForm):
    amount_vnd = forms.IntegerField(label="Số tiền (đồng)", required=False, min_value=0)
    field_order = ["amount_vnd", "note"]


class WithdrawForm(ActionForm):
    request_date = forms.DateField(
        label="Ngày công dân đề nghị rút hồ sơ", widget=VietnameseDateInput()
    )
    note = forms.CharField(
        label="Lý do rút hồ sơ (theo đề nghị của công dân)",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Cần ghi lý do rút hồ sơ."},
    )
    field_order = ["request_date", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        asked = self.dossier.withdrawal_requested_at
        self.fields["request_date"].initial = (
            timezone.localtime(asked).date() if asked else timezone.localdate()
        )
        online = self.dossier.events.filter(action="request_withdrawal").order_by("seq").last()
        if online is not None:
            self.fields["note"].initial = online.note
        self.fields["confirm"] = _confirm_field()


class RescheduleForm(ActionForm):
    """Mẫu 04: the new appointment to the minute, and the reason for the delay."""

    note = None  # type: ignore[assignment]
    new_due_at = forms.DateTimeField(
        label="Thời điểm hẹn trả mới",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        # Typed day first whatever the browser's language (a native picker follows it).
        widget=forms.DateTimeInput(
            attrs={"placeholder": "ngày/tháng/năm giờ:phút", "autocomplete": "off", "size": "18"},
            format="%d/%m/%Y %H:%M",
        ),
    )
    reason = forms.CharField(
        label="Lý do chậm giải quyết", widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_new_due_at(self) -> dt.datetime:
        value: dt.datetime = self.cleaned_data["new_due_at"]
        return value.astimezone(ZONE) if timezone.is_aware(value) else value.replace(tzinfo=ZONE)


class IssueResultForm(ActionForm):
    note = None  # type: ignore[assignment]
    result_number = forms.CharField(label="Số, ký hiệu văn bản kết quả", max_length=64)
    result_file = forms.FileField(
        label="Tệp kết quả (PDF, JPEG, PNG)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class ReturnResultForm(ActionForm):
    method = forms.ChoiceField(
        label="Hình thức trả", choices=ReturnMethod.choices, initial=ReturnMethod.COUNTER
    )
    returned_to = forms.CharField(label="Người nhận kết quả (hoặc địa chỉ gửi)", max_length=255)
    field_order = ["method", "returned_to", "note"]

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, dossier=dossier, **kwargs)
        self.fields["returned_to"].initial = dossier.applicant_name


class TransferForm(ActionForm):
    """Liên thông: to a coordinating unit of the same province."""

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, dossier=dossier, **kwargs)
        province = dossier.current_unit.province()
        units = OrgUnit.objects.exclude(pk=dossier.current_unit_id)
        if province is not None:
            units = units.within(province)
        self.fields["to_unit"] = UnitChoiceField(queryset=units, label="Đơn vị phối hợp nhận hồ sơ")
        self.order_fields(["to_unit", "note"])
