"""An administrator manages office hours and calendar days in the admin, and due moments follow."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import Client

from motcua.accounts.models import User
from motcua.workdays.models import CalendarOverride, OverrideKind
from motcua.workdays.tests.factories import province

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def admin_client() -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("qt", password="mat-khau-quan-tri-9"))
    return client


def due(capsys: pytest.CaptureFixture[str], **options: object) -> str:
    call_command("due", received="2026-10-09T10:00", limit=["1", "working_days"], **options)
    return capsys.readouterr().out.strip()


def test_a_typhoon_day_off_added_in_the_admin_moves_due_moments(
    admin_client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    hanoi = province()
    assert due(capsys, province="01") == "2026-10-12T10:00+07:00"  # Friday → Monday
    response = admin_client.post(
        "/quan-tri/workdays/calendaroverride/add/",
        {
            "province": hanoi.pk,
            "date": "12/10/2026",
            "kind": OverrideKind.DAY_OFF,
            "reason": "Nghỉ tránh bão",
            "legal_reference": "Công điện 05/CĐ-UBND ngày 10/10/2026",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CalendarOverride.objects.get().date == dt.date(2026, 10, 12)
    assert due(capsys, province="01") == "2026-10-13T10:00+07:00"
    assert due(capsys) == "2026-10-12T10:00+07:00"  # other provinces are unaffected


def test_the_calendar_pages_open(admin_client: Client) -> None:
    for url in [
        "/quan-tri/workdays/officehours/",
        "/quan-tri/workdays/officehours/add/",
        "/quan-tri/workdays/calendaroverride/",
        "/quan-tri/workdays/calendaroverride/add/",
    ]:
        assert admin_client.get(url).status_code == 200, url
