"""Home, catalog and procedure pages of the portal, in Vietnamese and in English."""

import pytest
from django.test import Client

from motcua.catalog.models import OnlineLevel, ProcedureOffering
from motcua.catalog.tests.factories import make_procedure
from motcua.portal.tests.conftest import World


@pytest.fixture
def online(world: World):  # type: ignore[no-untyped-def]
    version = make_procedure(code="1.001193", name="Đăng ký khai sinh")
    type(version).objects.filter(pk=version.pk).update(online_level=OnlineLevel.FULL)
    ProcedureOffering.objects.create(procedure=version.procedure, unit=world.commune)
    return version


def test_home_has_the_procedure_search_and_the_dossier_lookup(world: World, client: Client) -> None:
    page = client.get("/").content.decode()
    assert 'action="/cong-dan/thu-tuc/"' in page and 'action="/tra-cuu/"' in page
    assert 'name="q"' in page and 'name="code"' in page and 'name="factor"' in page
    assert "Hộ tịch" in page  # sectors in use, linked to the catalog


def test_the_catalog_filters_by_sector_and_level(world: World, online, client: Client) -> None:  # type: ignore[no-untyped-def]
    make_procedure(
        code="2.000001", name="Cấp giấy phép xây dựng", sector="Xây dựng", level="province"
    )
    sector = online.procedure.sector
    by_sector = client.get(f"/cong-dan/thu-tuc/?sector={sector.pk}").content.decode()
    assert "Đăng ký khai sinh" in by_sector and "Cấp giấy phép xây dựng" not in by_sector
    by_level = client.get("/cong-dan/thu-tuc/?level=province").content.decode()
    assert "Cấp giấy phép xây dựng" in by_level and "Đăng ký khai sinh" not in by_level
    found = client.get("/cong-dan/thu-tuc/?q=khai+sinh").content.decode()
    assert f'href="/cong-dan/thu-tuc/{online.procedure.pk}/"' in found


def test_a_procedure_offered_online_shows_its_parts_and_the_online_filing_button(
    world: World,
    online,
    client: Client,  # type: ignore[no-untyped-def]
) -> None:
    page = client.get(f"/cong-dan/thu-tuc/{online.procedure.pk}/").content.decode()
    for part in ("Thành phần hồ sơ", "Tờ khai", "Phí, lệ phí", "Căn cứ pháp lý",
                 "Thời hạn giải quyết", "Toàn trình", world.commune.name):  # fmt: skip
        assert part in page
    assert f'href="/nop-truc-tuyen/{online.procedure.pk}/"' in page and "Nộp trực tuyến" in page


def test_a_procedure_not_offered_online_has_no_filing_button(world: World, client: Client) -> None:
    procedure = world.version.procedure
    page = client.get(f"/cong-dan/thu-tuc/{procedure.pk}/").content.decode()
    assert "Thành phần hồ sơ" in page and f"/nop-truc-tuyen/{procedure.pk}/" not in page


def test_the_staff_catalog_page_still_shows_every_part(world: World, client: Client) -> None:
    page = client.get(f"/thu-tuc/{world.version.procedure.pk}/").content.decode()
    assert "Thành phần hồ sơ" in page and "Luật Hộ tịch số 60/2014/QH13" in page


def test_the_english_switch_turns_the_portal_into_english(
    world: World,
    online,
    client: Client,  # type: ignore[no-untyped-def]
) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    page = response.content.decode()
    assert '<html lang="en">' in page and "Track a dossier" in page
    assert "Find an administrative procedure" in page and "Tra cứu hồ sơ" not in page
    detail = client.get(f"/cong-dan/thu-tuc/{online.procedure.pk}/").content.decode()
    assert "Documents to submit" in detail and "Apply online" in detail
    assert "Fully online" in detail
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert "Tra cứu hồ sơ" in client.get("/").content.decode()


def test_the_status_page_speaks_english_too(world: World, client: Client) -> None:
    from motcua.dossiers.printing import status_url_for
    from motcua.portal.tests.conftest import received

    dossier = received(world)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(status_url_for(dossier, "http://testserver/"), follow=True).content
    text = page.decode()
    assert "Dossier status" in text and "Received" in text and "Dossier received" in text
    assert "Được tiếp nhận" not in text
