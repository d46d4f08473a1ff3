"""Public catalog pages: search and the full description of one procedure."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.catalog import selectors
from motcua.catalog.forms import ProcedureSearchForm


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
    }
    return render(request, "catalog/detail.html", context)
