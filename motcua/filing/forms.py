"""Forms of online filing. Each only parses; the services decide."""

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import OrgUnit
from motcua.dossiers.models import personal_id_validator
from motcua.filing.otp import Contact, contact_from
from motcua.lib.widgets import VietnameseDateInput


class ContactForm(forms.Form):
    contact = forms.CharField(
        label=_("Số điện thoại hoặc thư điện tử"),
        max_length=255,
        help_text=_("Chúng tôi gửi mã xác thực gồm 6 chữ số tới đây."),
        widget=forms.TextInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )

    def clean_contact(self) -> Contact:
        return contact_from(self.cleaned_data["contact"])


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực (6 chữ số)"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": r"\d{6}"}
        ),
    )


class ApplicantForm(forms.Form):
    """The applicant's details; names match `services.APPLICANT_KEYS`."""

    name = forms.CharField(label=_("Họ và tên người nộp (hoặc tên tổ chức)"), max_length=255)
    personal_id = forms.CharField(
        label=_("Số định danh cá nhân (12 chữ số)"),
        max_length=12,
        required=False,
        validators=[personal_id_validator],
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    organisation_id = forms.CharField(
        label=_("Mã số tổ chức (nếu nộp cho tổ chức)"), max_length=32, required=False
    )
    phone = forms.CharField(
        label=_("Số điện thoại"), max_length=20, required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )  # fmt: skip
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=500, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("personal_id") or data.get("organisation_id")):
            raise ValidationError(_("Cần số định danh cá nhân (12 chữ số) hoặc mã số của tổ chức."))
        return data


class CitizenContactForm(forms.Form):
    """Assisted filing: the citizen's own contact, where notices and codes will go."""

    citizen_contact = forms.CharField(
        label=_("Số điện thoại hoặc thư điện tử của công dân"),
        max_length=255,
        help_text=_("Công dân nhận thông báo và tra cứu hồ sơ bằng liên hệ này."),
    )

    def clean_citizen_contact(self) -> Contact:
        return contact_from(self.cleaned_data["citizen_contact"])


class UnitForm(forms.Form):
    receiving_unit = forms.ModelChoiceField(
        label=_("Nơi tiếp nhận hồ sơ"),
        queryset=OrgUnit.objects.none(),
        empty_label=_("— Chọn nơi tiếp nhận —"),
    )

    def __init__(self, *args: Any, units: QuerySet[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["receiving_unit"].queryset = units  # type: ignore[attr-defined]


def _extra_field(spec: Mapping[str, Any]) -> forms.Field:
    common: dict[str, Any] = {"label": spec["label"], "required": bool(spec.get("required"))}
    kind = spec["type"]
    if kind == "date":
        return forms.DateField(
            **common, widget=VietnameseDateInput(),
            input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        )  # fmt: skip
    if kind == "number":
        return forms.DecimalField(**common, max_digits=18, decimal_places=4)
    if kind == "choice":
        options = [("", "— Chọn —"), *((c, c) for c in spec["choices"])]
        return forms.ChoiceField(**common, choices=options)
    return forms.CharField(**common, max_length=1000)


class ExtraFieldsForm(forms.Form):
    """The procedure's own fields, built from the version's `extra_fields` schema."""

    prefix = "them"

    def __init__(self, *args: Any, schema: Sequence[Mapping[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for spec in schema:
            self.fields[spec["name"]] = _extra_field(spec)


def as_text(value: Any) -> str:
    """A cleaned form value as the text a draft stores."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if hasattr(value, "pk"):
        return str(value.pk)
    return str(value)


def extra_problems(schema: Sequence[Mapping[str, Any]], stored: Mapping[str, str]) -> list[str]:
    """Re-validate stored extra values on the server; one message per field in error."""
    form = ExtraFieldsForm(
        data={f"{ExtraFieldsForm.prefix}-{k}": v for k, v in stored.items()}, schema=schema
    )
    if form.is_valid():
        return []
    return [
        f"{form.fields[name].label}: {errors[0]}"
        for name, errors in form.errors.items()
        if name in form.fields
    ]


class SupplementForm(forms.Form):
    note = forms.CharField(
        label=_("Ghi chú cho cán bộ (không bắt buộc)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
