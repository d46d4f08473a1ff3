"""Figures are live: a page brings the rollups up to date before it reads them, and the open
dossiers of the running period are judged at this moment, those of a past period at its end."""

import datetime as dt
import re

import pytest
from django.http import HttpResponse
from django.test import Client

from motcua.accounts.models import Role
from motcua.accounts.tests.factories import make_staff
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import Clock, World, at
from motcua.dossiers.tests.factories import received
from motcua.reports.models import RollupState
from motcua.reports.periods import Period, months_of, to_date
from motcua.reports.rollups import bring_up_to_date, update_rollups
from motcua.reports.selectors import monthly_totals, total_figures
from motcua.reports.tests.dataset import Dataset
from motcua.workdays.timecalc import ZONE


class _Supervisor:
    """A province supervisor who signs in again for each page (the clock moves by days)."""

    def __init__(self, world: World) -> None:
        self.user = make_staff("giamsat", world.province, Role.SUPERVISOR)

    def get(self, url: str) -> HttpResponse:
        client = Client()
        client.force_login(self.user)
        return client.get(url)  # type: ignore[return-value]


def _supervisor(world: World) -> _Supervisor:
    return _Supervisor(world)


def _figure(page: str, label: str) -> int:
    found = re.search(rf"{label}: <a [^>]*>(\d+)</a>", page)
    assert found, label
    return int(found.group(1))


def test_a_dossier_received_now_is_counted_on_the_dashboard_at_once(world: World) -> None:
    client = _supervisor(world)
    url = f"/bao-cao/don-vi/{world.province.pk}/"
    before = _figure(client.get(url).content.decode(), "Tiếp nhận")
    received(world)  # nobody runs update_rollups
    page = client.get(url).content.decode()
    assert _figure(page, "Tiếp nhận") == before + 1
    commune = client.get(f"/bao-cao/don-vi/{world.commune.pk}/").content.decode()
    assert _figure(commune, "Tiếp nhận") == 1


def test_the_transparency_page_counts_a_dossier_received_now(world: World) -> None:
    url = f"/cong-khai/{world.commune.code}/"
    assert "Hồ sơ tiếp nhận</th><td>0</td><td>0</td>" in Client().get(url).content.decode()
    received(world)
    page = Client().get(url).content.decode()
    assert "Hồ sơ tiếp nhận</th><td>1</td><td>1</td>" in page


def test_a_second_reader_does_not_repeat_the_pass(
    world: World, clock: Clock, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    received(world)
    bring_up_to_date()
    with django_assert_max_num_queries(2):  # the watermark and "anything new?"
        bring_up_to_date()
    # A minute later the full pass runs again (re-reading recent events), then rests.
    clock.set(clock.moment + dt.timedelta(minutes=2))
    bring_up_to_date()
    assert RollupState.objects.get().updated_at == clock.moment


def test_a_pass_already_made_by_another_process_is_not_made_again(
    world: World, clock: Clock, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    received(world)
    update_rollups()  # the timer, between the page's first look and its lock
    with django_assert_max_num_queries(2):
        bring_up_to_date()


def _due_today(world: World, clock: Clock) -> Dossier:
    """A dossier received on Monday 2 March 2026, due on Thursday at a working hour."""
    clock.set(at(2026, 3, 2, 9, 0))
    dossier = received(world)
    assert dossier.due_at is not None
    return dossier


def test_the_running_period_judges_an_open_dossier_at_this_moment(
    world: World, clock: Clock
) -> None:
    dossier = _due_today(world, clock)
    due = dossier.due_at.astimezone(ZONE)  # type: ignore[union-attr]
    client = _supervisor(world)
    url = f"/bao-cao/don-vi/{world.commune.pk}/"
    late = f"/bao-cao/don-vi/{world.commune.pk}/tre-han/"
    clock.set(due.replace(hour=7, minute=30))  # the morning of the day it is due
    assert _figure(client.get(url).content.decode(), "Đang giải quyết quá hạn") == 0
    assert dossier.code not in client.get(late).content.decode()
    clock.set(due + dt.timedelta(minutes=30))
    assert _figure(client.get(url).content.decode(), "Đang giải quyết quá hạn") == 1
    assert dossier.code in client.get(late).content.decode()


def test_a_past_period_judges_an_open_dossier_at_its_end(world: World, clock: Clock) -> None:
    dossier = _due_today(world, clock)
    due_day = dossier.due_at.astimezone(ZONE).date()  # type: ignore[union-attr]
    client = _supervisor(world)
    clock.set(at(2026, 3, 20, 9, 0))  # long after; the dossier is still open and late now
    url = f"/bao-cao/don-vi/{world.commune.pk}/"
    ending_on_due_day = client.get(f"{url}?tu=2026-03-01&den={due_day}").content.decode()
    assert _figure(ending_on_due_day, "Đang giải quyết quá hạn") == 1
    day_before = due_day - dt.timedelta(days=1)
    ending_before = client.get(f"{url}?tu=2026-03-01&den={day_before}").content.decode()
    assert _figure(ending_before, "Đang giải quyết quá hạn") == 0


def test_a_period_running_to_today_stops_at_this_moment() -> None:
    now = dt.datetime(2026, 3, 5, 8, 0, tzinfo=ZONE)
    running = to_date(dt.date(2026, 1, 1), dt.date(2026, 12, 31), now)
    assert running.end == now and running.last == dt.date(2026, 3, 5)
    assert [m.end for m in months_of(running)][-1] == now
    past = to_date(dt.date(2026, 1, 1), dt.date(2026, 2, 28), now)
    assert past.end == dt.datetime(2026, 3, 1, tzinfo=ZONE)


@pytest.mark.parametrize("until", [None, at(2026, 3, 31, 10, 0)])
def test_monthly_totals_equal_the_period_report_of_each_month(
    dataset: Dataset, until: dt.datetime | None
) -> None:
    ids = [dataset.world.commune.pk]
    period = Period(dt.date(2026, 2, 1), dt.date(2026, 4, 30) if until is None else until.date())
    if until is not None:
        period = to_date(period.first, period.last, until)
    months = monthly_totals(ids, period)
    assert [label for label, _ in months] == [f"{m.first:%m/%Y}" for m in months_of(period)]
    for (_, figures), month in zip(months, months_of(period), strict=True):
        expected = total_figures(ids, month)
        for name in ("received_counter", "resolved_late", "finished_on_time", "overdue"):
            assert figures[name] == expected[name], (month, name)
        assert figures.received == expected.received
        assert figures.resolved == expected.resolved
    assert sum(f["overdue"] for _, f in months) > 0
