from django.urls import path

from motcua.lib.lazy_views import LazyViews

views = LazyViews("motcua.par.views")

app_name = "par"
urlpatterns = [
    path("", views.home, name="home"),
    path("bo-tieu-chi/", views.rubrics, name="rubrics"),
    path("bo-tieu-chi/nhap/", views.rubric_import, name="rubric_import"),
    path("bo-tieu-chi/<int:pk>/", views.rubric, name="rubric"),
    path("bo-tieu-chi/<int:pk>/tai/<str:fmt>/", views.rubric_export, name="rubric_export"),
    path("bo-tieu-chi/<int:pk>/ban-hanh/", views.rubric_publish, name="rubric_publish"),
    path("bo-tieu-chi/<int:pk>/sao-chep/", views.rubric_copy, name="rubric_copy"),
    path("bo-tieu-chi/<int:pk>/mo-ky/", views.assessment_open, name="assessment_open"),
    path("ky/<int:pk>/", views.assessment, name="assessment"),
    path("ky/<int:pk>/chuyen-giai-doan/", views.phase_advance, name="phase_advance"),
    path("ky/<int:pk>/cong-bo/", views.assessment_publish, name="publish"),
    path("ky/<int:pk>/cap-nhat/", views.assessment_refresh, name="assessment_refresh"),
    path("ky/<int:pk>/ket-qua/", views.results, name="results"),
    path("ky/<int:pk>/ket-qua/excel/", views.results_excel, name="results_excel"),
    path("don-vi/<int:pk>/", views.unit, name="unit"),
    path("don-vi/<int:pk>/cham/<int:node>/<slug:stage>/", views.entry_save, name="entry"),
    path("don-vi/<int:pk>/minh-chung/<int:node>/", views.evidence_add, name="evidence_add"),
    path("don-vi/<int:pk>/gui/", views.unit_submit, name="submit"),
    path("don-vi/<int:pk>/tra-lai/", views.unit_return, name="return"),
    path("don-vi/<int:pk>/cap-nhat/", views.unit_refresh, name="unit_refresh"),
    path("don-vi/<int:pk>/excel/", views.unit_excel, name="unit_excel"),
    path("minh-chung/<int:pk>/", views.evidence_file, name="evidence"),
]
