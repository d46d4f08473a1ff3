"""Meetings with citizens: staff pages, and the public list (no residents' personal data)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from motcua.accounts.access import get_unit_for_user
from motcua.reform import access, selectors, services
from motcua.reform.forms import MeetingForm, QuestionForm
from motcua.reform.models import Evidence
from motcua.reform.views.common import action_links, item_action, some, user_of, year_range
from motcua.reform.workflow import ReformError


@login_required
def meeting_list(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(user_of(request), pk)
    start, end = year_range(request)
    rows = selectors.meetings_between(unit, start, end)
    context = {"unit": unit, "start": start, "end": end, "rows": rows}
    return render(request, "reform/meeting_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    form = MeetingForm(
        request.POST or None,
        request.FILES or None,
        units=some(access.units_with(user, access.MEETING_EDITORS)),
    )
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            minutes = data.pop("minutes")
            meeting = services.meeting_create(
                data=services.MeetingData(**data), actor=user, minutes=minutes
            )
        except ReformError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Đã ghi buổi đối thoại. Ghi các ý kiến của người dân.")
            return redirect("reform:meeting", pk=meeting.pk)
    return render(request, "reform/form.html", {"form": form, "title": "Ghi buổi đối thoại"})


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    meeting = access.get_meeting_for_user(user, pk)
    questions = [
        (q, action_links(user, q)) for q in meeting.questions.select_related("assignee_unit")
    ]
    context = {
        "m": meeting,
        "questions": questions,
        "form": QuestionForm(),
        "may_edit": meeting.unit in access.units_with(user, access.MEETING_EDITORS),
    }
    return render(request, "reform/meeting.html", context)


@login_required
@require_http_methods(["POST"])
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    meeting = access.get_meeting_for_user(user, pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_add(
                meeting=meeting, data=services.QuestionData(**form.cleaned_data), actor=user
            )
        except ReformError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, "Đã ghi ý kiến.")
    else:
        messages.error(request, "Vui lòng nhập nội dung ý kiến.")
    return redirect("reform:meeting", pk=meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def question_action(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    question = access.get_question_for_user(user_of(request), pk)
    back = reverse("reform:meeting", args=[question.meeting_id])
    return item_action(request, question, slug, back, {"title": question.question})


@login_required
def evidence(request: HttpRequest, pk: int) -> FileResponse:
    """A stored evidence file, to whoever may see the task, finding or assignment it proves."""
    row = Evidence.objects.select_related("event").filter(pk=pk).first()
    if row is None:
        raise Http404
    user, event = user_of(request), row.event
    if event.task_id:
        access.get_task_for_user(user, event.task_id)
    elif event.finding_id:
        access.get_finding_for_user(user, event.finding_id)
    else:
        access.get_question_for_user(user, event.question_id)  # type: ignore[arg-type]
    return FileResponse(row.file.open("rb"), content_type=row.content_type)


@login_required
def minutes_file(request: HttpRequest, pk: int) -> FileResponse:
    meeting = access.get_meeting_for_user(user_of(request), pk)
    if not meeting.minutes:
        raise Http404
    return FileResponse(meeting.minutes.open("rb"), content_type="application/pdf")


def public_meetings(request: HttpRequest) -> HttpResponse:
    """Đối thoại với nhân dân: what was asked and answered, for everyone to read."""
    page = Paginator(selectors.public_meetings(), 20).get_page(request.GET.get("trang"))
    return render(request, "reform/public_meetings.html", {"page": page})
