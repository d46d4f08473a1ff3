"""Forms of the reform pages: they parse; the services decide."""

import datetime as dt

from django import forms
from django.db.models import QuerySet

from motcua.accounts.models import OrgUnit, User
from motcua.lib.widgets import VietnameseDateInput
from motcua.reform.models import (
    FindingKind,
    InspectionPlan,
    PapiTopic,
    QualCategory,
    ReformArea,
    Severity,
    Sex,
    StaffKind,
)


def _date(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=VietnameseDateInput())


class UnitChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def __init__(self, units: QuerySet[OrgUnit], label: str = "Đơn vị") -> None:
        super().__init__(queryset=units, label=label, empty_label=None)


class PlanForm(forms.Form):
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    title = forms.CharField(label="Tên kế hoạch", max_length=500)
    legal_basis = forms.CharField(
        label="Căn cứ", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    decision_number = forms.CharField(label="Số kế hoạch / quyết định", required=False)
    decision_date = _date("Ngày ban hành", required=False)
    decision_signer = forms.CharField(label="Người ký", required=False)

    def __init__(self, *args: object, units: QuerySet[OrgUnit], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields = {"unit": UnitChoice(units), **self.fields}


class TaskForm(forms.Form):
    number = forms.CharField(label="Số thứ tự", max_length=16, required=False)
    area = forms.ChoiceField(label="Lĩnh vực", choices=ReformArea.choices)
    content = forms.CharField(label="Nội dung nhiệm vụ", widget=forms.Textarea(attrs={"rows": 3}))
    product = forms.CharField(label="Sản phẩm (ví dụ: báo cáo, quyết định)", required=False)
    lead_unit = forms.ModelChoiceField(
        label="Cơ quan, đơn vị chủ trì", queryset=OrgUnit.objects.none(), required=False
    )
    lead_officer = forms.ModelChoiceField(
        label="Cán bộ chủ trì", queryset=User.objects.none(), required=False
    )
    support = forms.CharField(label="Đơn vị, cán bộ phối hợp", required=False)
    starts_on = _date("Ngày bắt đầu", required=False)
    deadline = _date("Thời hạn hoàn thành", required=False)
    ongoing = forms.BooleanField(label="Thường xuyên (cả năm)", required=False)

    def __init__(self, *args: object, unit: OrgUnit, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        units = self.fields["lead_unit"]
        assert isinstance(units, forms.ModelChoiceField)
        units.queryset = OrgUnit.objects.within(unit).order_by("path")
        field = self.fields["lead_officer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            User.objects.filter(
                memberships__unit__path__startswith=unit.path, memberships__active=True
            )
            .distinct()
            .order_by("full_name")
        )


class MultipleFiles(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe); each is checked by content
    in the workflow, not here."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("widget", MultipleFiles())
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def clean(self, data: object, initial: object = None) -> object:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return super().clean(data, initial)


class ProgressForm(forms.Form):
    note = forms.CharField(
        label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    evidence = MultipleFileField(label="Tệp minh chứng (PDF, JPEG, PNG)", required=False)


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Ghi chú, lý do", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ImportForm(forms.Form):
    file = forms.FileField(label="Tệp Excel (.xlsx)")


class PeriodForm(forms.Form):
    tu = _date("Từ ngày")
    den = _date("Đến ngày")


class InspectionPlanForm(forms.Form):
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    title = forms.CharField(label="Tên kế hoạch kiểm tra", max_length=500)
    decision_number = forms.CharField(label="Số kế hoạch", required=False)
    decision_date = _date("Ngày ban hành", required=False)

    def __init__(self, *args: object, units: QuerySet[OrgUnit], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields = {"unit": UnitChoice(units, "Đơn vị kiểm tra"), **self.fields}


class InspectionForm(forms.Form):
    inspected_unit = forms.ModelChoiceField(label="Đơn vị được kiểm tra", queryset=OrgUnit.objects)
    theme = forms.CharField(label="Nội dung kiểm tra", max_length=500)
    surprise = forms.BooleanField(label="Kiểm tra đột xuất (không báo trước)", required=False)
    planned_on = _date("Ngày dự kiến (theo kế hoạch)", required=False)
    held_on = _date("Ngày kiểm tra (đột xuất)", required=False)
    leader = forms.CharField(label="Trưởng đoàn", max_length=255)
    members = forms.CharField(
        label="Thành viên đoàn", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: object, units: QuerySet[OrgUnit], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields = {"inspecting_unit": UnitChoice(units, "Đơn vị kiểm tra"), **self.fields}
        self.fields["plan"] = forms.ModelChoiceField(
            label="Thuộc kế hoạch kiểm tra (bỏ trống nếu đột xuất)",
            required=False,
            queryset=InspectionPlan.objects.filter(unit__in=units).order_by("-year", "title"),
        )


class RecordForm(forms.Form):
    held_on = _date("Ngày kiểm tra")
    checked_presence = forms.CharField(
        label="Sự có mặt, tác phong, thái độ của cán bộ",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    checked_desk = forms.CharField(
        label="Bộ phận Một cửa", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    checked_posting = forms.CharField(
        label="Niêm yết, công khai TTHC", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    checked_dossiers = forms.CharField(
        label="Hồ sơ kiểm tra xác suất", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FindingForm(forms.Form):
    kind = forms.ChoiceField(label="Loại tồn tại", choices=FindingKind.choices)
    severity = forms.ChoiceField(label="Mức độ", choices=Severity.choices)
    description = forms.CharField(
        label="Tồn tại, hạn chế", widget=forms.Textarea(attrs={"rows": 2})
    )
    recommendation = forms.CharField(
        label="Kiến nghị khắc phục", widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible = forms.CharField(label="Người, bộ phận chịu trách nhiệm khắc phục")
    due_on = _date("Hạn khắc phục")
    person_id = forms.TypedChoiceField(
        label="Cán bộ liên quan (tồn tại của cá nhân)",
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args: object, people: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = [("", "— Tồn tại của đơn vị —"), *people]
        self.fields["person_id"].choices = choices  # type: ignore[attr-defined]


class ConclusionForm(forms.Form):
    number = forms.CharField(label="Số văn bản kết luận", max_length=64)
    date = _date("Ngày kết luận")
    file = forms.FileField(label="Văn bản kết luận (PDF)")


class MeetingForm(forms.Form):
    held_on = _date("Ngày đối thoại")
    title = forms.CharField(label="Chủ đề", max_length=500)
    place = forms.CharField(label="Địa điểm", max_length=255)
    leaders = forms.CharField(
        label="Lãnh đạo chủ trì, tham dự", widget=forms.Textarea(attrs={"rows": 2})
    )
    residents = forms.IntegerField(label="Số người dân tham dự", min_value=0)
    topics = forms.MultipleChoiceField(
        label="Nội dung theo chỉ số PAPI",
        choices=PapiTopic.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    minutes = forms.FileField(label="Biên bản buổi đối thoại (PDF)", required=False)
    summary = forms.CharField(
        label="Tóm tắt kết quả", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: object, units: QuerySet[OrgUnit], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields = {"unit": UnitChoice(units), **self.fields}


class QuestionForm(forms.Form):
    question = forms.CharField(
        label="Ý kiến, kiến nghị của người dân (không ghi họ tên người dân)",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    answer = forms.CharField(
        label="Trả lời tại buổi đối thoại", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    assignee_unit = forms.ModelChoiceField(
        label="Giao đơn vị giải quyết (nếu chưa trả lời xong)",
        queryset=OrgUnit.objects,
        required=False,
    )
    due_on = _date("Hạn giải quyết", required=False)


def today_local() -> dt.date:
    from django.utils import timezone

    from motcua.workdays.timecalc import ZONE

    return timezone.now().astimezone(ZONE).date()


class DeriveForm(forms.Form):
    tasks = forms.MultipleChoiceField(
        label="Nhiệm vụ áp dụng cho đơn vị", widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self,
        *args: object,
        units: QuerySet[OrgUnit],
        tasks: list[tuple[int, str]],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields = {"unit": UnitChoice(units), **self.fields}
        self.fields["tasks"].choices = tasks  # type: ignore[attr-defined]


class PersonForm(forms.Form):
    full_name = forms.CharField(label="Họ và tên", max_length=255)
    birth_date = _date("Ngày sinh", required=False)
    sex = forms.ChoiceField(label="Giới tính", choices=[("", "—"), *Sex.choices], required=False)
    position = forms.CharField(label="Chức vụ, chức danh", max_length=255)
    kind = forms.ChoiceField(label="Loại", choices=StaffKind.choices)
    starts_on = _date("Bắt đầu công tác tại đơn vị từ ngày")

    def __init__(self, *args: object, units: QuerySet[OrgUnit], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields = {"unit": UnitChoice(units), **self.fields}


class MoveForm(forms.Form):
    unit = forms.ModelChoiceField(label="Đơn vị mới", queryset=OrgUnit.objects.order_by("name"))
    position = forms.CharField(label="Chức vụ, chức danh mới", max_length=255)
    kind = forms.ChoiceField(label="Loại", choices=StaffKind.choices)
    starts_on = _date("Từ ngày")


class LeaveForm(forms.Form):
    ends_on = _date("Ngày cuối cùng công tác")


class QualificationForm(forms.Form):
    category = forms.ChoiceField(label="Loại trình độ", choices=QualCategory.choices)
    level = forms.ChoiceField(label="Trình độ")
    field = forms.CharField(label="Chuyên ngành", required=False)
    year = forms.IntegerField(
        label="Năm cấp bằng, chứng chỉ", min_value=1950, max_value=2100, required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        from motcua.reform.levels import LEVELS

        choices = [
            (QualCategory(c).label, [(code, label) for code, label, _r in levels])
            for c, levels in LEVELS.items()
        ]
        self.fields["level"].choices = choices  # type: ignore[attr-defined]


class TrainingForm(forms.Form):
    name = forms.CharField(label="Tên khóa đào tạo, bồi dưỡng", max_length=500)
    organiser = forms.CharField(label="Cơ sở đào tạo", required=False)
    starts_on = _date("Từ ngày")
    ends_on = _date("Đến ngày")
    certificate = forms.CharField(label="Chứng chỉ, giấy chứng nhận", required=False)
