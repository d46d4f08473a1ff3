"""The third-party client `georeport` (PyPI) against the running test server."""

import pytest
from georeport import GeoReport

from motcua.dossiers.tests.conftest import make_world
from motcua.feedback import workflow as wf
from motcua.feedback.tests.conftest import make_pakn

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_georeport_lists_services_and_reads_requests(live_server: object, fmt: str) -> None:
    w = make_world()
    open_one = make_pakn(w)
    answered = wf.pakn_answer(pakn=make_pakn(w), actor=w.handler, answer="Đã khắc phục.")
    closed = wf.pakn_publish(pakn=answered, actor=w.head, public_summary="Trễ hẹn.")
    client = GeoReport(f"{live_server.url}/open311/v2", output_format=fmt)  # type: ignore[attr-defined]

    services = client.get_service_list()
    assert [s["service_code"] for s in services] == ["regulation", "procedure", "conduct"]
    definition = client.get_service_definition("procedure")
    assert definition["service_code"] == "procedure"

    codes = {r["service_request_id"] for r in client.get_service_requests()}
    assert codes == {open_one.code, closed.code}
    only_closed = client.get_service_requests(status="closed")
    if isinstance(only_closed, dict):  # xmltodict gives a dict for a single element
        only_closed = [only_closed]
    assert [r["service_request_id"] for r in only_closed] == [closed.code]
    one = client.get_service_request(closed.code)
    assert one["status"] == "closed" and one["description"] == "Trễ hẹn."
