"""The generator's bulk path: the workflow's decisions replayed in memory, written in batches.

`BulkDriver` answers the same calls as `WorkflowDriver` (motcua/demo/generate.py) and makes the
same changes the workflow functions make — the same transition table, clock arithmetic
(`motcua.dossiers.clock` on the unit's calendar), codes scheme and event fields — but on
unsaved objects; every `batch` dossiers it writes the dossiers, their events, ratings and
report facts with `bulk_create` (on PostgreSQL: COPY, same rows). At the end it stores the
day counters of the codes and the rollups — summed from the facts as they were made: the whole
rollups when the log was empty, else added to the earlier ones (`add_to_rollups`; the parallel
path over an earlier log runs `rebuild_rollups`) — and moves the rollup watermark past the last
event. No
notifications are queued (a generated applicant gets no SMS). The identity with the workflow
path is proven by motcua/reports/tests/test_bulk.py.
"""

import datetime as dt
import json
import multiprocessing
import queue
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any, cast

from asgiref.local import Local
from django.db import connection, connections, transaction
from django.db.models import Field, FileField, JSONField, Model
from django.utils import timezone

from motcua.accounts.models import OrgUnit, User
from motcua.catalog.models import ProcedureVersion, ProcessStep
from motcua.demo.generate import Clock, Plan
from motcua.dossiers import clock as dclock
from motcua.dossiers import codes, routing
from motcua.dossiers.models import (
    Channel,
    Dossier,
    DossierCodeCounter,
    DossierEvent,
    ReturnMethod,
)
from motcua.dossiers.workflow import Applicant, late_supplement_cause
from motcua.dossiers.workflow.core import label_of
from motcua.dossiers.workflow.intake import appointment
from motcua.dossiers.workflow.processing import (
    assign_payload,
    desk_deadline,
    enter_step,
    forward_payload,
    step_after_reception,
    unit_receiver,
)
from motcua.dossiers.workflow.result import clerk_receiver, desk_receiver
from motcua.dossiers.workflow.table import (
    APPLICANT_LABEL,
    BACK_FROM_PAUSE,
    BY_APPLICANT,
    TRANSITIONS,
    UNCHANGED,
)
from motcua.reports.facts import fact_of
from motcua.reports.models import Rollup, RollupState
from motcua.reports.rollups import (
    Contributions,
    apply_contributions,
    close_months,
    contributions,
    rebuild_rollups,
    rollup_rows,
)
from motcua.reports.selectors import months_closed
from motcua.surveys.models import Rating, RatingChannel
from motcua.workdays.timecalc import ZONE, WorkCalendar


class Event:
    """A `DossierEvent`'s column values before it is written: what `fact_of` reads and COPY
    writes, without the cost of a model instance (six of them per dossier)."""

    __slots__ = (
        "action",
        "actor_id",
        "actor_label",
        "at",
        "dossier_id",
        "from_status",
        "id",
        "note",
        "payload",
        "seq",
        "step",
        "step_deadline",
        "step_id",
        "timing",
        "to_status",
        "unit_id",
    )  # fmt: skip

    def __init__(self, **values: Any) -> None:
        self.id: int | None = None
        self.dossier_id: int | None = None
        for name, value in values.items():
            setattr(self, name, value)

    @property
    def pk(self) -> int | None:
        return self.id

    def as_model(self) -> DossierEvent:
        return DossierEvent(
            **{f.attname: getattr(self, f.attname) for f in DossierEvent._meta.concrete_fields}
        )


class BulkDriver:
    def __init__(self, clock: Clock, batch: int = 5000, fresh: bool | None = None) -> None:
        self.clock, self.batch = clock, batch
        self.calendars: dict[int, WorkCalendar] = {}
        self.steps: dict[int, list[ProcessStep]] = {}  # each version's process, in order
        self.receivers: dict[tuple[Callable[[OrgUnit], str], int], str] = {}
        self.counters: dict[tuple[int, dt.date], int] = {}
        self.touched: set[tuple[int, dt.date]] = set()
        self.dossiers: list[Dossier] = []
        self.events: dict[int, list[Event]] = {}  # by id() of the unsaved dossier
        self.ratings: list[Rating] = []
        self.total: Contributions = Counter()  # the rollups' counters, summed fact by fact
        # On an empty log the rollups are these sums; else these sums are added to them, the
        # month ends already closed included (`add_to_rollups`).
        self.fresh = not DossierEvent.objects.exists() if fresh is None else fresh
        self.closed = None if self.fresh else months_closed()
        self.log_end = 0 if self.fresh else last_event_id()

    # -- what the workflow's helpers do, on the unsaved dossier ------------------------------

    def _cal(self, unit: OrgUnit) -> WorkCalendar:
        if unit.pk not in self.calendars:
            self.calendars[unit.pk] = dclock.calendar_of(unit)
        return self.calendars[unit.pk]

    def _code(self, unit: OrgUnit, now: dt.datetime) -> str:
        day = now.astimezone(ZONE).date()
        key = (unit.pk, day)
        if not self.touched:  # the first code: the counters left by earlier receipts
            rows = DossierCodeCounter.objects.values_list("unit_id", "day", "last")
            self.counters = {(unit_id, day): last for unit_id, day, last in rows}
        self.counters[key] = self.counters.get(key, 0) + 1
        self.touched.add(key)
        return f"{codes.unit_prefix(unit)}-{day:%y%m%d}-{self.counters[key]:04d}"

    def _steps(self, version: ProcedureVersion) -> list[ProcessStep]:
        if version.pk not in self.steps:
            self.steps[version.pk] = list(version.steps.order_by("order"))
        return self.steps[version.pk]

    def _receiver(self, who: Callable[[OrgUnit], str], unit: OrgUnit) -> str:
        """The workflow's receiver label (`who`: unit_receiver, clerk_receiver…) for `unit`,
        read once per unit: the staff do not change while dossiers are generated."""
        key = (who, unit.pk)
        if key not in self.receivers:
            self.receivers[key] = who(unit)
        return self.receivers[key]

    def _record(
        self, d: Dossier, action: str, actor: User | None, *, from_status: str, **event: Any
    ) -> None:
        target = TRANSITIONS[action].target
        if target not in (UNCHANGED, BACK_FROM_PAUSE):
            d.status = target
        trail = self.events.setdefault(id(d), [])
        step = event.pop("step", d.current_step)
        trail.append(
            Event(
                seq=len(trail) + 1,
                at=event.pop("at", None) or self.clock.now,
                actor_id=actor.pk if actor is not None else None,
                actor_label=APPLICANT_LABEL
                if actor is None and action in BY_APPLICANT
                else label_of(actor),
                action=action,
                from_status=from_status,
                to_status=d.status,
                step=step,
                step_id=step.pk if step is not None else None,
                unit_id=event.pop("unit", d.current_unit).pk,
                note=event.pop("note", ""),
                payload=event.pop("payload", {}),
                step_deadline=event.pop("step_deadline", None),
                timing=event.pop("timing", ""),
            )
        )
        assert not event, event

    def _pause(self, d: Dossier) -> None:
        d.status_before_pause, d.paused_since = d.status, self.clock.now

    def _end_pause(self, d: Dossier, *, restore: bool = True) -> int:
        """core.end_pause with the unit's calendar cached."""
        assert d.paused_since is not None
        now, minutes = self.clock.now, 0
        if d.due_at is None:
            if restore:
                d.submitted_at = now
        else:
            cal = self._cal(d.receiving_unit)
            minutes = dclock.paused_working_minutes(d.paused_since, now, cal)
            d.paused_minutes += minutes
            d.due_at = dclock.pushed(d.due_at, minutes, cal)
            if d.step_due_at is not None:
                d.step_due_at = dclock.pushed(d.step_due_at, minutes, cal)
        if restore:
            d.status = d.status_before_pause
        d.status_before_pause, d.paused_since = "", None
        return minutes

    def _new(
        self, action: str, version: ProcedureVersion, unit: OrgUnit, channel: int,
        applicant: Applicant, **extra: Any,
    ) -> Dossier:  # fmt: skip
        d = Dossier(
            code=self._code(unit, self.clock.now),
            procedure_version=version,
            receiving_unit=unit,
            deciding_unit=routing.default_deciding_unit(unit),
            current_unit=unit,
            channel=channel,
            status=TRANSITIONS[action].target,
            **applicant.fields(),
            **extra,
        )
        self.dossiers.append(d)
        return d

    def _clock_fields(
        self, version: ProcedureVersion, channel: int, unit: OrgUnit, received: dt.datetime
    ) -> tuple[dt.datetime, dt.datetime]:
        limit = dclock.time_limit(version, None, channel)
        return dclock.start_and_due(received, limit, self._cal(unit))

    # -- the actions ------------------------------------------------------------------------

    def receive(self, *, actor: User, version: ProcedureVersion, receiving_unit: OrgUnit,
                applicant: Applicant, channel: int, sets: int = 1,
                collect_method: str = ReturnMethod.COUNTER) -> Dossier:  # fmt: skip
        now = self.clock.now
        start, due = self._clock_fields(version, channel, receiving_unit, now)
        d = self._new(
            "receive", version, receiving_unit, channel, applicant,
            received_at=now, clock_started_at=start, due_at=due, sets=sets,
            collect_method=collect_method,
        )  # fmt: skip
        self._record(
            d, "receive", actor, from_status="", at=now, note="",
            payload={"channel": channel, "files": 0, "documents": [], **appointment(d)},
        )  # fmt: skip
        return d

    def submit_online(self, *, version: ProcedureVersion, receiving_unit: OrgUnit,
                      applicant: Applicant, assisted_by: User | None) -> Dossier:  # fmt: skip
        now = self.clock.now
        d = self._new(
            "submit_online", version, receiving_unit, Channel.ONLINE, applicant,
            submitted_at=now, assisted_by=assisted_by,
        )  # fmt: skip
        self._record(d, "submit_online", assisted_by, from_status="", at=now,
                     payload={"files": 0})  # fmt: skip
        return d

    def accept_online(self, *, dossier: Dossier, actor: User) -> Dossier:
        d, before = dossier, dossier.status
        assert d.submitted_at is not None
        d.received_at = self.clock.now
        d.clock_started_at, d.due_at = self._clock_fields(
            d.procedure_version, d.channel, d.receiving_unit, d.submitted_at
        )
        self._record(d, "accept_online", actor, from_status=before, note="", payload=appointment(d))
        return d

    def refuse(self, *, dossier: Dossier, actor: User, reasons: list[str]) -> Dossier:
        before = dossier.status
        self._record(dossier, "refuse", actor, from_status=before, payload={"reasons": reasons})
        return dossier

    def withdraw(self, *, dossier: Dossier, actor: User, request_date: dt.date) -> Dossier:
        before = dossier.status
        if dossier.paused_since is not None:
            self._end_pause(dossier, restore=False)
        self._record(
            dossier, "withdraw", actor, from_status=before, note="",
            payload={
                "request_date": request_date.isoformat(),
                "online_request": dossier.withdrawal_requested_at is not None,
            },
        )  # fmt: skip
        return dossier

    def request_supplement(self, *, dossier: Dossier, actor: User,
                           missing: list[str]) -> Dossier:  # fmt: skip
        before, now = dossier.status, self.clock.now
        late_cause = late_supplement_cause(dossier, now)
        self._pause(dossier)
        dossier.supplement_count += 1
        dossier.late_by_supplement = dossier.late_by_supplement or bool(late_cause)
        self._record(
            dossier, "request_supplement", actor, from_status=before, at=now, note="",
            payload={"missing": missing, "request_number": dossier.supplement_count,
                     **({"makes_late": late_cause} if late_cause else {})},
        )  # fmt: skip
        return dossier

    def supplement_received(self, *, dossier: Dossier, actor: User) -> Dossier:
        before = dossier.status
        minutes = self._end_pause(dossier)
        self._record(
            dossier, "supplement_received", actor, from_status=before, note="",
            payload={"paused_minutes": minutes, "files": 0},
        )  # fmt: skip
        return dossier

    def forward(self, *, dossier: Dossier, actor: User) -> Dossier:
        d, before, now = dossier, dossier.status, self.clock.now
        steps = self._steps(d.procedure_version)
        deadline = desk_deadline(d, steps[0] if steps else None, self._cal)
        d.current_unit = d.deciding_unit
        enter_step(d, step_after_reception(steps), now, self._cal)
        self._record(
            d, "forward", actor, from_status=before, at=now, note="",
            step_deadline=deadline, timing=dclock.timing(now, deadline),
            payload=forward_payload(d, self._receiver(unit_receiver, d.current_unit)),
        )  # fmt: skip
        return d

    def assign(self, *, dossier: Dossier, actor: User, assignee: User) -> Dossier:
        before, now = dossier.status, self.clock.now
        dossier.assignee = assignee
        deadline = dossier.step_due_at or dossier.due_at
        self._record(
            dossier, "assign", actor, from_status=before, at=now, note="",
            step_deadline=deadline, timing=dclock.timing(now, deadline),
            payload=assign_payload(assignee),
        )  # fmt: skip
        return dossier

    def stop(self, *, dossier: Dossier, actor: User, reasons: list[str]) -> Dossier:
        before = dossier.status
        if dossier.paused_since is not None:
            self._end_pause(dossier, restore=False)
        self._record(dossier, "stop", actor, from_status=before, payload={"reasons": reasons})
        return dossier

    def hand_over(self, *, dossier: Dossier, actor: User, to_user: User | None = None) -> Dossier:
        d, before, now = dossier, dossier.status, self.clock.now
        finished, deadline = d.current_step, d.step_due_at
        assert finished is not None
        step = next(s for s in self._steps(d.procedure_version) if s.order > finished.order)
        enter_step(d, step, now, self._cal)
        if to_user is not None:
            d.assignee = to_user
        self._record(
            d, "hand_over", actor, from_status=before, at=now, note="", step=finished,
            step_deadline=deadline, timing=dclock.timing(now, deadline),
            payload={
                "to_step": step.pk, "to_user": to_user.pk if to_user else None,
                "receiver": str(to_user) if to_user
                else self._receiver(unit_receiver, d.current_unit),
                "new_step_due_at": d.step_due_at.astimezone(ZONE).isoformat()
                if d.step_due_at else None,
            },
        )  # fmt: skip
        return d

    def request_withdrawal(self, *, dossier: Dossier, reason: str) -> Dossier:
        now = self.clock.now
        dossier.withdrawal_requested_at = now
        self._record(
            dossier, "request_withdrawal", None, from_status=dossier.status, at=now,
            note=reason.strip()[:1000],
        )  # fmt: skip
        return dossier

    def pause_for_fees(self, *, dossier: Dossier, actor: User, amount_vnd: int) -> Dossier:
        before = dossier.status
        self._pause(dossier)
        self._record(
            dossier, "pause_for_fees", actor, from_status=before, note="",
            payload={"amount_vnd": amount_vnd},
        )  # fmt: skip
        return dossier

    def resume(self, *, dossier: Dossier, actor: User) -> Dossier:
        before = dossier.status
        minutes = self._end_pause(dossier)
        self._record(dossier, "resume", actor, from_status=before, note="",
                     payload={"paused_minutes": minutes})  # fmt: skip
        return dossier

    def reschedule(self, *, dossier: Dossier, actor: User, new_due_at: dt.datetime,
                   reason: str) -> Dossier:  # fmt: skip
        now, old = self.clock.now, dossier.due_at
        assert dossier.reschedule_count == 0 and old is not None and now < old < new_due_at
        cal = self._cal(dossier.receiving_unit)
        kept = dclock.working_days_before(now, old, cal) >= 1
        dossier.due_at, dossier.reschedule_count = new_due_at, dossier.reschedule_count + 1
        dossier.apology_late = not kept
        self._record(
            dossier, "reschedule", actor, from_status=dossier.status, at=now, note=reason,
            payload={
                "old_due_at": old.astimezone(ZONE).isoformat(),
                "new_due_at": new_due_at.astimezone(ZONE).isoformat(),
                "day_of_notice_kept": kept,
            },
        )  # fmt: skip
        return dossier

    def approve(self, *, dossier: Dossier, actor: User) -> Dossier:
        before, now = dossier.status, self.clock.now
        dossier.result_signer = actor
        self._record(
            dossier, "approve", actor, from_status=before, at=now, note="",
            step_deadline=dossier.step_due_at, timing=dclock.timing(now, dossier.step_due_at),
            payload={"receiver": self._receiver(clerk_receiver, dossier.deciding_unit)},
        )  # fmt: skip
        return dossier

    def issue_result(self, *, dossier: Dossier, actor: User, result_number: str) -> Dossier:
        d, before, now = dossier, dossier.status, self.clock.now
        d.result_number, d.result_issued_at = result_number.strip(), now
        finished = d.current_step
        d.current_step, d.step_started_at, d.step_due_at = None, None, None
        self._record(
            d, "issue_result", actor, from_status=before, at=now, step=finished,
            step_deadline=d.due_at, timing=dclock.timing(now, d.due_at),
            payload={"receiver": self._receiver(desk_receiver, d.receiving_unit)},
        )  # fmt: skip
        return d

    def return_result(self, *, dossier: Dossier, actor: User, method: str,
                      returned_to: str) -> Dossier:  # fmt: skip
        before, now = dossier.status, self.clock.now
        dossier.returned_at, dossier.return_method = now, method
        dossier.returned_to = returned_to.strip()
        self._record(
            dossier, "return_result", actor, from_status=before, at=now, note="",
            step_deadline=dossier.due_at, timing=dclock.timing(now, dossier.due_at),
            payload={"method": method, "receiver": dossier.returned_to},
        )  # fmt: skip
        return dossier

    def rate(self, dossier: Dossier, level: int, at: dt.datetime) -> None:
        self.ratings.append(
            Rating(dossier=dossier, level=level, channel=RatingChannel.KIOSK, at=at)
        )

    # -- writing ----------------------------------------------------------------------------

    def done(self) -> None:
        if len(self.dossiers) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self.dossiers:
            return
        with transaction.atomic():
            insert(self.dossiers)
            trails = [self.events[id(d)] for d in self.dossiers]
            for d, trail in zip(self.dossiers, trails, strict=True):
                for event in trail:
                    event.dossier_id = d.pk
            insert([e for trail in trails for e in trail], DossierEvent)
            for rating in self.ratings:
                rating.dossier_id = rating.dossier.pk
            insert(self.ratings)
            # No attachments are generated, so no dossier is digitised (facts._digitised).
            levels = {rating.dossier_id: rating.level for rating in self.ratings}
            facts = [
                fact_of(
                    d,
                    cast(list[DossierEvent], trail),
                    False,
                    self._cal(d.receiving_unit),
                    levels.get(d.pk),
                )
                for d, trail in zip(self.dossiers, trails, strict=True)
                if d.received_at is not None  # as facts_for: never-accepted filings have none
            ]
            insert(facts)
        for fact in facts:
            self.total.update(contributions(fact, self.closed))
        self.dossiers, self.events, self.ratings = [], {}, []

    def close(self, rollups: bool = True) -> None:
        """Write what is left, the codes' day counters and (unless another process will sum
        several drivers' totals) the rollups."""
        self.flush()
        with transaction.atomic():
            DossierCodeCounter.objects.bulk_create(
                [
                    DossierCodeCounter(unit_id=unit, day=day, last=self.counters[(unit, day)])
                    for unit, day in sorted(self.touched)
                ],
                batch_size=5000,
                update_conflicts=True,
                unique_fields=["unit", "day"],
                update_fields=["last"],
            )
            if rollups and self.fresh:
                store_rollups(self.total)
            elif rollups:
                add_to_rollups(self.total, self.log_end)


def store_rollups(total: Contributions | None) -> None:
    """The rollups of a log written only by bulk drivers (`total`: their summed contributions,
    what rebuild_rollups would derive — test_bulk.py checks it), else rebuilt from the log."""
    if total is None:
        rebuild_rollups()
        return
    with transaction.atomic():
        Rollup.objects.all().delete()
        insert(rollup_rows(total))
        state, _ = RollupState.objects.get_or_create(pk=1)
        state.months_closed = None
        close_months(state)
        state.last_event_id, state.updated_at = last_event_id(), timezone.now()
        state.save()


def add_to_rollups(total: Contributions, log_end: int) -> None:
    """Add the contributions of dossiers written after an earlier log (counted with the month
    ends closed when the driver started) to its rollups. The watermark moves past the new
    events when it had reached `log_end`, the end of that log; else `update_rollups` reads them
    later, finds their facts unchanged and moves nothing."""
    with transaction.atomic():
        RollupState.objects.get_or_create(pk=1)
        state = RollupState.objects.select_for_update().get(pk=1)
        apply_contributions(total)
        if state.last_event_id >= log_end:
            state.last_event_id = last_event_id()
            state.save(update_fields=["last_event_id"])


def last_event_id() -> int:
    return DossierEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def generate_in_parallel(
    plan: Plan,
    count: int,
    workers: int,
    batch: int,
    progress: Callable[[int, int], None] | None,
) -> int:
    """`count` dossiers made by `workers` forked processes, each a `BulkDriver` over its share
    of the communes (so their code counters never meet); the parent sums their rollups."""
    if connection.in_atomic_block:
        raise ValueError(
            "Sinh song song không chạy trong một giao dịch: các tiến trình không thấy dữ liệu "
            "chưa ghi."
        )
    fresh = not DossierEvent.objects.exists()
    context = multiprocessing.get_context("fork")
    made = context.Value("q", 0)
    results = context.Queue()
    sizes = [count // workers + (i < count % workers) for i in range(workers)]
    processes = [
        context.Process(target=_worker, args=(plan.share(i, workers), n, batch, made, results))
        for i, n in enumerate(sizes)
    ]
    for process in processes:
        process.start()
    total: Contributions = Counter()
    failures: list[str] = []
    for _ in processes:
        while True:
            try:
                ok, value = results.get(timeout=0.5)
                break
            except queue.Empty:
                if progress:
                    progress(min(made.value, count - 1), count)
        if ok:
            total.update(value)
        else:
            failures.append(value)
    for process in processes:
        process.join()
    if failures:
        raise RuntimeError("\n".join(failures))
    store_rollups(total if fresh else None)
    if progress:
        progress(count, count)
    return count


_INHERITED: list[Any] = []


def _own_connections() -> None:
    """In a forked process: new database connections of its own. The parent's, copied by the
    fork, are set aside untouched (closing them here would close the parent's sessions), and
    the process ends with os._exit, which never finalises them."""
    _INHERITED.append(connections._connections)  # type: ignore[attr-defined]
    connections._connections = Local(connections.thread_critical)  # type: ignore[attr-defined]


def _worker(plan: Plan, count: int, batch: int, made: Any, results: Any) -> None:
    def tick(done: int) -> None:
        if done % 100 == 0 or done == count:
            with made.get_lock():
                made.value += done % 100 or 100

    try:
        _own_connections()
        run = BulkDriver(plan.clock, batch, fresh=True)
        plan.play(run, count, tick)
        run.close(rollups=False)
        results.put((True, run.total))
    except BaseException:
        results.put((False, traceback.format_exc()))
    finally:
        connections.close_all()


def insert(objs: Sequence[Any], model: type[Model] | None = None) -> None:
    """`bulk_create`, or on PostgreSQL the same rows by COPY (Django's per-value preparation
    costs more than the database's work here). New dossiers get their ids first, as
    `bulk_create` would return them. `model` is given for `Event` rows."""
    if not objs:
        return
    model = model or type(objs[0])
    if connection.vendor != "postgresql":
        rows = [obj.as_model() for obj in objs] if isinstance(objs[0], Event) else objs
        model._default_manager.bulk_create(rows)
        return
    meta = model._meta
    with connection.cursor() as cursor:
        if objs[0].pk is None and model is Dossier:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [meta.db_table, len(objs)],
            )
            for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
                obj.pk = pk
        fields = [f for f in meta.concrete_fields if not (f.primary_key and objs[0].pk is None)]
        names = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
        values = attrgetter(*(f.attname for f in fields))
        converters = [(i, _converter(f)) for i, f in enumerate(fields)]
        convert = [(i, to_raw) for i, to_raw in converters if to_raw is not None]
        with cursor.cursor.copy(f"COPY {meta.db_table} ({names}) FROM STDIN") as copy:
            for obj in objs:
                row = list(values(obj))
                for i, to_raw in convert:
                    row[i] = to_raw(row[i])
                copy.write_row(row)


def _converter(field: Field) -> Callable[[Any], Any] | None:  # type: ignore[type-arg]
    if isinstance(field, JSONField):
        return json.dumps
    if isinstance(field, FileField):
        return lambda value: value.name or ""
    return None
