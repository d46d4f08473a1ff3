"""Plan and register spreadsheets: export, import, and bad rows refused all together."""

import datetime as dt
import io
from collections.abc import Sequence

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from motcua.reform.excel import PLAN_HEADERS, REGISTER_HEADERS
from motcua.reform.models import Person, PlanTask, Qualification
from motcua.reform.tests.conftest import Reform, make_plan, make_task
from motcua.reform.tests.test_measures import crafted_register

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx(headers: list[str], rows: Sequence[Sequence[object]]) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)  # type: ignore[union-attr]
    for row in rows:
        sheet.append(list(row))  # type: ignore[union-attr]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("ke-hoach.xlsx", buffer.getvalue(), content_type=XLSX)


GOOD_TASK: list[object] = [
    "1",
    "Cải cách thủ tục hành chính",
    "Niêm yết công khai TTHC",
    "Bảng niêm yết",
    "chutri",
    "Văn phòng",
    "01/01/2026",
    "31/03/2026",
    "",
]


def test_a_plan_round_trips_through_excel(client: Client, rw: Reform) -> None:
    plan = make_plan(rw)
    make_task(rw, plan)
    make_task(rw, plan, deadline=None, ongoing=True, content="Tuyên truyền CCHC", area="direction")
    client.force_login(rw.head)
    exported = client.get(f"/cai-cach/ke-hoach/{plan.pk}/excel/")
    sheet = load_workbook(io.BytesIO(exported.content)).active
    rows = list(sheet.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert list(rows[0]) == PLAN_HEADERS and len(rows) == 3
    assert "Thường xuyên" in rows[1] or "Thường xuyên" in rows[2]
    other = make_plan(rw, year=2027)
    upload = SimpleUploadedFile("k.xlsx", exported.content, content_type=XLSX)
    response = client.post(f"/cai-cach/ke-hoach/{other.pk}/nhap-excel/", {"file": upload})
    assert response.status_code == 302
    copied = list(other.tasks.order_by("pk"))
    assert len(copied) == 2 and any(t.ongoing and t.due_on == dt.date(2027, 12, 31) for t in copied)


def test_bad_rows_are_listed_by_number_and_nothing_is_imported(client: Client, rw: Reform) -> None:
    plan = make_plan(rw)
    client.force_login(rw.head)
    rows: list[list[object]] = [
        GOOD_TASK,
        ["2", "Không có lĩnh vực này", "Nội dung", "", "", "", "", "31/03/2026", ""],
        ["3", "Cải cách thể chế", "Rà soát văn bản", "", "", "", "", "", ""],
        ["4", "Cải cách thể chế", "Rà soát", "", "ai-do", "", "", "31/13/2026", ""],
    ]
    response = client.post(
        f"/cai-cach/ke-hoach/{plan.pk}/nhap-excel/", {"file": xlsx(PLAN_HEADERS, rows)}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Dòng 3: Lĩnh vực" in page and "Dòng 4: Vui lòng ghi thời hạn" in page
    assert "Dòng 5:" in page
    assert not PlanTask.objects.exists()


def test_a_file_that_is_not_excel_is_refused_clearly(client: Client, rw: Reform) -> None:
    plan = make_plan(rw)
    client.force_login(rw.head)
    junk = SimpleUploadedFile("x.xlsx", b"not a workbook", content_type=XLSX)
    response = client.post(f"/cai-cach/ke-hoach/{plan.pk}/nhap-excel/", {"file": junk})
    assert response.status_code == 400 and "không phải bảng tính Excel" in response.content.decode()


def test_only_plan_editors_import(client: Client, rw: Reform) -> None:
    plan = make_plan(rw)
    client.force_login(rw.lead)
    response = client.post(
        f"/cai-cach/ke-hoach/{plan.pk}/nhap-excel/", {"file": xlsx(PLAN_HEADERS, [GOOD_TASK])}
    )
    assert response.status_code == 400 and "không có quyền" in response.content.decode()
    assert not PlanTask.objects.exists()


PERSON: list[object] = [
    "Đỗ Thị Giang",
    "12/05/1990",
    "Nữ",
    "Công chức Tư pháp - Hộ tịch",
    "Công chức",
    "01/07/2025",
    "Đại học",
    "Trung cấp",
    "Chuyên viên",
    "Chứng chỉ A",
    "Bậc 2 (A2)",
]


def test_register_import_and_export(client: Client, rw: Reform) -> None:
    client.force_login(rw.personnel)
    url = f"/cai-cach/don-vi/{rw.commune.pk}/can-bo/nhap-excel/"
    response = client.post(url, {"file": xlsx(REGISTER_HEADERS, [PERSON])})
    assert response.status_code == 302
    person = Person.objects.get()
    assert person.postings.get().unit == rw.commune
    assert Qualification.objects.filter(person=person).count() == 5
    exported = client.get(f"/cai-cach/don-vi/{rw.commune.pk}/trinh-do/excel/?ngay=2026-03-02")
    book = load_workbook(io.BytesIO(exported.content))
    table = list(book["Trình độ"].iter_rows(values_only=True))
    assert table[-1][:3] == ("Tổng cộng", 1, "1/1")
    people = list(book["Danh sách"].iter_rows(values_only=True))
    assert people[1][0] == "Đỗ Thị Giang"


def test_register_import_with_bad_rows_adds_nobody(client: Client, rw: Reform) -> None:
    crafted_register(rw)
    before = Person.objects.count()
    client.force_login(rw.personnel)
    bad: list[list[object]] = [
        PERSON,
        ["", "", "", "", "Công chức", "01/01/2020"],
        ["Ngô Văn Hải", "", "", "", "Biên chế", "01/01/2020"],
        ["Lý Thị Hoa", "", "", "", "Công chức", "01/01/2020", "Cử nhân lý luận"],
        ["Vũ Văn Khoa", "", "", "", "Công chức", ""],
    ]
    response = client.post(
        f"/cai-cach/don-vi/{rw.commune.pk}/can-bo/nhap-excel/",
        {"file": xlsx(REGISTER_HEADERS, bad)},
    )
    page = response.content.decode()
    assert response.status_code == 400
    for line in (
        "Dòng 3: Thiếu họ và tên",
        "Dòng 4: Loại cán bộ",
        "Dòng 5: Trình độ chuyên môn",
        "Dòng 6: Thiếu ngày bắt đầu",
    ):
        assert line in page
    assert Person.objects.count() == before
    client.force_login(rw.head)  # not a personnel officer: the register is not theirs
    response = client.post(
        f"/cai-cach/don-vi/{rw.commune.pk}/can-bo/nhap-excel/",
        {"file": xlsx(REGISTER_HEADERS, [PERSON])},
    )
    assert response.status_code == 404 and Person.objects.count() == before
