"""The bulk generator replays the workflow's decisions: same events, dossiers, rollups, 766."""

import datetime as dt
import json

from django.db import transaction

from motcua.demo.backlog import handlers_of
from motcua.demo.generate import generate
from motcua.dossiers.models import Dossier, DossierCodeCounter, DossierEvent
from motcua.dossiers.tests.conftest import World
from motcua.reports.index766 import as_json, index766
from motcua.reports.models import DossierFact, RollupState
from motcua.reports.periods import Period
from motcua.reports.rollups import rebuild_rollups, rollup_snapshot, update_rollups
from motcua.reports.selectors import period_report
from motcua.surveys.models import Rating

YEAR = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
DOSSIER_FIELDS = [
    "code", "procedure_version_id", "receiving_unit_id", "deciding_unit_id", "current_unit_id",
    "channel", "status", "status_before_pause", "current_step_id", "assignee_id",
    "assisted_by_id", "submitted_at", "received_at", "clock_started_at", "due_at",
    "step_started_at", "step_due_at", "paused_minutes", "paused_since", "supplement_count",
    "reschedule_count", "result_number", "result_signer_id", "result_issued_at",
    "returned_at", "return_method", "returned_to", "sets", "collect_method",
    "late_by_supplement", "apology_late", "withdrawal_requested_at",
]  # fmt: skip
EVENT_FIELDS = [
    "dossier__code", "seq", "at", "actor_id", "actor_label", "action", "from_status",
    "to_status", "step_id", "unit_id", "note", "payload", "step_deadline", "timing",
]  # fmt: skip


def snapshot(world: World) -> dict[str, object]:
    units = [world.commune.pk, world.other_commune.pk]
    facts = DossierFact.objects.order_by("dossier__code").values_list(
        "dossier__code", "finish_kind", "finished_at", "on_time", "timing",
        "processing_minutes", "lost_minutes", "supplement_count", "due_at",
    )  # fmt: skip
    return {
        "dossiers": list(Dossier.objects.order_by("code").values_list(*DOSSIER_FIELDS)),
        "events": list(
            DossierEvent.objects.order_by("dossier__code", "seq").values_list(*EVENT_FIELDS)
        ),
        "ratings": list(
            Rating.objects.order_by("dossier__code").values_list("dossier__code", "level", "at")
        ),
        "counters": list(
            DossierCodeCounter.objects.order_by("unit", "day").values_list("unit", "day", "last")
        ),
        "facts": list(facts),
        "rollups": rollup_snapshot(),
        "index766": json.dumps(as_json(index766(YEAR)), default=str, sort_keys=True),
        "report": [
            (f.label, f.key, dict(f.counts))
            for f in period_report(units, Period(dt.date(2026, 4, 1), dt.date(2026, 6, 30)))
        ],
    }


class Rollback(Exception):
    pass


def test_bulk_path_gives_the_workflow_paths_events_and_figures(world: World) -> None:
    generate(0, 2026)  # the generator's staff, kept across the rollback (same user ids)
    try:
        with transaction.atomic():
            generate(60, 2026, seed=5)
            while update_rollups(batch=7):
                pass
            by_workflow = snapshot(world)
            raise Rollback
    except Rollback:
        pass
    assert not Dossier.objects.exists()
    generate(60, 2026, seed=5, bulk=True, batch=16)
    by_bulk = snapshot(world)
    events = by_bulk["events"]
    assert isinstance(events, list) and len(events) > 300
    actions = {row[5] for row in events}
    assert {"request_supplement", "pause_for_fees", "withdraw", "return_result"} <= actions
    for name, value in by_workflow.items():
        assert by_bulk[name] == value, name
    assert RollupState.objects.get().last_event_id == DossierEvent.objects.latest("pk").pk
    rebuild_rollups()
    assert rollup_snapshot() == by_workflow["rollups"]
    assert update_rollups() == 0


def test_bulk_backlog_gives_the_workflow_paths_events_and_figures(world: World) -> None:
    generate(40, 2026, seed=5, bulk=True)  # an earlier log: the backlog adds to its rollups
    handlers_of(world.commune)  # the backlog's handlers, kept across the rollback (same ids)
    try:
        with transaction.atomic():
            generate(0, 2026, seed=5, backlog=50)
            while update_rollups(batch=7):
                pass
            by_workflow = snapshot(world)
            raise Rollback
    except Rollback:
        pass
    generate(0, 2026, seed=5, bulk=True, batch=16, backlog=50)
    by_bulk = snapshot(world)
    events = by_bulk["events"]
    assert isinstance(events, list)
    actions = {row[5] for row in events}
    assert {"hand_over", "request_withdrawal", "request_supplement", "approve"} <= actions
    for name, value in by_workflow.items():
        assert by_bulk[name] == value, name
    assert update_rollups() == 0
    rebuild_rollups()
    assert rollup_snapshot() == by_workflow["rollups"]
