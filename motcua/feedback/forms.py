from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.accounts.fields import UnitChoiceField
from motcua.accounts.models import OrgUnit
from motcua.catalog.models import Procedure
from motcua.dossiers.models import Dossier
from motcua.feedback.models import RECORDED_CHANNELS, Pakn, PaknKind


class ContentForm(forms.Form):
    """What every channel asks: the matter, who raises it, and optional links."""

    kind = forms.ChoiceField(
        label=_("Loại phản ánh, kiến nghị"), choices=PaknKind.choices, widget=forms.RadioSelect
    )
    unit = UnitChoiceField(label=_("Gửi đến cơ quan"), queryset=OrgUnit.objects.none())
    title = forms.CharField(label=_("Tiêu đề"), max_length=255)
    content = forms.CharField(label=_("Nội dung"), max_length=10000, widget=forms.Textarea)
    submitter_name = forms.CharField(label=_("Họ và tên"), max_length=255)
    submitter_address = forms.CharField(label=_("Địa chỉ"), max_length=500, required=False)
    procedure_code = forms.CharField(
        label=_("Mã thủ tục liên quan (nếu có)"), max_length=32, required=False
    )
    dossier_code = forms.CharField(
        label=_("Mã hồ sơ liên quan (nếu có)"), max_length=64, required=False
    )
    earlier_code = forms.CharField(
        label=_("Mã phản ánh trước (nếu đây là phản ánh lại)"), max_length=32, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(valid_to__isnull=True)  # type: ignore[attr-defined]

    def clean_procedure_code(self) -> Procedure | None:
        code = self.cleaned_data["procedure_code"].strip()
        if not code:
            return None
        found = Procedure.objects.filter(code=code).first()
        if found is None:
            raise forms.ValidationError(_("Không tìm thấy thủ tục có mã này."))
        return found

    def clean_dossier_code(self) -> Dossier | None:
        code = self.cleaned_data["dossier_code"].strip()
        if not code:
            return None
        found = Dossier.objects.filter(code=code).first()
        if found is None:
            raise forms.ValidationError(_("Không tìm thấy hồ sơ có mã này."))
        return found

    def clean_earlier_code(self) -> Pakn | None:
        code = self.cleaned_data["earlier_code"].strip().upper()
        if not code:
            return None
        found = Pakn.objects.filter(code=code).first()
        if found is None:
            raise forms.ValidationError(_("Không tìm thấy phản ánh có mã này."))
        return found


class RecordForm(ContentForm):
    """An officer transcribing a hotline call, a letter, an e-mail or a visit."""

    channel = forms.ChoiceField(
        label=_("Kênh tiếp nhận"), choices=[(c.value, c.label) for c in RECORDED_CHANNELS]
    )
    submitter_phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    submitter_email = forms.EmailField(label=_("Thư điện tử"), required=False)
    field_order = [
        "channel",
        "kind",
        "unit",
        "title",
        "content",
        "submitter_name",
        "submitter_phone",
        "submitter_email",
        "submitter_address",
    ]


class ReasonForm(forms.Form):
    text = forms.CharField(label=_("Lý do không tiếp nhận"), widget=forms.Textarea)


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Thông tin cần bổ sung"), widget=forms.Textarea)


class InfoForm(forms.Form):
    text = forms.CharField(label=_("Thông tin bổ sung"), widget=forms.Textarea, max_length=5000)


class ForwardForm(forms.Form):
    to_unit = UnitChoiceField(label=_("Chuyển đến"), queryset=OrgUnit.objects.none())
    text = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = OrgUnit.objects.filter(valid_to__isnull=True)  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Nội dung trả lời"), widget=forms.Textarea)


class PublishForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung công khai (tóm tắt phản ánh, không ghi thông tin cá nhân)"),
        widget=forms.Textarea,
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm trong các câu trả lời đã công khai"), required=False)
    kind = forms.ChoiceField(
        label=_("Loại"), choices=[("", _("Tất cả")), *PaknKind.choices], required=False
    )
