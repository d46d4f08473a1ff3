"""The generator drives the real workflow; its rollups, kept incrementally, equal a rebuild."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Count, Max

from motcua.demo.generate import generate
from motcua.dossiers.models import Dossier, DossierCodeCounter, DossierEvent
from motcua.dossiers.tests.conftest import World, make_world
from motcua.reports.models import RollupState
from motcua.reports.periods import Period
from motcua.reports.rollups import rebuild_rollups, rollup_snapshot, update_rollups
from motcua.reports.selectors import total_figures


def test_generated_year_balances_and_rebuild_equals_incremental(world: World) -> None:
    generate(60, 2026, seed=1)
    assert Dossier.objects.count() == 60 and DossierEvent.objects.count() > 300
    while update_rollups(batch=7):
        pass
    incremental = rollup_snapshot()
    rebuild_rollups()
    assert rollup_snapshot() == incremental
    ids = [world.commune.pk, world.other_commune.pk]
    for month in range(1, 13):
        first = dt.date(2026, month, 1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        assert total_figures(ids, Period(first, last)).balanced()


@pytest.mark.django_db(transaction=True)
def test_parallel_bulk_workers_share_the_communes_and_sum_the_rollups() -> None:
    if connection.vendor != "postgresql":
        with pytest.raises(ValueError, match="chỉ dùng với --bulk trên PostgreSQL"):
            generate(10, 2026, bulk=True, workers=2)
        return
    world = make_world()
    generate(80, 2026, seed=7, bulk=True, batch=16, workers=2)
    codes = list(Dossier.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == 80
    # Each commune had its own process: both received, and the day counters match the codes.
    assert {world.commune.pk, world.other_commune.pk} == set(
        Dossier.objects.values_list("receiving_unit", flat=True)
    )
    for counter in DossierCodeCounter.objects.all():
        received = Dossier.objects.filter(
            receiving_unit=counter.unit_id, code__contains=f"-{counter.day:%y%m%d}-"
        )
        assert received.count() == counter.last
    # Every dossier has its whole trail, numbered from 1 without gaps.
    for dossier in Dossier.objects.annotate(n=Count("events"), last=Max("events__seq")):
        assert dossier.n == dossier.last >= 2
    summed = rollup_snapshot()
    assert summed
    rebuild_rollups()
    assert rollup_snapshot() == summed
    assert RollupState.objects.get().last_event_id == DossierEvent.objects.latest("pk").pk
