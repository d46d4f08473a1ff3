"""What every reform page shares: the user, a date range from the query, the item pages."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from motcua.accounts.models import OrgUnit, User
from motcua.lib.widgets import parse_day
from motcua.reform import workflow as wf
from motcua.reform.forms import NoteForm, ProgressForm, today_local
from motcua.reform.models import Finding, MeetingQuestion, PlanTask

Item = PlanTask | Finding | MeetingQuestion


def user_of(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def some(units: QuerySet[OrgUnit]) -> QuerySet[OrgUnit]:
    """The units a create form offers; a user with none may not use the page at all."""
    if not units.exists():
        raise Http404
    return units


def day_param(request: HttpRequest, name: str, default: dt.date) -> dt.date:
    return parse_day(request.GET.get(name, "")) or default


def year_range(request: HttpRequest) -> tuple[dt.date, dt.date]:
    today = today_local()
    start = day_param(request, "tu", dt.date(today.year, 1, 1))
    end = day_param(request, "den", dt.date(today.year, 12, 31))
    return (start, end) if start <= end else (end, start)


# The action pages, one URL per action: slug → (workflow action, form, function).
ACTIONS: dict[str, tuple[str, type, Callable[..., Any]]] = {
    "cap-nhat": ("update", ProgressForm, wf.item_update),
    "bao-cao-hoan-thanh": ("report_done", ProgressForm, wf.item_report_done),
    "xac-nhan": ("confirm", NoteForm, wf.item_confirm),
    "tra-lai": ("send_back", NoteForm, wf.item_send_back),
    "huy": ("cancel", NoteForm, wf.item_cancel),
}
SLUG_OF = {action: slug for slug, (action, _f, _fn) in ACTIONS.items()}


def action_links(user: User, item: Item) -> list[tuple[str, str]]:
    return [(SLUG_OF[a], wf.ACTION_LABELS[a]) for a in wf.actions_for(user, item)]


def item_action(
    request: HttpRequest, item: Item, slug: str, back: str, context: dict[str, Any]
) -> HttpResponse:
    """GET: the small form (or why it is not offered); POST: one workflow call, redirect."""
    if slug not in ACTIONS:
        from django.http import Http404

        raise Http404
    action, form_class, function = ACTIONS[slug]
    posted = request.method == "POST"
    form = form_class(request.POST if posted else None, request.FILES if posted else None)
    allowed = action in wf.actions_for(user_of(request), item)
    status = 200
    if posted and form.is_valid():
        kwargs: dict[str, Any] = {"item": item, "actor": user_of(request)}
        kwargs["note"] = form.cleaned_data.get("note", "")
        if form_class is ProgressForm:
            kwargs["files"] = request.FILES.getlist("evidence")
        try:
            function(**kwargs)
        except wf.ReformError as error:
            form.add_error(None, error)
            status = 403 if "quyền" in error.messages[0] else 409
        else:
            messages.success(request, f"{wf.ACTION_LABELS[action]}: đã thực hiện.")
            return redirect(back)
    context = {
        **context,
        "form": form,
        "label": wf.ACTION_LABELS[action],
        "allowed": allowed,
        "back": back,
        "item": item,
    }
    return render(request, "reform/item_action.html", context, status=status)
