"""The published catalog as CPSV-AP linked data at a stable public address (docs/api.md).

The graph is built with rdflib, imported with motcua/catalog/exchange/cpsv.py on the first
request rather than when the URL configuration loads (bench/startup.py)."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def catalog(request: HttpRequest, fmt: str) -> HttpResponse:
    from motcua.catalog.exchange.cpsv import MEDIA_TYPES, catalog_cpsv, deployment_province

    province = deployment_province()
    if fmt not in MEDIA_TYPES or province is None:
        raise Http404
    base = settings.MOTCUA_PUBLIC_URL or request.build_absolute_uri("/")
    response = HttpResponse(catalog_cpsv(base, province, fmt), content_type=MEDIA_TYPES[fmt])
    response["Access-Control-Allow-Origin"] = "*"  # open data
    return response
