"""The 766 page: the ranking, a unit's components by group with the hand-counted figures,
"Không có dữ liệu" with its reason, the Excel file; scoped to the user's units."""

from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import make_staff
from motcua.dossiers.tests.conftest import Clock, World
from motcua.reports.tests.dataset766 import Crafted, build

MARCH = "?tu=2026-03-01&den=2026-03-31"


@pytest.fixture
def crafted(world: World, clock: Clock) -> Crafted:
    return build(world, clock)


def login(client: Client, username: str) -> None:
    assert client.login(username=username, password="mat-khau-thu-nghiem-9")


def test_a_supervisor_sees_the_ranking_and_a_units_components(
    crafted: Crafted, client: Client
) -> None:
    w = crafted.world
    make_staff("giamsat", w.province, Role.SUPERVISOR)
    login(client, "giamsat")
    response = client.get(f"/bao-cao/don-vi/{w.province.pk}/chi-so-766/{MARCH}&xem={w.commune.pk}")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Xếp hạng các đơn vị" in page and w.other_commune.name in page
    assert "38,28" in page  # the commune's total, computed by hand in test_index766.py
    for group in ("Công khai, minh bạch", "Tiến độ giải quyết", "Số hóa hồ sơ"):
        assert group in page
    # 2.1: 10 / 14, linked to the dossiers behind each figure.
    link = f"/bao-cao/don-vi/{w.commune.pk}/ho-so/judged_on_time/{MARCH}"
    assert link.replace("&", "&amp;") in page
    assert "Tử số 2.1: 10 hồ sơ" in page and "Mẫu số 2.1: 14 hồ sơ" in page
    # National numbering, with the points table's beside it.
    assert "Mẫu số 4.1: 5 hồ sơ" in page and "bảng điểm 6.1" in page
    assert "Mẫu số 5.4: 14 hồ sơ" in page
    # No data: said in Vietnamese, with the reason, never "N/A".
    assert "Không có dữ liệu" in page and "chưa có dữ liệu công bố, công khai TTHC" in page
    assert "N/A" not in page
    # 2.2 per procedure.
    assert "Thủ tục không cần bản giấy" in page and "1,44" in page


def test_the_766_page_is_scoped_and_survives_bad_input(crafted: Crafted, client: Client) -> None:
    w = crafted.world
    login(client, "tiepnhan")  # the commune's receiver
    base = f"/bao-cao/don-vi/{w.commune.pk}/chi-so-766/"
    assert client.get(f"{base}?tu=hôm-qua&den=x&xem=abc").status_code == 200
    empty = client.get(f"{base}?tu=2025-01-01&den=2025-01-31").content.decode()
    assert "không có hồ sơ phát sinh" in empty and "N/A" not in empty
    assert client.get(f"{base}?xem={w.other_commune.pk}").status_code == 404
    assert client.get(f"/bao-cao/don-vi/{w.province.pk}/chi-so-766/").status_code == 404
    assert client.get(f"/bao-cao/don-vi/{w.other_commune.pk}/chi-so-766/excel/").status_code == 404
    home = client.get("/bao-cao/chi-so-766/")
    assert home.status_code == 302 and home["Location"] == base


def test_the_excel_file_numbers_components_both_ways(crafted: Crafted, client: Client) -> None:
    w = crafted.world
    login(client, "tiepnhan")
    response = client.get(f"/bao-cao/don-vi/{w.commune.pk}/chi-so-766/excel/{MARCH}")
    book: Any = load_workbook(BytesIO(response.content))
    ranking = list(book["Xep hang"].iter_rows(values_only=True))
    assert ranking[0][0].startswith("BỘ CHỈ SỐ 766")
    assert ranking[3][:5] == (1, w.commune.code, w.commune.name, 38.28, 74)
    assert ranking[3][5] == 0  # group 1: only 1.4 applies, nothing sent to DVCQG yet
    rows = {r[3]: r for r in book["Chi tieu"].iter_rows(min_row=2, values_only=True)}
    assert rows["6.1"][2:7] == ("4.1", "6.1", "Cấp kết quả điện tử", 2, 5)
    assert rows["5.3"][2] == "5.4" and rows["5.3"][9] == 3.81
    assert rows["1.1"][9] == "Không có dữ liệu"
    assert rows["1.1"][11] == "chưa có dữ liệu công bố, công khai TTHC"
    assert (rows["1.4"][5], rows["1.4"][6], rows["1.4"][9]) == (0, 13, 0)
    averages = list(book["Thoi gian TB"].iter_rows(min_row=2, values_only=True))
    assert averages == [("Thủ tục không cần bản giấy", 2, 1.44), ("Thủ tục mẫu", 5, 2.28)]


def test_the_period_is_typed_day_first(crafted: Crafted, client: Client) -> None:
    w = crafted.world
    make_staff("giamsat", w.province, Role.SUPERVISOR)
    login(client, "giamsat")
    url = f"/bao-cao/don-vi/{w.province.pk}/chi-so-766/?xem={w.commune.pk}"
    page = client.get(f"{url}&tu=01/03/2026&den=31/03/2026").content.decode()
    assert 'value="01/03/2026"' in page and 'value="31/03/2026"' in page
    assert "Mẫu số 2.1: 14 hồ sơ" in page  # March, as with the ISO dates links carry
    # Nonsense falls back to the year so far, never a server error.
    assert client.get(f"{url}&tu=32/13/2026&den=x").status_code == 200
