"""Staff pages of satisfaction, mounted at /hai-long/ (config/urls.py)."""

from django.urls import path

from motcua.lib.lazy_views import LazyViews

views = LazyViews("motcua.surveys.views")

app_name = "surveys"
urlpatterns = [
    path("", views.ratings, name="ratings"),
    path("khao-sat/", views.campaigns, name="campaigns"),
    path("khao-sat/<int:pk>/", views.campaign, name="campaign"),
    path("khao-sat/<int:pk>/gui-phieu/", views.invite, name="invite"),
]
