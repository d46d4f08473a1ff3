"""Officer pages (scoped by unit, one URL per action) and the citizen pages (one-time code,
throttle, follow link, like/dislike, published answers without personal data)."""

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.test import Client

from motcua.dossiers.models import OutboxMessage
from motcua.feedback import workflow as wf
from motcua.feedback.models import Pakn, PaknStatus
from motcua.feedback.tests.conftest import EMAIL, NAME, PHONE, World, make_pakn


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_inbox_lists_by_deadline_and_other_units_get_404(world: World) -> None:
    pakn = make_pakn(world)
    page = _as(world.handler).get("/phan-anh/")
    assert pakn.code in page.content.decode()
    assert pakn.code not in _as(world.outsider).get("/phan-anh/").content.decode()
    assert _as(world.outsider).get(f"/phan-anh/{pakn.pk}/").status_code == 404
    assert (
        _as(world.outsider).post(f"/phan-anh/{pakn.pk}/tra-loi/", {"text": "x"}).status_code == 404
    )
    detail = _as(world.handler).get(f"/phan-anh/{pakn.pk}/").content.decode()
    assert "Thời hạn" in detail and "23/03/2026" in detail and NAME in detail


@pytest.mark.parametrize(
    ("url", "data", "status"),
    [
        ("khong-tiep-nhan", {"text": "Là tố cáo"}, PaknStatus.REFUSED),
        ("yeu-cau-bo-sung", {"text": "Mã hồ sơ?"}, PaknStatus.INFO_REQUESTED),
        ("tra-loi", {"text": "Đã chấn chỉnh."}, PaknStatus.ANSWERED),
    ],
)
def test_one_url_per_action(world: World, url: str, data: dict[str, str], status: str) -> None:
    pakn = make_pakn(world)
    client = _as(world.head)
    assert client.get(f"/phan-anh/{pakn.pk}/{url}/").status_code == 200
    response = client.post(f"/phan-anh/{pakn.pk}/{url}/", data)
    assert response.status_code == 302
    assert Pakn.objects.get(pk=pakn.pk).status == status


def test_a_refused_action_shows_the_message_and_changes_nothing(world: World) -> None:
    pakn = make_pakn(world)
    response = _as(world.head).post(f"/phan-anh/{pakn.pk}/cong-khai/", {"text": "Tóm tắt"})
    assert response.status_code == 200 and "Không thể thực hiện" in response.content.decode()
    assert Pakn.objects.get(pk=pakn.pk).status == PaknStatus.RECEIVED


def test_forwarding_out_of_reach_goes_back_to_the_inbox(world: World) -> None:
    pakn = make_pakn(world)
    response = _as(world.handler).post(
        f"/phan-anh/{pakn.pk}/chuyen/", {"to_unit": world.partner.pk, "text": ""}
    )
    assert response.status_code == 302 and response["Location"] == "/phan-anh/"
    assert Pakn.objects.get(pk=pakn.pk).unit == world.partner


def test_an_officer_records_a_hotline_call(world: World) -> None:
    response = _as(world.receiver).post(
        "/phan-anh/ghi-nhan/",
        {
            "channel": "hotline",
            "kind": "conduct",
            "unit": world.commune.pk,
            "title": "Cán bộ gây khó khăn",
            "content": "Nội dung cuộc gọi.",
            "submitter_name": "Trần Văn Bình",
            "submitter_phone": "0987654321",
        },
    )
    assert response.status_code == 302
    pakn = Pakn.objects.get()
    assert (pakn.channel, pakn.recorded_by) == ("hotline", world.receiver)


def _code_sent_to(contact: str) -> str:
    body = OutboxMessage.objects.filter(recipient=contact).latest("pk").body
    return re.search(r"\d{6}", body).group(0)  # type: ignore[union-attr]


def _verified_client(contact: str = PHONE) -> Client:
    client = Client(REMOTE_ADDR="203.0.113.9")
    client.post("/phan-anh-kien-nghi/gui/", {"contact": contact})
    response = client.post("/phan-anh-kien-nghi/gui/xac-thuc/", {"code": _code_sent_to(contact)})
    assert response["Location"] == "/phan-anh-kien-nghi/gui/noi-dung/"
    return client


def _form(w: World, **extra: str) -> dict[str, Any]:
    data = {
        "kind": "procedure",
        "unit": w.commune.pk,
        "title": "Trễ hẹn trả kết quả",
        "content": "Hồ sơ của tôi trễ hẹn hai tuần.",
        "submitter_name": NAME,
    }
    data.update(extra)
    return data


def test_a_citizen_sends_a_pakn_after_proving_a_contact(world: World) -> None:
    assert Client().get("/phan-anh-kien-nghi/gui/noi-dung/").status_code == 302
    client = _verified_client()
    response = client.post("/phan-anh-kien-nghi/gui/noi-dung/", _form(world))
    assert response.status_code == 302
    pakn = Pakn.objects.get()
    assert (pakn.submitter_phone, pakn.contact_verified, pakn.channel) == (PHONE, True, "portal")
    follow = client.get(response["Location"]).content.decode()
    assert pakn.code in follow and "Đã tiếp nhận" in follow


def test_a_wrong_code_does_not_verify(world: World) -> None:
    client = Client()
    client.post("/phan-anh-kien-nghi/gui/", {"contact": EMAIL})
    response = client.post("/phan-anh-kien-nghi/gui/xac-thuc/", {"code": "000000"})
    assert response.status_code == 200 and "Mã không đúng" in response.content.decode()
    assert client.get("/phan-anh-kien-nghi/gui/noi-dung/").status_code == 302


def test_public_submission_is_throttled_per_address(world: World) -> None:
    client = _verified_client()
    for _ in range(5):
        assert client.post("/phan-anh-kien-nghi/gui/noi-dung/", _form(world)).status_code == 302
    response = client.post("/phan-anh-kien-nghi/gui/noi-dung/", _form(world))
    assert response.status_code == 200 and "quá nhiều" in response.content.decode()
    assert Pakn.objects.count() == 5


def test_the_follow_link_adds_information_and_rates_the_answer(world: World) -> None:
    from motcua.portal.pakn_views import follow_token

    pakn = wf.pakn_request_info(pakn=make_pakn(world), actor=world.handler, question="Mã hồ sơ?")
    url = f"/phan-anh-kien-nghi/theo-doi/{follow_token(pakn)}/"
    assert "Mã hồ sơ?" in Client().get(url).content.decode()
    Client().post(url + "bo-sung/", {"text": "H56.0001"})
    pakn.refresh_from_db()
    assert pakn.status == PaknStatus.RECEIVED and "H56.0001" in pakn.content
    wf.pakn_answer(pakn=pakn, actor=world.handler, answer="Đã xử lý.")
    wf.pakn_publish(pakn=pakn, actor=world.head, public_summary="Trễ hẹn.")
    Client().post(url + "hai-long/")
    Client().post(url + "khong-hai-long/")
    assert Pakn.objects.get(pk=pakn.pk).reaction == "like"
    assert Client().get("/phan-anh-kien-nghi/theo-doi/gia-mao/").status_code == 404


def test_public_pages_and_api_never_show_personal_data(world: World) -> None:
    pakn = make_pakn(world, submitter_address="Thôn Đông, xã Thử Nghiệm")
    wf.pakn_answer(pakn=pakn, actor=world.handler, answer="Đã yêu cầu cán bộ rút kinh nghiệm.")
    wf.pakn_publish(pakn=pakn, actor=world.head, public_summary="Yêu cầu giấy tờ ngoài quy định.")
    pages = [
        "/phan-anh-kien-nghi/",
        "/phan-anh-kien-nghi/?q=giay+to",
        f"/phan-anh-kien-nghi/{pakn.code}/",
        "/api/v1/pakn",
        f"/api/v1/pakn/{pakn.code}",
        "/open311/v2/requests.json",
        f"/open311/v2/requests/{pakn.code}.xml",
    ]
    for url in pages:
        response = Client().get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        if response["Content-Type"].startswith("application/json"):
            body = json.dumps(response.json(), ensure_ascii=False)
        assert "Yêu cầu giấy tờ ngoài quy định" in body, url
        for secret in (NAME, PHONE, EMAIL, "Thôn Đông", "sổ hộ khẩu"):
            assert secret not in body, (url, secret)


def test_unpublished_pakn_are_not_public(world: World) -> None:
    pakn = make_pakn(world)
    assert Client().get(f"/phan-anh-kien-nghi/{pakn.code}/").status_code == 404
    assert Client().get(f"/api/v1/pakn/{pakn.code}").status_code == 404
    assert pakn.code not in Client().get("/phan-anh-kien-nghi/").content.decode()


def test_opening_a_petition_is_in_the_personal_data_audit_trail(world: World) -> None:
    from motcua.accounts.models import AccessAction, PersonalDataAccess

    pakn = make_pakn(world)
    assert _as(world.outsider).get(f"/phan-anh/{pakn.pk}/").status_code == 404
    assert _as(world.handler).get(f"/phan-anh/{pakn.pk}/").status_code == 200
    assert list(PersonalDataAccess.objects.values_list("user", "action", "subject")) == [
        (world.handler.pk, AccessAction.VIEW, f"PAKN {pakn.code}")
    ]


def test_the_json_api_gives_moments_in_vietnamese_time(world: World) -> None:
    pakn = make_pakn(world)
    wf.pakn_answer(pakn=pakn, actor=world.handler, answer="Đã giải quyết.")
    wf.pakn_publish(pakn=pakn, actor=world.head, public_summary="Tóm tắt.")
    one = Client().get(f"/api/v1/pakn/{pakn.code}").json()
    listed = Client().get("/api/v1/pakn").json()["items"][0]
    for body in (one, listed):
        assert body["received_at"].endswith("+07:00") and body["published_at"].endswith("+07:00")
    pakn.refresh_from_db()
    assert dt.datetime.fromisoformat(one["received_at"]) == pakn.received_at
