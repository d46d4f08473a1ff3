from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Level
from motcua.catalog.selectors import sectors_in_use


class ProcedureSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm thủ tục"), required=False, max_length=200)
    sector = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=sectors_in_use(), required=False, empty_label=_("Tất cả")
    )
    level = forms.ChoiceField(
        label=_("Cấp thực hiện"),
        required=False,
        choices=[("", _("Tất cả")), (Level.COMMUNE, _("Cấp xã")), (Level.PROVINCE, _("Cấp tỉnh"))],
    )
