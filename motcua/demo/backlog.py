"""A unit with a backlog: thousands of open dossiers, in every state a real queue holds.

The year's plan (generate.py) finishes nearly every dossier it opens, so no unit has a queue,
yet the inboxes must be quick where one has (issue 11 §1). `make_backlog` gives the plan's first
unit open dossiers received over the last weeks before now, through the same `Driver` as the
year's dossiers, so their events, facts and rollups are what real use makes: filed online and
waiting for the desk, received and not yet forwarded, forwarded and waiting for a head, with
the unit's handlers at every step of the process (or waiting for the step's head), waiting for
a supplement or for fees, signed and waiting to be issued, ready at the desk; a few the
applicant asked to withdraw. A fifth were received weeks ago: those still running are overdue.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from django.utils import timezone

from motcua.accounts.models import Membership, OrgUnit, Role, User
from motcua.catalog.models import ProcedureVersion, ProcessStep
from motcua.demo.generate import Clock, Driver, Plan, driver, frozen
from motcua.dossiers.models import FINAL_STATUSES, Channel, Dossier
from motcua.dossiers.models import DossierStatus as S
from motcua.dossiers.routing import default_deciding_unit
from motcua.dossiers.workflow import Applicant
from motcua.workdays.timecalc import ZONE

HANDLERS = 8  # officers of the deciding unit sharing its steps
OVERDUE = 0.2  # the share received weeks ago: overdue unless paused
WITHDRAWAL_ASKED = 0.02
# The state each open dossier is left in, with its weight.
STATES: dict[str, int] = {
    S.SUBMITTED: 5,
    S.RECEIVED: 10,
    S.FORWARDED: 8,
    S.IN_PROCESS: 40,
    S.SUPPLEMENT_REQUESTED: 10,
    S.AWAITING_FEES: 5,
    S.APPROVED: 8,
    S.RESULT_READY: 14,
}
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi")
MIDDLE = ("Văn", "Thị", "Minh", "Thanh", "Ngọc", "Hữu", "Đức", "Thu")
GIVEN = ("An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Long",
         "Mai", "Nam", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Yến")  # fmt: skip


def backlog_unit(plan: Plan) -> OrgUnit:
    """The unit given the backlog: the plan's first."""
    return plan.units[0]


def open_dossiers(unit: OrgUnit) -> int:
    return Dossier.objects.filter(receiving_unit=unit).exclude(status__in=FINAL_STATUSES).count()


def make_backlog(plan: Plan, size: int, *, bulk: bool = False, batch: int = 5000) -> int:
    """Open dossiers at the plan's first unit until it has `size` open; returns how many were
    made (none when it has them already: running it again changes nothing)."""
    unit = backlog_unit(plan)
    missing = size - open_dossiers(unit)
    if missing <= 0:
        return 0
    clock = Clock()
    run = driver(bulk, clock, batch)
    queue = Queue(
        random.Random(f"{plan.seed}/backlog"), clock, run, unit, plan.staff[unit.pk],
        handlers_of(unit), plan.offered[unit.pk], timezone.now(),
    )  # fmt: skip
    with frozen(clock):
        for _ in range(missing):
            queue.open_one()
            run.done()
    run.close()
    return missing


def handlers_of(unit: OrgUnit) -> list[User]:
    """The backlog's handlers, in the unit that decides its dossiers (made once)."""
    where, found = default_deciding_unit(unit), []
    for n in range(1, HANDLERS + 1):
        user, _ = User.objects.get_or_create(
            username=f"sinh-du-lieu-{unit.code}-xl{n}",
            defaults={"full_name": f"Cán bộ xử lý {n} {unit.name}"},
        )
        Membership.objects.get_or_create(user=user, unit=where, role=Role.HANDLER)
        found.append(user)
    return found


@dataclass
class Queue:
    """What one backlog draws from; `open_one` leaves one more dossier open."""

    rng: random.Random
    clock: Clock
    run: Driver
    unit: OrgUnit
    officer: User  # the generator's officer of the unit: receives, heads, signs, issues
    handlers: list[User]
    versions: list[ProcedureVersion]
    now: dt.datetime
    steps: dict[int, list[ProcessStep]] = field(default_factory=dict)

    def open_one(self) -> None:
        rng, u = self.rng, self.officer
        target = rng.choices(list(STATES), list(STATES.values()))[0]
        self.clock.now = self._received_moment()
        d = self._file(rng.choice(self.versions), online=target == S.SUBMITTED)
        if target == S.SUPPLEMENT_REQUESTED and rng.random() < 0.5:  # asked at the desk
            self._later()
            d = self.run.request_supplement(dossier=d, actor=u, missing=["Bản sao giấy tờ"])
        elif target not in (S.SUBMITTED, S.RECEIVED):
            d = self._forwarded(d, target)
        if target not in (S.APPROVED, S.RESULT_READY) and rng.random() < WITHDRAWAL_ASKED:
            self._later()
            self.run.request_withdrawal(dossier=d, reason="Không còn nhu cầu")

    def _forwarded(self, d: Dossier, target: str) -> Dossier:
        self._later()
        d = self.run.forward(dossier=d, actor=self.officer)
        if target == S.FORWARDED:
            return d
        d = self._worked(d)
        holder = d.assignee or self.officer
        self._later()
        if target == S.SUPPLEMENT_REQUESTED:
            return self.run.request_supplement(dossier=d, actor=holder, missing=["Bản vẽ"])
        if target == S.AWAITING_FEES:
            return self.run.pause_for_fees(dossier=d, actor=holder, amount_vnd=100000)
        if target in (S.APPROVED, S.RESULT_READY):
            d = self.run.approve(dossier=d, actor=self.officer)
        if target == S.RESULT_READY:
            self._later()
            d = self.run.issue_result(dossier=d, actor=self.officer, result_number=f"{d.code}/KQ")
        return d

    def _worked(self, d: Dossier) -> Dossier:
        """Assigned, then handed over a random number of the following steps."""
        self._later()
        d = self.run.assign(dossier=d, actor=self.officer, assignee=self._taker(d.current_step))
        if d.current_step is None:
            return d
        following = [s for s in self._steps(d) if s.order > d.current_step.order]
        for step in following[: self.rng.randrange(len(following) + 1)]:
            if step.unit_id is not None or step.unit_kind:
                break  # another unit's step: not this unit's queue
            self._later()
            taker = self._taker(step) if self.rng.random() < 0.8 else None  # else its head's
            d = self.run.hand_over(dossier=d, actor=d.assignee or self.officer, to_user=taker)
        return d

    def _taker(self, step: ProcessStep | None) -> User:
        """A handler for a handler's step, else the unit's officer (who holds every role)."""
        if step is None or step.role == Role.HANDLER:
            return self.rng.choice(self.handlers)
        return self.officer

    def _steps(self, d: Dossier) -> list[ProcessStep]:
        version = d.procedure_version
        if version.pk not in self.steps:
            self.steps[version.pk] = list(version.steps.order_by("order"))
        return self.steps[version.pk]

    def _file(self, version: ProcedureVersion, *, online: bool) -> Dossier:
        rng, u = self.rng, self.officer
        applicant = Applicant(
            name=f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
            personal_id=f"{rng.randrange(10**11, 10**12)}",
            phone=f"09{rng.randrange(10**8):08d}",
            address=f"Thôn {rng.randrange(1, 12)}",
        )
        if not online and rng.random() < 0.6:
            channel = rng.choice((Channel.COUNTER, Channel.COUNTER, Channel.POST))
            return self.run.receive(
                actor=u, version=version, receiving_unit=self.unit, applicant=applicant,
                channel=channel,
            )  # fmt: skip
        d = self.run.submit_online(
            version=version, receiving_unit=self.unit, applicant=applicant, assisted_by=None
        )
        if online:
            return d
        self._later()
        return self.run.accept_online(dossier=d, actor=u)

    def _received_moment(self) -> dt.datetime:
        """A working hour of the last days (of the last weeks, for OVERDUE of them)."""
        rng = self.rng
        back = rng.randrange(5, 30) if rng.random() < OVERDUE else rng.randrange(0, 3)
        day = self.now.astimezone(ZONE).date() - dt.timedelta(days=back)
        while day.weekday() >= 5:
            day -= dt.timedelta(days=1)
        moment = dt.datetime.combine(
            day, dt.time(7 + rng.randrange(9), rng.randrange(60)), tzinfo=ZONE
        )
        return min(moment, self.now - dt.timedelta(hours=1))

    def _later(self) -> None:
        """A few minutes to an hour or two on, never past now."""
        moment = self.clock.now + dt.timedelta(minutes=self.rng.uniform(5, 120))
        self.clock.now = min(moment, self.now)
