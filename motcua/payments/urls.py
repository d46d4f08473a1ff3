"""Staff pages of fees and payments, mounted at /thanh-toan/."""

from django.urls import path

from motcua.lib.lazy_views import LazyViews

views = LazyViews("motcua.payments.views")

app_name = "payments"
urlpatterns = [
    path("", views.home, name="home"),
    path("ho-so/<int:pk>/", views.dossier_fees, name="dossier"),
    path("ho-so/<int:pk>/nop-tai-quay/", views.counter_payment, name="counter"),
    path("ho-so/<int:pk>/mien-giam/<int:fee_pk>/", views.exempt, name="exempt"),
    path("ho-so/<int:pk>/yeu-cau-nop-phi/", views.request_fees, name="request_fees"),
    path("bien-nhan/<int:pk>/", views.receipt, name="receipt"),
    path("doi-soat/nhap/", views.statement_import, name="import"),
    path("doi-soat/<int:pk>/gan-ho-so/", views.line_assign, name="line_assign"),
    path("doi-soat/<int:pk>/da-xu-ly/", views.line_dismiss, name="line_dismiss"),
    path("bao-cao/", views.report, name="report"),
]
