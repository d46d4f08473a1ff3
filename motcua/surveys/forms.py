from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.accounts.fields import UnitChoiceField
from motcua.accounts.models import OrgUnit
from motcua.lib.widgets import VietnameseDateInput
from motcua.surveys.models import Invitation, Level, Questionnaire


class PeriodForm(forms.Form):
    by = forms.ChoiceField(
        label=_("Tổng hợp theo"),
        choices=[
            ("unit", _("Đơn vị")),
            ("procedure", _("Thủ tục")),
            ("officer", _("Cán bộ tiếp nhận")),
        ],
        required=False,
    )
    start = forms.DateField(label=_("Từ ngày"), required=False, widget=VietnameseDateInput())
    end = forms.DateField(label=_("Đến ngày"), required=False, widget=VietnameseDateInput())


class CampaignForm(forms.Form):
    questionnaire = forms.ModelChoiceField(
        label=_("Bộ câu hỏi"), queryset=Questionnaire.objects.all(), empty_label=_("— Chọn —")
    )
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=OrgUnit.objects.none())
    name = forms.CharField(label=_("Tên đợt khảo sát"), max_length=255)
    period_start = forms.DateField(
        label=_("Hồ sơ trả kết quả từ ngày"), widget=VietnameseDateInput()
    )
    period_end = forms.DateField(label=_("đến ngày"), widget=VietnameseDateInput())

    def __init__(self, *args: Any, unit_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(pk__in=unit_ids)  # type: ignore[attr-defined]


SKIP = ""
LEVEL_CHOICES = [(str(v), label) for v, label in Level.choices] + [
    (SKIP, _("Không trải nghiệm / bỏ qua"))
]


class AnswerForm(forms.Form):
    """One radio group per criterion, built from the questionnaire's data."""

    def __init__(self, *args: Any, invitation: Invitation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups: list[tuple[str, list[str]]] = []
        for element in invitation.campaign.questionnaire.elements.prefetch_related("criteria"):  # type: ignore[attr-defined]
            names = []
            for criterion in element.criteria.all():
                name = f"c{criterion.pk}"
                self.fields[name] = forms.ChoiceField(
                    label=criterion.text,
                    choices=LEVEL_CHOICES,
                    required=False,
                    widget=forms.RadioSelect,
                    initial=SKIP,
                )
                names.append(name)
            self.groups.append((element.name, names))

    def levels(self) -> dict[int, int | None]:
        return {int(name[1:]): int(v) if v else None for name, v in self.cleaned_data.items()}
