from django.urls import path

from motcua.reports import views

app_name = "reports"
urlpatterns: list = []  # type: ignore[type-arg]
