"""Optional TOTP second factor for staff (django-otp), required for the admin and supervisor
roles (and superusers) when `MOTCUA_REQUIRE_2FA=1`.

After the password, a person with a confirmed authenticator app enters its 6-digit code; one who
must have one and has none is sent to set it up (a QR code for the app, then a first code to
confirm). `SecondFactorMiddleware` sends them there from any staff page until done.
"""

import base64
from collections.abc import Callable
from typing import Any

import django_otp
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.access import memberships_of
from motcua.accounts.models import Role, User
from motcua.lib.qr import qr_svg

DEVICE_NAME = "Ứng dụng xác thực"
_CHECKED = "motcua.2fa.not_needed"  # session flag: this login needs no second factor
# Pages open before the second factor: its own pages, logging out, static files, and the
# citizen pages (which need no account).
_OPEN_PREFIXES = ("/dang-nhap/", "/dang-xuat/", "/static/", "/i18n/")


def must_have_second_factor(user: User) -> bool:
    if not settings.MOTCUA_REQUIRE_2FA:
        return False
    roles = (Role.ADMIN, Role.SUPERVISOR)
    return user.is_superuser or bool(memberships_of(user, roles))


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Mã xác thực (6 chữ số trên ứng dụng)",
        min_length=6,
        max_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or reverse("home")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return reverse("home")
    return target


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """The code after the password, for someone with a confirmed device."""
    user: User = request.user  # type: ignore[assignment]
    if not django_otp.user_has_device(user):
        return redirect(f"{reverse('otp_setup')}?next={_next(request)}")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = django_otp.match_token(user, form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            return redirect(_next(request))
        form.add_error("code", "Mã xác thực không đúng hoặc đã hết hạn. Vui lòng nhập mã mới.")
    context = {"form": form, "next": _next(request)}
    return render(request, "accounts/otp_verify.html", context, status=400 if form.errors else 200)


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code, then confirm with a first code."""
    user: User = request.user  # type: ignore[assignment]
    if django_otp.user_has_device(user):
        return redirect(f"{reverse('otp_verify')}?next={_next(request)}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            django_otp.login(request, device)
            return redirect(_next(request))
        form.add_error("code", "Mã xác thực không đúng. Kiểm tra giờ trên điện thoại rồi thử lại.")
    context = {
        "form": form,
        "next": _next(request),
        "qr": qr_svg(device.config_url, title="Mã QR cài đặt ứng dụng xác thực"),
        "secret": base64.b32encode(device.bin_key).decode(),
        "required": must_have_second_factor(user),
    }
    return render(request, "accounts/otp_setup.html", context, status=400 if form.errors else 200)


class SecondFactorMiddleware:
    """Sends a signed-in person who owes a second factor to enter or set it up."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if target := self._owed(request):
            return redirect(f"{reverse(target)}?next={request.path}")
        return self.get_response(request)

    def _owed(self, request: HttpRequest) -> str:
        user: Any = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(_OPEN_PREFIXES):
            return ""
        if user.is_verified() or request.session.get(_CHECKED):
            return ""
        if django_otp.user_has_device(user):
            return "otp_verify"
        if must_have_second_factor(user):
            return "otp_setup"
        request.session[_CHECKED] = True
        return ""
