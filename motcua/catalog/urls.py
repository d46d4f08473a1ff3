from django.urls import path

from motcua.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.search, name="search"),
    path("<int:pk>/", views.detail, name="detail"),
]
