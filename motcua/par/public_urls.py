from django.urls import path

from motcua.lib.lazy_views import LazyViews

public_views = LazyViews("motcua.par.public_views")

app_name = "par_public"
urlpatterns = [
    path("", public_views.published, name="list"),
    path("<int:pk>/", public_views.ranking, name="ranking"),
]
