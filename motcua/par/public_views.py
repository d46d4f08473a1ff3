"""The public page: published PAR rankings (no account needed; nothing before publication)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.par import charts, selectors


def published(request: HttpRequest) -> HttpResponse:
    return render(
        request, "par/public_list.html", {"assessments": selectors.published_assessments()}
    )


def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.published_assessments().filter(pk=pk).first()
    if found is None:
        raise Http404
    results = selectors.assessment_results(found)
    context = {"assessment": found, "results": results, "chart": charts.ranking_chart(results)}
    return render(request, "par/public_ranking.html", context)
