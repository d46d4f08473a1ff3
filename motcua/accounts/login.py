"""The staff login forms (site and admin), throttled by `motcua.accounts.login_throttle`."""

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import timezone

from motcua.accounts import login_throttle
from motcua.lib.client import client_address


def _locked_error(until: Any) -> ValidationError:
    moment = timezone.localtime(until)  # TIME_ZONE: Vietnamese time
    return ValidationError(
        f"Đăng nhập sai nhiều lần nên tạm khóa đến {moment:%H:%M:%S} ngày {moment:%d/%m/%Y}. "
        "Vui lòng thử lại sau, hoặc liên hệ quản trị hệ thống để được mở khóa.",
        code="locked",
    )


class ThrottledLoginMixin(forms.Form):
    request: Any
    locked_message = ""

    def clean(self) -> dict[str, Any]:
        username = str(self.cleaned_data.get("username") or "")
        address = client_address(self.request) if self.request is not None else ""
        if lock := login_throttle.current_lock(username, address):
            raise self._locked(lock.until)  # the password is not even checked
        try:
            cleaned = super().clean()
        except ValidationError as error:
            if error.code == "invalid_login" and (lock := login_throttle.failed(username, address)):
                raise self._locked(lock.until) from None
            raise
        login_throttle.succeeded(username)
        return cleaned or {}

    def _locked(self, until: Any) -> ValidationError:
        error = _locked_error(until)
        self.locked_message = error.messages[0]
        return error


class ThrottledAuthenticationForm(ThrottledLoginMixin, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(ThrottledLoginMixin, AdminAuthenticationForm):
    pass
