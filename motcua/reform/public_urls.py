from django.urls import path

from motcua.reform.views import meetings

app_name = "reform_public"
urlpatterns = [path("", meetings.public_meetings, name="meetings")]
