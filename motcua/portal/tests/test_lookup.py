"""The public status lookup: code + four digits, masking, the same answer for every miss, QR."""

import re

import pytest
from django.test import Client

from motcua.dossiers import workflow
from motcua.dossiers.models import Dossier
from motcua.dossiers.printing import status_token, status_url_for
from motcua.portal.lookup import mask_name, mask_number
from motcua.portal.tests.conftest import World, received

TIME = re.compile(r'<time datetime="([^"]+)">([^<]+)</time>')


def look_up(client: Client, code: str, factor: str):  # type: ignore[no-untyped-def]
    return client.post("/tra-cuu/", {"code": code, "factor": factor}, follow=True)


@pytest.mark.parametrize(
    ("name", "masked"),
    [("Nguyễn Văn An", "N*** V*** A"), ("Lê Thị Thu Hà", "L*** T*** T*** H"), ("An", "A")],
)
def test_a_name_is_masked_to_its_initials(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_a_number_keeps_its_length_and_last_two_digits() -> None:
    assert mask_number("001203004589") == "**********89"
    assert mask_number("0912 345 678") == "********78"
    assert mask_number("") == ""


def test_the_right_last_four_of_the_identity_number_shows_the_masked_status(
    world: World, client: Client
) -> None:
    dossier = received(world)
    page = look_up(client, dossier.code, "4567").content.decode()
    assert "Được tiếp nhận" in page and dossier.code in page
    assert "N*** V*** A" in page and "**********67" in page and "********78" in page
    assert "Nguyễn Văn An" not in page and "001203004567" not in page
    assert "0912345678" not in page and "an@example.vn" not in page


def test_the_last_four_of_the_phone_number_work_too_and_lower_case_codes_are_accepted(
    world: World, client: Client
) -> None:
    dossier = received(world)
    page = look_up(client, dossier.code.lower(), "5678").content.decode()
    assert "Hẹn trả kết quả" in page and dossier.code in page


def test_the_status_page_answering_the_form_takes_its_own_address_for_a_reload(
    world: World, client: Client
) -> None:
    dossier = received(world)
    response = look_up(client, dossier.code, "4567")
    page, address = response.content.decode(), f"/tra-cuu/{dossier.code}/"
    assert response.status_code == 200 and not response.redirect_chain
    assert f'data-address="{address}"' in page and "status-address.js" in page
    assert f'name="next" value="{address}"' in page  # the language switch comes back here
    reloaded = client.get(address).content.decode()
    assert "Được tiếp nhận" in reloaded and "data-address" not in reloaded


def test_the_timeline_shows_actions_and_times_but_no_officer_and_no_note(
    world: World, client: Client
) -> None:
    dossier = workflow.forward(dossier=received(world), actor=world.receiver, note="Gọi ông An")
    dossier = workflow.assign(dossier=dossier, actor=world.head, assignee=world.handler)
    page = look_up(client, dossier.code, "4567").content.decode()
    assert "Tiếp nhận hồ sơ" in page and "Chuyển cơ quan xử lý" in page
    assert "Đang xử lý" in page  # national wording of "in_process"
    # In Vietnam's time, as the events happened (the test clock: 09:00 on 2 March 2026).
    assert TIME.findall(page)[:1] == [("2026-03-02T09:00:00+07:00", "09:00 02/03/2026")]
    for officer in (world.receiver, world.head, world.handler):
        assert officer.full_name not in page and officer.username not in page
    assert "Gọi ông An" not in page


def test_unknown_code_and_wrong_digits_get_the_same_message(world: World, client: Client) -> None:
    dossier = received(world)
    wrong = look_up(client, dossier.code, "0000")
    unknown = look_up(client, "000.00.12.H56-260302-9999", "4567")
    assert wrong.status_code == unknown.status_code == 200
    message = "Không tìm thấy hồ sơ với mã và 4 chữ số đã nhập."
    assert message in wrong.content.decode() and message in unknown.content.decode()
    assert "Được tiếp nhận" not in wrong.content.decode()


def test_the_status_page_without_a_lookup_asks_for_the_four_digits(
    world: World, client: Client
) -> None:
    dossier = received(world)
    page = client.get(f"/tra-cuu/{dossier.code}/").content.decode()
    assert "Được tiếp nhận" not in page and 'name="factor"' in page and dossier.code in page


def test_the_qr_link_opens_the_status_page_directly_and_drops_the_token(
    world: World, client: Client
) -> None:
    dossier = received(world)
    url = status_url_for(dossier, "http://testserver/")
    response = client.get(url, follow=True)
    assert response.redirect_chain == [(f"/tra-cuu/{dossier.code}/", 302)]
    assert "Được tiếp nhận" in response.content.decode()


def test_a_tampered_or_foreign_token_is_refused(world: World, client: Client) -> None:
    dossier = received(world)
    other = received(world)
    token = status_token(dossier.code)
    for url in (
        f"/tra-cuu/{dossier.code}/?k={token[:-1]}A",
        f"/tra-cuu/{dossier.code}/?k={status_token(other.code)}",
        f"/tra-cuu/{dossier.code}/?k=",
    ):
        response = client.get(url)
        assert response.status_code == 403
        assert "Liên kết tra cứu không hợp lệ" in response.content.decode()
    assert "Được tiếp nhận" not in client.get(f"/tra-cuu/{dossier.code}/").content.decode()


def test_a_lookup_grants_only_the_dossier_looked_up(world: World, client: Client) -> None:
    first, second = received(world), received(world)
    look_up(client, first.code, "4567")
    assert "Được tiếp nhận" in client.get(f"/tra-cuu/{first.code}/").content.decode()
    assert "Được tiếp nhận" not in client.get(f"/tra-cuu/{second.code}/").content.decode()


def test_a_ready_result_is_announced(world: World, client: Client) -> None:
    from motcua.dossiers.models import DossierStatus
    from motcua.dossiers.tests.factories import in_status

    dossier: Dossier = in_status(world, DossierStatus.RESULT_READY)
    page = look_up(client, dossier.code, "4567").content.decode()
    assert "Đã xử lý xong" in page and "Kết quả đã sẵn sàng." in page
