"""Citizen PAKN pages, mounted at /phan-anh-kien-nghi/ (config/urls.py).

They live in the portal, the citizen-facing layer, because they use its throttle and the
one-time codes of online filing; the PAKN rules themselves stay in motcua.feedback."""

from django.urls import path

from motcua.lib.lazy_views import LazyViews

views = LazyViews("motcua.portal.pakn_views")

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
