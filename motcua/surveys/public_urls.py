"""The citizen's survey answer page, mounted at /khao-sat/ (config/urls.py)."""

from django.urls import path

from motcua.lib.lazy_views import LazyViews

views = LazyViews("motcua.surveys.views")

app_name = "survey"
urlpatterns = [path("<str:token>/", views.answer, name="answer")]
