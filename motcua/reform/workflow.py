"""The life cycle of plan tasks, inspection findings and meeting assignments: one table, one
function per action.

Every function locks the row, checks `TRANSITIONS` and who may act, saves with
`update_fields` and writes one `TrackEvent` (with its evidence files) in the same transaction;
a refused action raises `ReformError` with a Vietnamese message and changes nothing — not even
a stored file. Messages to people go through the outbox.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from motcua.accounts.access import units_for_user
from motcua.accounts.models import Membership, OrgUnit, Role, User
from motcua.dossiers.attachments import files_removed_on_failure, inspect, remember_written
from motcua.dossiers.models import OutboxChannel, OutboxMessage
from motcua.reform.access import CONFIRMERS, INSPECTED, INSPECTORS
from motcua.reform.models import Evidence, Finding, MeetingQuestion, PlanTask, TrackEvent
from motcua.reform.models import TrackStatus as S
from motcua.reform.models.tracking import EVENT_LABELS
from motcua.workdays.timecalc import ZONE

Item = PlanTask | Finding | MeetingQuestion
WORKING = frozenset({S.NOT_STARTED, S.IN_PROGRESS})
OPEN = frozenset({S.NOT_STARTED, S.IN_PROGRESS, S.REPORTED})

# action → (statuses it may start from, status it leads to, who acts). The only place that
# knows. "doer": the lead of a task, the inspected unit, the assignee; "confirmer": the head
# of the plan's or meeting's unit, the inspection team's unit. `confirm` leads to DONE or
# DONE_LATE by the reported completion date against the deadline.
TRANSITIONS: dict[str, tuple[frozenset[str], str, str]] = {
    "update": (WORKING, S.IN_PROGRESS, "doer"),
    "report_done": (WORKING, S.REPORTED, "doer"),
    "confirm": (frozenset({S.REPORTED}), S.DONE, "confirmer"),
    "send_back": (frozenset({S.REPORTED}), S.IN_PROGRESS, "confirmer"),
    "cancel": (OPEN, S.CANCELLED, "confirmer"),
}

ACTION_LABELS = EVENT_LABELS


class ReformError(ValidationError):
    """An action refused; the message is for the user, in Vietnamese."""


@dataclass(frozen=True)
class Parties:
    """Who does an item and who confirms it: users named on it, or roles in a unit."""

    doer_users: tuple[int, ...]
    doer_unit: OrgUnit | None
    doer_roles: tuple[str, ...]
    confirmer_unit: OrgUnit
    confirmer_roles: tuple[str, ...]


def parties(item: Item) -> Parties:
    if isinstance(item, PlanTask):
        lead = (item.lead_officer_id,) if item.lead_officer_id else ()
        unit = item.plan.unit
        return Parties(lead, unit, (Role.HEAD, Role.SIGNER), unit, CONFIRMERS)
    if isinstance(item, Finding):
        inspection = item.inspection
        return Parties(
            (), inspection.inspected_unit, INSPECTED, inspection.inspecting_unit, INSPECTORS
        )
    assignee = (item.assignee_id,) if item.assignee_id else ()
    roles = (Role.HEAD, Role.SIGNER, Role.HANDLER)
    return Parties(assignee, item.assignee_unit, roles, item.meeting.unit, CONFIRMERS)


def may(user: User, item: Item, side: str) -> bool:
    p = parties(item)
    if side == "doer":
        if user.pk in p.doer_users:
            return True
        return p.doer_unit is not None and p.doer_unit.pk in units_for_user(user, p.doer_roles)
    return p.confirmer_unit.pk in units_for_user(user, p.confirmer_roles)


def actions_for(user: User, item: Item) -> list[str]:
    """The actions this user may take on the item now: exactly what the functions accept."""
    return [
        action
        for action, (sources, _target, side) in TRANSITIONS.items()
        if item.status in sources and may(user, item, side)
    ]


# -- the shared steps ---------------------------------------------------------------------------


def _lock(item: Item) -> Item:
    model = type(item)
    related = {
        PlanTask: ("plan__unit",),
        Finding: ("inspection__inspected_unit", "inspection__inspecting_unit"),
        MeetingQuestion: ("meeting__unit", "assignee_unit"),
    }[model]
    return model.objects.select_for_update(of=("self",)).select_related(*related).get(pk=item.pk)  # type: ignore[attr-defined,no-any-return]


def _check(item: Item, action: str, actor: User) -> str:
    sources, target, side = TRANSITIONS[action]
    if item.status not in sources:
        raise ReformError(
            f"Không thể “{ACTION_LABELS[action].lower()}” khi đang ở trạng thái "
            f"“{item.get_status_display()}”."
        )
    if not may(actor, item, side):
        raise ReformError("Bạn không có quyền thực hiện thao tác này.")
    return target


def _subject(item: Item) -> dict[str, Item]:
    key = {PlanTask: "task", Finding: "finding", MeetingQuestion: "question"}[type(item)]
    return {key: item}


def record(item: Item, action: str, actor: User | None, old: str, note: str = "") -> TrackEvent:
    return TrackEvent.objects.create(
        **_subject(item),
        at=timezone.now(),
        actor=actor,
        actor_label=str(actor) if actor else "Hệ thống",
        action=action,
        from_status=old,
        to_status=item.status,
        note=note,
    )


def _attach(event: TrackEvent, files: Sequence[File]) -> None:  # type: ignore[type-arg]
    for upload in files:
        try:
            found = inspect(upload)
        except ValidationError as error:
            raise ReformError(error.messages[0]) from error
        name = (getattr(upload, "name", "") or "tep").rsplit("/", 1)[-1][:255]
        evidence = Evidence(
            event=event,
            original_name=name,
            content_type=found.content_type,
            size=found.size,
            sha256=found.sha256,
        )
        extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
        evidence.file.save(f"{found.sha256[:16]}.{extension[found.content_type]}", upload)
        remember_written(evidence.file.name)


def _move(
    item: Item,
    action: str,
    actor: User,
    note: str = "",
    files: Sequence[File] = (),  # type: ignore[type-arg]
) -> Item:
    with files_removed_on_failure(), transaction.atomic():
        row = _lock(item)
        target = _check(row, action, actor)
        old, row.status = row.status, target
        today = timezone.now().astimezone(ZONE).date()
        if action == "report_done":
            row.reported_on = today
            if isinstance(row, MeetingQuestion):
                row.result = note
        if action == "confirm":
            row.done_on = row.reported_on or today
            row.status = S.DONE if row.done_on <= row.due_on else S.DONE_LATE
        if action == "send_back":
            row.reported_on = None
        if action == "cancel":
            row.cancel_reason = note
        extra = ["result"] if isinstance(row, MeetingQuestion) else []
        row.save(update_fields=["status", "reported_on", "done_on", "cancel_reason", *extra])
        event = record(row, action, actor, old, note)
        _attach(event, files)
        _notify(row, action, actor)
    return row


def _required(text: str, message: str) -> str:
    if not text.strip():
        raise ReformError(message)
    return text.strip()


# -- actions ----------------------------------------------------------------------------------


def item_update(*, item: Item, actor: User, note: str, files: Sequence[File] = ()) -> Item:  # type: ignore[type-arg]
    """Cập nhật tiến độ: a note on what was done, with evidence files."""
    note = _required(note, "Vui lòng ghi nội dung đã thực hiện.")
    return _move(item, "update", actor, note, files)


def item_report_done(*, item: Item, actor: User, note: str, files: Sequence[File] = ()) -> Item:  # type: ignore[type-arg]
    """The lead says it is done; a finding needs evidence that it was fixed."""
    note = _required(note, "Vui lòng ghi kết quả thực hiện.")
    if isinstance(item, Finding) and not files:
        raise ReformError("Vui lòng đính kèm minh chứng đã khắc phục (PDF, JPEG hoặc PNG).")
    return _move(item, "report_done", actor, note, files)


def item_confirm(*, item: Item, actor: User, note: str = "") -> Item:
    return _move(item, "confirm", actor, note.strip())


def item_send_back(*, item: Item, actor: User, note: str) -> Item:
    note = _required(note, "Vui lòng ghi lý do chưa đạt để người thực hiện hoàn thiện.")
    return _move(item, "send_back", actor, note)


def item_cancel(*, item: Item, actor: User, note: str) -> Item:
    note = _required(note, "Vui lòng ghi lý do hủy bỏ.")
    return _move(item, "cancel", actor, note)


# -- messages ---------------------------------------------------------------------------------


def title_of(item: Item) -> str:
    if isinstance(item, PlanTask):
        return f"Nhiệm vụ CCHC “{item.content[:80]}”"
    if isinstance(item, Finding):
        return f"Tồn tại sau kiểm tra “{item.description[:80]}”"
    return f"Ý kiến đối thoại “{item.question[:80]}”"


def doer_emails(item: Item) -> list[str]:
    p = parties(item)
    users = list(User.objects.filter(pk__in=p.doer_users).exclude(email="")) if p.doer_users else []
    emails = {u.email for u in users}
    if not emails and p.doer_unit is not None:
        emails = _emails(p.doer_unit, (Role.HEAD,))
    return sorted(emails)


def confirmer_emails(item: Item) -> list[str]:
    p = parties(item)
    return sorted(_emails(p.confirmer_unit, p.confirmer_roles))


def _emails(unit: OrgUnit, roles: Sequence[str]) -> set[str]:
    members = Membership.objects.filter(unit=unit, role__in=list(roles), active=True)
    return set(members.exclude(user__email="").values_list("user__email", flat=True))


def _notify(item: Item, action: str, actor: User) -> None:
    if action == "report_done":
        to, text = confirmer_emails(item), "đã được báo cáo hoàn thành, chờ xác nhận"
    elif action in ("confirm", "send_back", "cancel"):
        text = {
            "confirm": "đã được xác nhận hoàn thành",
            "send_back": "được trả lại, chưa đạt",
            "cancel": "đã bị hủy bỏ",
        }[action]
        to = doer_emails(item)
    else:
        return
    now = timezone.now()
    OutboxMessage.objects.bulk_create(
        OutboxMessage(
            channel=OutboxChannel.EMAIL,
            recipient=email,
            subject=f"{title_of(item)} {text}"[:255],
            body=f"{title_of(item)} {text} ({actor}).",
            created_at=now,
        )
        for email in to
        if email != actor.email
    )


def due_date(*, year: int, deadline: dt.date | None, ongoing: bool) -> dt.date:
    """The date a task is judged against: its deadline, or the plan year's end if ongoing."""
    if deadline is not None and not ongoing:
        return deadline
    return dt.date(year, 12, 31)
