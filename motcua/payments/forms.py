from typing import Any

from django import forms

from motcua.accounts.models import OrgUnit
from motcua.lib.widgets import VietnameseDateInput
from motcua.payments.models import PaymentMethod

COUNTER_METHODS = [(PaymentMethod.CASH.value, PaymentMethod.CASH.label),
                   (PaymentMethod.CARD.value, PaymentMethod.CARD.label)]  # fmt: skip


class CounterPaymentForm(forms.Form):
    amount_vnd = forms.IntegerField(label="Số tiền (đồng)", min_value=1, max_value=10**12)
    method = forms.ChoiceField(label="Hình thức", choices=COUNTER_METHODS)
    reference = forms.CharField(label="Số biên lai thu phí, lệ phí", max_length=128)


class ExemptionForm(forms.Form):
    exemption_vnd = forms.IntegerField(label="Số tiền miễn, giảm (đồng)", min_value=0)
    reason = forms.CharField(
        label="Lý do, căn cứ miễn, giảm", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class StatementForm(forms.Form):
    unit = forms.ModelChoiceField(label="Tài khoản của đơn vị", queryset=OrgUnit.objects.none())
    file = forms.FileField(label="Tệp sao kê (Excel .xlsx hoặc CSV)")

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()  # type: ignore[attr-defined]


class AssignForm(forms.Form):
    code = forms.CharField(label="Mã hồ sơ", max_length=64)


class DismissForm(forms.Form):
    note = forms.CharField(label="Đã xử lý khoản tiền này thế nào", max_length=200)


class PeriodForm(forms.Form):
    start = forms.DateField(label="Từ ngày", widget=VietnameseDateInput())
    end = forms.DateField(label="Đến ngày", widget=VietnameseDateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError("Ngày kết thúc phải sau ngày bắt đầu.")
        return data
