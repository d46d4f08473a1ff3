"""The citizen home and procedure pages serve cached catalog fragments, yet a catalog change
shows on the very next page load, and each visitor keeps their own CSRF token and language."""

import re

import pytest
from django.db import connection
from django.test import Client

from motcua.accounts.models import OrgUnit
from motcua.accounts.tests.factories import make_unit
from motcua.catalog import services
from motcua.catalog.models import ProcedureOffering, ProcedureVersion
from motcua.catalog.tests.factories import make_procedure
from motcua.portal.tests.conftest import World

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def procedure_url(version: ProcedureVersion) -> str:
    return f"/cong-dan/thu-tuc/{version.procedure_id}/"


def test_a_newly_published_version_shows_on_the_next_page_load(
    world: World, client: Client
) -> None:
    url = procedure_url(world.version)
    assert world.version.name in page(client, url)
    draft = services.version_new_draft(procedure=world.version.procedure)
    services.version_update(
        version=draft, changes={"name": "Đăng ký khai sinh (sửa đổi)", "result": "Giấy khai sinh"}
    )
    assert "Đăng ký khai sinh (sửa đổi)" not in page(client, url)  # a draft is not public
    services.version_publish(version=draft)
    shown = page(client, url)
    assert "Đăng ký khai sinh (sửa đổi)" in shown and "Giấy khai sinh" in shown
    assert "Phiên bản 2" in shown


def test_changed_offering_units_show_on_the_next_page_load(world: World, client: Client) -> None:
    url = procedure_url(world.version)
    assert "Xã, phường, đặc khu (2)" in page(client, url)
    added = make_unit("00009", parent=world.commune.parent, name="Xã Bình Mỹ")
    ProcedureOffering.objects.create(procedure=world.version.procedure, unit=added)
    assert "Xã Bình Mỹ" in page(client, url) and "Xã, phường, đặc khu (3)" in page(client, url)
    # A write outside the ORM (another server, a bulk load) is seen as well.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_orgunit SET name = %s WHERE id = %s", ["Xã Mới", added.pk])
    shown = page(client, url)
    assert "Xã Mới" in shown and "Xã Bình Mỹ" not in shown
    ProcedureOffering.objects.filter(unit=added).delete()
    assert "Xã Mới" not in page(client, url)


def test_a_procedure_deleted_is_gone_from_its_cached_page(world: World, client: Client) -> None:
    version = make_procedure(code="2.000001", name="Cấp giấy phép xây dựng", sector="Xây dựng")
    assert "Cấp giấy phép xây dựng" in page(client, procedure_url(version))
    version.procedure.delete()
    assert client.get(procedure_url(version)).status_code == 404


def test_a_sector_with_a_newly_published_procedure_shows_on_the_home_page(
    world: World, client: Client
) -> None:
    assert "Hộ tịch" in page(client, "/") and "Xây dựng" not in page(client, "/")
    version = make_procedure(code="2.000001", name="Cấp giấy phép xây dựng", sector="Xây dựng")
    assert "Xây dựng" in page(client, "/")
    ProcedureVersion.objects.filter(pk=version.pk).update(status="retired")
    assert "Xây dựng" not in page(client, "/")


def test_a_cached_page_costs_one_query_and_no_template_of_the_catalog(
    world: World, client: Client, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    page(client, procedure_url(world.version))
    page(client, "/")
    with django_assert_num_queries(1):  # the catalog stamp
        page(client, procedure_url(world.version))
    with django_assert_num_queries(1):
        page(client, "/")


def test_each_visitor_gets_their_own_csrf_token_on_a_cached_home_page(world: World) -> None:
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    tokens = [TOKEN.findall(page(client, "/")) for client in (first, second)]
    assert tokens[0] and tokens[1] and set(tokens[0]).isdisjoint(tokens[1])
    # The token on the page is this visitor's: the lookup form posts with it.
    code_form = {"code": "KHONG-CO", "factor": "1234", "csrfmiddlewaretoken": tokens[1][-1]}
    assert second.post("/tra-cuu/", code_form).status_code == 200
    assert first.post("/tra-cuu/", code_form).status_code == 403


def test_the_cached_fragments_follow_the_visitor_s_language(world: World) -> None:
    english, vietnamese = Client(), Client()
    english.post("/i18n/setlang/", {"language": "en", "next": "/"})
    for _ in range(2):  # the second time from the cache
        assert "Find an administrative procedure" in page(english, "/")
        assert "Tìm thủ tục hành chính" in page(vietnamese, "/")
        assert "Documents to submit" in page(english, procedure_url(world.version))
        assert "Thành phần hồ sơ" in page(vietnamese, procedure_url(world.version))


def test_a_unit_renamed_in_the_admin_shows_on_the_procedure_page(
    world: World, client: Client
) -> None:
    url = procedure_url(world.version)
    assert world.commune.name in page(client, url)
    unit = OrgUnit.objects.get(pk=world.commune.pk)
    unit.name = "Xã Thuận Bắc"
    unit.save()
    assert "Xã Thuận Bắc" in page(client, url)


@pytest.mark.django_db(transaction=True)
def test_a_change_committed_by_another_connection_shows_too(client: Client) -> None:
    """What another app server sees: the change is committed, not in this test's transaction."""
    version = make_procedure(name="Đăng ký khai sinh")
    url = procedure_url(version)
    assert "Đăng ký khai sinh" in page(client, url)
    ProcedureVersion.objects.filter(pk=version.pk).update(name="Đăng ký lại khai sinh")
    assert "Đăng ký lại khai sinh" in page(client, url)
