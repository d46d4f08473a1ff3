"""DVCQG synchronisation: what is queued, in which order it arrives, and that a portal outage
loses and duplicates nothing (against the stand-in portal over real HTTP)."""

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from motcua.accounts.models import PersonalDataAccess, Role
from motcua.accounts.tests.factories import make_staff
from motcua.api import dvcqg
from motcua.api.models import DvcqgSync, SyncKind
from motcua.api.tests.dvcqg_portal import PORTAL, TOKEN
from motcua.dossiers import workflow
from motcua.dossiers.attachments import NewFile
from motcua.dossiers.models import Dossier, DossierStatus
from motcua.dossiers.tests.factories import APPLICANT, in_status
from motcua.feedback.tests.conftest import Clock, World, make_pakn
from motcua.lib.uploads import sample_pdf

S = DossierStatus


@pytest.fixture(autouse=True)
def _data_dir(settings: Any, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path  # where the file backend writes dvcqg.jsonl


def national_codes(d: Dossier) -> list[int]:
    rows = DvcqgSync.objects.filter(kind=SyncKind.DOSSIER, code=d.code).order_by("version")
    return [row.payload["TrangThaiHoSo"] for row in rows]


def test_every_change_of_a_dossier_is_queued_in_order_and_matches_the_field_list(
    world: World,
) -> None:
    d = in_status(world, S.RETURNED)
    rows = list(DvcqgSync.objects.filter(code=d.code).order_by("version"))
    assert [r.version for r in rows] == list(range(1, d.events.count() + 1))
    assert national_codes(d)[0] == 2 and national_codes(d)[-1] == 10
    assert 4 in national_codes(d) and 9 in national_codes(d)
    for row in rows:
        assert dvcqg.schema_errors(row.payload) == []
    last = rows[-1].payload
    assert last["ChuHoSo"] == APPLICANT.name and last["MaDoiTuong"] == APPLICANT.personal_id
    assert last["NgayTra"] and last["NgayKetThucXuLy"] and last["KetQua"]["SoKyHieu"]
    # Only what links the dossier to the citizen's account: no phone, e-mail or address.
    text = json.dumps([r.payload for r in rows], ensure_ascii=False)
    assert APPLICANT.phone not in text and APPLICANT.email not in text
    assert APPLICANT.address not in text


def test_every_version_counts_the_files_handed_in_and_only_the_newest_is_latest(
    world: World,
) -> None:
    d = workflow.receive(
        actor=world.everyone, version=world.version, receiving_unit=world.commune,
        applicant=APPLICANT, files=[NewFile(ContentFile(sample_pdf(), name="to-khai.pdf"))],
    )  # fmt: skip
    workflow.forward(dossier=d, actor=world.everyone)
    rows = DvcqgSync.objects.filter(code=d.code).order_by("version")
    assert [r.payload["SoHoa"]["TepThanhPhan"] for r in rows] == [1, 1]
    assert [r.latest for r in rows] == [False, True]
    assert [r.payload["DonViTiepNhan"] for r in rows] == ["000.00.12.H56"] * 2


def test_a_pakn_is_queued_without_its_submitter(world: World) -> None:
    pakn = make_pakn(world)
    row = DvcqgSync.objects.get(kind=SyncKind.PAKN, code=pakn.code)
    assert dvcqg.schema_errors(row.payload) == []
    text = json.dumps(row.payload, ensure_ascii=False)
    assert pakn.submitter_name not in text and pakn.submitter_phone not in text


def test_without_an_address_payloads_go_to_a_file(world: World, settings: Any) -> None:
    settings.MOTCUA_DVCQG_URL = ""
    d = in_status(world, S.FORWARDED)
    assert dvcqg.sync() == (d.events.count(), 0)
    lines = (Path(settings.DATA_DIR) / "dvcqg.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["payload"]["PhienBan"] for line in lines][-2:] == [1, 2]
    assert not DvcqgSync.objects.filter(sent_at__isnull=True).exists()


@pytest.fixture
def portal(live_server: Any, settings: Any) -> Any:
    PORTAL.reset()
    settings.MOTCUA_DVCQG_URL = f"{live_server.url}/gia-lap-dvcqg"
    settings.MOTCUA_DVCQG_TOKEN = TOKEN
    yield PORTAL
    PORTAL.reset()


pytestmark = pytest.mark.urls("motcua.api.tests.dvcqg_portal")


@pytest.mark.django_db(transaction=True)
def test_a_dossier_through_its_life_reaches_the_portal_in_order(world: World, portal: Any) -> None:
    d = in_status(world, S.RETURNED)
    sent, failed = dvcqg.sync()
    assert (sent, failed) == (d.events.count(), 0)
    keys = [k for k in portal.order if k.startswith(f"dossier:{d.code}:")]
    assert keys == [f"dossier:{d.code}:{v}" for v in range(1, d.events.count() + 1)]
    assert portal.received[keys[-1]]["TrangThaiHoSo"] == 10
    assert dvcqg.sync() == (0, 0)  # nothing twice


@pytest.mark.django_db(transaction=True)
def test_a_day_long_outage_is_caught_up_with_nothing_lost_or_doubled(
    world: World, portal: Any, clock: Clock
) -> None:
    portal.down = True
    first = in_status(world, S.FORWARDED)
    assert dvcqg.sync() == (0, 1)  # one try per record: its version 2 waits behind 1
    assert portal.received == {}
    row = DvcqgSync.objects.get(code=first.code, version=1)
    assert row.attempts == 1 and row.last_error == "HTTP 503"
    assert row.next_attempt_at > clock.moment
    # Work goes on during the outage; hourly runs keep failing and back off.
    second = in_status(world, S.RECEIVED)
    for _hour in range(24):
        clock.set(clock.moment + dt.timedelta(hours=1))
        dvcqg.sync()
    assert DvcqgSync.objects.get(code=first.code, version=1).attempts >= 10
    portal.down = False
    clock.set(clock.moment + dt.timedelta(hours=1))
    dvcqg.sync()
    expected = {f"dossier:{d.code}:{r.version}" for d in (first, second) for r in
                DvcqgSync.objects.filter(code=d.code)}  # fmt: skip
    assert set(portal.received) == expected
    assert len(portal.order) == len(expected)
    assert not DvcqgSync.objects.filter(sent_at__isnull=True).exists()
    # Each record's versions arrived in order.
    firsts = [int(k.rsplit(":", 1)[1]) for k in portal.order if f":{first.code}:" in k]
    assert firsts == sorted(firsts)


@pytest.mark.django_db(transaction=True)
def test_a_lost_answer_is_retried_and_the_portal_keeps_one_copy(
    world: World, portal: Any, clock: Clock
) -> None:
    portal.lose_answers = 1
    d = in_status(world, S.RECEIVED)
    assert dvcqg.sync() == (0, 1)
    clock.set(clock.moment + dt.timedelta(minutes=5))
    assert dvcqg.sync() == (1, 0)  # the portal answers 409: it has it already
    assert list(portal.received) == [f"dossier:{d.code}:1"]


def test_the_administrator_sees_the_queue_and_the_rate(world: World, settings: Any) -> None:
    settings.MOTCUA_DVCQG_URL = ""
    in_status(world, S.FORWARDED)
    dvcqg.sync()
    in_status(world, S.RECEIVED)  # queued, not yet sent
    admin = make_staff("quantri.tinh", world.province, Role.ADMIN)
    client = Client()
    client.force_login(admin)
    page = client.get("/dong-bo-dvcqg/").content.decode()
    assert "1 / 2 hồ sơ — 50%" in page
    assert "Đang chờ gửi</dt><dd>1" in page
    client.force_login(world.handler)
    assert client.get("/dong-bo-dvcqg/").status_code == 403
    assert not PersonalDataAccess.objects.exists()


def test_in_development_a_post_sends_what_it_queued(world: World, settings: Any) -> None:
    from django.http import HttpResponse
    from django.test import RequestFactory

    settings.MOTCUA_DVCQG_URL = ""
    middleware = dvcqg.SyncAfterRequest(lambda request: HttpResponse())
    settings.MOTCUA_SEND_OUTBOX_AFTER_REQUEST = False
    in_status(world, S.RECEIVED)
    middleware(RequestFactory().post("/"))
    assert DvcqgSync.objects.filter(sent_at__isnull=True).count() == 1  # production: the timer
    settings.MOTCUA_SEND_OUTBOX_AFTER_REQUEST = True
    middleware(RequestFactory().get("/"))
    assert DvcqgSync.objects.filter(sent_at__isnull=True).count() == 1  # a GET changes nothing
    middleware(RequestFactory().post("/"))
    assert not DvcqgSync.objects.filter(sent_at__isnull=True).exists()
