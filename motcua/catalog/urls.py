from django.urls import path

from motcua.lib.lazy_views import LazyViews

views = LazyViews("motcua.catalog.views")

app_name = "catalog"
urlpatterns = [
    path("", views.search, name="search"),
    path("<int:pk>/", views.detail, name="detail"),
]
