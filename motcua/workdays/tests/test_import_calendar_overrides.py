import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from motcua.workdays.models import CalendarOverride
from motcua.workdays.tests.factories import province

pytestmark = pytest.mark.usefixtures("db")

HEADER = "date,kind,reason,legal_reference\n"
GOOD = (
    HEADER
    + "2027-02-13,working_day,Làm bù Tết 2027,Thông báo 01/TB-BNV\n"
    + "15/02/2027,day_off,Nghỉ Tết 2027,Thông báo 01/TB-BNV\n"
)


def run(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("import_calendar_overrides", str(path), *args, stdout=out)
    return out.getvalue()


def write(tmp_path: Path, text: str, name: str = "overrides.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_csv_is_imported(tmp_path: Path) -> None:
    output = run(write(tmp_path, GOOD))
    assert "Đã thêm 2" in output
    rows = CalendarOverride.objects.order_by("date")
    assert [(r.date, r.kind, r.province) for r in rows] == [
        (dt.date(2027, 2, 13), "working_day", None),
        (dt.date(2027, 2, 15), "day_off", None),
    ]
    assert rows[0].legal_reference == "Thông báo 01/TB-BNV"


def test_importing_twice_changes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    run(path)
    before = list(CalendarOverride.objects.values().order_by("pk"))
    assert "giữ nguyên 2" in run(path)
    assert list(CalendarOverride.objects.values().order_by("pk")) == before


def test_import_for_a_province(tmp_path: Path) -> None:
    hue = province("46", "Huế")
    run(write(tmp_path, GOOD), "--province", "46")
    assert set(CalendarOverride.objects.values_list("province", flat=True)) == {hue.pk}


def test_xlsx_is_imported(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["date", "kind", "reason", "legal_reference"])
    sheet.append([dt.datetime(2027, 2, 13), "làm bù", "Làm bù Tết", "Thông báo 01/TB-BNV"])
    book.save(tmp_path / "overrides.xlsx")
    run(tmp_path / "overrides.xlsx")
    assert CalendarOverride.objects.get().kind == "working_day"


def test_bad_file_reports_every_bad_row_and_imports_nothing(tmp_path: Path) -> None:
    bad = (
        GOOD
        + "31/02/2027,day_off,Ngày sai,TB 1\n"
        + "2027-03-01,holiday,,TB 2\n"
        + "2027-02-13,day_off,Trùng ngày,TB 3\n"
    )
    with pytest.raises(CommandError) as error:
        run(write(tmp_path, bad))
    message = str(error.value)
    assert "chưa nhập dòng nào" in message
    assert "Dòng 4, cột date" in message
    assert "Dòng 5, cột kind" in message
    assert "Dòng 5, cột reason" in message
    assert "Dòng 6, cột date" in message
    assert not CalendarOverride.objects.exists()


def test_file_without_the_columns_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="legal_reference"):
        run(write(tmp_path, "ngày,loại\n2027-02-13,day_off\n"))


def test_other_file_types_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"\.csv"):
        run(write(tmp_path, GOOD, "overrides.txt"))
