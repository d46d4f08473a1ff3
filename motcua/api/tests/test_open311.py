"""Open311 GeoReport v2 over HTTP with Django's test client: documents, filters, errors."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from motcua.api.models import ApiKey, new_key
from motcua.feedback import workflow as wf
from motcua.feedback.models import Pakn, PaknChannel
from motcua.feedback.tests.conftest import EMAIL, NAME, PHONE, World, at, make_pakn

BASE = "/open311/v2"


@pytest.fixture
def key(world: World) -> str:
    value = new_key()
    row = ApiKey(name="Ứng dụng thử")
    row.set_key(value)
    row.save()
    return value


def _published(w: World) -> Pakn:
    pakn = wf.pakn_answer(pakn=make_pakn(w), actor=w.handler, answer="Đã chấn chỉnh cán bộ.")
    return wf.pakn_publish(pakn=pakn, actor=w.head, public_summary="Yêu cầu giấy tờ thừa.")


def test_api_keys_are_stored_hashed(key: str) -> None:
    row = ApiKey.objects.get()
    assert key not in (row.key_hash, row.prefix + row.key_hash) and row.prefix == key[:8]


def test_discovery_names_the_specification(world: World) -> None:
    data = Client().get(f"{BASE}/discovery.json").json()
    assert data["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert data["endpoints"][0]["url"].endswith("/open311/v2")


def test_services_list_in_json_and_xml(world: World) -> None:
    services = Client().get(f"{BASE}/services.json").json()
    assert [s["service_code"] for s in services] == ["regulation", "procedure", "conduct"]
    assert all(s["metadata"] is True and s["type"] == "realtime" for s in services)
    response = Client().get(f"{BASE}/services.xml")
    assert response["Content-Type"].startswith("text/xml")
    root = ET.fromstring(response.content)
    assert root.tag == "services"
    assert root.findtext("service/service_code") == "regulation"
    assert root.find("service/metadata").text == "true"  # type: ignore[union-attr]


def test_service_definition_lists_attributes(world: World) -> None:
    data = Client().get(f"{BASE}/services/procedure.json").json()
    assert [a["code"] for a in data["attributes"]] == ["procedure_code", "dossier_code"]
    root = ET.fromstring(Client().get(f"{BASE}/services/procedure.xml").content)
    assert root.tag == "service_definition"
    assert root.find("attributes/attribute/code").text == "procedure_code"  # type: ignore[union-attr]


def test_unknown_service_is_a_404_error_document(world: World) -> None:
    response = Client().get(f"{BASE}/services/nope.json")
    assert response.status_code == 404
    assert response.json()[0]["code"] == 404 and response.json()[0]["description"]
    root = ET.fromstring(Client().get(f"{BASE}/services/nope.xml").content)
    assert root.tag == "errors" and root.find("error/code").text == "404"  # type: ignore[union-attr]


def _post(key: str, **extra: str) -> object:
    data = {
        "api_key": key,
        "service_code": "procedure",
        "jurisdiction_id": "00001",
        "description": "Cán bộ hẹn trả kết quả quá hạn.\nĐề nghị xem xét.",
        "first_name": "Hường",
        "last_name": "Nguyễn Thị Bích",
        "phone": PHONE,
        "email": EMAIL,
    }
    data.update(extra)
    return Client().post(f"{BASE}/requests.json", data)


def test_post_creates_a_pakn_and_answers_with_id_and_token(world: World, key: str) -> None:
    response = _post(key)
    assert response.status_code == 201  # type: ignore[attr-defined]
    answer = response.json()[0]  # type: ignore[attr-defined]
    pakn = Pakn.objects.get()
    assert answer["service_request_id"] == pakn.code
    assert (pakn.channel, pakn.unit, pakn.submitter_name) == (
        PaknChannel.OPEN311,
        world.commune,
        NAME,
    )
    assert pakn.title == "Cán bộ hẹn trả kết quả quá hạn."
    token = Client().get(f"{BASE}/tokens/{answer['token']}.json").json()
    assert token == [{"service_request_id": pakn.code, "token": answer["token"]}]


def test_post_without_a_valid_key_is_refused(world: World, key: str) -> None:
    response = _post("sai-khoa")
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert response.json()[0]["code"] == 403  # type: ignore[attr-defined]
    ApiKey.objects.update(active=False)
    assert _post(key).status_code == 403  # type: ignore[attr-defined]
    assert not Pakn.objects.exists()


def test_post_errors_are_400_with_a_description(world: World, key: str) -> None:
    assert _post(key, first_name="", last_name="").status_code == 400  # type: ignore[attr-defined]
    assert _post(key, description="").status_code == 400  # type: ignore[attr-defined]
    assert _post(key, **{"attribute[dossier_code]": "KHONG-CO"}).status_code == 400  # type: ignore[attr-defined]
    assert _post(key, service_code="x").status_code == 404  # type: ignore[attr-defined]
    assert _post(key, jurisdiction_id="x").status_code == 404  # type: ignore[attr-defined]
    assert not Pakn.objects.exists()


def test_one_request_in_json_and_xml_with_w3c_dates(world: World) -> None:
    pakn = make_pakn(world)
    data = Client().get(f"{BASE}/requests/{pakn.code}.json").json()
    assert len(data) == 1
    request = data[0]
    assert request["status"] == "open"
    assert request["requested_datetime"] == "2026-03-02T09:00:00+07:00"
    assert request["expected_datetime"] == "2026-03-23T09:00:00+07:00"
    assert request["agency_responsible"] == world.commune.name
    root = ET.fromstring(Client().get(f"{BASE}/requests/{pakn.code}.xml").content)
    assert root.tag == "service_requests"
    assert root.find("request/service_request_id").text == pakn.code  # type: ignore[union-attr]
    assert Client().get(f"{BASE}/requests/PAKN-0.json").status_code == 404


def test_requests_filters(world: World, clock: object) -> None:
    first = make_pakn(world, kind="regulation")
    clock.set(at(2026, 3, 5, 10, 0))  # type: ignore[attr-defined]
    second = _published(world)
    clock.set(at(2026, 3, 20, 10, 0))  # type: ignore[attr-defined]
    client = Client()

    def codes(**params: str) -> list[str]:
        response = client.get(f"{BASE}/requests.json", params)
        assert response.status_code == 200, response.content
        return [r["service_request_id"] for r in response.json()]

    assert codes() == [second.code, first.code]
    assert codes(service_code="regulation") == [first.code]
    assert codes(service_code="procedure,regulation") == [second.code, first.code]
    assert codes(status="closed") == [second.code]
    assert codes(status="open") == [first.code]
    assert codes(start_date="2026-03-03T00:00:00+07:00") == [second.code]
    assert codes(end_date="2026-03-03T00:00:00Z") == [first.code]
    # service_request_id overrides every other parameter
    assert codes(service_request_id=f"{first.code},{second.code}", status="closed") == [
        second.code,
        first.code,
    ]
    bad = client.get(f"{BASE}/requests.json", {"start_date": "hôm qua"})
    assert bad.status_code == 400 and bad.json()[0]["code"] == 400
    wide = {"start_date": "2025-01-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"}
    assert client.get(f"{BASE}/requests.json", wide).status_code == 400
    assert client.get(f"{BASE}/requests.json", {"status": "x"}).status_code == 400


def test_requests_never_carry_personal_data(world: World, key: str) -> None:
    _post(key)
    _published(world)
    for path in ("requests.json", "requests.xml"):
        body = Client().get(f"{BASE}/{path}").content.decode()
        for secret in (NAME, "Hường", PHONE, EMAIL, "Đề nghị xem xét"):
            assert secret not in body


def test_published_request_shows_summary_and_answer(world: World) -> None:
    pakn = _published(world)
    data = Client().get(f"{BASE}/requests/{pakn.code}.json").json()[0]
    assert data["description"] == "Yêu cầu giấy tờ thừa."
    assert data["service_notice"] == "Đã chấn chỉnh cán bộ."
    assert data["status"] == "closed" and data["updated_datetime"].endswith("+07:00")
