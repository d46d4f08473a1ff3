"""A realistic year of dossiers, made through the real workflow (docs/reports.md, §6).

Every dossier is driven by the same workflow functions the pages call, with the clock set to
each action's moment, so its events, facts and rollups are exactly what real use produces.
The random plan (`_life`) talks to a `Driver`: `WorkflowDriver` calls the workflow, and
`motcua.demo.bulk.BulkDriver` replays the same actions in memory and writes them in batches
(`generate(..., bulk=True)`), about a hundred times faster; a test proves both give the same
events and rollups.
Mix (per dossier): 60% counter, 35% online (a third of them assisted), 5% post; 8% a
supplement request (a tenth of those a second one), 5% fees, 3% refused, 2% stopped, 2%
withdrawn, 2% rescheduled, about 10% late, 30% rated.
"""

import datetime as dt
import random
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol
from unittest import mock

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from motcua.accounts.models import COMMUNE_KINDS, Membership, OrgUnit, Role, UnitKind, User
from motcua.catalog.models import ProcedureOffering, ProcedureVersion, VersionStatus
from motcua.dossiers import workflow
from motcua.dossiers.models import Channel, Dossier, ReturnMethod
from motcua.dossiers.routing import default_deciding_unit
from motcua.dossiers.workflow import Applicant
from motcua.surveys.models import Rating, RatingChannel
from motcua.workdays.timecalc import ZONE

APPLICANT = workflow.Applicant(
    name="Người dân thử nghiệm", personal_id="001203004567", phone="0912345678", address="Thôn 1"
)


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 1, 5, 8, tzinfo=ZONE)

    def __call__(self) -> dt.datetime:
        return self.now


@contextmanager
def frozen(clock: Clock) -> Iterator[None]:
    with mock.patch.object(timezone, "now", clock):
        yield


def _staff(unit: OrgUnit) -> User:
    """One officer who receives at `unit` and works in the unit that decides its dossiers."""
    user, _ = User.objects.get_or_create(
        username=f"sinh-du-lieu-{unit.code}", defaults={"full_name": f"Cán bộ {unit.name}"}
    )
    held = set(user.memberships.values_list("unit_id", "role"))
    user.memberships.bulk_create(
        Membership(user=user, unit=where, role=role)
        for where in {unit, default_deciding_unit(unit)}
        for role in (Role.RECEIVER, Role.HANDLER, Role.HEAD, Role.SIGNER, Role.CLERK)
        if (where.pk, role) not in held
    )
    return user


def generate(
    count: int,
    year: int = 2026,
    seed: int = 766,
    progress: Callable[[int, int], None] | None = None,
    bulk: bool = False,
    batch: int = 5000,
    workers: int = 1,
    communes: Sequence[str] | None = None,
    backlog: int = 0,
) -> int:
    """Make `count` dossiers of `year`. With `workers` > 1 (bulk path, PostgreSQL) the communes
    are shared out between that many processes, each with its own random plan. With `backlog`,
    the first commune then has that many open dossiers (motcua/demo/backlog.py)."""
    if workers > 1 and (not bulk or connection.vendor != "postgresql"):
        raise ValueError("Sinh song song (--workers) chỉ dùng với --bulk trên PostgreSQL.")
    plan = Plan.for_year(year, seed, communes)
    if workers > 1:
        from motcua.demo.bulk import generate_in_parallel

        generate_in_parallel(plan, count, min(workers, len(plan.units)), batch, progress)
    else:
        run = driver(bulk, plan.clock, batch)
        plan.play(run, count, lambda done: progress(done, count) if progress else None)
        run.close()
    if backlog:
        from motcua.demo.backlog import make_backlog

        make_backlog(plan, backlog, bulk=bulk, batch=batch)
    return count


def driver(bulk: bool, clock: "Clock", batch: int) -> "Driver":
    """The bulk driver (batched writes) or the workflow's own functions."""
    if bulk:
        from motcua.demo.bulk import BulkDriver

        return BulkDriver(clock, batch)
    return WorkflowDriver()


@dataclass
class Plan:
    """What the random plan draws from: communes with their officer and procedures."""

    year: int
    seed: int | str
    units: list[OrgUnit]
    staff: dict[int, User]
    offered: dict[int, list[ProcedureVersion]]
    clock: Clock = field(default_factory=lambda: Clock())

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    @classmethod
    def for_year(cls, year: int, seed: int, communes: Sequence[str] | None = None) -> "Plan":
        """`communes`: codes of the communes (with their centres) to fill; every one when None."""
        versions = list(
            ProcedureVersion.objects.filter(
                status=VersionStatus.PUBLISHED, time_limit_unit__isnull=False
            ).order_by("pk")[:40]
        )
        offered = _offered(versions)
        # Communes' own procedures, received wherever they are offered (a commune or its centre).
        rows = OrgUnit.objects.filter(
            pk__in=offered, kind__in=(*COMMUNE_KINDS, UnitKind.COMMUNE_CENTRE)
        )
        if communes is not None:
            rows = rows.filter(Q(code__in=communes) | Q(parent__code__in=communes))
        units = list(rows.order_by("pk"))
        if not units:
            raise ValueError(
                "Cần có thủ tục đã công bố được tiếp nhận tại xã (chạy seed_demo trước)."
            )
        staff = {u.pk: _staff(u) for u in units}
        return cls(year, seed, units, staff, offered)

    def share(self, index: int, parts: int) -> "Plan":
        """Every `parts`-th commune from `index`, with its own random sequence."""
        return Plan(
            self.year, f"{self.seed}/{index}", self.units[index::parts], self.staff, self.offered
        )

    def play(self, run: "Driver", count: int, tick: Callable[[int], None]) -> None:
        rng, clock = self.rng, self.clock
        # Filed in the order of their receipt, as at a real desk: a dossier's number rises with
        # its receipt, so the tables hold each month's dossiers together, as in production
        # (drawn in random order, the dossiers open now lay on every page of the tables).
        arrivals = sorted(
            ((rng.choice(self.units), _working_moment(rng, self.year)) for _ in range(count)),
            key=lambda arrival: arrival[1],
        )
        with frozen(clock):
            for i, (unit, moment) in enumerate(arrivals):
                clock.now = moment
                _life(rng, clock, run, unit, self.staff[unit.pk], rng.choice(self.offered[unit.pk]))
                run.done()
                tick(i + 1)


class Driver(Protocol):
    """The actions the random plan takes; `WorkflowDriver` and `BulkDriver` carry them out."""

    def receive(self, *, actor: User, version: ProcedureVersion, receiving_unit: OrgUnit,
                applicant: Applicant, channel: int) -> Dossier: ...  # fmt: skip
    def submit_online(self, *, version: ProcedureVersion, receiving_unit: OrgUnit,
                      applicant: Applicant, assisted_by: User | None) -> Dossier: ...  # fmt: skip
    def accept_online(self, *, dossier: Dossier, actor: User) -> Dossier: ...
    def refuse(self, *, dossier: Dossier, actor: User, reasons: list[str]) -> Dossier: ...
    def withdraw(self, *, dossier: Dossier, actor: User, request_date: dt.date) -> Dossier: ...
    def request_supplement(self, *, dossier: Dossier, actor: User,
                           missing: list[str]) -> Dossier: ...  # fmt: skip
    def supplement_received(self, *, dossier: Dossier, actor: User) -> Dossier: ...
    def forward(self, *, dossier: Dossier, actor: User) -> Dossier: ...
    def assign(self, *, dossier: Dossier, actor: User, assignee: User) -> Dossier: ...
    def hand_over(self, *, dossier: Dossier, actor: User,
                  to_user: User | None = None) -> Dossier: ...  # fmt: skip
    def request_withdrawal(self, *, dossier: Dossier, reason: str) -> Dossier: ...
    def stop(self, *, dossier: Dossier, actor: User, reasons: list[str]) -> Dossier: ...
    def pause_for_fees(self, *, dossier: Dossier, actor: User, amount_vnd: int) -> Dossier: ...
    def resume(self, *, dossier: Dossier, actor: User) -> Dossier: ...
    def reschedule(self, *, dossier: Dossier, actor: User, new_due_at: dt.datetime,
                   reason: str) -> Dossier: ...  # fmt: skip
    def approve(self, *, dossier: Dossier, actor: User) -> Dossier: ...
    def issue_result(self, *, dossier: Dossier, actor: User, result_number: str) -> Dossier: ...
    def return_result(self, *, dossier: Dossier, actor: User, method: str,
                      returned_to: str) -> Dossier: ...  # fmt: skip
    def rate(self, dossier: Dossier, level: int, at: dt.datetime) -> None: ...
    def done(self) -> None: ...  # one dossier's life is over
    def close(self) -> None: ...  # everything is generated


class WorkflowDriver:
    """Each action through the workflow function the pages call (`timezone.now` is frozen)."""

    receive = staticmethod(workflow.receive)
    submit_online = staticmethod(workflow.submit_online)
    accept_online = staticmethod(workflow.accept_online)
    refuse = staticmethod(workflow.refuse)
    withdraw = staticmethod(workflow.withdraw)
    request_supplement = staticmethod(workflow.request_supplement)
    supplement_received = staticmethod(workflow.supplement_received)
    forward = staticmethod(workflow.forward)
    assign = staticmethod(workflow.assign)
    hand_over = staticmethod(workflow.hand_over)
    request_withdrawal = staticmethod(workflow.request_withdrawal)
    stop = staticmethod(workflow.stop)
    pause_for_fees = staticmethod(workflow.pause_for_fees)
    resume = staticmethod(workflow.resume)
    reschedule = staticmethod(workflow.reschedule)
    approve = staticmethod(workflow.approve)
    issue_result = staticmethod(workflow.issue_result)
    return_result = staticmethod(workflow.return_result)

    def rate(self, dossier: Dossier, level: int, at: dt.datetime) -> None:
        Rating.objects.create(dossier=dossier, level=level, channel=RatingChannel.KIOSK, at=at)

    def done(self) -> None:
        pass

    def close(self) -> None:
        pass


def _offered(versions: list[ProcedureVersion]) -> dict[int, list[ProcedureVersion]]:
    by_procedure = {v.procedure_id: v for v in versions}
    found: dict[int, list[ProcedureVersion]] = {}
    rows = ProcedureOffering.objects.filter(procedure_id__in=by_procedure)
    for unit, procedure in rows.values_list("unit_id", "procedure_id"):
        found.setdefault(unit, []).append(by_procedure[procedure])
    return found


def _working_moment(rng: random.Random, year: int) -> dt.datetime:
    day = dt.date(year, 1, 5) + dt.timedelta(days=rng.randrange(0, 340))
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return dt.datetime.combine(
        day, dt.time(7 + rng.randrange(0, 9), rng.randrange(0, 60)), tzinfo=ZONE
    )


def _later(clock: Clock, rng: random.Random, hours: float) -> None:
    clock.now += dt.timedelta(hours=hours * rng.uniform(0.5, 1.5))


def _life(
    rng: random.Random, clock: Clock, run: Driver, unit: OrgUnit, u: User, v: ProcedureVersion
) -> None:
    channel = rng.choices((Channel.COUNTER, Channel.ONLINE, Channel.POST), (60, 35, 5))[0]
    if channel == Channel.ONLINE:
        d = run.submit_online(
            version=v,
            receiving_unit=unit,
            applicant=APPLICANT,
            assisted_by=u if rng.random() < 0.33 else None,
        )
        _later(clock, rng, 2)
        if rng.random() < 0.03:
            run.refuse(dossier=d, actor=u, reasons=["Không thuộc thẩm quyền"])
            return
        d = run.accept_online(dossier=d, actor=u)
    else:
        d = run.receive(
            actor=u, version=v, receiving_unit=unit, applicant=APPLICANT, channel=channel
        )
    _process(rng, clock, run, d, u)


def _process(rng: random.Random, clock: Clock, run: Driver, d: Dossier, u: User) -> None:
    roll = rng.random()
    if roll < 0.02:
        run.withdraw(dossier=d, actor=u, request_date=clock.now.date())
        return
    for _ in range(2 if rng.random() < 0.008 else int(rng.random() < 0.08)):
        d = run.request_supplement(dossier=d, actor=u, missing=["Bản sao giấy tờ"])
        _later(clock, rng, 16)
        d = run.supplement_received(dossier=d, actor=u)
    _later(clock, rng, 1)
    d = run.assign(dossier=run.forward(dossier=d, actor=u), actor=u, assignee=u)
    if roll > 0.98:
        run.stop(dossier=d, actor=u, reasons=["Không đủ điều kiện"])
        return
    if rng.random() < 0.05:
        d = run.pause_for_fees(dossier=d, actor=u, amount_vnd=100000)
        _later(clock, rng, 8)
        d = run.resume(dossier=d, actor=u)
    _finish(rng, clock, run, d, u)


def _finish(rng: random.Random, clock: Clock, run: Driver, d: Dossier, u: User) -> None:
    assert d.due_at is not None
    late = rng.random() < 0.10
    due: dt.datetime = d.due_at
    if rng.random() < 0.02 and clock.now < due - dt.timedelta(hours=2):
        due = due + dt.timedelta(days=3)
        d = run.reschedule(dossier=d, actor=u, new_due_at=due, reason="Cần xác minh")
    target = (
        (due + dt.timedelta(days=rng.uniform(0.1, 5)))
        if late
        else (clock.now + (due - clock.now) * rng.uniform(0.2, 0.95))
    )
    clock.now = max(clock.now, target)
    d = run.issue_result(
        dossier=run.approve(dossier=d, actor=u), actor=u, result_number=f"{d.code}/KQ"
    )
    if clock.now > dt.datetime.now(ZONE):
        return  # still waiting at the desk
    _later(clock, rng, 4)
    method = ReturnMethod.ELECTRONIC if d.channel == Channel.ONLINE else ReturnMethod.COUNTER
    d = run.return_result(dossier=d, actor=u, method=method, returned_to=APPLICANT.name)
    if rng.random() < 0.3:
        run.rate(d, rng.choices((5, 4, 3, 2, 1), (50, 30, 12, 5, 3))[0], clock.now)


def bar(done: int, total: int) -> None:
    """A progress bar on standard error, redrawn each time it grows by half a percent."""
    step = max(total // 200, 1)
    if done // step == getattr(bar, "drawn", -1) and done != total:
        return
    bar.drawn = done // step  # type: ignore[attr-defined]
    filled = 40 * done // total
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (40 - filled)}] {done}/{total}")
    if done == total:
        sys.stderr.write("\n")
        bar.drawn = -1  # type: ignore[attr-defined]
