"""The generator drives the real workflow; its rollups, kept incrementally, equal a rebuild."""

import datetime as dt

from motcua.demo.generate import generate
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.tests.conftest import World
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
