from django.urls import path

from motcua.lib.lazy_views import LazyViews

meetings = LazyViews("motcua.reform.views.meetings")

app_name = "reform_public"
urlpatterns = [path("", meetings.public_meetings, name="meetings")]
