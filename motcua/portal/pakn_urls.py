"""Citizen pages, mounted at /phan-anh-kien-nghi/ (config/urls.py)."""

from django.urls import path

from motcua.feedback import public_views as views

app_name = "pakn"
urlpatterns = [
    path("", views.published_list, name="list"),
    path("gui/", views.start, name="start"),
    path("gui/xac-thuc/", views.verify, name="verify"),
    path("gui/noi-dung/", views.compose, name="compose"),
    path("theo-doi/<str:token>/", views.follow, name="follow"),
    path("theo-doi/<str:token>/bo-sung/", views.add_info, name="add_info"),
    path("theo-doi/<str:token>/hai-long/", views.like, name="like"),
    path("theo-doi/<str:token>/khong-hai-long/", views.dislike, name="dislike"),
    path("<str:code>/", views.published_detail, name="detail"),
]
