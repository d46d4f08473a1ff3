"""Online filing, mounted at /nop-truc-tuyen/ by the portal's urls."""

from django.urls import path

from motcua.lib.lazy_views import LazyViews

views = LazyViews("motcua.filing.views")

app_name = "filing"
ASSISTED = {"assisted": True}

urlpatterns = [
    path("xac-thuc/gui-ma/", views.send_code, name="send_code"),
    path("xac-thuc/gui-lai/", views.resend_code, name="resend_code"),
    path("xac-thuc/", views.verify, name="verify"),
    path("<int:procedure_pk>/", views.start, name="start"),
    path("<int:procedure_pk>/ho-so-nhap/", views.draft, name="draft"),
    path("<int:procedure_pk>/ho-so-nhap/tep/<int:file_pk>/xoa/", views.detach, name="detach"),
    path("<int:procedure_pk>/xem-lai/", views.review, name="review"),
    path("<int:procedure_pk>/nop/", views.submit, name="submit"),
    path("ho-tro/<int:procedure_pk>/", views.draft, ASSISTED, name="assisted_draft"),
    path(
        "ho-tro/<int:procedure_pk>/tep/<int:file_pk>/xoa/",
        views.detach,
        ASSISTED,
        name="assisted_detach",
    ),
    path("ho-tro/<int:procedure_pk>/xem-lai/", views.review, ASSISTED, name="assisted_review"),
    path("ho-tro/<int:procedure_pk>/nop/", views.submit, ASSISTED, name="assisted_submit"),
    path("ho-so/", views.follow_home, name="follow_home"),
    path("ho-so/<str:code>/", views.follow, name="follow"),
    path("ho-so/<str:code>/da-nop/", views.submitted, name="submitted"),
    path("ho-so/<str:code>/bo-sung/", views.supplement, name="supplement"),
    path("bo-sung/<str:token>/", views.signed_link, name="signed_link"),
]
