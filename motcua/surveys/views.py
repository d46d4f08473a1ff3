"""Staff pages of satisfaction: ratings aggregated, survey campaigns and their results; and the
citizen's answer page reached through the signed link of an invitation."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.accounts.access import units_for_user
from motcua.accounts.models import Role, User
from motcua.lib.client import public_url
from motcua.surveys import selectors, services
from motcua.surveys.forms import AnswerForm, CampaignForm, PeriodForm
from motcua.surveys.models import Campaign
from motcua.workdays.timecalc import ZONE

ORGANISER_ROLES = (Role.HEAD, Role.SUPERVISOR, Role.ADMIN)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return (
        dt.datetime.combine(start, dt.time(), tzinfo=ZONE),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=ZONE),
    )


@login_required
@require_GET
def ratings(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET or None)
    today = timezone.now().astimezone(ZONE).date()
    by, start, end = "unit", today.replace(day=1), today
    if form.is_valid():
        by = form.cleaned_data["by"] or by
        start = form.cleaned_data["start"] or start
        end = form.cleaned_data["end"] or end
    rows = selectors.rating_summary(by, units_for_user(_user(request)), *_bounds(start, end))
    return render(request, "surveys/ratings.html", {
        "form": form, "rows": rows, "by": by, "start": start, "end": end,
    })  # fmt: skip


def get_campaign_for_user(user: User, pk: int) -> Campaign:
    found = selectors.campaigns_for_units(units_for_user(user)).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@login_required
@require_http_methods(["GET", "POST"])
def campaigns(request: HttpRequest) -> HttpResponse:
    services.questionnaire_seed_sipas()
    unit_ids = units_for_user(_user(request), ORGANISER_ROLES)
    form = CampaignForm(request.POST or None, unit_ids=unit_ids)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(**form.cleaned_data)
        except services.SurveyError as error:
            form.add_error(None, error)
        else:
            return redirect("surveys:campaign", pk=campaign.pk)
    return render(request, "surveys/campaigns.html", {
        "form": form, "campaigns": selectors.campaigns_for_units(units_for_user(_user(request))),
        "may_create": bool(unit_ids),
    })  # fmt: skip


@login_required
@require_GET
def campaign(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_campaign_for_user(_user(request), pk)
    return render(request, "surveys/campaign.html", {
        "campaign": found, "result": selectors.campaign_index(found),
        "population": services.campaign_population(found).count(),
        "planned": services.sample_size(services.campaign_population(found).count()),
    })  # fmt: skip


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_campaign_for_user(_user(request), pk)
    if found.unit_id not in units_for_user(_user(request), ORGANISER_ROLES):
        raise Http404
    try:
        sent = services.campaign_invite(campaign=found, base_url=public_url(request))
    except services.SurveyError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Đã gửi {sent} phiếu khảo sát.")
    return redirect("surveys:campaign", pk=pk)


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_from_token(token)
    if invitation.answered_at is not None:
        return render(request, "surveys/thanks.html", {"already": True})
    form = AnswerForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_answer(invitation=invitation, levels=form.levels())
        except services.SurveyError as error:
            form.add_error(None, error)
        else:
            return render(request, "surveys/thanks.html", {"already": False})
    fields = [(name, [form[f] for f in names]) for name, names in form.groups]
    return render(request, "surveys/answer.html", {"form": form, "groups": fields,
                                                   "campaign": invitation.campaign})  # fmt: skip
