import pytest
from django.test import Client
from django.urls import reverse

from motcua.accounts.models import OrgUnit, UnitKind
from motcua.catalog.models import ProcedureCase, ProcedureFee, ProcedureOffering, TimeLimitUnit
from motcua.catalog.tests.factories import make_procedure

pytestmark = pytest.mark.django_db


def test_search_page_lists_matching_procedures(client: Client) -> None:
    make_procedure(code="1.000894", name="Thủ tục đăng ký kết hôn")
    make_procedure(code="1.001456", name="Cấp hộ chiếu", sector="Xuất nhập cảnh")
    page = client.get(reverse("catalog:search"), {"q": "dang ky ket hon"}).content.decode()
    assert "Thủ tục đăng ký kết hôn" in page
    assert "Cấp hộ chiếu" not in page
    assert '<label for="id_q">' in page


def test_detail_page_shows_every_part(client: Client) -> None:
    version = make_procedure(code="1.000894", name="Thủ tục đăng ký kết hôn", publish=False)
    version.cutoff_15h = True
    version.time_limit_text = "03 ngày làm việc"
    version.channels = ["counter", "online"]
    version.save()
    ProcedureFee.objects.create(version=version, name="Phí cấp bản sao", amount_vnd=8000, order=2)
    ProcedureCase.objects.create(
        version=version, name="Có yếu tố nước ngoài", time_limit_value=5,
        time_limit_unit=TimeLimitUnit.WORKING_DAYS,
    )  # fmt: skip
    from motcua.catalog.services import version_publish

    version_publish(version=version)
    unit = OrgUnit.objects.create(code="00001", name="Xã An Bình", kind=UnitKind.COMMUNE)
    ProcedureOffering.objects.create(procedure=version.procedure, unit=unit)
    page = client.get(reverse("catalog:detail", args=[version.procedure_id])).content.decode()
    for part in (
        "Thủ tục đăng ký kết hôn", "1.000894", "Hộ tịch", "Cấp xã", "Ủy ban nhân dân cấp xã",
        "Công dân Việt Nam", "Trực tiếp:", "Trực tuyến:", "3 ngày làm việc", "03 ngày làm việc",
        "sau 15 giờ", "Theo quy định của HĐND tỉnh", "8.000 đồng", "Tờ khai",
        '<th scope="col">Bản chính</th>', "Luật Hộ tịch số 60/2014/QH13", "Xã An Bình",
        "Có yếu tố nước ngoài", "Theo cấu hình của tỉnh",
    ):  # fmt: skip
        assert part in page, part


def test_draft_only_procedure_has_no_public_page(client: Client) -> None:
    version = make_procedure(publish=False)
    assert client.get(reverse("catalog:detail", args=[version.procedure_id])).status_code == 404
