"""Staff pages, mounted at /cai-cach/ (config/urls.py)."""

from django.urls import path

from motcua.reform import views

app_name = "reform"
urlpatterns = [
    path("", views.home, name="home"),
    path("don-vi/<int:pk>/nhiem-vu/", views.home, name="task_list"),
    path("don-vi/<int:pk>/trinh-do/", views.home, name="qualifications"),
    path("don-vi/<int:pk>/kiem-tra/", views.home, name="inspection_list"),
    path("don-vi/<int:pk>/ton-tai/", views.home, name="finding_list"),
    path("don-vi/<int:pk>/doi-thoai/", views.home, name="meeting_list"),
]
