"""Bad input to the API and Open311 gets a clear 4xx in the interface's own error format, and
changes nothing (issue 14 §1)."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from motcua.api.models import ApiKey, new_key
from motcua.api.tests.test_open311 import BASE, _post
from motcua.feedback.models import Pakn
from motcua.feedback.tests.conftest import World, at

HUGE = str(2**70)


@pytest.fixture
def key(world: World) -> str:
    value = new_key()
    row = ApiKey(name="Ứng dụng thử")
    row.set_key(value)
    row.save()
    return value


@pytest.mark.parametrize(
    "query", [f"offset={HUGE}", f"limit={HUGE}", "limit=0", "limit=101", "offset=-1", "limit=x"]
)
def test_api_pagination_out_of_bounds_is_a_4xx(world: World, query: str) -> None:
    response = Client().get(f"/api/v1/pakn?{query}")
    assert response.status_code == 422


def test_api_limit_is_capped_at_100(world: World) -> None:
    assert Client().get("/api/v1/pakn?limit=100").status_code == 200


@pytest.mark.parametrize("url", ["/api/v1/pakn/%00", "/api/v1/pakn?kind=%00", "/api/v1/pakn?q=%00"])
def test_api_nul_bytes_are_a_400_in_json(world: World, url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 400
    assert "không hợp lệ" in response.json()["detail"]


def test_api_unknown_code_is_a_vietnamese_404(world: World) -> None:
    response = Client().get("/api/v1/pakn/PAKN-0")
    assert response.status_code == 404 and response.json() == {"detail": "Không tìm thấy."}


def test_openapi_schema_lists_the_refusals() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    listing = schema["paths"]["/api/v1/pakn"]["get"]["responses"]
    detail = schema["paths"]["/api/v1/pakn/{code}"]["get"]["responses"]
    assert {"400", "422"} <= set(listing) and {"400", "404", "422"} <= set(detail)
    limit = next(
        p for p in schema["paths"]["/api/v1/pakn"]["get"]["parameters"] if p["name"] == "limit"
    )
    assert limit["schema"]["maximum"] == 100


@pytest.mark.parametrize(
    "query",
    [
        "jurisdiction_id=%00",
        "start_date=2026-13-01",
        "start_date=2026-03-02T25:00:00",
        "start_date=2026-03-02T09:00:00%2B99:00",
        "end_date=9999-12-31",
        "start_date=0001-01-01",
        "start_date=9999-12-31T23:59:59",
        "end_date=0001-01-01T00:00:00",
        "service_code=%00",
    ],
)
def test_open311_bad_queries_are_error_documents(world: World, query: str) -> None:
    url = "services" if query.startswith("jurisdiction") else "requests"
    response = Client().get(f"{BASE}/{url}.json?{query}")
    assert response.status_code in (400, 404)
    assert response.json()[0]["code"] == response.status_code
    assert response.json()[0]["description"]
    xml = Client().get(f"{BASE}/{url}.xml?{query}")
    assert ET.fromstring(xml.content).tag == "errors"


@pytest.mark.parametrize(
    "field",
    [
        {"phone": "0" * 50},
        {"first_name": "A" * 300},
        {"email": "a" * 290 + "@example.vn"},
        {"address_string": "x" * 600},
        {"description": "x" * 10001},
        {"email": "khong-phai-email"},
        {"description": "Có ký tự \x00 lạ"},
        {"jurisdiction_id": "\x00"},
    ],
)
def test_open311_post_bad_values_are_400_and_store_nothing(
    world: World, key: str, field: dict[str, str]
) -> None:
    response = _post(key, **field)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert response.json()[0]["code"] == 400  # type: ignore[attr-defined]
    assert not Pakn.objects.exists()


def test_open311_oversized_body_is_an_error_document(world: World, key: str, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = _post(key, description="x" * 20_000)
    assert response.status_code == 413  # type: ignore[attr-defined]
    assert response.json()[0]["code"] == 413  # type: ignore[attr-defined]
    assert not Pakn.objects.exists()


def test_open311_end_date_includes_the_second_shown(world: World, key: str, clock) -> None:  # type: ignore[no-untyped-def]
    clock.set(at(2026, 3, 2, 9, 0) + dt.timedelta(microseconds=654_321))
    code = _post(key).json()[0]["service_request_id"]  # type: ignore[attr-defined]
    shown = Client().get(f"{BASE}/requests/{code}.json").json()[0]["requested_datetime"]
    assert shown == "2026-03-02T09:00:00+07:00"
    end = shown.replace("+", "%2B")
    url = f"{BASE}/requests.json?start_date=2026-03-01T00:00:00%2B07:00&end_date={end}"
    listed = Client().get(url).json()
    assert [r["service_request_id"] for r in listed] == [code]


def test_open311_wrong_method_and_unknown_address_are_error_documents(world: World) -> None:
    wrong = Client().delete(f"{BASE}/services.json")
    assert wrong.status_code == 405 and wrong.json()[0]["code"] == 405
    assert wrong["Allow"] == "GET"
    unknown = Client().get(f"{BASE}/khong-co.xml")
    assert unknown.status_code == 404
    assert ET.fromstring(unknown.content).findtext("error/code") == "404"
