"""URLs for bench/portal.py: the project's, plus one bare Django view returning a constant
page (the baseline: the same stack doing no work)."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

BARE_PAGE = "<!doctype html><title>bench</title><p>Một Cửa</p>"


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(BARE_PAGE)


urlpatterns = [path("bench/bare/", bare), path("", include("config.urls"))]
