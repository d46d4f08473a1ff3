"""The citizen's survey answer page, mounted at /khao-sat/ (config/urls.py)."""

from django.urls import path

from motcua.surveys import views

app_name = "survey"
urlpatterns = [path("<str:token>/", views.answer, name="answer")]
