from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from motcua.accounts.login import ThrottledAdminAuthenticationForm, ThrottledAuthenticationForm
from motcua.lib.lazy_views import LazyViews

# The views are imported by the first request that needs them, not with this module
# (motcua/lib/lazy_views.py); config/wsgi.py imports them all as a web server starts.
second_factor = LazyViews("motcua.accounts.second_factor")
staff_home = LazyViews("motcua.dossiers.views.home")

admin.site.site_header = "Một Cửa — Quản trị"
admin.site.site_title = "Một Cửa"
admin.site.index_title = "Quản trị hệ thống"
admin.site.login_form = ThrottledAdminAuthenticationForm

urlpatterns = [
    # Citizen pages: /, /cong-dan/thu-tuc/, /tra-cuu/, /danh-gia/, /cong-khai/ (no account).
    # First, as the busiest: Django tries the patterns in order, and trying the twenty staff
    # prefixes before them cost a citizen page 40 µs. None of their paths overlaps another's.
    path("", include("motcua.portal.urls")),
    # The root is the citizen portal (portal:home, as on the national portal); staff sign in
    # from its "Cán bộ đăng nhập" link and land on their own home here.
    path("can-bo/", staff_home.home, name="home"),
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            authentication_form=ThrottledAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("dang-nhap/ma-xac-thuc/", second_factor.verify, name="otp_verify"),
    path("dang-nhap/xac-thuc-hai-buoc/", second_factor.setup, name="otp_setup"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("thu-tuc/", include("motcua.catalog.urls")),
    path("ho-so/", include("motcua.dossiers.urls")),
    path("bao-cao/", include("motcua.reports.urls")),
    path("phan-anh/", include("motcua.feedback.urls")),
    path("cai-cach/", include("motcua.reform.urls")),
    path("doi-thoai-nhan-dan/", include("motcua.reform.public_urls")),
    path("phan-anh-kien-nghi/", include("motcua.portal.pakn_urls")),
    path("hai-long/", include("motcua.surveys.urls")),
    path("khao-sat/", include("motcua.surveys.public_urls")),
    path("chi-so-cchc/", include("motcua.par.urls")),
    path("chi-so-cai-cach-hanh-chinh/", include("motcua.par.public_urls")),
    path("thanh-toan/", include("motcua.payments.urls")),
    # /xac-thuc/ (verify a signed document) and /thanh-toan-truc-tuyen/ (online payment).
    path("", include("motcua.payments.public_urls")),
    # /api/v1/ (django-ninja) and /open311/v2/ (Open311 GeoReport v2): docs/api.md.
    path("", include("motcua.api.urls")),
]
