from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from motcua.surveys.models import Level


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Mã hồ sơ"),
        max_length=64,
        help_text=_("In trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    factor = forms.CharField(
        label=_("4 số cuối số định danh cá nhân hoặc số điện thoại"),
        min_length=4,
        max_length=4,
        validators=[RegexValidator(r"^\d{4}\Z", _("Nhập đúng 4 chữ số."))],
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9]{4}"}
        ),
    )


class RatingForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("Ông/bà có hài lòng với việc giải quyết hồ sơ không?"),
        choices=Level.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Ý kiến góp ý (không bắt buộc)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WithdrawalRequestForm(forms.Form):
    """The applicant's online request to withdraw: the second factor is asked again, since
    the status page may have been opened by the QR code of a receipt someone else holds."""

    factor = forms.CharField(
        label=_("4 số cuối số định danh cá nhân hoặc số điện thoại của người nộp"),
        min_length=4,
        max_length=4,
        validators=[RegexValidator(r"^\d{4}\Z", _("Nhập đúng 4 chữ số."))],
        error_messages={"required": _("Nhập 4 số cuối để xác nhận.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9]{4}"}
        ),
    )
    reason = forms.CharField(
        label=_("Lý do rút hồ sơ"),
        max_length=1000,
        error_messages={"required": _("Vui lòng ghi lý do rút hồ sơ.")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )
