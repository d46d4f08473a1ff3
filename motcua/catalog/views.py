"""Public catalog pages: search and the full description of one procedure."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.accounts.access import roles_of
from motcua.accounts.models import Role
from motcua.catalog import selectors
from motcua.catalog.forms import ProcedureSearchForm
from motcua.catalog.models import OnlineLevel


def search(request: HttpRequest) -> HttpResponse:
    form = ProcedureSearchForm(request.GET or None)
    procedures = None
    if form.is_valid():
        procedures = selectors.procedure_search(
            form.cleaned_data["q"] or "",
            sector=form.cleaned_data["sector"],
            level=form.cleaned_data["level"] or None,
        )
    elif not form.is_bound:
        procedures = selectors.procedure_search("")
    return render(request, "catalog/search.html", {"form": form, "procedures": procedures})


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.published_version_detail(pk)
    context = {
        "version": version,
        "procedure": version.procedure,
        "units": selectors.offering_units(version.procedure),
        # The community digital team (and the one-stop officers) file online for a citizen.
        "may_assist": version.online_level in (OnlineLevel.FULL, OnlineLevel.PARTIAL)
        and bool(roles_of(request.user) & {Role.RECEIVER, Role.DIGITAL_TEAM}),  # type: ignore[arg-type]
    }
    return render(request, "catalog/detail.html", context)
