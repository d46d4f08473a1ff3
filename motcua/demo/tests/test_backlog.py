"""A unit with a backlog: open dossiers in every state of a queue, made once."""

import pytest
from django.db.models import Count

from motcua.demo.backlog import STATES, make_backlog, open_dossiers
from motcua.demo.generate import Plan, generate
from motcua.dossiers.models import FINAL_STATUSES, Dossier
from motcua.dossiers.reminders import RUNNING
from motcua.dossiers.tests.conftest import Clock, World, at, make_world
from motcua.reports.rollups import rebuild_rollups, rollup_snapshot


@pytest.fixture
def world(db: None, clock: Clock) -> World:
    clock.set(at(2026, 6, 30, 9, 0))
    return make_world()


def test_the_backlog_leaves_the_first_unit_with_that_many_open_dossiers(
    world: World, clock: Clock
) -> None:
    generate(30, 2026, seed=3, bulk=True, backlog=400)
    open_ones = Dossier.objects.filter(receiving_unit=world.commune).exclude(
        status__in=FINAL_STATUSES
    )
    assert open_ones.count() == 400
    assert set(open_ones.values_list("status", flat=True)) == set(STATES)
    assert open_ones.filter(status__in=RUNNING, due_at__lt=clock()).count() > 20  # overdue
    assert open_ones.filter(withdrawal_requested_at__isnull=False).exists()
    assert open_ones.values("assignee").distinct().count() > 5
    assert open_ones.values("current_step").annotate(n=Count("pk")).count() >= 4
    # The year's plan leaves open only dossiers it dates after the real now.
    backlog = open_ones.filter(events__seq=1, events__at__lte=clock()).values("pk")
    assert backlog.count() > 390
    assert not Dossier.objects.filter(pk__in=backlog, events__at__gt=clock()).exists()


def test_the_backlog_is_made_once_and_adds_to_the_rollups(world: World) -> None:
    generate(30, 2026, seed=3, bulk=True, backlog=120)
    made = Dossier.objects.count()
    added = rollup_snapshot()
    assert make_backlog(Plan.for_year(2026, 3), 120, bulk=True) == 0
    generate(0, 2026, seed=3, bulk=True, backlog=120)
    assert Dossier.objects.count() == made and open_dossiers(world.commune) == 120
    rebuild_rollups()
    assert rollup_snapshot() == added
