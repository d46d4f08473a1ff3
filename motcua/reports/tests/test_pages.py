"""The report pages: scoped to the user's units, every figure linked to its dossiers."""

from io import BytesIO
from typing import Any

from django.test import Client
from openpyxl import load_workbook

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import make_staff
from motcua.reports.tests.dataset import Dataset

MARCH = "?tu=2026-03-01&den=2026-03-31"


def login(client: Client, username: str) -> None:
    assert client.login(username=username, password="mat-khau-thu-nghiem-9")


def test_a_province_supervisor_sees_the_ranking_of_the_units_below(
    dataset: Dataset, client: Client
) -> None:
    make_staff("giamsat", dataset.world.province, Role.SUPERVISOR)
    login(client, "giamsat")
    page = client.get(f"/bao-cao/don-vi/{dataset.world.province.pk}/{MARCH}").content.decode()
    assert "Xếp hạng Bộ chỉ số 766" in page and "<svg" in page
    assert dataset.world.commune.name in page and dataset.world.other_commune.name in page
    assert "29,67" in page  # the commune’s total as computed by hand (Vietnamese decimal comma)
    listed = client.get(f"/bao-cao/don-vi/{dataset.world.commune.pk}/ho-so/overdue/{MARCH}")
    assert dataset.d["D5"].code in listed.content.decode()


def test_a_commune_officer_sees_only_their_commune(dataset: Dataset, client: Client) -> None:
    login(client, "tiepnhan")
    assert client.get(f"/bao-cao/don-vi/{dataset.world.commune.pk}/").status_code == 200
    for unit in (dataset.world.province, dataset.world.other_commune):
        assert client.get(f"/bao-cao/don-vi/{unit.pk}/").status_code == 404
        assert client.get(f"/bao-cao/don-vi/{unit.pk}/ho-so/received/").status_code == 404


def test_the_excel_report_has_merged_group_headers_and_the_hand_counted_totals(
    dataset: Dataset, client: Client
) -> None:
    login(client, "tiepnhan")
    response = client.get(f"/bao-cao/don-vi/{dataset.world.commune.pk}/ky/excel/{MARCH}")
    sheet: Any = load_workbook(BytesIO(response.content)).active
    assert sheet is not None
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"C4:G4", "H4:J4", "K4:L4", "A4:A5"} <= merged
    total = [c.value for c in next(iter(sheet.iter_rows(min_row=7, max_row=7)))]
    assert total[1] == "Tổng cộng"
    assert total[2:16] == [1, 9, 0, 1, 1, 4, 1, 1, 1, 1, 1, 1, 1, 1]


def test_the_late_list_gives_the_delay_and_where_the_time_was_lost(
    dataset: Dataset, client: Client
) -> None:
    login(client, "tiepnhan")
    page = client.get(f"/bao-cao/don-vi/{dataset.world.commune.pk}/tre-han/{MARCH}")
    text = page.content.decode()
    # D5 due Wed 25/3 09:00, unfinished at 31/3 24:00: 4 working days + 6 h = 4.75 days.
    assert dataset.d["D5"].code in text and "4,75" in text
    assert dataset.d["D3"].code in text


def test_a_drill_down_counts_every_dossier_and_goes_page_by_page(
    dataset: Dataset, client: Client, monkeypatch: Any
) -> None:
    monkeypatch.setattr("motcua.reports.views.DRILLDOWN_PAGE_SIZE", 2)
    login(client, "tiepnhan")
    address = f"/bao-cao/don-vi/{dataset.world.commune.pk}/ho-so/received/{MARCH}"
    first = client.get(address).content.decode()
    assert " hồ sơ — trang 1/" in first and "Trang sau" in first
    pages = int(first.split(" hồ sơ — trang 1/")[1].split(".")[0])
    codes = set()
    for n in range(1, pages + 1):
        page = client.get(f"{address}&trang={n}").content.decode()
        codes |= {code for code in (d.code for d in dataset.d.values()) if code in page}
    # every received dossier of March reachable, the count on top is all of them
    count = int(first.split("</h1>\n<p>")[1].split(": ")[1].split(" hồ sơ")[0])
    assert len(codes) == count and count > 2
