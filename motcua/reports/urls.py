from django.urls import path

from motcua.lib.lazy_views import LazyViews

views = LazyViews("motcua.reports.views")

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("don-vi/<int:pk>/", views.dashboard, name="dashboard"),
    path("don-vi/<int:pk>/ky/", views.period_report, name="period"),
    path("don-vi/<int:pk>/ky/excel/", views.period_report_excel, name="period_excel"),
    path("don-vi/<int:pk>/tre-han/", views.late_list, name="late"),
    path("don-vi/<int:pk>/ho-so/<slug:figure>/", views.dossier_list, name="dossiers"),
    path("chi-so-766/", views.index766_home, name="index766_home"),
    path("don-vi/<int:pk>/chi-so-766/", views.index766_page, name="index766"),
    path("don-vi/<int:pk>/chi-so-766/excel/", views.index766_excel, name="index766_excel"),
]
