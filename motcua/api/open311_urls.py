"""Open311 GeoReport v2 endpoints; every document in XML or JSON by its extension."""

from django.urls import re_path

from motcua.lib.lazy_views import LazyViews

open311 = LazyViews("motcua.api.open311")

FMT = r"\.(?P<fmt>json|xml)$"

app_name = "open311"
urlpatterns = [
    re_path(r"^discovery" + FMT, open311.discovery, name="discovery"),
    re_path(r"^services" + FMT, open311.service_list, name="services"),
    re_path(
        r"^services/(?P<service_code>[\w-]+)" + FMT, open311.service_definition, name="service"
    ),
    re_path(r"^requests" + FMT, open311.requests, name="requests"),
    re_path(r"^requests/(?P<request_id>[\w-]+)" + FMT, open311.request_detail, name="request"),
    re_path(r"^tokens/(?P<token>[\w:.-]+)" + FMT, open311.token, name="token"),
    # Anything else is answered in the Open311 error document too.
    re_path(r"^(?P<path>.*)$", open311.not_found),
]
