"""The back office: inboxes per role and the dossier page (actions are in office_actions)."""

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header

from motcua.accounts.audit import record_access
from motcua.accounts.models import AccessAction, User
from motcua.dossiers.clock import ONE_WORKING_DAY, calendar_of
from motcua.dossiers.models import (
    FINAL_STATUSES,
    PAUSED_STATUSES,
    Dossier,
    DossierEvent,
    DossierStatus,
    ReturnMethod,
    Timing,
)
from motcua.dossiers.office_forms import InboxFilterForm
from motcua.dossiers.printing import FORM_TITLES
from motcua.dossiers.reminders import RUNNING
from motcua.dossiers.selectors import (
    DossierFilter,
    filter_dossiers,
    get_dossier_for_user,
    inbox_counts,
    inbox_dossiers,
    procedures_of,
)
from motcua.dossiers.views.office_actions import actions_for
from motcua.dossiers.workflow import TRANSITIONS
from motcua.workdays.calendars import calendars_of_units
from motcua.workdays.timecalc import WorkCalendar, working_time_between

log = logging.getLogger(__name__)

PAGE_SIZE = 20
LISTED_WHOLE = 20000  # ids of a filtered box read at once (see _page_of): ~10 ms at most


# -- time left, in working time --------------------------------------------------------------


@dataclass(frozen=True)
class TimeLeft:
    text: str
    state: str  # "ok", "soon" (within one working day), "late", "paused" or "" (no clock)


def working_duration(minutes: int) -> str:
    """480 working minutes make a working day (DOMAIN.md §4.1): "1 ngày 2 giờ 5 phút"."""
    days, rest = divmod(minutes, ONE_WORKING_DAY)
    hours, mins = divmod(rest, 60)
    parts = [f"{days} ngày" if days else "", f"{hours} giờ" if hours else ""]
    parts.append(f"{mins} phút" if mins or not (days or hours) else "")
    return " ".join(part for part in parts if part)


def time_left(dossier: Dossier, now: dt.datetime, cal: WorkCalendar | None = None) -> TimeLeft:
    """`cal`: the receiving unit's calendar when the caller has read it (a list's rows)."""
    if dossier.status in PAUSED_STATUSES and dossier.paused_since:
        since = timezone.localtime(dossier.paused_since)
        return TimeLeft(f"Tạm dừng từ {since:%H:%M %d/%m/%Y}, thời hạn không tính", "paused")
    if dossier.status not in RUNNING or dossier.due_at is None:
        return TimeLeft("", "")
    cal = cal or calendar_of(dossier.receiving_unit)
    if now <= dossier.due_at:
        left = working_time_between(now, dossier.due_at, cal)
        state = "soon" if left <= ONE_WORKING_DAY else "ok"
        return TimeLeft(f"Còn {working_duration(left)} làm việc", state)
    late = working_time_between(dossier.due_at, now, cal)
    return TimeLeft(f"Quá hạn {working_duration(late)} làm việc", "late")


# -- inboxes -----------------------------------------------------------------------------------


class BoxPaginator(Paginator):  # type: ignore[type-arg]
    """Told the number of rows when it is known already (a whole box, counted with the others)."""

    def __init__(self, rows: QuerySet[Any] | list[int], known: int | None) -> None:
        super().__init__(rows, PAGE_SIZE)
        self.known = known

    @cached_property
    def count(self) -> int:
        return super().count if self.known is None else self.known


def _page_of(
    rows: QuerySet[Dossier], wanted: DossierFilter, known: int | None, number: str | None
) -> Page[Dossier]:
    """The page's ids first, sorted alone, then their rows with what the list shows: sorting
    the box's rows with every joined column costs five times as much. A filtered box (`known`
    is None) of up to LISTED_WHOLE dossiers has all its ids read at once, sorted: one read of
    the box where counting and then paging takes two (a bigger one takes three, one query
    more). A dossier that left the box in between, by another officer's action, is left out."""
    found: QuerySet[Any] | list[int] = filter_dossiers(rows, wanted).values_list("pk", flat=True)
    if known is None:
        listed = list(found[: LISTED_WHOLE + 1])
        if len(listed) <= LISTED_WHOLE:
            found, known = listed, len(listed)
    page = BoxPaginator(found, known).get_page(number)
    ids = list(page.object_list)
    shown = rows.in_bulk(ids)
    page.object_list = [shown[pk] for pk in ids if pk in shown]
    return page  # type: ignore[return-value]


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """/ho-so/hop-viec/?ngan=<box>: one box, filtered and paginated; the list alone for htmx."""
    user: User = request.user  # type: ignore[assignment]
    now = timezone.now()
    boxes = inbox_counts(user, now)
    keys = [box.key for box, _ in boxes]
    key = request.GET.get("ngan") if request.GET.get("ngan") in keys else (keys or [""])[0]
    context: dict[str, Any] = {"boxes": boxes, "current": key}
    if key:
        rows = inbox_dossiers(user, key, now)
        form = InboxFilterForm(request.GET or None, procedures=procedures_of(rows))
        wanted = form.wanted()
        known = dict((box.key, n) for box, n in boxes)[key] if wanted == DossierFilter() else None
        page = _page_of(rows, wanted, known, request.GET.get("trang"))
        # One read of the calendars for the page's running dossiers, not one per row.
        running = {d.receiving_unit for d in page.object_list if d.status in RUNNING}
        cals = calendars_of_units(running)
        context |= {
            "form": form,
            "box": next(box for box, _ in boxes if box.key == key),
            "page": page,
            "rows": [
                (d, time_left(d, now, cals.get(d.receiving_unit_id))) for d in page.object_list
            ],
        }
        if page.object_list:
            record_access(
                request, AccessAction.VIEW, f"Hộp việc: {context['box'].label}",
                len(page.object_list),
            )  # fmt: skip
    fragment = request.headers.get("HX-Request") and not request.headers.get(
        "HX-History-Restore-Request"
    )
    template = "_inbox_list.html" if fragment else "inbox.html"
    response = render(request, f"dossiers/office/{template}", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


# -- the dossier page --------------------------------------------------------------------------

ACTION_TITLES = {
    name: rule.label[:1].upper() + rule.label[1:] for name, rule in TRANSITIONS.items()
}
ACTION_TITLES |= {
    "withdraw": "Rút hồ sơ",
    "accept_online": "Tiếp nhận hồ sơ trực tuyến",
    "request_withdrawal": "Công dân đề nghị rút hồ sơ (trực tuyến)",
}


@dataclass(frozen=True)
class EventRow:
    event: DossierEvent
    title: str
    from_label: str
    to_label: str
    timing: str
    details: list[str]


def _status_label(value: str) -> str:
    return str(DossierStatus(value).label) if value else ""


def _details(event: DossierEvent) -> list[str]:
    """What the payload says that an officer needs to read on the timeline."""
    p = event.payload or {}
    out = [f"Cần bổ sung: {item}" for item in p.get("missing", [])]
    out += [f"Lý do: {item}" for item in p.get("reasons", [])]
    if p.get("request_number", 0) > 1:
        out.append(f"Yêu cầu bổ sung lần thứ {p['request_number']}")
    if p.get("makes_late"):
        out.append(f"Làm hồ sơ bị tính trễ hạn: {p['makes_late']}")
    if p.get("day_of_notice_kept") is False:
        out.append("Xin lỗi muộn: chưa đủ một ngày làm việc trước hạn")
    if p.get("assignee_label"):
        out.append(f"Giao cho: {p['assignee_label']}")
    if p.get("paused_minutes"):
        out.append(f"Thời gian tạm dừng: {working_duration(p['paused_minutes'])} làm việc")
    if p.get("new_due_at"):
        new = timezone.localtime(dt.datetime.fromisoformat(p["new_due_at"]))
        out.append(f"Hẹn trả mới: {new:%H:%M %d/%m/%Y}")
    if p.get("method"):
        out.append(f"Hình thức trả: {ReturnMethod(p['method']).label}")
    if p.get("amount_vnd"):
        out.append(f"Số tiền: {p['amount_vnd']:,} đồng".replace(",", "."))
    return out


def event_rows(dossier: Dossier) -> list[EventRow]:
    events = dossier.events.select_related("step", "unit").order_by("seq")
    return [
        EventRow(
            event=e,
            title=ACTION_TITLES.get(e.action, e.action),
            from_label=_status_label(e.from_status),
            to_label=_status_label(e.to_status),
            timing=str(Timing(e.timing).label) if e.timing else "",
            details=_details(e),
        )
        for e in events
    ]


def printable_forms(dossier: Dossier) -> list[tuple[str, str, str]]:
    """(number, title, path) of the forms that exist for this dossier now; Mẫu 02 once per
    supplement request.

    The print views live with the counter (`dossiers:form`, `/ho-so/<pk>/mau-<nn>/`).
    """
    received = dossier.received_at is not None
    wanted = {
        1: received,
        2: dossier.supplement_count > 0,
        3: dossier.status == DossierStatus.REFUSED,
        4: dossier.reschedule_count > 0,
        5: dossier.status in (DossierStatus.WITHDRAWN, DossierStatus.STOPPED),
        6: received,
    }
    found = []
    for n, show in wanted.items():
        if not show:
            continue
        url = reverse("dossiers:form", args=[dossier.pk, n])
        if n == 2 and dossier.supplement_count > 1:
            found += [
                (f"{n:02d}", f"{FORM_TITLES[n]} (lần {k})", f"{url}?lan={k}")
                for k in range(1, dossier.supplement_count + 1)
            ]
        else:
            found.append((f"{n:02d}", FORM_TITLES[n], url))
    return found


def warnings_of(dossier: Dossier) -> list[str]:
    """What an officer must notice on the dossier page before anything else."""
    out = []
    if dossier.withdrawal_requested_at and dossier.status not in FINAL_STATUSES:
        asked = timezone.localtime(dossier.withdrawal_requested_at)
        out.append(
            f"Công dân đã đề nghị rút hồ sơ trực tuyến lúc {asked:%H:%M %d/%m/%Y}: "
            "Bộ phận Một cửa xác nhận rút hồ sơ (Mẫu 05)."
        )
    if dossier.late_by_supplement:
        out.append(
            "Hồ sơ bị tính trễ hạn do yêu cầu bổ sung (yêu cầu lần thứ hai, hoặc sau thời điểm "
            "hẹn trả)."
        )
    if dossier.apology_late:
        out.append("Văn bản xin lỗi, hẹn lại (Mẫu 04) được gửi muộn: chưa đủ một ngày làm việc "
                   "trước thời điểm hẹn trả.")  # fmt: skip
    return out


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    dossier = get_dossier_for_user(user, pk)
    record_access(request, AccessAction.VIEW, f"Hồ sơ {dossier.code}")
    actions = actions_for(user, dossier)
    context = {
        "dossier": dossier,
        "status": DossierStatus(dossier.status),
        "left": time_left(dossier, timezone.now()),
        "actions": actions,
        "main_actions": [a for a in actions if not a.final],
        "final_actions": [a for a in actions if a.final],
        "events": event_rows(dossier),
        "attachments": dossier.attachments.select_related("document"),
        "forms": printable_forms(dossier),
        "warnings": warnings_of(dossier),
    }
    return render(request, "dossiers/office/detail.html", context)


@login_required
def attachment(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponseBase:
    """One stored file of a dossier in the user's units, shown in the browser (PDF, JPEG and
    PNG only are ever stored, checked by content); every opening is in the audit trail.

    Behind nginx (`MOTCUA_ACCEL_REDIRECT_PREFIX`, docs/deploy.md) the file itself is sent by
    nginx from an internal location, after this view has checked access."""
    user: User = request.user  # type: ignore[assignment]
    dossier = get_dossier_for_user(user, pk)
    stored = get_object_or_404(dossier.attachments, pk=attachment_pk)
    if not stored.file.name or not stored.file.storage.exists(stored.file.name):
        # A database restored without its media folder: say so, and tell the administrator.
        log.error("attachment %s of dossier %s: stored file is missing", stored.pk, dossier.pk)
        message = (
            f"Tệp “{stored.original_name}” của hồ sơ {dossier.code} không còn trên máy chủ "
            "(có thể do khôi phục dữ liệu thiếu thư mục tệp). Vui lòng báo quản trị hệ thống."
        )
        return render(request, "refused.html", {"status": 404, "message": message}, status=404)
    record_access(request, AccessAction.DOWNLOAD, f"Tệp số {stored.pk}, hồ sơ {dossier.code}")
    prefix = settings.MOTCUA_ACCEL_REDIRECT_PREFIX
    if prefix:
        response = HttpResponse(content_type=stored.content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + str(stored.file.name)
        response["Content-Disposition"] = str(
            content_disposition_header(False, stored.original_name)
        )
        return response
    return FileResponse(
        stored.file.open("rb"), content_type=stored.content_type, filename=stored.original_name
    )
