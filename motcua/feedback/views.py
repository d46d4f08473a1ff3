"""Officer pages for PAKN: inbox by deadline, detail, recording, and one URL per action.

Every PAKN is read through `get_pakn_for_user` (404 outside the user's units); every change is
one call to a function of `motcua.feedback.workflow`.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from motcua.accounts.audit import record_access
from motcua.accounts.models import AccessAction, User
from motcua.feedback import forms as f
from motcua.feedback import selectors, workflow
from motcua.feedback.models import Pakn, PaknStatus


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in PaknStatus.values:
        status = ""
    rows = selectors.pakn_inbox(_user(request), status=status, query=request.GET.get("q", ""))
    now = timezone.now()
    return render(
        request,
        "feedback/inbox.html",
        {
            "rows": rows[:200],
            "statuses": PaknStatus.choices,
            "status": status,
            "q": request.GET.get("q", ""),
            "now": now,
        },
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    pakn = selectors.get_pakn_for_user(_user(request), pk)
    record_access(request, AccessAction.VIEW, f"PAKN {pakn.code}")
    return render(
        request,
        "feedback/detail.html",
        {
            "pakn": pakn,
            "events": pakn.events.select_related("unit"),
            "deadlines": selectors.deadlines_of(pakn, timezone.now()),
            "actions": [(a, selectors.ACTION_LABELS[a]) for a in workflow.actions_open(pakn)],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def record(request: HttpRequest) -> HttpResponse:
    form = f.RecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pakn = workflow.pakn_submit(
                data=_submission(data, data["channel"]), actor=_user(request)
            )
        except workflow.PaknError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Đã ghi nhận phản ánh, kiến nghị {pakn.code}.")
            return redirect("feedback:detail", pk=pakn.pk)
    return render(request, "feedback/record.html", {"form": form})


def _submission(data: dict[str, Any], channel: str, **extra: Any) -> workflow.Submission:
    procedure, dossier = data.get("procedure_code"), data.get("dossier_code")
    return workflow.Submission(
        kind=data["kind"],
        channel=channel,
        title=data["title"],
        content=data["content"],
        submitter_name=data["submitter_name"],
        unit=data["unit"],
        submitter_address=data.get("submitter_address", ""),
        submitter_phone=extra.pop("submitter_phone", data.get("submitter_phone", "")),
        submitter_email=extra.pop("submitter_email", data.get("submitter_email", "")),
        procedure_id=procedure.pk if procedure else None,
        dossier_id=dossier.pk if dossier else None,
        about_unit=dossier.receiving_unit if dossier else None,
        earlier=data.get("earlier_code"),
        **extra,
    )


# -- one URL per action ------------------------------------------------------------------------

Do = Callable[[Pakn, User, dict[str, Any]], object]


def _action(
    request: HttpRequest, pk: int, action: str, form_class: type[forms.Form], do: Do
) -> HttpResponse:
    pakn = selectors.get_pakn_for_user(_user(request), pk)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            do(pakn, _user(request), form.cleaned_data)
        except workflow.PaknError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{selectors.ACTION_LABELS[action]}: đã thực hiện.")
            if selectors.pakn_for_user(_user(request)).filter(pk=pk).exists():
                return redirect("feedback:detail", pk=pk)
            return redirect("feedback:inbox")  # forwarded out of the user's reach
    return render(
        request,
        "feedback/action.html",
        {
            "pakn": pakn,
            "form": form,
            "title": selectors.ACTION_LABELS[action],
            "deadline": workflow.deadline(pakn, action),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def refuse(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        "refuse",
        f.ReasonForm,
        lambda p, u, d: workflow.pakn_refuse(pakn=p, actor=u, reason=d["text"]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_info(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        "request_info",
        f.QuestionForm,
        lambda p, u, d: workflow.pakn_request_info(pakn=p, actor=u, question=d["text"]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def info_received(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        "info_received",
        f.InfoForm,
        lambda p, u, d: workflow.pakn_info_received(pakn=p, actor=u, info=d["text"]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def forward(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        "forward",
        f.ForwardForm,
        lambda p, u, d: workflow.pakn_forward(
            pakn=p, actor=u, to_unit=d["to_unit"], note=d["text"]
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        "answer",
        f.AnswerForm,
        lambda p, u, d: workflow.pakn_answer(pakn=p, actor=u, answer=d["text"]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        "publish",
        f.PublishForm,
        lambda p, u, d: workflow.pakn_publish(pakn=p, actor=u, public_summary=d["text"]),
    )
