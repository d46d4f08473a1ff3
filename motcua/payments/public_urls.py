"""Public pages: /xac-thuc/ (verify a signed PDF) and /thanh-toan-truc-tuyen/ (gateway)."""

from django.urls import path

from motcua.lib.lazy_views import LazyViews

views = LazyViews("motcua.payments.public_views")

app_name = "payments_public"
urlpatterns = [
    path("xac-thuc/", views.verify, name="verify"),
    path("xac-thuc/<str:token>/", views.verify_issued, name="verify_issued"),
    path("thanh-toan-truc-tuyen/thong-bao/<str:gateway_name>/", views.callback, name="callback"),
    path("thanh-toan-truc-tuyen/thu-nghiem/<str:order_id>/", views.dev_checkout,
         name="dev_checkout"),
    path("thanh-toan-truc-tuyen/thu-nghiem/<str:order_id>/thanh-cong/", views.dev_pay,
         name="dev_pay"),
    path("thanh-toan-truc-tuyen/thu-nghiem/<str:order_id>/that-bai/", views.dev_fail,
         name="dev_fail"),
    path("thanh-toan-truc-tuyen/thu-nghiem/<str:order_id>/bao-muon/", views.dev_pay_late,
         name="dev_pay_late"),
    path("thanh-toan-truc-tuyen/thu-nghiem/<str:order_id>/gui-thong-bao/",
         views.dev_send_late_callback, name="dev_send_callback"),
]  # fmt: skip
