"""The dossier tests' personas and clock, and a small PAKN factory."""

from collections.abc import Iterator

import pytest
from django.utils import timezone

from motcua.accounts.models import User
from motcua.dossiers.tests.conftest import Clock, World, at, make_world
from motcua.feedback.models import Pakn, PaknChannel, PaknKind
from motcua.feedback.workflow import Submission, pakn_submit

__all__ = ["Clock", "World", "at", "make_pakn"]

NAME, PHONE, EMAIL = "Nguyễn Thị Bích Hường", "0912345678", "huong.nguyen@example.vn"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    fixed = Clock(at(2026, 3, 2, 9, 0))  # Monday, an ordinary working morning
    monkeypatch.setattr(timezone, "now", fixed)
    yield fixed


@pytest.fixture
def world(db: None, clock: Clock) -> World:
    return make_world()


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_pakn(w: World, actor: User | None = None, **fields: object) -> Pakn:
    values: dict[str, object] = {
        "kind": PaknKind.PROCEDURE,
        "channel": PaknChannel.PORTAL,
        "title": "Hồ sơ đăng ký hộ kinh doanh bị yêu cầu giấy tờ ngoài quy định",
        "content": "Cán bộ yêu cầu nộp thêm bản sao sổ hộ khẩu dù quy định không yêu cầu.",
        "submitter_name": NAME,
        "submitter_phone": PHONE,
        "submitter_email": EMAIL,
        "unit": w.commune,
        "contact_verified": True,
    }
    values.update(fields)
    return pakn_submit(data=Submission(**values), actor=actor)  # type: ignore[arg-type]
