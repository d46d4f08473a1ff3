"""Processing: forwarding, assignment, hand-overs, pauses, stop, reschedule, liên thông."""

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from motcua.accounts.access import has_role
from motcua.accounts.models import OrgUnit, Role, User
from motcua.catalog.models import ProcessStep
from motcua.dossiers import clock, routing
from motcua.dossiers.models import Dossier
from motcua.dossiers.notifications import local, notify_applicant
from motcua.dossiers.workflow.core import (
    RESUME_FIELDS,
    check,
    end_pause,
    lock,
    pause,
    receiver_in,
    record,
    require,
)
from motcua.dossiers.workflow.intake import _numbered, _reasons
from motcua.workdays.timecalc import ZONE, WorkCalendar

STEP_FIELDS = ["current_step", "current_unit", "step_started_at", "step_due_at", "assignee"]


CalendarOf = Callable[[OrgUnit], WorkCalendar]


def enter_step(
    dossier: Dossier,
    step: ProcessStep | None,
    now: dt.datetime,
    calendar_of: CalendarOf = clock.calendar_of,
) -> None:
    """Make `step` current with its own deadline from its hour budget (Mẫu 06).

    `calendar_of`: how the receiving unit's calendar is read (the bulk generator caches it).
    """
    dossier.current_step = step
    dossier.assignee = None
    if step is None:
        dossier.step_started_at = dossier.step_due_at = None
        return
    dossier.current_unit = routing.step_unit(dossier, step) or dossier.current_unit
    dossier.step_started_at = now
    dossier.step_due_at = clock.step_deadline(step, now, calendar_of(dossier.receiving_unit))


def first_processing_step(dossier: Dossier) -> ProcessStep | None:
    """The first step after reception of the dossier's process."""
    return step_after_reception(list(dossier.procedure_version.steps.order_by("order")))


def step_after_reception(steps: Sequence[ProcessStep]) -> ProcessStep | None:
    """The first step after reception among a process's `steps` (in order): a process that
    opens with the one-stop desk's own "Tiếp nhận hồ sơ" step has had that step done by
    `receive`."""
    after_reception = [step for step in steps if step.role != Role.RECEIVER]
    return after_reception[0] if after_reception else (steps[0] if steps else None)


def forward_target(dossier: Dossier) -> tuple[ProcessStep | None, OrgUnit]:
    """The step a forwarded dossier will really enter and the unit that will hold it."""
    step = first_processing_step(dossier)
    unit = (routing.step_unit(dossier, step) if step else None) or dossier.deciding_unit
    return step, unit


def _desk_deadline(dossier: Dossier) -> dt.datetime | None:
    steps = list(dossier.procedure_version.steps.order_by("order")[:1])
    return desk_deadline(dossier, steps[0] if steps else None)


def desk_deadline(
    dossier: Dossier, first_step: ProcessStep | None, calendar_of: CalendarOf = clock.calendar_of
) -> dt.datetime | None:
    """The one-stop desk's own deadline to forward: its "Tiếp nhận" step's budget from receipt,
    when the process has one (`first_step`: the process's first step); else the appointment."""
    if (
        first_step is not None
        and first_step.role == Role.RECEIVER
        and dossier.received_at is not None
    ):
        cal = calendar_of(dossier.receiving_unit)
        return clock.step_deadline(first_step, dossier.received_at, cal)
    return dossier.due_at


def forward(*, dossier: Dossier, actor: User, note: str = "") -> Dossier:
    """Send a received dossier to the deciding unit; the first step of the process starts.

    The event records the desk's timing (against its own step, Mẫu 06) and who receives the
    dossier: the head of the unit that will assign it.
    """
    with transaction.atomic():
        dossier = lock(dossier)
        before = dossier.status
        check(dossier, "forward", actor)
        now = timezone.now()
        deadline = _desk_deadline(dossier)
        dossier.current_unit = dossier.deciding_unit
        enter_step(dossier, first_processing_step(dossier), now)
        record(
            dossier, "forward", actor, from_status=before, at=now, note=note,
            fields=STEP_FIELDS, step_deadline=deadline, timing=clock.timing(now, deadline),
            payload=forward_payload(dossier, unit_receiver(dossier.current_unit)),
        )  # fmt: skip
    return dossier


def forward_payload(dossier: Dossier, receiver: str) -> dict[str, object]:
    """The forward event's payload, the dossier having entered its first step."""
    return {
        "to_unit": dossier.current_unit_id,
        "receiver": receiver,
        "new_step_due_at": _iso(dossier.step_due_at),
    }


def unit_receiver(unit: OrgUnit) -> str:
    """Who receives a dossier sent to a unit: its head to assign it (Mẫu 06)."""
    return receiver_in(unit, Role.HEAD, "lãnh đạo", "phân công xử lý")


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(ZONE).isoformat() if moment else None


def _check_member(user: User, unit: OrgUnit, roles: tuple[str, ...], what: str) -> None:
    require(has_role(user, unit, *roles), f"{user} không phải {what} của {unit}.")


def assign(*, dossier: Dossier, actor: User, assignee: User, note: str = "") -> Dossier:
    """The head gives the dossier (or its current step) to a handler of the unit."""
    with transaction.atomic():
        dossier = lock(dossier)
        before = dossier.status
        check(dossier, "assign", actor)
        roles = (dossier.current_step.role,) if dossier.current_step else (Role.HANDLER,)
        _check_member(assignee, dossier.current_unit, roles, "cán bộ phù hợp")
        dossier.assignee = assignee
        now, deadline = timezone.now(), dossier.step_due_at or dossier.due_at
        record(
            dossier, "assign", actor, from_status=before, at=now, note=note,
            fields=["assignee"], step_deadline=deadline, timing=clock.timing(now, deadline),
            payload=assign_payload(assignee),
        )  # fmt: skip
    return dossier


def assign_payload(assignee: User) -> dict[str, object]:
    return {"assignee": assignee.pk, "assignee_label": str(assignee), "receiver": str(assignee)}


def _next_step(dossier: Dossier) -> ProcessStep:
    current = dossier.current_step
    require(current is not None, "Hồ sơ không có quy trình nội bộ để chuyển bước.")
    assert current is not None
    following = dossier.procedure_version.steps.filter(order__gt=current.order)
    step = following.order_by("order").first()
    require(step is not None, "Đây là bước cuối của quy trình: hãy trình ký hoặc phát hành.")
    assert step is not None
    return step


def hand_over(
    *, dossier: Dossier, actor: User, to_user: User | None = None, note: str = ""
) -> Dossier:
    """Finish the current step and start the next; records before / on / after its deadline.

    Only the officer holding the dossier, or a head of the unit, hands it over. Without
    `to_user` the next step waits for its head to assign it.
    """
    with transaction.atomic():
        dossier = lock(dossier)
        before = dossier.status
        check(dossier, "hand_over", actor)
        require(
            dossier.assignee_id in (None, actor.pk)
            or has_role(actor, dossier.current_unit, Role.HEAD),
            "Chỉ cán bộ đang giữ hồ sơ hoặc lãnh đạo đơn vị được chuyển bước.",
        )
        finished, deadline, now = dossier.current_step, dossier.step_due_at, timezone.now()
        step = _next_step(dossier)
        enter_step(dossier, step, now)
        if to_user is not None:
            _check_member(to_user, dossier.current_unit, (step.role,), step.get_role_display())
            dossier.assignee = to_user
        record(
            dossier, "hand_over", actor, from_status=before, at=now, note=note,
            fields=STEP_FIELDS, step=finished, step_deadline=deadline,
            timing=clock.timing(now, deadline),
            payload={
                "to_step": step.pk, "to_user": to_user.pk if to_user else None,
                "receiver": str(to_user) if to_user else unit_receiver(dossier.current_unit),
                "new_step_due_at": _iso(dossier.step_due_at),
            },
        )  # fmt: skip
    return dossier


def pause_for_fees(
    *, dossier: Dossier, actor: User, amount_vnd: int | None = None, note: str = ""
) -> Dossier:
    """Wait for fees or taxes (national status 6); the clock pauses until proof of payment."""
    with transaction.atomic():
        dossier = lock(dossier)
        before = dossier.status
        check(dossier, "pause_for_fees", actor)
        pause(dossier, timezone.now())
        record(
            dossier, "pause_for_fees", actor, from_status=before, note=note,
            fields=["status_before_pause", "paused_since"], payload={"amount_vnd": amount_vnd},
        )  # fmt: skip
        notify_applicant(
            dossier,
            f"Hồ sơ {dossier.code}: thực hiện nghĩa vụ tài chính",
            f"Hồ sơ {dossier.code} chờ thực hiện nghĩa vụ tài chính. {note}".strip(),
        )
    return dossier


def resume(*, dossier: Dossier, actor: User | None, note: str = "") -> Dossier:
    """Payment proved: back to where it was, the due moment moved by the paused working time.

    Actor None: the fees were paid online and confirmed by the gateway (motcua/payments)."""
    with transaction.atomic():
        dossier = lock(dossier)
        before = dossier.status
        check(dossier, "resume", actor)
        minutes = end_pause(dossier, timezone.now())
        record(
            dossier, "resume", actor, from_status=before, note=note, fields=RESUME_FIELDS,
            payload={"paused_minutes": minutes},
        )  # fmt: skip
    return dossier


def stop(*, dossier: Dossier, actor: User, reasons: list[str]) -> Dossier:
    """Stop processing (not eligible, national status 8) with a written notice of reasons."""
    with transaction.atomic():
        dossier = lock(dossier)
        before = dossier.status
        check(dossier, "stop", actor)
        cleaned = _reasons(reasons, "lý do dừng xử lý")
        fields = ["status_before_pause", "paused_since"]
        if dossier.paused_since is not None:
            end_pause(dossier, timezone.now(), restore=False)
            fields += RESUME_FIELDS
        record(dossier, "stop", actor, from_status=before, fields=fields,
               payload={"reasons": cleaned})  # fmt: skip
        notify_applicant(
            dossier,
            f"Hồ sơ {dossier.code} dừng xử lý",
            f"Hồ sơ {dossier.code} dừng xử lý. Lý do:\n{_numbered(cleaned)}",
        )
    return dossier


def reschedule(*, dossier: Dossier, actor: User, new_due_at: dt.datetime, reason: str) -> Dossier:
    """Apologise and give a new appointment (Mẫu 04): once, by a signer, before the deadline.

    The law asks for it before the deadline; practice asks for a working day ahead. We refuse
    only after the deadline; a later apology is flagged on the dossier (`apology_late`, shown
    on its page and in the reports) and the event records whether the day of notice was kept.
    """
    with transaction.atomic():
        dossier = lock(dossier)
        check(dossier, "reschedule", actor)
        now, old = timezone.now(), dossier.due_at
        require(
            dossier.reschedule_count == 0, "Hồ sơ đã được gia hạn một lần: không thể gia hạn lại."
        )
        require(old is not None and now < old, "Đã quá hạn giải quyết: không thể gia hạn nữa.")
        assert old is not None
        require(new_due_at.tzinfo is not None and new_due_at > old,
                "Ngày hẹn mới phải sau ngày hẹn cũ.")  # fmt: skip
        require(bool(reason.strip()), "Cần ghi rõ lý do chậm giải quyết.")
        cal = clock.calendar_of(dossier.receiving_unit)
        kept = clock.working_days_before(now, old, cal) >= 1
        dossier.due_at, dossier.reschedule_count = new_due_at, dossier.reschedule_count + 1
        dossier.apology_late = not kept
        record(
            dossier, "reschedule", actor, from_status=dossier.status, at=now, note=reason,
            fields=["due_at", "reschedule_count", "apology_late"],
            payload={
                "old_due_at": old.astimezone(ZONE).isoformat(),
                "new_due_at": new_due_at.astimezone(ZONE).isoformat(),
                "day_of_notice_kept": kept,
            },
        )  # fmt: skip
        notify_applicant(
            dossier,
            f"Hồ sơ {dossier.code}: hẹn lại ngày trả kết quả",
            f"Xin lỗi vì hồ sơ {dossier.code} chưa giải quyết kịp hạn. "
            f"Hẹn trả kết quả mới: {local(new_due_at)}. Lý do: {reason.strip()}",
        )
    return dossier


def coordinating_share(dossier: Dossier, unit: OrgUnit) -> Decimal:
    """The hours the internal process gives `unit`: its steps (by unit, or by kind of unit)."""
    hours = Decimal(0)
    for step in dossier.procedure_version.steps.all():
        if step.unit_id == unit.pk or (step.unit_id is None and step.unit_kind == unit.kind):
            hours += Decimal(step.hours)
    return hours


def transfer(*, dossier: Dossier, actor: User, to_unit: OrgUnit, note: str = "") -> Dossier:
    """Liên thông: pass the dossier to a coordinating unit, whose head assigns it.

    The appointment does not change: the group of procedures has one time limit. The unit
    gets its share of that time from the internal process (the hours of its steps) as a step
    deadline, never later than the appointment; without a step of its own, the appointment.
    """
    with transaction.atomic():
        dossier = lock(dossier)
        before = dossier.status
        check(dossier, "transfer", actor)
        from_unit = dossier.current_unit_id
        require(to_unit.pk != from_unit, "Đơn vị nhận phải khác đơn vị đang giữ hồ sơ.")
        now, finished = timezone.now(), dossier.current_step
        deadline = dossier.step_due_at or dossier.due_at
        share = coordinating_share(dossier, to_unit)
        due = dossier.due_at
        if share:
            due = clock.hours_deadline(share, now, clock.calendar_of(dossier.receiving_unit))
            due = min(due, dossier.due_at) if dossier.due_at else due
        dossier.current_unit, dossier.assignee = to_unit, None
        dossier.step_started_at, dossier.step_due_at = now, due
        record(
            dossier, "transfer", actor, from_status=before, at=now, note=note,
            fields=["current_unit", "assignee", "step_started_at", "step_due_at"],
            unit=to_unit, step=finished, step_deadline=deadline,
            timing=clock.timing(now, deadline),
            payload={"from_unit": from_unit, "to_unit": to_unit.pk, "share_hours": str(share),
                     "receiver": unit_receiver(to_unit),
                     "new_step_due_at": _iso(due)},
        )  # fmt: skip
    return dossier
