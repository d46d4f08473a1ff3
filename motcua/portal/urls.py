"""Citizen pages. Mounted at the site root next to the staff pages (config/urls.py)."""

from django.urls import include, path
from django.views.generic import RedirectView

from motcua.lib.lazy_views import LazyViews

fees = LazyViews("motcua.portal.fees")
views = LazyViews("motcua.portal.views")

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    # The portal's earlier address, still printed on leaflets and bookmarked.
    path("cong-dan/", RedirectView.as_view(pattern_name="portal:home", permanent=True)),
    path("cong-dan/thu-tuc/", views.procedures, name="procedures"),
    path("cong-dan/thu-tuc/<int:pk>/", views.procedure, name="procedure"),
    path("tra-cuu/", views.lookup, name="lookup"),
    path("tra-cuu/<str:code>/", views.status, name="status"),
    path("tra-cuu/<str:code>/danh-gia/", views.rate, name="rate"),
    path("tra-cuu/<str:code>/thanh-toan/", fees.pay, name="pay"),
    path("tra-cuu/<str:code>/ket-qua/", fees.result, name="result"),
    path("tra-cuu/<str:code>/rut-ho-so/", views.request_withdrawal, name="request_withdrawal"),
    path("danh-gia/quay/", views.kiosk, name="kiosk"),
    path("danh-gia/quay/cam-on/", views.kiosk_thanks, name="kiosk_thanks"),
    path("danh-gia/quay/<str:code>/", views.kiosk_rate, name="kiosk_rate"),
    path("cong-khai/", views.transparency, name="transparency"),
    path("cong-khai/<str:unit_code>/", views.transparency_unit, name="transparency_unit"),
    path("dev/hop-thu/", views.dev_mailbox, name="dev_mailbox"),
    path("nop-truc-tuyen/", views.start_filing, name="start_filing"),
    path("nop-truc-tuyen/", include("motcua.filing.urls")),
]
