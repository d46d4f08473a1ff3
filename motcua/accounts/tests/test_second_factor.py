"""Optional TOTP second factor for staff, required for admin and supervisor roles when
MOTCUA_REQUIRE_2FA=1 (issue 14 §3)."""

import re

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.models import Role, UnitKind, User
from motcua.accounts.tests.factories import make_staff, make_unit


def code_of(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def unit(db: None, settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # django-otp waits (1 s, doubling) after a wrong code; the tests type the right one at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    return make_unit("00001", UnitKind.COMMUNE)


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_admin_must_set_up_the_app_when_required(unit, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_REQUIRE_2FA = True
    client = signed_in(make_staff("quantri", unit, Role.ADMIN))
    response = client.get("/ho-so/hop-viec/")
    assert response.status_code == 302
    assert response["Location"] == "/dang-nhap/xac-thuc-hai-buoc/?next=/ho-so/hop-viec/"
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page and "Cài đặt xác thực hai bước" in page
    device = TOTPDevice.objects.get()
    wrong = client.post("/dang-nhap/xac-thuc-hai-buoc/", {"code": "000000", "next": "/"})
    assert wrong.status_code == 400 and not TOTPDevice.objects.get().confirmed
    done = client.post(
        "/dang-nhap/xac-thuc-hai-buoc/", {"code": code_of(device), "next": "/ho-so/hop-viec/"}
    )
    assert done["Location"] == "/ho-so/hop-viec/"
    assert client.get("/ho-so/hop-viec/").status_code == 200


def test_a_person_with_an_app_enters_its_code_after_the_password(unit) -> None:  # type: ignore[no-untyped-def]
    user = make_staff("tiepnhan", unit, Role.RECEIVER)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client = Client()
    login = client.post(
        "/dang-nhap/", {"username": "tiepnhan", "password": "mat-khau-thu-nghiem-9"}
    )
    assert login.status_code == 302
    home = client.get("/can-bo/")
    assert home["Location"].startswith("/dang-nhap/ma-xac-thuc/")
    wrong = client.post("/dang-nhap/ma-xac-thuc/", {"code": "000000"})
    assert wrong.status_code == 400 and "không đúng" in wrong.content.decode()
    assert client.get("/can-bo/").status_code == 302
    right = client.post("/dang-nhap/ma-xac-thuc/", {"code": code_of(device), "next": "/"})
    assert right["Location"] == "/"
    assert client.get("/can-bo/").status_code == 200


def test_without_the_requirement_other_staff_work_without_an_app(unit, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_REQUIRE_2FA = True
    client = signed_in(make_staff("xuly", unit, Role.HANDLER))
    page = client.get("/can-bo/").content.decode()
    assert re.search(r'href="/dang-nhap/xac-thuc-hai-buoc/"', page)  # offered, not forced
    settings.MOTCUA_REQUIRE_2FA = False
    assert signed_in(make_staff("quantri", unit, Role.ADMIN)).get("/can-bo/").status_code == 200


def test_an_outside_next_is_not_followed(unit) -> None:  # type: ignore[no-untyped-def]
    user = make_staff("tiepnhan", unit, Role.RECEIVER)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client = signed_in(user)
    response = client.post(
        "/dang-nhap/ma-xac-thuc/", {"code": code_of(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/can-bo/"
