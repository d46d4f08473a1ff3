"""Staff login protection (issue 14 §3): failures per account and per address lead to a lock
that grows with each repeat; the lock and its lifting are on record in the admin."""

import datetime as dt
from collections.abc import Iterator

import pytest
from django.test import Client
from django.utils import timezone

from motcua.accounts.models import LoginFailure, LoginLock, Role, UnitKind, User
from motcua.accounts.tests.factories import make_staff, make_unit

PASSWORD = "mat-khau-thu-nghiem-9"
LOCKED = "Đăng nhập sai nhiều lần nên tạm khóa đến"
WRONG = "Tên đăng nhập hoặc mật khẩu không đúng"


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    fixed = Clock()
    monkeypatch.setattr(timezone, "now", fixed)
    yield fixed


@pytest.fixture
def officer(db: None, settings) -> User:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return make_staff("tiepnhan", make_unit("00001", UnitKind.COMMUNE), Role.RECEIVER)


def login(client: Client, password: str, username: str = "tiepnhan"):  # type: ignore[no-untyped-def]
    return client.post("/dang-nhap/", {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(
    officer: User, clock: Clock
) -> None:
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(4):
        assert WRONG in login(client, "sai").content.decode()
    fifth = login(client, "sai").content.decode()
    assert LOCKED in fifth and "09:01:00" in fifth  # one minute, in Vietnamese time
    refused = login(Client(REMOTE_ADDR="198.51.100.9"), PASSWORD)
    assert refused.status_code == 200 and LOCKED in refused.content.decode()
    assert "_auth_user_id" not in refused.wsgi_request.session
    lock = LoginLock.objects.get()
    assert (lock.kind, lock.label, lock.failures) == ("account", "tiepnhan", 5)

    clock.now += dt.timedelta(minutes=1, seconds=1)
    assert login(client, PASSWORD).status_code == 302


def test_each_repeated_lock_lasts_twice_as_long(officer: User, clock: Clock) -> None:
    client = Client(REMOTE_ADDR="203.0.113.7")
    lengths = []
    for _ in range(3):
        for _ in range(5):
            login(client, "sai")
        lock = LoginLock.objects.order_by("-pk").first()
        assert lock is not None
        lengths.append(lock.until - lock.locked_at)
        clock.now = lock.until + dt.timedelta(seconds=1)
    assert lengths == [dt.timedelta(minutes=m) for m in (1, 2, 4)]


def test_a_success_clears_the_account_failures(officer: User, clock: Clock) -> None:
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(4):
        login(client, "sai")
    assert login(client, PASSWORD).status_code == 302
    for _ in range(4):
        assert LOCKED not in login(Client(REMOTE_ADDR="203.0.113.7"), "sai").content.decode()


def test_an_address_trying_many_accounts_is_locked(officer: User, clock: Clock) -> None:
    client = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(20):
        login(client, "sai", username=f"khong-co-{n}")
    assert LOCKED in login(client, PASSWORD).content.decode()
    assert login(Client(REMOTE_ADDR="198.51.100.9"), PASSWORD).status_code == 302
    lock = LoginLock.objects.get(kind="address")
    assert "203.0.113" not in lock.label and "203.0.113" not in lock.key
    assert not LoginFailure.objects.filter(key__contains="203").exists()


def test_an_administrator_lifts_a_lock_in_the_admin(officer: User, clock: Clock) -> None:
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(5):
        login(client, "sai")
    lock = LoginLock.objects.get()
    admin = User.objects.create_superuser("quantri", password=PASSWORD)
    desk = Client()
    desk.force_login(admin)
    listing = desk.get("/quan-tri/accounts/loginlock/").content.decode()
    assert "tiepnhan" in listing
    response = desk.post(
        "/quan-tri/accounts/loginlock/",
        {"action": "unlock", "_selected_action": [lock.pk]},
    )
    assert response.status_code == 302
    lock.refresh_from_db()
    assert lock.unlocked_by == admin and lock.unlocked_at == clock.now
    assert login(client, PASSWORD).status_code == 302


def test_the_admin_login_is_throttled_too(officer: User, clock: Clock) -> None:
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(5):
        client.post("/quan-tri/login/", {"username": "tiepnhan", "password": "sai"})
    page = client.post("/quan-tri/login/", {"username": "tiepnhan", "password": PASSWORD})
    assert LOCKED in page.content.decode()
