"""The machine interfaces: the JSON API at /api/v1/, Open311 GeoReport v2 at /open311/v2/ and
the GovStack Registration Building Block at /govstack/registration/ (off unless enabled).

config/urls.py mounts this module at the site root. The two django-ninja APIs are imported on
first use, not with this module (motcua/api/lazy_urls.py).
"""

from django.urls import include, path

from motcua.api.lazy_urls import LazyApi
from motcua.lib.lazy_views import LazyViews

cpsv = LazyViews("motcua.api.cpsv")
views = LazyViews("motcua.api.views")

urlpatterns = [
    LazyApi("api/v1/", "motcua.api.api.api", namespace="api-v1"),
    path("open311/v2/", include("motcua.api.open311_urls")),
    LazyApi("govstack/registration/", "motcua.api.govstack.api", namespace="govstack"),
    # The province administrator's view of the DVCQG synchronisation queue.
    path("dong-bo-dvcqg/", views.dvcqg_status, name="dvcqg_status"),
    # The published catalog as CPSV-AP linked data (Turtle, JSON-LD).
    path("du-lieu-mo/cpsv-ap.<str:fmt>", cpsv.catalog, name="cpsv_catalog"),
]
