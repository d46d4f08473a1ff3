"""Officer pages, mounted at /phan-anh/ (config/urls.py)."""

from django.urls import path

from motcua.lib.lazy_views import LazyViews

views = LazyViews("motcua.feedback.views")

app_name = "feedback"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("ghi-nhan/", views.record, name="record"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/khong-tiep-nhan/", views.refuse, name="refuse"),
    path("<int:pk>/yeu-cau-bo-sung/", views.request_info, name="request_info"),
    path("<int:pk>/nhan-bo-sung/", views.info_received, name="info_received"),
    path("<int:pk>/chuyen/", views.forward, name="forward"),
    path("<int:pk>/tra-loi/", views.answer, name="answer"),
    path("<int:pk>/cong-khai/", views.publish, name="publish"),
]
