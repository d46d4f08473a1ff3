"""Forms of the one-stop counter: intake of a dossier and the filters of the register (Mẫu 07).

Forms only parse and check what the officer typed; the dossier is written by
`workflow.receive`, which the view calls with what these forms return.
"""

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import OrgUnit
from motcua.catalog.models import (
    Procedure,
    ProcedureCase,
    ProcedureDocument,
    ProcedureVersion,
    Sector,
)
from motcua.dossiers import attachments, workflow
from motcua.dossiers.models import (
    NATIONAL_STATUS,
    CounterRefusal,
    Dossier,
    DossierStatus,
    ReturnMethod,
    personal_id_validator,
)
from motcua.lib.widgets import VietnameseDateInput
from motcua.workdays.timecalc import ZONE

ID_MESSAGE = _("Số định danh cá nhân phải gồm đúng 12 chữ số (in trên thẻ căn cước).")
PHONE_MESSAGE = _(
    "Số điện thoại di động không hợp lệ: 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 "
    "(có thể viết +84 thay cho số 0 đầu)."
)
# Vietnamese mobile numbers since the 2018 renumbering: 0 + 3/5/7/8/9 + 8 digits.
MOBILE = re.compile(r"^0[35789]\d{8}$")


def normalise_phone(value: str) -> str:
    """ "+84 912.345.678" → "0912345678"; spaces, dots and dashes are how people write them."""
    digits = re.sub(r"[\s.\-()]", "", value)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


class PersonalIdField(forms.CharField):
    """The 12-digit số định danh cá nhân; spaces typed between groups are dropped."""

    def __init__(self, **kwargs: Any) -> None:
        attrs = {"inputmode": "numeric", "autocomplete": "off"}
        kwargs.setdefault("max_length", 20)
        super().__init__(widget=forms.TextInput(attrs=attrs), **kwargs)

    def to_python(self, value: Any) -> str:
        return re.sub(r"\s", "", super().to_python(value) or "")

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value:
            try:
                personal_id_validator(value)
            except ValidationError:
                raise ValidationError(ID_MESSAGE, code="personal_id") from None


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several scans in one input; each is checked by its content, not by its name."""

    def __init__(self, **kwargs: Any) -> None:
        attrs = {"multiple": True, "accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/*"}
        kwargs.setdefault("widget", MultipleFileInput(attrs=attrs))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        cleaned = [super(MultipleFileField, self).clean(f, initial) for f in files]
        errors = []
        for upload in cleaned:
            try:
                attachments.inspect(upload)
            except ValidationError as error:
                errors.append(
                    ValidationError(
                        _("Tệp “%(name)s”: %(reason)s"),
                        code=error.code,
                        params={"name": upload.name, "reason": error.messages[0]},
                    )
                )
        if errors:
            raise ValidationError(errors)
        return cleaned


def documents_for(version: ProcedureVersion) -> list[ProcedureDocument]:
    return list(version.documents.select_related("case").order_by("order", "pk"))


class IntakeForm(forms.Form):
    """Receipt of a dossier at the counter for one procedure version at one unit.

    Field order is the tab order at the desk: the officer checks the papers first (the
    legal order: an incomplete dossier is not received), then copies the applicant's
    details from the ID card and presses Enter in the last field typed.
    """

    case = forms.ModelChoiceField(
        label=_("Trường hợp"),
        queryset=ProcedureCase.objects.none(),
        required=False,
        empty_label=_("— Trường hợp chung —"),
    )
    applicant_name = forms.CharField(label=_("Họ và tên người nộp"), max_length=255)
    personal_id = PersonalIdField(label=_("Số định danh cá nhân"), required=False)
    phone = forms.CharField(
        label=_("Số điện thoại di động"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
    )
    address = forms.CharField(label=_("Địa chỉ"), required=False, max_length=500)
    organisation_id = forms.CharField(
        label=_("Mã số tổ chức (nếu người nộp là tổ chức)"), required=False, max_length=32
    )
    representative_name = forms.CharField(
        label=_("Họ và tên người được ủy quyền"), required=False, max_length=255
    )
    representative_id = PersonalIdField(
        label=_("Số định danh cá nhân của người được ủy quyền"), required=False
    )
    representative_authorisation = forms.CharField(
        label=_("Văn bản ủy quyền (số, ngày)"), required=False, max_length=255
    )
    representative_address = forms.CharField(
        label=_("Địa chỉ người được ủy quyền"), required=False, max_length=500
    )
    representative_phone = forms.CharField(
        label=_("Số điện thoại người được ủy quyền"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    representative_email = forms.EmailField(
        label=_("Thư điện tử người được ủy quyền"),
        required=False,
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
    )
    sets = forms.IntegerField(
        label=_("Số bộ hồ sơ"),
        required=False,
        initial=1,
        min_value=1,
        max_value=99,
        error_messages={
            "min_value": _("Số bộ hồ sơ từ 1 đến 99."),
            "max_value": _("Số bộ hồ sơ từ 1 đến 99."),
            "invalid": _("Số bộ hồ sơ phải là một số."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "count"}),
    )
    collect_method = forms.ChoiceField(
        label=_("Đăng ký nhận kết quả tại"),
        choices=ReturnMethod.choices,
        initial=ReturnMethod.COUNTER,
        required=False,
    )
    scans = MultipleFileField(
        label=_("Bản quét (PDF, JPEG, PNG; chọn được nhiều tệp)"), required=False
    )
    digitised = forms.BooleanField(
        label=_("Đã số hóa từ bản giấy (số trang quét bằng số trang, đúng thứ tự)"),
        required=False,
    )

    def __init__(self, *args: Any, version: ProcedureVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version = version
        self.documents = documents_for(version)
        case_field = self.fields["case"]
        assert isinstance(case_field, forms.ModelChoiceField)
        case_field.queryset = version.cases.order_by("order")
        if not version.cases.exists():
            case_field.widget = forms.HiddenInput()
        for document in self.documents:
            self.fields[f"doc_{document.pk}"] = forms.BooleanField(
                label=document.name, required=False
            )
            for count, label in (("originals", _("bản chính")), ("copies", _("bản sao"))):
                self.fields[f"doc_{document.pk}_{count}"] = forms.IntegerField(
                    label=label,
                    required=False,
                    min_value=0,
                    max_value=99,
                    initial=getattr(document, count) or 0,
                    widget=forms.NumberInput(attrs={"class": "count", "inputmode": "numeric"}),
                )

    # -- the checklist ---------------------------------------------------------------------

    def checklist(self) -> list[dict[str, Any]]:
        """One row per catalog document with its bound fields, for the template."""
        return [
            {
                "document": d,
                "ticked": self[f"doc_{d.pk}"],
                "originals": self[f"doc_{d.pk}_originals"],
                "copies": self[f"doc_{d.pk}_copies"],
            }
            for d in self.documents
        ]

    def _applies(self, document: ProcedureDocument, case: ProcedureCase | None) -> bool:
        return document.case_id is None or (case is not None and document.case_id == case.pk)

    def missing_documents(self) -> list[str]:
        """Mandatory documents of the chosen case not ticked (after `is_valid`)."""
        return self._missing(self.cleaned_data.get("case"))

    def _missing(self, case: ProcedureCase | None) -> list[str]:
        return [
            d.name
            for d in self.documents
            if d.mandatory and self._applies(d, case) and not self.cleaned_data.get(f"doc_{d.pk}")
        ]

    # -- cleaning ----------------------------------------------------------------------------

    def clean_phone(self) -> str:
        return _mobile(self.cleaned_data["phone"])

    def clean_representative_phone(self) -> str:
        return _mobile(self.cleaned_data["representative_phone"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("personal_id") and not data.get("organisation_id"):
            self.add_error(
                "personal_id",
                ValidationError(
                    _(
                        "Nhập số định danh cá nhân (12 chữ số), hoặc mã số nếu người nộp là "
                        "tổ chức."
                    ),
                    code="required",
                ),
            )
        if data.get("representative_name") and not data.get("representative_authorisation"):
            self.add_error(
                "representative_authorisation",
                _("Người nộp thay cần có văn bản ủy quyền: ghi số, ngày của văn bản."),
            )
        missing = self._missing(data.get("case"))
        if missing:
            raise ValidationError(
                _(
                    "Chưa đánh dấu đã nhận giấy tờ bắt buộc: %(names)s. Hồ sơ chưa đủ thì không "
                    "tiếp nhận: hướng dẫn người nộp bổ sung theo Phiếu yêu cầu bổ sung, hoàn "
                    "thiện hồ sơ (Mẫu 02), hoặc đánh dấu nếu đã nhận đủ."
                ),
                code="missing_documents",
                params={"names": "; ".join(missing)},
            )
        return data

    # -- what the workflow receives ------------------------------------------------------------

    def applicant(self) -> workflow.Applicant:
        d = self.cleaned_data
        return workflow.Applicant(
            name=d["applicant_name"].strip(),
            personal_id=d["personal_id"],
            organisation_id=d["organisation_id"].strip(),
            phone=d["phone"],
            email=d["email"],
            address=d["address"].strip(),
            representative_name=d["representative_name"].strip(),
            representative_id=d["representative_id"],
            representative_authorisation=d["representative_authorisation"].strip(),
            representative_address=d["representative_address"].strip(),
            representative_phone=d["representative_phone"],
            representative_email=d["representative_email"],
        )

    def receipt_details(self) -> dict[str, Any]:
        """Number of sets and where the result will be collected, as Mẫu 01 prints them."""
        return {
            "sets": self.cleaned_data.get("sets") or 1,
            "collect_method": self.cleaned_data.get("collect_method") or ReturnMethod.COUNTER,
        }

    def submitted_documents(self) -> list[dict[str, Any]]:
        """The ticked documents with their counts, as printing reads them for Mẫu 01."""
        d = self.cleaned_data
        return [
            {
                "name": doc.name,
                "originals": d.get(f"doc_{doc.pk}_originals") or 0,
                "copies": d.get(f"doc_{doc.pk}_copies") or 0,
            }
            for doc in self.documents
            if d.get(f"doc_{doc.pk}")
        ]

    def new_files(self) -> list[attachments.NewFile]:
        digitised = bool(self.cleaned_data.get("digitised"))
        return [
            attachments.NewFile(file=f, digitised=digitised) for f in self.cleaned_data["scans"]
        ]


def _mobile(value: str) -> str:
    phone = normalise_phone(value)
    if phone and not MOBILE.match(phone):
        raise ValidationError(PHONE_MESSAGE, code="phone")
    return phone


class ProcedureSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm thủ tục (tên hoặc mã)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


# -- Mẫu 07 ------------------------------------------------------------------------------------

_NATIONAL_CHOICES = sorted(
    {(str(code), f"{code}. {label}") for code, label in NATIONAL_STATUS.values()},
    key=lambda choice: int(choice[0]),
)
STATUS_CHOICES = [("", _("Tất cả")), *_NATIONAL_CHOICES]
REFUSED_CODE = DossierStatus.REFUSED.national_code


class RegisterFilterForm(forms.Form):
    """Filters of the register; the unit defaults to the first of the user's units."""

    unit = forms.ModelChoiceField(
        label=_("Đơn vị tiếp nhận"), queryset=OrgUnit.objects.none(), required=False
    )
    received_from = forms.DateField(
        label=_("Nhận từ ngày"), required=False, widget=VietnameseDateInput()
    )
    received_to = forms.DateField(label=_("Đến ngày"), required=False, widget=VietnameseDateInput())
    procedure = forms.ModelChoiceField(
        label=_("Thủ tục"),
        queryset=Procedure.objects.none(),
        required=False,
        empty_label=_("Tất cả"),
    )
    sector = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=Sector.objects.none(), required=False, empty_label=_("Tất cả")
    )
    status = forms.ChoiceField(label=_("Trạng thái"), choices=STATUS_CHOICES, required=False)

    def __init__(self, *args: Any, units: Iterable[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        procedure_field = self.fields["procedure"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        assert isinstance(procedure_field, forms.ModelChoiceField)
        unit_field.queryset = OrgUnit.objects.filter(pk__in=list(units)).order_by("name")
        unit_field.empty_label = None
        procedure_field.queryset = (
            Procedure.objects.filter(offerings__unit__in=list(units)).distinct().order_by("name")
        )
        sector_field = self.fields["sector"]
        assert isinstance(sector_field, forms.ModelChoiceField)
        sector_field.queryset = (
            Sector.objects.filter(procedures__offerings__unit__in=list(units))
            .distinct()
            .order_by("name")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data

    def selected_unit(self) -> OrgUnit | None:
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit = self.cleaned_data.get("unit") if self.is_valid() else None
        return unit or (unit_field.queryset.first() if unit_field.queryset is not None else None)

    def apply(self, dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
        """The register of the selected unit in order of receipt: received dossiers, and
        online filings refused before acceptance (listed without an appointment)."""
        unit = self.selected_unit()
        found = dossiers.filter(receiving_unit=unit).filter(
            Q(received_at__isnull=False) | Q(status=DossierStatus.REFUSED)
        )
        found = found.annotate(entered_at=Coalesce("received_at", "submitted_at"))
        data = self.cleaned_data if self.is_valid() else {}
        # Local days as moments: compared as stored, not converted row by row.
        if data.get("received_from"):
            found = found.filter(entered_at__gte=midnight(data["received_from"]))
        if data.get("received_to"):
            found = found.filter(entered_at__lt=midnight(data["received_to"], after=True))
        if data.get("procedure"):
            found = found.filter(procedure_version__procedure=data["procedure"])
        if data.get("sector"):
            found = found.filter(procedure_version__procedure__sector=data["sector"])
        if data.get("status"):
            found = found.filter(status__in=statuses_with_code(int(data["status"])))
        return found.order_by("entered_at", "pk")

    def refusals(self) -> QuerySet[CounterRefusal]:
        """Filings refused at the counter before receipt (no dossier), with the same filters."""
        found = CounterRefusal.objects.filter(receiving_unit=self.selected_unit())
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("status") and int(data["status"]) != REFUSED_CODE:
            return found.none()
        if data.get("received_from"):
            found = found.filter(at__gte=midnight(data["received_from"]))
        if data.get("received_to"):
            found = found.filter(at__lt=midnight(data["received_to"], after=True))
        if data.get("procedure"):
            found = found.filter(procedure_version__procedure=data["procedure"])
        if data.get("sector"):
            found = found.filter(procedure_version__procedure__sector=data["sector"])
        return found.select_related("procedure_version", "receiving_unit").order_by("at", "pk")

    def period(self) -> str:
        data = self.cleaned_data if self.is_valid() else {}
        parts = [
            f"{label} {day:%d/%m/%Y}"
            for label, day in (
                ("từ ngày", data.get("received_from")),
                ("đến ngày", data.get("received_to")),
            )
            if isinstance(day, dt.date)
        ]
        if data.get("sector"):
            parts.insert(0, f"Lĩnh vực: {data['sector'].name};")
        if data.get("procedure"):
            parts.insert(0, f"Thủ tục: {data['procedure'].name};")
        return " ".join(parts)


def midnight(day: dt.date, *, after: bool = False) -> dt.datetime:
    """The local moment `day` begins (`after`: the next day begins)."""
    return dt.datetime.combine(day + dt.timedelta(days=int(after)), dt.time(), tzinfo=ZONE)


def statuses_with_code(code: int) -> Sequence[str]:
    return [status for status, (national, _label) in NATIONAL_STATUS.items() if national == code]
